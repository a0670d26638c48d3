// The processes of one scan run by several (under MPI: mpi_peers.h).
//
// The inputs are cut into batches (CorpusPieces: runs of files, byte ranges
// of JSON Lines files); batch b belongs to process b mod N, which alone
// reads it and extracts its claims. The others send what they keep of each
// article (peer_messages.h: report entry, clustering evidence, claims
// without their text) to process 0, which joins the batches in input order
// and does everything else a scan on its own does: clustering, comparison
// and the report. Article bodies never travel, and the report is the same
// bytes whatever N is.
#ifndef PARALLAX_SCAN_PEERS_H_
#define PARALLAX_SCAN_PEERS_H_

#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace parallax {

class ScanPeers {
 public:
  virtual ~ScanPeers() = default;

  virtual int rank() const = 0;   // this process, 0 to ranks() - 1
  virtual int ranks() const = 0;  // how many share the scan

  // A message to process `to`: from the others to process 0, each batch's
  // records and then what comparing clusters found; from process 0, clusters
  // to compare. Messages between two processes arrive in the order sent.
  // May return before `to` has received it.
  virtual absl::Status Send(int to, std::string bytes) = 0;
  // The next message process `from` sent this process.
  virtual absl::StatusOr<std::string> Receive(int from) = 0;
  // On process 0: where it is now (before each batch in turn, which
  // articles it holds and whose it is), for a job that stops meanwhile.
  virtual void NowAt(const std::string& where) = 0;
  // Called by every process at once: fails, on a process whose `value`
  // differs from process 0's, saying what differs. Processes that read other
  // inputs, in other batches or with other rules would send records that do
  // not belong to process 0's articles.
  virtual absl::Status CheckSame(std::string_view what, const std::string& value) = 0;
  // Returns when every message this process sent has been delivered.
  virtual absl::Status FinishSending() = 0;
};

}  // namespace parallax

#endif  // PARALLAX_SCAN_PEERS_H_
