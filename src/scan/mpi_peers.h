// The processes an MPI launcher (mpirun, mpiexec, Slurm's srun) started, as
// the peers of one scan (peers.h).
//
// Without a launcher nothing of MPI is touched, so the same binary runs on
// its own as ever; a binary built without MPI says so when launched by one.
#ifndef PARALLAX_SCAN_MPI_PEERS_H_
#define PARALLAX_SCAN_MPI_PEERS_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "scan/peers.h"

namespace parallax {

// Whether this binary was built with MPI.
bool BuiltWithMpi();

// Whether an MPI launcher started this process, from the environment it set.
bool StartedByMpiLauncher();

class MpiPeers : public ScanPeers {
 public:
  // Initialises MPI; fails when the binary was built without it.
  static absl::StatusOr<std::unique_ptr<MpiPeers>> Start();
  ~MpiPeers() override;  // finalises MPI

  int rank() const override { return rank_; }
  int ranks() const override { return ranks_; }
  // How many of the processes run on this machine, this one included.
  int ranks_here() const { return ranks_here_; }
  // The bytes of the messages this process received and sent.
  uint64_t bytes_received() const { return bytes_received_; }
  uint64_t bytes_sent() const { return bytes_sent_; }

  absl::Status Send(int to, std::string bytes) override;
  // A job the launcher stops (another process died) makes process 0 say
  // where it was: at a batch, the first whose records it did not have.
  void NowAt(const std::string& where) override;
  absl::StatusOr<std::string> Receive(int from) override;
  absl::Status FinishSending() override;
  absl::Status CheckSame(std::string_view what, const std::string& value) override;

  // Ends every process of the job with `code`: a process that cannot go on
  // must not leave the others waiting for its batches.
  [[noreturn]] void Abort(int code);

 private:
  struct Sending;
  MpiPeers(int rank, int ranks, int ranks_here);

  int rank_, ranks_, ranks_here_;
  uint64_t bytes_received_ = 0;
  uint64_t bytes_sent_ = 0;
  std::unique_ptr<Sending> sending_;
};

}  // namespace parallax

#endif  // PARALLAX_SCAN_MPI_PEERS_H_
