// Early-return helpers for absl::Status and absl::StatusOr.
//
// Debian 12's Abseil (20220623) predates absl/status/status_macros.h, so
// Parallax carries its own two macros with the same meaning.
//
//   PARALLAX_RETURN_IF_ERROR(WriteFile(path, text));
//   PARALLAX_ASSIGN_OR_RETURN(std::string body, ReadFile(path, limit));
#ifndef PARALLAX_UTIL_STATUS_MACROS_H_
#define PARALLAX_UTIL_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define PARALLAX_RETURN_IF_ERROR(expr)      \
  do {                                      \
    absl::Status parallax_status_ = (expr); \
    if (!parallax_status_.ok()) {           \
      return parallax_status_;              \
    }                                       \
  } while (false)

#define PARALLAX_STATUS_CONCAT_INNER_(a, b) a##b
#define PARALLAX_STATUS_CONCAT_(a, b) PARALLAX_STATUS_CONCAT_INNER_(a, b)

#define PARALLAX_ASSIGN_OR_RETURN(lhs, expr) \
  PARALLAX_ASSIGN_OR_RETURN_IMPL_(PARALLAX_STATUS_CONCAT_(parallax_statusor_, __LINE__), lhs, expr)

#define PARALLAX_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                                    \
  if (!statusor.ok()) {                                      \
    return std::move(statusor).status();                     \
  }                                                          \
  lhs = *std::move(statusor)

#endif  // PARALLAX_UTIL_STATUS_MACROS_H_
