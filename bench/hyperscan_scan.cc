#include "hyperscan_scan.h"

#include <hs.h>

#include <chrono>
#include <fstream>
#include <iterator>

namespace parallax {
namespace {

// RE2's \w and \b are ASCII, as without HS_FLAG_UCP; UTF-8 keeps multi-byte
// literals (curly quotes, accented names) whole.
constexpr unsigned kFlags = HS_FLAG_CASELESS | HS_FLAG_UTF8 | HS_FLAG_ALLOWEMPTY;

double Seconds(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

hs_database_t* Load(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return nullptr;
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  hs_database_t* db = nullptr;
  if (hs_deserialize_database(bytes.data(), bytes.size(), &db) != HS_SUCCESS) return nullptr;
  return db;
}

void Save(hs_database_t* db, const std::string& file) {
  char* bytes = nullptr;
  size_t size = 0;
  if (hs_serialize_database(db, &bytes, &size) != HS_SUCCESS) return;
  std::ofstream(file, std::ios::binary).write(bytes, static_cast<std::streamsize>(size));
  free(bytes);
}

}  // namespace

HyperscanFigures HyperscanScan(const std::vector<std::string>& patterns,
                               const std::vector<std::string_view>& texts,
                               const std::string& cache_file) {
  HyperscanFigures out;
  out.patterns = static_cast<int>(patterns.size());
  const std::string rejected_file = cache_file + ".rejected";
  hs_database_t* db = Load(cache_file);
  if (db != nullptr) {
    std::ifstream(rejected_file) >> out.rejected;
  } else {
    const auto start = std::chrono::steady_clock::now();
    // Each pattern alone first: Hyperscan rejects the whole set for one
    // pattern it cannot take.
    std::vector<const char*> accepted;
    for (const std::string& p : patterns) {
      hs_database_t* one = nullptr;
      hs_compile_error_t* error = nullptr;
      if (hs_compile(p.c_str(), kFlags, HS_MODE_BLOCK, nullptr, &one, &error) == HS_SUCCESS) {
        accepted.push_back(p.c_str());
        hs_free_database(one);
      } else {
        ++out.rejected;
        hs_free_compile_error(error);
      }
    }
    const std::vector<unsigned> flags(accepted.size(), kFlags);
    std::vector<unsigned> ids(accepted.size());
    for (size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<unsigned>(i);
    hs_compile_error_t* error = nullptr;
    if (accepted.empty() || hs_compile_multi(accepted.data(), flags.data(), ids.data(),
                                             static_cast<unsigned>(accepted.size()), HS_MODE_BLOCK,
                                             nullptr, &db, &error) != HS_SUCCESS) {
      out.error = error != nullptr ? error->message : "no pattern compiles";
      if (error != nullptr) hs_free_compile_error(error);
      return out;
    }
    out.compile_seconds = Seconds(start);
    Save(db, cache_file);
    std::ofstream(rejected_file) << out.rejected;
  }
  hs_scratch_t* scratch = nullptr;
  if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) {
    hs_free_database(db);
    out.error = "hs_alloc_scratch failed";
    return out;
  }
  const auto on_match = [](unsigned, unsigned long long, unsigned long long, unsigned,
                           void* context) -> int {
    ++*static_cast<double*>(context);
    return 0;  // go on
  };
  const auto start = std::chrono::steady_clock::now();
  for (std::string_view text : texts) {
    out.bytes += static_cast<double>(text.size());
    hs_scan(db, text.data(), static_cast<unsigned>(text.size()), 0, scratch, on_match,
            &out.matches);
  }
  out.scan_seconds = Seconds(start);
  hs_free_scratch(scratch);
  hs_free_database(db);
  return out;
}

}  // namespace parallax
