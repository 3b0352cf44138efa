//===- NpyHeader.h - The header dictionary of a .npy file -------*- C++ -*-===//

#ifndef KILN_TOOLS_KILNRUN_NPYHEADER_H
#define KILN_TOOLS_KILNRUN_NPYHEADER_H

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kiln::run {

/// The Python dict literal after a .npy file's magic, e.g.
/// {'descr': '<f4', 'fortran_order': False, 'shape': (2, 4), }
struct NpyHeader {
  std::string descr;
  bool fortranOrder = false;
  std::vector<int64_t> shape;
};

/// Parses the dict; all three keys are required and no others are allowed.
/// Throws ToolError naming `source`.
NpyHeader parseNpyHeader(std::string_view text, const std::string &source);

/// The dict literal NumPy itself writes, without padding.
std::string formatNpyHeader(const NpyHeader &header);

} // namespace kiln::run

#endif // KILN_TOOLS_KILNRUN_NPYHEADER_H
