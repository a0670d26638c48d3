#include <cstdio>
#include <filesystem>
#include <string>

#include "cli/commands.h"

namespace parallax::cli {

std::string DefaultRulesDir() {
  std::error_code error;
  if (std::filesystem::is_directory("rules", error)) return "rules";
  return PARALLAX_INSTALLED_RULES_DIR;
}

int Usage(const std::string& message, const char* help_command) {
  std::fprintf(stderr, "parallax: %s\nRun 'parallax help%s%s' for usage.\n", message.c_str(),
               help_command[0] ? " " : "", help_command);
  return kUsage;
}

}  // namespace parallax::cli
