//===- Types.cpp - Tensor types of the model language ---------------------===//

#include "compiler/frontend/dsl/Types.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace kiln::dsl {

Type getElementType(MLIRContext &context, llvm::StringRef name) {
  Builder builder(&context);
  return llvm::StringSwitch<Type>(name)
      .Case("f32", builder.getF32Type())
      .Case("f64", builder.getF64Type())
      .Case("i32", builder.getI32Type())
      .Case("i64", builder.getI64Type())
      .Case("bool", builder.getI1Type())
      .Default(Type());
}

RankedTensorType getTensorType(MLIRContext &context, const TypeSpec &spec) {
  SmallVector<int64_t> shape;
  for (const DimSpec &dim : spec.dims)
    shape.push_back(dim.isNamed() ? ShapedType::kDynamic : dim.size);
  return RankedTensorType::get(shape,
                               getElementType(context, spec.elementType));
}

bool matchesSpec(RankedTensorType type, const TypeSpec &spec) {
  if (type.getElementType() !=
          getElementType(*type.getContext(), spec.elementType) ||
      type.getRank() != static_cast<int64_t>(spec.dims.size()))
    return false;
  for (auto [dim, declared] : llvm::zip(type.getShape(), spec.dims)) {
    if (declared.isNamed() ? !ShapedType::isDynamic(dim) : dim != declared.size)
      return false;
  }
  return true;
}

static void printElementType(Type type, llvm::raw_ostream &os) {
  if (type.isInteger(1))
    os << "bool";
  else
    os << type;
}

std::string formatType(Type type) {
  std::string text;
  llvm::raw_string_ostream os(text);
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor) {
    os << type;
    return text;
  }
  printElementType(tensor.getElementType(), os);
  os << "[";
  llvm::interleaveComma(tensor.getShape(), os, [&](int64_t dim) {
    if (ShapedType::isDynamic(dim))
      os << "?";
    else
      os << dim;
  });
  os << "]";
  return text;
}

std::string formatTypeSpec(const TypeSpec &spec) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << spec.elementType << "[";
  llvm::interleaveComma(spec.dims, os, [&](const DimSpec &dim) {
    if (dim.isNamed())
      os << dim.name;
    else
      os << dim.size;
  });
  os << "]";
  return text;
}

} // namespace kiln::dsl
