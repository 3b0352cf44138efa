//===- ToolError.h - Errors kiln-run reports and exits on -------*- C++ -*-===//

#ifndef KILN_TOOLS_KILNRUN_TOOLERROR_H
#define KILN_TOOLS_KILNRUN_TOOLERROR_H

#include <stdexcept>
#include <string>

namespace kiln::run {

/// An error that ends kiln-run with its message and exit code 1.
class ToolError : public std::runtime_error {
public:
  explicit ToolError(const std::string &message)
      : std::runtime_error(message) {}
};

} // namespace kiln::run

#endif // KILN_TOOLS_KILNRUN_TOOLERROR_H
