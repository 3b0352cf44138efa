//===- NeuralNetworkImporters.cpp - ONNX Conv, pooling, Gemm, MatMul ------===//

#include "compiler/frontend/onnx/OpImporters.h"
#include "dialects/kiln/KilnOps.h"

#include "mlir/IR/Matchers.h"
#include <cstring>

using namespace mlir;

namespace kiln::onnx_import {
namespace {

/// The spatial attributes shared by Conv, ConvTranspose and the pools, for
/// a 2-D operation. 1-D operations run as 2-D ones of height 1.
struct Window {
  SmallVector<int64_t> kernel, strides, dilations, pads;
};

/// The attribute `name` with `count` entries per spatial dimension (default
/// `fill`), lifted to 2-D: a leading entry of `fill` per group for 1-D.
FailureOr<SmallVector<int64_t>> spatialAttr(NodeImporter &node,
                                            llvm::StringRef name,
                                            unsigned spatialRank,
                                            unsigned groups, int64_t fill) {
  SmallVector<int64_t> values =
      node.intsAttr(name, SmallVector<int64_t>(spatialRank * groups, fill));
  if (values.size() != spatialRank * groups)
    return node.error("attribute '" + name + "' has " +
                      llvm::Twine(values.size()) + " entries; a " +
                      llvm::Twine(spatialRank) + "-D window needs " +
                      llvm::Twine(spatialRank * groups));
  if (spatialRank == 2)
    return values;
  SmallVector<int64_t> lifted;
  for (unsigned g = 0; g < groups; ++g) {
    lifted.push_back(fill);
    lifted.push_back(values[g]);
  }
  return lifted;
}

/// Reads kernel_shape, strides, dilations and pads, then applies auto_pad
/// (unless `applyAutoPad` is false) for input spatial sizes `spatial`
/// (already lifted to 2-D); `kernelFromWeight` is the default kernel.
FailureOr<Window> readWindow(NodeImporter &node, ArrayRef<int64_t> spatial,
                             unsigned spatialRank,
                             ArrayRef<int64_t> kernelFromWeight,
                             bool applyAutoPad = true) {
  Window w;
  SmallVector<int64_t> kernel = node.intsAttr("kernel_shape", kernelFromWeight);
  if (kernel.size() != spatialRank)
    return node.error("kernel_shape has " + llvm::Twine(kernel.size()) +
                      " entries for a " + llvm::Twine(spatialRank) +
                      "-D input");
  w.kernel = kernel;
  if (spatialRank == 1)
    w.kernel.insert(w.kernel.begin(), 1);
  auto strides = spatialAttr(node, "strides", spatialRank, 1, 1);
  auto dilations = spatialAttr(node, "dilations", spatialRank, 1, 1);
  auto pads = spatialAttr(node, "pads", spatialRank, 2, 0);
  if (failed(strides) || failed(dilations) || failed(pads))
    return failure();
  w.strides = *strides;
  w.dilations = *dilations;
  w.pads = *pads;
  std::string autoPad = node.stringAttr("auto_pad", "NOTSET");
  if (autoPad == "NOTSET" || !applyAutoPad)
    return w;
  if (autoPad == "VALID") {
    w.pads = {0, 0, 0, 0};
    return w;
  }
  if (autoPad != "SAME_UPPER" && autoPad != "SAME_LOWER")
    return node.error("auto_pad '" + autoPad + "' is not supported");
  for (unsigned d = 0; d < 2; ++d) {
    if (ShapedType::isDynamic(spatial[d]))
      return node.error("auto_pad needs static spatial dimensions");
    int64_t out = (spatial[d] + w.strides[d] - 1) / w.strides[d];
    int64_t extent = (w.kernel[d] - 1) * w.dilations[d] + 1;
    int64_t total =
        std::max<int64_t>(0, (out - 1) * w.strides[d] + extent - spatial[d]);
    int64_t small = total / 2, large = total - total / 2;
    w.pads[d] = autoPad == "SAME_UPPER" ? small : large;
    w.pads[d + 2] = autoPad == "SAME_UPPER" ? large : small;
  }
  return w;
}

/// An image operand: [N, C, H, W] as it is, [N, C, L] as [N, C, 1, L].
struct Image {
  Value value;
  unsigned spatialRank;
  RankedTensorType type() const {
    return cast<RankedTensorType>(value.getType());
  }
};

FailureOr<Image> image(NodeImporter &node, Value x) {
  auto type = cast<RankedTensorType>(x.getType());
  if (type.getRank() == 4)
    return Image{x, 2};
  if (type.getRank() != 3)
    return node.error("only 1-D and 2-D images ([N, C, L], [N, C, H, W]) are "
                      "supported; the input has rank " +
                      llvm::Twine(type.getRank()));
  SmallVector<int64_t> shape = reshapeTarget(type.getShape());
  shape.insert(shape.begin() + 2, 1);
  auto lifted =
      node.create<ReshapeOp>({x}, {node.i64ArrayAttr("shape", shape)});
  if (failed(lifted))
    return failure();
  return Image{*lifted, 1};
}

/// A weight [F, C, K] of a 1-D operation as [F, C, 1, K].
FailureOr<Value> liftWeight(NodeImporter &node, Value weight,
                            unsigned spatialRank) {
  auto type = cast<RankedTensorType>(weight.getType());
  if (type.getRank() != spatialRank + 2)
    return node.error("the weight must have rank " +
                      llvm::Twine(spatialRank + 2));
  if (spatialRank == 2)
    return weight;
  SmallVector<int64_t> shape(type.getShape());
  shape.insert(shape.begin() + 2, 1);
  return node.create<ReshapeOp>({weight}, {node.i64ArrayAttr("shape", shape)});
}

/// Sets output 0 from a 2-D result, dropping the height of 1-D images.
LogicalResult setImageResult(NodeImporter &node, FailureOr<Value> result,
                             unsigned spatialRank) {
  if (failed(result))
    return failure();
  if (spatialRank == 1) {
    SmallVector<int64_t> shape =
        reshapeTarget(cast<RankedTensorType>(result->getType()).getShape());
    shape.erase(shape.begin() + 2);
    result = node.create<ReshapeOp>({*result},
                                    {node.i64ArrayAttr("shape", shape)});
    if (failed(result))
      return failure();
  }
  node.setOutput(0, *result);
  return success();
}

LogicalResult importConv(NodeImporter &node) {
  if (failed(node.checkAttributes({"auto_pad", "dilations", "group",
                                   "kernel_shape", "pads", "strides"})))
    return failure();
  auto x = node.input(0);
  auto weight = succeeded(x) ? node.input(1) : noValue();
  if (failed(weight))
    return failure();
  auto input = image(node, *x);
  if (failed(input))
    return failure();
  auto lifted = liftWeight(node, *weight, input->spatialRank);
  if (failed(lifted))
    return failure();
  auto weightShape = cast<RankedTensorType>(weight->getType()).getShape();
  auto window = readWindow(node, input->type().getShape().drop_front(2),
                           input->spatialRank, weightShape.drop_front(2));
  if (failed(window))
    return failure();
  SmallVector<Value> operands = {input->value, *lifted};
  if (node.hasInput(2)) {
    auto bias = node.input(2);
    if (failed(bias))
      return failure();
    operands.push_back(*bias);
  }
  auto result = node.create<Conv2DOp>(
      operands, {node.i64ArrayAttr("strides", window->strides),
                 node.i64ArrayAttr("pads", window->pads),
                 node.i64ArrayAttr("dilations", window->dilations),
                 node.i64Attr("groups", node.intAttr("group", 1))});
  return setImageResult(node, result, input->spatialRank);
}

/// ConvTranspose; an `output_shape` attribute sets the padding.
LogicalResult importConvTranspose(NodeImporter &node) {
  if (failed(node.checkAttributes({"auto_pad", "dilations", "group",
                                   "kernel_shape", "output_padding",
                                   "output_shape", "pads", "strides"})))
    return failure();
  auto x = node.input(0);
  auto weight = succeeded(x) ? node.input(1) : noValue();
  if (failed(weight))
    return failure();
  auto input = image(node, *x);
  if (failed(input))
    return failure();
  unsigned spatialRank = input->spatialRank;
  auto lifted = liftWeight(node, *weight, spatialRank);
  if (failed(lifted))
    return failure();
  RankedTensorType type = input->type();
  auto weightShape = cast<RankedTensorType>(weight->getType()).getShape();
  auto window = readWindow(node, {}, spatialRank, weightShape.drop_front(2),
                           /*applyAutoPad=*/false);
  auto outputPaddingAttr =
      spatialAttr(node, "output_padding", spatialRank, 1, 0);
  if (failed(window) || failed(outputPaddingAttr))
    return failure();
  Window w = *window;
  SmallVector<int64_t> outputPadding = *outputPaddingAttr;
  std::string autoPad = node.stringAttr("auto_pad", "NOTSET");
  SmallVector<int64_t> outputShape = node.intsAttr("output_shape");
  if (outputShape.size() > spatialRank)
    outputShape.erase(outputShape.begin(), outputShape.end() - spatialRank);
  if (!outputShape.empty() && spatialRank == 1)
    outputShape.insert(outputShape.begin(), 1);
  if (!outputShape.empty() || autoPad == "SAME_UPPER" ||
      autoPad == "SAME_LOWER") {
    for (unsigned d = 0; d < 2; ++d) {
      int64_t in = type.getDimSize(d + 2);
      if (ShapedType::isDynamic(in))
        return node.error("output_shape and auto_pad need static spatial "
                          "dimensions");
      int64_t out =
          outputShape.empty() ? in * w.strides[d] : outputShape[d];
      int64_t total = w.strides[d] * (in - 1) + outputPadding[d] +
                      (w.kernel[d] - 1) * w.dilations[d] + 1 - out;
      if (total < 0) {
        // Grow the output with output padding instead of negative pads.
        outputPadding[d] -= total;
        total = 0;
      }
      bool lower = autoPad == "SAME_LOWER";
      w.pads[d] = lower ? total - total / 2 : total / 2;
      w.pads[d + 2] = total - w.pads[d];
    }
  } else if (autoPad == "VALID") {
    w.pads = {0, 0, 0, 0};
  } else if (autoPad != "NOTSET") {
    return node.error("auto_pad '" + autoPad + "' is not supported");
  }
  SmallVector<Value> operands = {input->value, *lifted};
  if (node.hasInput(2)) {
    auto bias = node.input(2);
    if (failed(bias))
      return failure();
    operands.push_back(*bias);
  }
  auto result = node.create<Conv2DTransposeOp>(
      operands, {node.i64ArrayAttr("strides", w.strides),
                 node.i64ArrayAttr("pads", w.pads),
                 node.i64ArrayAttr("dilations", w.dilations),
                 node.i64ArrayAttr("output_padding", outputPadding),
                 node.i64Attr("groups", node.intAttr("group", 1))});
  return setImageResult(node, result, spatialRank);
}

/// MaxPool and AveragePool. ceil_mode becomes extra padding at the end,
/// which both pools ignore (average pooling only when padding is excluded).
template <typename OpTy>
LogicalResult importPool(NodeImporter &node) {
  bool isMax = std::is_same_v<OpTy, MaxPool2DOp>;
  if (failed(node.checkAttributes({"auto_pad", "ceil_mode", "count_include_pad",
                                   "dilations", "kernel_shape", "pads",
                                   "storage_order", "strides"})))
    return failure();
  if (!node.hasAttr("kernel_shape"))
    return node.error("attribute 'kernel_shape' is required");
  if (node.hasOutput(1))
    return node.error("the Indices output is not supported");
  if (node.intAttr("storage_order", 0) != 0)
    return node.error("storage_order 1 is not supported");
  auto x = node.input(0);
  if (failed(x))
    return failure();
  auto input = image(node, *x);
  if (failed(input))
    return failure();
  RankedTensorType type = input->type();
  auto window = readWindow(node, type.getShape().drop_front(2),
                           input->spatialRank, {});
  if (failed(window))
    return failure();
  if (window->dilations != SmallVector<int64_t>{1, 1})
    return node.error("dilated pooling is not supported");
  bool countIncludePad = node.intAttr("count_include_pad", 0) != 0;
  if (node.intAttr("ceil_mode", 0) != 0) {
    for (unsigned d = 0; d < 2; ++d) {
      int64_t in = type.getDimSize(d + 2);
      if (ShapedType::isDynamic(in))
        return node.error("ceil_mode needs static spatial dimensions");
      int64_t padded = in + window->pads[d] + window->pads[d + 2];
      int64_t k = window->kernel[d], s = window->strides[d];
      int64_t out = (padded - k + s - 1) / s + 1;
      // The last window must start inside the input or its leading padding.
      if ((out - 1) * s >= in + window->pads[d])
        --out;
      int64_t extra = (out - 1) * s + k - padded;
      if (extra > 0) {
        if (!isMax && countIncludePad)
          return node.error("ceil_mode with count_include_pad is not "
                            "supported");
        window->pads[d + 2] += extra;
      }
    }
  }
  SmallVector<NamedAttribute> attrs = {
      node.i64ArrayAttr("kernel", window->kernel),
      node.i64ArrayAttr("strides", window->strides),
      node.i64ArrayAttr("pads", window->pads)};
  if (!isMax)
    attrs.push_back(node.boolAttr("count_include_pad", countIncludePad));
  return setImageResult(node, node.create<OpTy>({input->value}, attrs),
                        input->spatialRank);
}

/// GlobalAveragePool and GlobalMaxPool: a reduction over the spatial axes,
/// keeping them with size 1.
template <typename OpTy>
LogicalResult importGlobalPool(NodeImporter &node) {
  if (failed(node.checkAttributes({})))
    return failure();
  auto x = node.input(0);
  if (failed(x))
    return failure();
  int64_t rank = cast<RankedTensorType>(x->getType()).getRank();
  if (rank < 3)
    return node.error("the input needs rank 3 or more");
  SmallVector<int64_t> axes = llvm::to_vector(llvm::seq<int64_t>(2, rank));
  auto result = node.create<OpTy>({*x}, {node.i64ArrayAttr("axes", axes),
                                         node.boolAttr("keepdims", true)});
  return node.setResult(result);
}

/// A 2-D constant transposed at import time (Gemm's transB weights).
DenseElementsAttr transposeConstant(DenseElementsAttr value) {
  auto type = cast<RankedTensorType>(value.getType());
  auto transposedType = RankedTensorType::get(
      {type.getDimSize(1), type.getDimSize(0)}, type.getElementType());
  if (value.isSplat())
    return value.reshape(transposedType);
  if (type.getElementType().isInteger(1))
    return nullptr;
  size_t bytes = type.getElementTypeBitWidth() / 8;
  ArrayRef<char> raw = value.getRawData();
  int64_t rows = type.getDimSize(0), cols = type.getDimSize(1);
  std::vector<char> out(raw.size());
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c)
      std::memcpy(&out[(c * rows + r) * bytes], &raw[(r * cols + c) * bytes],
                  bytes);
  return DenseElementsAttr::getFromRawBuffer(transposedType, out);
}

FailureOr<Value> transposed(NodeImporter &node, Value matrix) {
  DenseElementsAttr constant;
  if (matchPattern(matrix, m_Constant(&constant)))
    if (DenseElementsAttr t = transposeConstant(constant))
      return node.constant(t);
  return node.create<TransposeOp>({matrix},
                                  {node.i64ArrayAttr("perm", {1, 0})});
}

/// Gemm: alpha * A' B' + beta * C, as kiln.linear when it can be.
LogicalResult importGemm(NodeImporter &node) {
  if (failed(node.checkAttributes(
          {"alpha", "beta", "transA", "transB", "broadcast"})))
    return failure();
  auto a = node.input(0);
  auto b = succeeded(a) ? node.input(1) : noValue();
  if (failed(b))
    return failure();
  for (Value operand : {*a, *b})
    if (cast<RankedTensorType>(operand.getType()).getRank() != 2)
      return node.error("A and B must be matrices");
  if (node.intAttr("transA", 0) != 0)
    a = transposed(node, *a);
  if (succeeded(a) && node.intAttr("transB", 0) != 0)
    b = transposed(node, *b);
  if (failed(a) || failed(b))
    return failure();
  double alpha = node.floatAttr("alpha", 1.0);
  double beta = node.floatAttr("beta", 1.0);
  Type element = cast<RankedTensorType>(a->getType()).getElementType();
  Value c;
  if (node.hasInput(2)) {
    auto input = node.input(2);
    if (failed(input))
      return failure();
    c = *input;
  }
  auto cType = c ? cast<RankedTensorType>(c.getType()) : RankedTensorType();
  int64_t n = cast<RankedTensorType>(b->getType()).getDimSize(1);
  bool biasIsVector = c && cType.getRank() == 1 && cType.getDimSize(0) == n;
  if (alpha == 1.0 && isa<FloatType>(element) &&
      (!c || (biasIsVector && beta == 1.0))) {
    SmallVector<Value> operands = {*a, *b};
    if (c)
      operands.push_back(c);
    auto result = node.create<LinearOp>(operands);
    if (failed(result))
      return failure();
    node.setOutput(0, *result);
    return success();
  }
  auto product = node.create<MatmulOp>({*a, *b});
  if (succeeded(product) && alpha != 1.0)
    product = node.create<MulOp>({*product, node.scalar(alpha, element)});
  if (failed(product))
    return failure();
  Value result = *product;
  if (c && beta != 0.0) {
    FailureOr<Value> scaled = c;
    if (beta != 1.0)
      scaled = node.create<MulOp>({c, node.scalar(beta, element)});
    auto sum = succeeded(scaled) ? node.create<AddOp>({result, *scaled})
                                 : noValue();
    if (failed(sum))
      return failure();
    if (sum->getType() != result.getType())
      return node.error("C does not broadcast to the shape of A * B");
    result = *sum;
  }
  node.setOutput(0, result);
  return success();
}

/// MatMul with NumPy semantics: 1-D operands gain and then lose a unit
/// dimension.
LogicalResult importMatMul(NodeImporter &node) {
  if (failed(node.checkAttributes({})))
    return failure();
  auto a = node.input(0);
  auto b = succeeded(a) ? node.input(1) : noValue();
  if (failed(b))
    return failure();
  auto aType = cast<RankedTensorType>(a->getType());
  auto bType = cast<RankedTensorType>(b->getType());
  if (aType.getRank() == 0 || bType.getRank() == 0)
    return node.error("MatMul operands must have rank 1 or more");
  auto reshapeTo = [&](Value v, ArrayRef<int64_t> shape) {
    return node.create<ReshapeOp>({v}, {node.i64ArrayAttr("shape", shape)});
  };
  bool vectorA = aType.getRank() == 1, vectorB = bType.getRank() == 1;
  if (vectorA)
    a = reshapeTo(*a, {1, aType.getDimSize(0)});
  if (succeeded(a) && vectorB)
    b = reshapeTo(*b, {bType.getDimSize(0), 1});
  if (failed(a) || failed(b))
    return failure();
  auto product = node.create<MatmulOp>({*a, *b});
  if (failed(product))
    return failure();
  if (vectorA || vectorB) {
    auto type = cast<RankedTensorType>(product->getType());
    SmallVector<int64_t> shape(type.getShape());
    if (vectorB)
      shape.pop_back();
    if (vectorA)
      shape.erase(shape.end() - (vectorB ? 1 : 2));
    for (int64_t &d : shape)
      if (ShapedType::isDynamic(d))
        d = -1;
    product = reshapeTo(*product, shape);
    if (failed(product))
      return failure();
  }
  node.setOutput(0, *product);
  return success();
}

} // namespace

void registerNeuralNetworkImporters(OpImporterRegistry &registry) {
  registry.add("Conv", importConv);
  registry.add("ConvTranspose", importConvTranspose);
  registry.add("MaxPool", importPool<MaxPool2DOp>);
  registry.add("AveragePool", importPool<AvgPool2DOp>);
  registry.add("GlobalAveragePool", importGlobalPool<ReduceMeanOp>);
  registry.add("GlobalMaxPool", importGlobalPool<ReduceMaxOp>);
  registry.add("Gemm", importGemm);
  registry.add("MatMul", importMatMul);
}

} // namespace kiln::onnx_import
