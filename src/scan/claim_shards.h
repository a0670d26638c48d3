// Claims made elsewhere: the claims stream of a corpus (`parallax extract`
// output) in shards, as another engine writes it (Spark's `pipe`, Hadoop
// streaming: one shard per partition), read back so that a scan clusters and
// compares without extracting again.
//
// Opening the shards indexes them, a pass that keeps per article only where
// its lines are; a scan then loads one article's claims at a time. Each
// article's claims are one run of lines in one shard, as `parallax extract`
// writes them.
#ifndef PARALLAX_SCAN_CLAIM_SHARDS_H_
#define PARALLAX_SCAN_CLAIM_SHARDS_H_

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "extract/claim.h"
#include "ingest/article.h"

namespace parallax {

class ClaimShards {
 public:
  // `paths` are shard files, or folders whose files (not hidden ones) are all
  // shards, in path order. A line that is not a claim, or a run of an
  // article's claims apart from its first, becomes a problem naming the
  // shard and line, and is not read; a shard that cannot be read fails.
  static absl::StatusOr<std::unique_ptr<ClaimShards>> Open(const std::vector<std::string>& paths,
                                                           std::vector<Problem>* problems);
  ~ClaimShards();
  ClaimShards(const ClaimShards&) = delete;
  ClaimShards& operator=(const ClaimShards&) = delete;

  // The claims of `article`, none when the shards hold none. Fails, naming
  // the shard and line, when a claim does not fit the article's body: its
  // offsets outside it, or its text not the body's bytes there. Thread-safe.
  absl::StatusOr<std::vector<Claim>> Load(const Article& article) const;

  // Problems for the articles whose claims are in the shards but that no
  // Load asked for: claims of articles the corpus does not have.
  std::vector<Problem> Unused() const;

 private:
  struct Run {
    uint32_t shard;
    int first_line;
    uint64_t offset, bytes;
  };
  ClaimShards() = default;

  std::vector<std::string> paths_;
  std::vector<int> fds_;
  absl::flat_hash_map<std::string, uint32_t> run_of_;  // article id -> runs_
  std::vector<Run> runs_;
  std::unique_ptr<std::atomic<bool>[]> used_;  // by run
};

}  // namespace parallax

#endif  // PARALLAX_SCAN_CLAIM_SHARDS_H_
