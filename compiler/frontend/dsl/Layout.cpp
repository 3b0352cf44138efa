//===- Layout.cpp - Image layouts of the model language -------------------===//

#include "compiler/frontend/dsl/Layout.h"

using namespace kiln::dsl;

llvm::SmallVector<int64_t>
kiln::dsl::nhwcShapeOf(llvm::ArrayRef<int64_t> nchwShape) {
  llvm::SmallVector<int64_t> shape;
  for (int64_t p : kNchwToNhwc)
    shape.push_back(nchwShape[p]);
  return shape;
}
