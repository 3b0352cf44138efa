//===- TensorConversion.cpp - ONNX tensors and types as MLIR --------------===//

#include "compiler/frontend/onnx/TensorConversion.h"

#include "onnx/onnx_pb.h"

#include "mlir/IR/Builders.h"
#include "llvm/Support/Endian.h"

using namespace mlir;

namespace kiln::onnx_import {
namespace {

llvm::Error failure(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// Reads `count` little-endian values of type T from `raw`.
template <typename T>
std::vector<T> fromRawData(const std::string &raw, size_t count) {
  std::vector<T> values(count);
  for (size_t i = 0; i < count; ++i)
    values[i] = llvm::support::endian::read<T, llvm::endianness::little>(
        raw.data() + i * sizeof(T));
  return values;
}

/// Values stored in one of TensorProto's typed repeated fields.
template <typename T, typename Field>
std::vector<T> fromField(const Field &field) {
  return std::vector<T>(field.begin(), field.end());
}

template <typename T>
DenseElementsAttr denseOf(RankedTensorType type, const std::vector<T> &values) {
  return DenseElementsAttr::get(type, llvm::ArrayRef<T>(values));
}

} // namespace

Type elementType(int dataType, MLIRContext &context) {
  Builder b(&context);
  switch (dataType) {
  case onnx::TensorProto::FLOAT:
    return b.getF32Type();
  case onnx::TensorProto::DOUBLE:
    return b.getF64Type();
  case onnx::TensorProto::INT32:
    return b.getI32Type();
  case onnx::TensorProto::INT64:
    return b.getI64Type();
  case onnx::TensorProto::BOOL:
    return b.getI1Type();
  default:
    return nullptr;
  }
}

std::string dataTypeName(int dataType) {
  if (!onnx::TensorProto::DataType_IsValid(dataType))
    return "UNKNOWN(" + std::to_string(dataType) + ")";
  return onnx::TensorProto::DataType_Name(
      static_cast<onnx::TensorProto::DataType>(dataType));
}

llvm::Expected<RankedTensorType> tensorType(const onnx::TypeProto &type,
                                            MLIRContext &context) {
  if (!type.has_tensor_type())
    return failure("only tensor types are supported (sequence, map, optional "
                   "and sparse types are not)");
  const onnx::TypeProto::Tensor &tensor = type.tensor_type();
  Type element = elementType(tensor.elem_type(), context);
  if (!element)
    return failure("element type " + dataTypeName(tensor.elem_type()) +
                   " is not supported");
  if (!tensor.has_shape())
    return failure("the tensor has no shape (its rank is unknown)");
  llvm::SmallVector<int64_t> shape;
  for (const auto &dim : tensor.shape().dim()) {
    if (dim.has_dim_value() && dim.dim_value() < 0)
      return failure("dimension " + llvm::Twine(dim.dim_value()) +
                     " is negative");
    shape.push_back(dim.has_dim_value() ? dim.dim_value()
                                        : ShapedType::kDynamic);
  }
  return RankedTensorType::get(shape, element);
}

llvm::Expected<DenseElementsAttr> tensorValue(const onnx::TensorProto &tensor,
                                              MLIRContext &context) {
  Type element = elementType(tensor.data_type(), context);
  if (!element)
    return failure("element type " + dataTypeName(tensor.data_type()) +
                   " is not supported");
  if (tensor.has_segment())
    return failure("segmented tensors are not supported");
  llvm::SmallVector<int64_t> shape;
  uint64_t count = 1;
  for (int64_t dim : tensor.dims()) {
    if (dim < 0)
      return failure("dimension " + llvm::Twine(dim) + " is negative");
    shape.push_back(dim);
    if (dim != 0 && count > (uint64_t(1) << 40) / uint64_t(dim))
      return failure("the tensor is too large");
    count *= dim;
  }
  auto type = RankedTensorType::get(shape, element);
  const std::string &raw = tensor.raw_data();
  bool hasRaw = tensor.has_raw_data();
  unsigned width = element.isInteger(1) ? 8 : element.getIntOrFloatBitWidth();
  if (hasRaw && raw.size() != count * (width / 8))
    return failure("raw_data holds " + llvm::Twine(raw.size()) +
                   " bytes where the shape needs " +
                   llvm::Twine(count * (width / 8)));
  auto checkCount = [&](size_t stored) -> llvm::Error {
    if (stored != count)
      return failure("the tensor holds " + llvm::Twine(stored) +
                     " values where its shape needs " + llvm::Twine(count));
    return llvm::Error::success();
  };

  switch (tensor.data_type()) {
  case onnx::TensorProto::FLOAT: {
    if (hasRaw)
      return denseOf(type, fromRawData<float>(raw, count));
    if (llvm::Error e = checkCount(tensor.float_data_size()))
      return std::move(e);
    return denseOf(type, fromField<float>(tensor.float_data()));
  }
  case onnx::TensorProto::DOUBLE: {
    if (hasRaw)
      return denseOf(type, fromRawData<double>(raw, count));
    if (llvm::Error e = checkCount(tensor.double_data_size()))
      return std::move(e);
    return denseOf(type, fromField<double>(tensor.double_data()));
  }
  case onnx::TensorProto::INT32: {
    if (hasRaw)
      return denseOf(type, fromRawData<int32_t>(raw, count));
    if (llvm::Error e = checkCount(tensor.int32_data_size()))
      return std::move(e);
    return denseOf(type, fromField<int32_t>(tensor.int32_data()));
  }
  case onnx::TensorProto::INT64: {
    if (hasRaw)
      return denseOf(type, fromRawData<int64_t>(raw, count));
    if (llvm::Error e = checkCount(tensor.int64_data_size()))
      return std::move(e);
    return denseOf(type, fromField<int64_t>(tensor.int64_data()));
  }
  case onnx::TensorProto::BOOL: {
    std::vector<bool> bits;
    if (hasRaw) {
      for (char c : raw)
        bits.push_back(c != 0);
    } else {
      if (llvm::Error e = checkCount(tensor.int32_data_size()))
        return std::move(e);
      for (int32_t v : tensor.int32_data())
        bits.push_back(v != 0);
    }
    llvm::SmallVector<bool> values(bits.begin(), bits.end());
    return DenseElementsAttr::get(type, llvm::ArrayRef<bool>(values));
  }
  default:
    return failure("element type " + dataTypeName(tensor.data_type()) +
                   " is not supported");
  }
}

} // namespace kiln::onnx_import
