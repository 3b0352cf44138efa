//===- NpyHeader.h - The header dictionary of a .npy file -------*- C++ -*-===//

#ifndef KILN_TOOLS_KILNRUN_NPYHEADER_H
#define KILN_TOOLS_KILNRUN_NPYHEADER_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kiln::run {

/// A .npy file starts with this magic, two version bytes, the header
/// length, and the header dict padded so that the data is aligned.
inline constexpr char kNpyMagic[] = "\x93NUMPY";
inline constexpr size_t kNpyMagicSize = 6;
inline constexpr size_t kNpyHeaderAlignment = 64;

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

/// Everything a version 1.0 .npy file holds before its data: the magic,
/// the version, the header length and the padded dict.
std::string encodeNpyPreamble(const NpyHeader &header);

} // namespace kiln::run

#endif // KILN_TOOLS_KILNRUN_NPYHEADER_H
