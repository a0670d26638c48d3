#include "scan/mpi_peers.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <vector>

#include "util/strings.h"

#if PARALLAX_HAVE_MPI
// The C API only: the C++ bindings were removed from MPI 3 and do not build
// cleanly with warnings on.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>
#endif

namespace parallax {

bool StartedByMpiLauncher() {
  // Open MPI's mpirun, PMIx (Open MPI, srun --mpi=pmix), and the PMI of
  // MPICH's mpiexec and srun --mpi=pmi2.
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

#if PARALLAX_HAVE_MPI

namespace {

constexpr int kTag = 1;
// Messages to one process sent and not yet received that a process keeps
// before it waits: bounds its memory when it extracts faster than process 0
// receives.
constexpr size_t kMaxInFlight = 4;

// The batch process 0 is at, said by OnStop if the launcher stops the job
// meanwhile: a fixed buffer, as a signal handler may not allocate.
char stop_note[1024];
std::atomic<size_t> stop_note_size{0};

void OnStop(int signal) {
  if (const size_t size = stop_note_size.load(); size > 0) {
    [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, stop_note, size);
  }
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

void SetStopNote(const std::string& where) {
  stop_note_size.store(0);
  const std::string note = StrCat("parallax: the job stopped while process 0 was at ", where,
                                  "; no report was written\n");
  const size_t size = std::min(note.size(), sizeof stop_note);
  std::memcpy(stop_note, note.data(), size);
  stop_note_size.store(size);
}

}  // namespace

bool BuiltWithMpi() { return true; }

struct MpiPeers::Sending {
  struct Message {
    std::string bytes;
    MPI_Request request;
  };
  // Per process sent to; deques: the buffers never move.
  std::vector<std::deque<Message>> in_flight;
};

absl::StatusOr<std::unique_ptr<MpiPeers>> MpiPeers::Start() {
  int provided = 0;
  // Only the main thread calls MPI; worker threads only extract.
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  int rank = 0, ranks = 1, ranks_here = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  MPI_Comm here;
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank, MPI_INFO_NULL, &here);
  MPI_Comm_size(here, &ranks_here);
  MPI_Comm_free(&here);
  if (rank == 0) {
    std::signal(SIGTERM, OnStop);
    std::signal(SIGINT, OnStop);
  }
  return std::unique_ptr<MpiPeers>(new MpiPeers(rank, ranks, ranks_here));
}

MpiPeers::MpiPeers(int rank, int ranks, int ranks_here)
    : rank_(rank), ranks_(ranks), ranks_here_(ranks_here), sending_(new Sending) {
  sending_->in_flight.resize(static_cast<size_t>(ranks));
}

MpiPeers::~MpiPeers() {
  FinishSending().IgnoreError();
  MPI_Finalize();
}

absl::Status MpiPeers::Send(int to, std::string bytes) {
  if (bytes.size() > static_cast<size_t>(INT_MAX)) {
    return absl::ResourceExhaustedError(
        StrCat("a message of ", bytes.size(),
               " bytes is more than one MPI message holds; use a smaller --batch-bytes or "
               "--batch-articles"));
  }
  std::deque<Sending::Message>& in_flight = sending_->in_flight[static_cast<size_t>(to)];
  while (!in_flight.empty()) {
    int done = 0;
    MPI_Test(&in_flight.front().request, &done, MPI_STATUS_IGNORE);
    if (!done && in_flight.size() < kMaxInFlight) break;
    if (!done) MPI_Wait(&in_flight.front().request, MPI_STATUS_IGNORE);
    in_flight.pop_front();
  }
  bytes_sent_ += bytes.size();
  Sending::Message& message = in_flight.emplace_back();
  message.bytes = std::move(bytes);
  MPI_Isend(message.bytes.data(), static_cast<int>(message.bytes.size()), MPI_BYTE, to, kTag,
            MPI_COMM_WORLD, &message.request);
  return absl::OkStatus();
}

void MpiPeers::NowAt(const std::string& where) { SetStopNote(where); }

absl::StatusOr<std::string> MpiPeers::Receive(int from) {
  MPI_Status status;
  MPI_Probe(from, kTag, MPI_COMM_WORLD, &status);
  int size = 0;
  MPI_Get_count(&status, MPI_BYTE, &size);
  std::string bytes(static_cast<size_t>(size), '\0');
  MPI_Recv(bytes.data(), size, MPI_BYTE, from, kTag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  bytes_received_ += bytes.size();
  return bytes;
}

absl::Status MpiPeers::CheckSame(std::string_view what, const std::string& value) {
  unsigned long long size = value.size();
  MPI_Bcast(&size, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
  std::string first = rank_ == 0 ? value : std::string(size, '\0');
  MPI_Bcast(first.data(), static_cast<int>(size), MPI_BYTE, 0, MPI_COMM_WORLD);
  if (first == value) return absl::OkStatus();
  return absl::FailedPreconditionError(
      StrCat("this process and process 0 were given different ", what, ": ", value, " here, ",
             first, " there; every process must scan the same inputs with the same rules"));
}

absl::Status MpiPeers::FinishSending() {
  for (std::deque<Sending::Message>& in_flight : sending_->in_flight) {
    for (Sending::Message& message : in_flight) MPI_Wait(&message.request, MPI_STATUS_IGNORE);
    in_flight.clear();
  }
  return absl::OkStatus();
}

void MpiPeers::Abort(int code) {
  MPI_Abort(MPI_COMM_WORLD, code);
  std::_Exit(code);  // MPI_Abort does not return; this tells the compiler so
}

#else  // built without MPI

bool BuiltWithMpi() { return false; }

struct MpiPeers::Sending {};

absl::StatusOr<std::unique_ptr<MpiPeers>> MpiPeers::Start() {
  return absl::FailedPreconditionError(
      "this parallax was built without MPI (install libopenmpi-dev and build again), so it "
      "cannot share a scan with the other processes the MPI launcher started");
}

MpiPeers::~MpiPeers() = default;
absl::Status MpiPeers::Send(int, std::string) { return absl::UnimplementedError("no MPI"); }
void MpiPeers::NowAt(const std::string&) {}
absl::StatusOr<std::string> MpiPeers::Receive(int) { return absl::UnimplementedError("no MPI"); }
absl::Status MpiPeers::FinishSending() { return absl::OkStatus(); }
absl::Status MpiPeers::CheckSame(std::string_view, const std::string&) { return absl::OkStatus(); }
void MpiPeers::Abort(int code) { std::_Exit(code); }

#endif

}  // namespace parallax
