//===- Options.h - kiln-run's command line ----------------------*- C++ -*-===//

#ifndef KILN_TOOLS_KILNRUN_OPTIONS_H
#define KILN_TOOLS_KILNRUN_OPTIONS_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiln::run {

/// `--input NAME=FILE.npy`.
struct InputFile {
  std::string name;
  std::string path;
};

struct Options {
  std::string artifactPath;
  std::optional<std::string> functionName;
  std::vector<InputFile> inputFiles;
  std::optional<int64_t> batch;
  uint64_t seed = 0;
  std::string outputDir = ".";
  std::optional<int64_t> benchRuns;
  /// Threads of the runtime's pool; unset: kiln_get_num_threads's default.
  std::optional<int64_t> threads;
  bool list = false;
  bool help = false;
};

/// Parses the arguments after the program name. Throws ToolError.
Options parseOptions(const std::vector<std::string> &arguments);

/// The text `--help` prints.
std::string usageText();

} // namespace kiln::run

#endif // KILN_TOOLS_KILNRUN_OPTIONS_H
