//===- KilnMathOps.cpp - Verifiers of elementwise math ops ----------------===//

#include "dialects/kiln/KilnOps.h"

using namespace mlir;
using namespace kiln;

LogicalResult CeluOp::verify() {
  if (getAlpha().isZero())
    return emitOpError("alpha must not be zero");
  return success();
}
