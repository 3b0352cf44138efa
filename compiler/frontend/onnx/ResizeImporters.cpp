//===- ResizeImporters.cpp - ONNX Resize and Upsample ---------------------===//
//
// Both become kiln.resize over H and W of an NCHW input; N and C are not
// resized. The output size comes from `sizes` or from `scales`
// (floor(size * scale)), which must be known while importing.
// - Upsample (opset 7: `scales` attribute; 9: `scales` input) and Resize 10
//   use asymmetric coordinates; nearest rounds down when enlarging and up
//   when shrinking, as ONNX Runtime does for these opsets.
// - Resize 11-17 reads coordinate_transformation_mode, nearest_mode,
//   cubic_coeff_a and exclude_outside; tf_crop_and_resize is not supported.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/OpImporters.h"
#include "dialects/kiln/KilnOps.h"

#include <cmath>

using namespace mlir;

namespace kiln::onnx_import {
namespace {

/// The elements of a constant float input; an error naming `what` when it
/// is not constant.
FailureOr<SmallVector<double>> constantFloats(NodeImporter &node, unsigned i,
                                              StringRef what) {
  DenseElementsAttr attr = node.constantInput(i);
  if (!attr || !isa<FloatType>(attr.getElementType()))
    return node.error("the " + what +
                      " input must be known while importing (a constant "
                      "float tensor)");
  SmallVector<double> values;
  for (const APFloat &value : attr.getValues<APFloat>())
    values.push_back(value.convertToDouble());
  return values;
}

struct ResizeAttrs {
  std::string mode = "nearest";
  std::string coordinateMode = "asymmetric";
  std::string nearestMode = "floor";
  double cubicA = -0.75;
  bool excludeOutside = false;
};

/// Builds the kiln.resize of input 0 to `sizes` (H and W), with `scales`
/// when the output size came from them.
LogicalResult buildResize(NodeImporter &node, Value x,
                          ArrayRef<int64_t> sizes,
                          std::optional<SmallVector<double>> scales,
                          const ResizeAttrs &attrs) {
  MLIRContext *context = node.context();
  auto string = [&](StringRef name, StringRef value) {
    return NamedAttribute(StringAttr::get(context, name),
                          StringAttr::get(context, value));
  };
  SmallVector<NamedAttribute> attributes = {
      node.i64ArrayAttr("sizes", sizes), string("mode", attrs.mode),
      string("coordinate_transformation_mode", attrs.coordinateMode),
      string("nearest_mode", attrs.nearestMode),
      node.f64Attr("cubic_coeff_a", attrs.cubicA),
      node.boolAttr("exclude_outside", attrs.excludeOutside)};
  if (scales)
    attributes.push_back(NamedAttribute(
        StringAttr::get(context, "scales"),
        DenseF64ArrayAttr::get(context, *scales)));
  auto result = node.create<ResizeOp>({x}, attributes);
  return node.setResult(result);
}

/// The output H and W for `scales` over the four dims of `type`; the N and
/// C scales must be 1.
FailureOr<SmallVector<int64_t>> sizesFromScales(NodeImporter &node,
                                                RankedTensorType type,
                                                ArrayRef<double> scales) {
  if (type.getRank() != 4 || scales.size() != 4)
    return node.error("resizes NCHW inputs of rank 4 with 4 scales only");
  if (scales[0] != 1 || scales[1] != 1)
    return node.error("resizing the batch or channel dimension is not "
                      "supported");
  SmallVector<int64_t> sizes;
  for (int i = 2; i < 4; ++i) {
    if (type.isDynamicDim(i))
      return node.error("resizes inputs of static height and width only");
    sizes.push_back(static_cast<int64_t>(
        std::floor(scales[i] * static_cast<double>(type.getDimSize(i)))));
  }
  return sizes;
}

/// Upsample and Resize before opset 11: asymmetric coordinates, floor when
/// enlarging and ceil when shrinking.
LogicalResult importLegacyResize(NodeImporter &node, Value x,
                                 ArrayRef<double> scales, StringRef mode) {
  auto type = cast<RankedTensorType>(x.getType());
  auto sizes = sizesFromScales(node, type, scales);
  if (failed(sizes))
    return failure();
  ResizeAttrs attrs;
  if (mode == "nearest") {
    bool enlarges = scales[2] >= 1 && scales[3] >= 1;
    bool shrinks = scales[2] < 1 && scales[3] < 1;
    if (!enlarges && !shrinks)
      return node.error("nearest resizing that enlarges one axis and shrinks "
                        "the other is not supported before opset 11");
    attrs.nearestMode = enlarges ? "floor" : "ceil";
  } else if (mode == "linear" || mode == "bilinear") {
    attrs.mode = "linear";
  } else {
    return node.error("unknown mode '" + mode + "'");
  }
  return buildResize(node, x, *sizes,
                     SmallVector<double>{scales[2], scales[3]}, attrs);
}

LogicalResult importUpsample(NodeImporter &node) {
  bool scalesAreInput = node.opset() >= 9;
  if (failed(scalesAreInput ? node.checkAttributes({"mode"})
                            : node.checkAttributes({"mode", "scales"})))
    return failure();
  auto x = node.input(0);
  if (failed(x))
    return failure();
  SmallVector<double> scales;
  if (scalesAreInput) {
    auto values = constantFloats(node, 1, "scales");
    if (failed(values))
      return failure();
    scales = *values;
  } else {
    scales = node.floatsAttr("scales");
  }
  std::string mode = node.stringAttr("mode", "nearest");
  if (node.hadError())
    return failure();
  return importLegacyResize(node, *x, scales, mode);
}

LogicalResult importResize(NodeImporter &node) {
  auto x = node.input(0);
  if (failed(x))
    return failure();
  if (node.opset() < 11) {
    if (failed(node.checkAttributes({"mode"})))
      return failure();
    auto scales = constantFloats(node, 1, "scales");
    std::string mode = node.stringAttr("mode", "nearest");
    if (failed(scales) || node.hadError())
      return failure();
    return importLegacyResize(node, *x, *scales, mode);
  }
  if (failed(node.checkAttributes(
          {"mode", "coordinate_transformation_mode", "nearest_mode",
           "cubic_coeff_a", "exclude_outside", "extrapolation_value"})))
    return failure();
  ResizeAttrs attrs;
  attrs.mode = node.stringAttr("mode", "nearest");
  attrs.coordinateMode =
      node.stringAttr("coordinate_transformation_mode", "half_pixel");
  attrs.nearestMode = node.stringAttr("nearest_mode", "round_prefer_floor");
  attrs.cubicA = node.floatAttr("cubic_coeff_a", -0.75);
  attrs.excludeOutside = node.intAttr("exclude_outside", 0) != 0;
  if (node.hadError())
    return failure();
  if (attrs.coordinateMode == "tf_crop_and_resize")
    return node.error("coordinate_transformation_mode 'tf_crop_and_resize' "
                      "is not supported");
  auto type = cast<RankedTensorType>(x->getType());
  // sizes (input 3) wins over scales (input 2), which may be empty.
  if (node.hasInput(3)) {
    const KnownInts *known = node.knownInput(3);
    if (!known)
      return node.staticInts(3, "sizes");
    if (type.getRank() != 4 || known->elements.size() != 4)
      return node.error("resizes NCHW inputs of rank 4 with 4 sizes only");
    for (int i = 0; i < 2; ++i) {
      SymbolicInt size = known->elements[i];
      bool same = type.isDynamicDim(i)
                      ? size == SymbolicInt::batch()
                      : size == SymbolicInt::constant(type.getDimSize(i));
      if (!same)
        return node.error("resizing the batch or channel dimension is not "
                          "supported");
    }
    SmallVector<int64_t> sizes;
    for (int i = 2; i < 4; ++i) {
      if (!known->elements[i].isConstant())
        return node.error("the sizes input depends on the dynamic batch size");
      if (type.isDynamicDim(i))
        return node.error("resizes inputs of static height and width only");
      sizes.push_back(known->elements[i].coefficient);
    }
    return buildResize(node, *x, sizes, std::nullopt, attrs);
  }
  auto scales = constantFloats(node, 2, "scales");
  if (failed(scales))
    return failure();
  auto sizes = sizesFromScales(node, type, *scales);
  if (failed(sizes))
    return failure();
  return buildResize(node, *x, *sizes,
                     SmallVector<double>{(*scales)[2], (*scales)[3]}, attrs);
}

} // namespace

void registerResizeImporters(OpImporterRegistry &registry) {
  registry.add("Resize", importResize);
  registry.add("Upsample", importUpsample);
}

} // namespace kiln::onnx_import
