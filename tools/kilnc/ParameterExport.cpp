//===- ParameterExport.cpp - Parameters as .npy files ---------------------===//

#include "tools/kilnc/ParameterExport.h"
#include "tools/kilnc/AtomicOutput.h"

#include "dialects/kiln/KilnOps.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace mlir;
using namespace llvm;

namespace kiln {

/// NumPy format 1.0: magic, version, header length, a dict padded to 64.
static std::string npyHeader(RankedTensorType type) {
  std::string shape = "(";
  for (int64_t d : type.getShape())
    shape += std::to_string(d) + ", ";
  if (type.getRank() > 1)
    shape.erase(shape.size() - 2);
  else if (type.getRank() == 1)
    shape.erase(shape.size() - 1);
  shape += ")";
  std::string descr = type.getElementType().isF64() ? "<f8" : "<f4";
  std::string dict = "{'descr': '" + descr +
                     "', 'fortran_order': False, 'shape': " + shape + ", }";
  size_t total = 10 + dict.size() + 1;
  dict.append((64 - total % 64) % 64, ' ');
  dict.push_back('\n');
  std::string header("\x93NUMPY\x01\x00", 8);
  header.push_back(static_cast<char>(dict.size() & 0xff));
  header.push_back(static_cast<char>(dict.size() >> 8));
  return header + dict;
}

Error exportParameters(ModuleOp module, StringRef directory) {
  if (std::error_code ec = sys::fs::create_directories(directory))
    return createStringError(ec, "cannot create '" + directory +
                                     "': " + ec.message());
  Error result = Error::success();
  module.walk([&](ConstantOp op) {
    auto name = op->getAttrOfType<StringAttr>("kiln.name");
    auto values = dyn_cast<DenseElementsAttr>(op.getValue());
    if (!name || !values || result)
      return;
    auto type = cast<RankedTensorType>(values.getType());
    if (!type.getElementType().isF32() && !type.getElementType().isF64())
      return;
    std::string file = name.str();
    std::replace(file.begin(), file.end(), '/', '.');
    SmallString<256> path(directory);
    sys::path::append(path, file + ".npy");
    result = writeAtomically(path, [&](raw_pwrite_stream &os) {
      os << npyHeader(type);
      if (type.getElementType().isF32())
        for (float v : values.getValues<float>())
          os.write(reinterpret_cast<const char *>(&v), sizeof v);
      else
        for (double v : values.getValues<double>())
          os.write(reinterpret_cast<const char *>(&v), sizeof v);
      return Error::success();
    });
  });
  return result;
}

} // namespace kiln
