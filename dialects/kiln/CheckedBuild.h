//===- CheckedBuild.h - Build kiln ops without asserting on bad input -----===//
//
// The generated builders of ops with inferred result types abort when the
// inference fails. Frontends build ops from user input, so they go through
// buildChecked instead: it infers the result types, reports inference and
// verification errors as diagnostics, and fails without leaving an op behind.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_DIALECTS_KILN_CHECKEDBUILD_H
#define KILN_DIALECTS_KILN_CHECKEDBUILD_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Verifier.h"

namespace kiln {

/// Builds `OpTy` at the builder's insertion point and returns its first
/// result, or fails (after a diagnostic at `location`).
template <typename OpTy>
mlir::FailureOr<mlir::Value>
buildChecked(mlir::OpBuilder &builder, mlir::Location location,
             mlir::ValueRange operands,
             llvm::ArrayRef<mlir::NamedAttribute> attributes = {}) {
  mlir::MLIRContext *context = builder.getContext();
  mlir::OperationState state(location, OpTy::getOperationName());
  state.addOperands(operands);
  state.addAttributes(attributes);
  mlir::DictionaryAttr dictionary = state.attributes.getDictionary(context);
  if constexpr (OpTy::hasProperties()) {
    auto &properties = state.getOrAddProperties<typename OpTy::Properties>();
    if (failed(OpTy::setPropertiesFromAttr(
            properties, dictionary, [&] { return mlir::emitError(location); })))
      return mlir::failure();
    OpTy::populateDefaultProperties(state.name, properties);
  }
  llvm::SmallVector<mlir::Type, 1> types;
  if (failed(OpTy::inferReturnTypes(context, location, state.operands,
                                    dictionary, state.getRawProperties(),
                                    state.regions, types)))
    return mlir::failure();
  state.addTypes(types);
  mlir::Operation *op = builder.create(state);
  if (failed(mlir::verify(op))) {
    op->erase();
    return mlir::failure();
  }
  return op->getResult(0);
}

} // namespace kiln

#endif // KILN_DIALECTS_KILN_CHECKEDBUILD_H
