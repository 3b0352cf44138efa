//===- ParameterExport.cpp - Parameters as .npy files ---------------------===//

#include "tools/kilnc/ParameterExport.h"
#include "tools/kiln-run/NpyHeader.h"
#include "tools/kilnc/AtomicOutput.h"

#include "dialects/kiln/KilnOps.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace mlir;
using namespace llvm;

namespace kiln {

static std::string npyPreamble(RankedTensorType type) {
  run::NpyHeader header;
  header.descr = type.getElementType().isF64() ? "<f8" : "<f4";
  header.shape.assign(type.getShape().begin(), type.getShape().end());
  return run::encodeNpyPreamble(header);
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
      os << npyPreamble(type);
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
