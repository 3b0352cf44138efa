//===- KnownInts.cpp - Integer tensors known while importing --------------===//

#include "compiler/frontend/onnx/KnownInts.h"

using namespace mlir;

namespace kiln::onnx_import {

std::optional<KnownInts> KnownInts::fromAttr(DenseElementsAttr value) {
  auto type = cast<RankedTensorType>(value.getType());
  if (!type.getElementType().isInteger() ||
      value.getNumElements() > static_cast<int64_t>(kMaxElements))
    return std::nullopt;
  KnownInts known;
  known.shape.assign(type.getShape().begin(), type.getShape().end());
  known.elementType = type.getElementType();
  for (const APInt &element : value.getValues<APInt>())
    known.elements.push_back(SymbolicInt::constant(
        type.getElementType().isInteger(1) ? element.getZExtValue()
                                           : element.getSExtValue()));
  return known;
}

KnownInts KnownInts::vector(llvm::ArrayRef<SymbolicInt> elements,
                            Type elementType) {
  KnownInts known;
  known.shape = {static_cast<int64_t>(elements.size())};
  known.elements.assign(elements.begin(), elements.end());
  known.elementType = elementType;
  return known;
}

bool KnownInts::isStatic() const {
  return llvm::all_of(elements,
                      [](const SymbolicInt &e) { return e.isConstant(); });
}

std::optional<llvm::SmallVector<int64_t>> KnownInts::values() const {
  if (!isStatic())
    return std::nullopt;
  llvm::SmallVector<int64_t> result;
  for (const SymbolicInt &element : elements)
    result.push_back(element.coefficient);
  return result;
}

DenseElementsAttr KnownInts::toAttr() const {
  std::optional<llvm::SmallVector<int64_t>> ints = values();
  if (!ints)
    return nullptr;
  auto type = RankedTensorType::get(shape, elementType);
  unsigned width = elementType.getIntOrFloatBitWidth();
  llvm::SmallVector<APInt> bits;
  for (int64_t v : *ints)
    bits.push_back(APInt(width, static_cast<uint64_t>(v), /*isSigned=*/true,
                         /*implicitTrunc=*/true));
  return DenseElementsAttr::get(type, bits);
}

} // namespace kiln::onnx_import
