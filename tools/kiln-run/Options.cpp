//===- Options.cpp - kiln-run's command line ------------------------------===//

#include "Options.h"

#include "ToolError.h"

#include <cerrno>
#include <cstdlib>

namespace kiln::run {
namespace {

uint64_t parseUnsigned(const std::string &option, const std::string &text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos)
    throw ToolError(option + " expects a non-negative integer, got '" + text +
                    "'");
  errno = 0;
  unsigned long long value = std::strtoull(text.c_str(), nullptr, 10);
  if (errno == ERANGE)
    throw ToolError(option + " value '" + text + "' is too large");
  return value;
}

int64_t parsePositive(const std::string &option, const std::string &text) {
  uint64_t value = parseUnsigned(option, text);
  if (value < 1 || value > static_cast<uint64_t>(INT64_MAX))
    throw ToolError(option + " expects a positive integer, got '" + text + "'");
  return static_cast<int64_t>(value);
}

InputFile parseInputFile(const std::string &text) {
  size_t equals = text.find('=');
  if (equals == std::string::npos || equals == 0 || equals + 1 == text.size())
    throw ToolError("--input expects NAME=FILE.npy, got '" + text + "'");
  return InputFile{text.substr(0, equals), text.substr(equals + 1)};
}

/// Walks the arguments, splitting `--option=value` into option and value.
class ArgumentCursor {
public:
  explicit ArgumentCursor(const std::vector<std::string> &all)
      : arguments(all) {}

  bool done() const { return index >= arguments.size(); }

  /// The next argument; for `--option=value` only `--option`.
  std::string next() {
    const std::string &argument = arguments[index++];
    pendingValue.reset();
    size_t equals = argument.find('=');
    if (argument.rfind("--", 0) == 0 && equals != std::string::npos) {
      pendingValue = argument.substr(equals + 1);
      return argument.substr(0, equals);
    }
    return argument;
  }

  /// The value of `option`: after its '=' or the next argument.
  std::string value(const std::string &option) {
    if (pendingValue) {
      std::string result = *pendingValue;
      pendingValue.reset();
      return result;
    }
    if (done())
      throw ToolError(option + " expects a value");
    return arguments[index++];
  }

  /// Fails if `--flag=value` gave a value to an option that takes none.
  void expectNoValue(const std::string &option) const {
    if (pendingValue)
      throw ToolError(option + " takes no value");
  }

private:
  const std::vector<std::string> &arguments;
  size_t index = 0;
  std::optional<std::string> pendingValue;
};

} // namespace

Options parseOptions(const std::vector<std::string> &arguments) {
  Options options;
  std::vector<std::string> positional;
  ArgumentCursor cursor(arguments);
  while (!cursor.done()) {
    std::string argument = cursor.next();
    if (argument == "--function") {
      options.functionName = cursor.value(argument);
    } else if (argument == "--input") {
      options.inputFiles.push_back(parseInputFile(cursor.value(argument)));
    } else if (argument == "--batch") {
      options.batch = parsePositive(argument, cursor.value(argument));
    } else if (argument == "--seed") {
      options.seed = parseUnsigned(argument, cursor.value(argument));
    } else if (argument == "--output-dir") {
      options.outputDir = cursor.value(argument);
      if (options.outputDir.empty())
        throw ToolError("--output-dir expects a folder");
    } else if (argument == "--bench") {
      options.benchRuns = parsePositive(argument, cursor.value(argument));
    } else if (argument == "--threads") {
      options.threads = parsePositive(argument, cursor.value(argument));
      if (*options.threads > 256)
        throw ToolError("--threads expects at most 256, got " +
                        std::to_string(*options.threads));
    } else if (argument == "--list") {
      cursor.expectNoValue(argument);
      options.list = true;
    } else if (argument == "--help" || argument == "-h") {
      cursor.expectNoValue(argument);
      options.help = true;
    } else if (argument.size() > 1 && argument[0] == '-') {
      throw ToolError("unknown option '" + argument + "' (see --help)");
    } else {
      positional.push_back(argument);
    }
  }
  if (options.help)
    return options;
  if (positional.empty())
    throw ToolError("no artifact given (usage: kiln-run ARTIFACT.so "
                    "[options]; see --help)");
  if (positional.size() > 1)
    throw ToolError("expected one artifact, got '" + positional[0] + "' and '" +
                    positional[1] + "'");
  options.artifactPath = positional[0];
  return options;
}

std::string usageText() {
  return R"(usage: kiln-run ARTIFACT.so [options]

Calls a function of a Kiln shared-library artifact and writes its outputs
as .npy files.

options:
  --function NAME       function to call (default: the first in the manifest)
  --input NAME=FILE.npy read input NAME from a .npy file (repeatable); inputs
                        not given are uniform random values in [-1, 1]
  --batch N             batch size for random inputs (default: from a given
                        input's batch dimension, else 1)
  --seed S              seed for random inputs (default: 0)
  --output-dir DIR      where to write <output-name>.npy (default: .)
  --bench N             after one warm-up call, time N calls and print the
                        median and minimum latency
  --threads N           threads for the model's parallel loops (default: the
                        KILN_NUM_THREADS environment variable, else the
                        CPUs this process may run on)
  --list                print the artifact's functions and exit
  -h, --help            print this help
)";
}

} // namespace kiln::run
