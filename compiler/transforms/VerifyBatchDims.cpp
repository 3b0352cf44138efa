//===- VerifyBatchDims.cpp - Dynamic results must be the batch size -------===//

#include "compiler/transforms/Passes.h"

#include "mlir/Interfaces/ValueBoundsOpInterface.h"

namespace kiln {
#define GEN_PASS_DEF_VERIFYBATCHDIMS
#include "compiler/transforms/Passes.h.inc"
} // namespace kiln

using namespace mlir;

namespace {

using ValueDim = std::pair<Value, int64_t>;

SmallVector<ValueDim> dynamicDims(ValueRange values) {
  SmallVector<ValueDim> dims;
  for (Value value : values)
    if (auto type = dyn_cast<RankedTensorType>(value.getType()))
      for (int64_t d = 0; d < type.getRank(); ++d)
        if (type.isDynamicDim(d))
          dims.push_back({value, d});
  return dims;
}

bool isProvablyOneOf(ValueDim dim, ArrayRef<ValueDim> batchDims) {
  ValueBoundsConstraintSet::Variable var(dim.first, dim.second);
  return llvm::any_of(batchDims, [&](ValueDim batch) {
    FailureOr<bool> equal = ValueBoundsConstraintSet::areEqual(
        var, ValueBoundsConstraintSet::Variable(batch.first, batch.second));
    return succeeded(equal) && *equal;
  });
}

StringRef resultName(func::FuncOp func, unsigned index) {
  if (auto name = func.getResultAttrOfType<StringAttr>(index, "kiln.name"))
    return name.getValue();
  return "";
}

LogicalResult verifyFunction(func::FuncOp func) {
  SmallVector<ValueDim> batchDims = dynamicDims(func.getArguments());
  LogicalResult result = success();
  func.walk([&](func::ReturnOp ret) {
    for (auto [index, value] : llvm::enumerate(ret.getOperands())) {
      for (ValueDim dim : dynamicDims(value)) {
        if (isProvablyOneOf(dim, batchDims))
          continue;
        func.emitError("output ")
            << index << " ('" << resultName(func, index) << "') dimension "
            << dim.second
            << " is dynamic but not the batch size; every dynamic dimension "
               "of a Kiln entry point must be the batch size";
        result = failure();
      }
    }
  });
  return result;
}

struct VerifyBatchDimsPass
    : kiln::impl::VerifyBatchDimsBase<VerifyBatchDimsPass> {
  void runOnOperation() override {
    for (auto func : getOperation().getOps<func::FuncOp>())
      if (func.getSymName().starts_with("__kiln_impl_") &&
          failed(verifyFunction(func)))
        signalPassFailure();
  }
};

} // namespace
