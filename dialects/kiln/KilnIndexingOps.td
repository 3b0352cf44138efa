//===- KilnIndexingOps.td - Indexing and data-movement ops -*- tablegen -*-===//
//
// Gathers, arg-reductions, broadcasting and tiling, resizing, and the
// rearrangements of depth and space that model importers and training graphs
// need. Included at the end of KilnOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_INDEXING_OPS
#define KILN_INDEXING_OPS

def Kiln_IndexTensor : RankedTensorOf<[I32, I64]>;

//===----------------------------------------------------------------------===//
// Gathers
//===----------------------------------------------------------------------===//

def Kiln_GatherOp : Kiln_Op<"gather"> {
  let summary = "Gather slices of `data` along `axis` (ONNX Gather, embedding)";
  let description = [{
    `result[i0.., j0.., k0..] = data[i0.., indices[j0..], k0..]`: the result
    shape is `data.shape[:axis] + indices.shape + data.shape[axis+1:]`.
    Negative indices count from the end of the axis. An index still outside
    `[0, size)` after that is clamped to the nearest valid index, so a gather
    never reads out of bounds.
  }];
  let arguments = (ins Kiln_Tensor:$data, Kiln_IndexTensor:$indices,
                   DefaultValuedAttr<Kiln_I64Attr, "0">:$axis);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = [{
    $data `,` $indices attr-dict `:` type($data) `,` type($indices) `->`
    type($result)
  }];
  let gradient = [{ return ::kiln::gradients::gather(g, getAxis()); }];
}

def Kiln_GatherElementsOp : Kiln_Op<"gather_elements"> {
  let summary = "Gather single elements along `axis` (ONNX GatherElements)";
  let description = [{
    `result[i, j, k] = data[indices[i, j, k], j, k]` for `axis = 0` (and
    likewise for other axes): the result has the shape of `indices`, whose
    rank equals `data`'s and whose dimensions other than `axis` are no larger
    than `data`'s. Negative indices count from the end; indices outside the
    axis are clamped to it.
  }];
  let arguments = (ins Kiln_Tensor:$data, Kiln_IndexTensor:$indices,
                   DefaultValuedAttr<Kiln_I64Attr, "0">:$axis);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = [{
    $data `,` $indices attr-dict `:` type($data) `,` type($indices) `->`
    type($result)
  }];
  let gradient = [{ return ::kiln::gradients::gatherElements(g, getAxis()); }];
}

//===----------------------------------------------------------------------===//
// Arg-reductions
//===----------------------------------------------------------------------===//

class Kiln_ArgReduceOp<string mnemonic, string desc> : Kiln_Op<mnemonic> {
  let summary = desc;
  let description = desc # [{ along `axis`, as i64. The axis is kept with
    size 1 when `keepdims` is true. Among equal values the first index is
    chosen, the last with `select_last_index`. A NaN counts as the extreme
    value, as in NumPy: the first NaN is chosen.}];
  let arguments = (ins RankedTensorOf<[AnyFloat, AnySignlessInteger]>:$input,
                   DefaultValuedAttr<Kiln_I64Attr, "0">:$axis,
                   DefaultValuedAttr<BoolAttr, "true">:$keepdims,
                   DefaultValuedAttr<BoolAttr, "false">:$select_last_index);
  let results = (outs RankedTensorOf<[I64]>:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  // An index: no gradient.
  let gradient = [{ return g.grads({GradExpr()}); }];
}

def Kiln_ArgMaxOp : Kiln_ArgReduceOp<"argmax", "Index of the largest element">;
def Kiln_ArgMinOp : Kiln_ArgReduceOp<"argmin", "Index of the smallest element">;

//===----------------------------------------------------------------------===//
// Broadcasting and tiling
//===----------------------------------------------------------------------===//

def Kiln_BroadcastToOp : Kiln_Op<"broadcast_to"> {
  let summary = "Broadcast `input` against `shape` (ONNX Expand)";
  let description = [{
    The result shape is the NumPy broadcast of the input's shape and
    `shape`, as ONNX Expand defines it: an entry of `shape` that is 1 keeps
    the input's size, which is how a dynamic (batch) dimension passes
    through; the result may have more dimensions than the input (leading
    ones). A dynamic input dimension may only meet 1 in `shape`.
  }];
  let arguments = (ins Kiln_Tensor:$input, DenseI64ArrayAttr:$shape);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  // dy, which autodiff sums back to the input's shape.
  let gradient = [{ return g.grads({g.dy()}); }];
}

def Kiln_TileOp : Kiln_Op<"tile"> {
  let summary = "Repeat `input` `repeats[i]` times along each dimension i";
  let description = [{
    As ONNX Tile and `numpy.tile` with one repeat per dimension: dimension i
    of the result has `size * repeats[i]` elements (dynamic when the input's
    is). Repeats are >= 1.
  }];
  let arguments = (ins Kiln_Tensor:$input, DenseI64ArrayAttr:$repeats);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let gradient = [{ return ::kiln::gradients::tile(g, getRepeats()); }];
}

//===----------------------------------------------------------------------===//
// Resizing (NCHW)
//===----------------------------------------------------------------------===//

def Kiln_ResizeOp : Kiln_Op<"resize"> {
  let summary = "Resize the H and W of an NCHW tensor (ONNX Resize, Upsample)";
  let description = [{
    `sizes` is the output `[height, width]`; H and W of the input are static,
    N and C may be dynamic. Each output coordinate `x` maps to an input
    coordinate by `coordinate_transformation_mode` with `scale` the entry of
    `scales` (default: output size / input size):
    - `half_pixel`: `(x + 0.5) / scale - 0.5`
    - `pytorch_half_pixel`: the same, or -0.5 when the output size is 1
    - `align_corners`: `x * (in - 1) / (scale * in - 1)`, or 0 when
      `scale * in` is 1
    - `asymmetric`: `x / scale`
    - `tf_half_pixel_for_nn`: `(x + 0.5) / scale`
    `mode` is `nearest` (rounded by `nearest_mode`: `round_prefer_floor`,
    `round_prefer_ceil`, `floor`, `ceil`), `linear` (bilinear over H and W)
    or `cubic` (bicubic with `cubic_coeff_a`; `exclude_outside` drops and
    renormalizes the weights of taps outside the input). Taps outside the
    input read its edge, as ONNX's reference does. The resize is linear in
    its input: its gradient applies the transposed interpolation matrices of
    H and W to the result's gradient.
  }];
  let arguments = (ins Kiln_FloatTensor:$input, DenseI64ArrayAttr:$sizes,
                   OptionalAttr<DenseF64ArrayAttr>:$scales,
                   DefaultValuedAttr<StrAttr, "\"nearest\"">:$mode,
                   DefaultValuedAttr<StrAttr, "\"half_pixel\"">:
                       $coordinate_transformation_mode,
                   DefaultValuedAttr<StrAttr, "\"round_prefer_floor\"">:
                       $nearest_mode,
                   DefaultValuedAttr<F64Attr, "-0.75">:$cubic_coeff_a,
                   DefaultValuedAttr<BoolAttr, "false">:$exclude_outside);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  let gradient = [{ return ::kiln::gradients::resize(g); }];
}

//===----------------------------------------------------------------------===//
// Depth and space
//===----------------------------------------------------------------------===//

class Kiln_BlockRearrangeOp<string mnemonic, string desc> : Kiln_Op<mnemonic> {
  let summary = desc;
  let arguments = (ins Kiln_Tensor:$input, Kiln_I64Attr:$blocksize,
                   DefaultValuedAttr<StrAttr, "\"DCR\"">:$mode);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
}

def Kiln_DepthToSpaceOp : Kiln_BlockRearrangeOp<"depth_to_space",
    "Move channel blocks into H and W blocks (NCHW)"> {
  let description = [{
    `[N, C, H, W] -> [N, C / b^2, H * b, W * b]` with `b = blocksize`. In
    `DCR` mode the channel index is `(by * b + bx) * (C / b^2) + c`, in `CRD`
    mode (PixelShuffle) `(c * b + by) * b + bx`.
  }];
  let gradient = [{
    return ::kiln::gradients::blockRearrange(g, true, getBlocksize(), getMode());
  }];
}

def Kiln_SpaceToDepthOp : Kiln_BlockRearrangeOp<"space_to_depth",
    "Move H and W blocks into channels (NCHW)"> {
  let description = [{
    `[N, C, H, W] -> [N, C * b^2, H / b, W / b]`, the inverse of
    depth_to_space in the same `mode` (ONNX SpaceToDepth is `DCR`).
  }];
  let gradient = [{
    return ::kiln::gradients::blockRearrange(g, false, getBlocksize(), getMode());
  }];
}

//===----------------------------------------------------------------------===//
// One-hot encoding and cumulative sums
//===----------------------------------------------------------------------===//

def Kiln_OneHotOp : Kiln_Op<"one_hot"> {
  let summary = "One-hot encode `indices` along a new `axis` (ONNX OneHot)";
  let description = [{
    The result has a new dimension of size `depth` inserted at `axis` (-1:
    last); an element is `values[1]` where its position along that axis
    equals the index and `values[0]` elsewhere. `values` is `[off, on]` and
    gives the result's element type. Negative indices count from `depth`;
    an index outside `[-depth, depth)` gives a row of `off`. Floating-point
    indices are truncated to integers first, as ONNX OneHot casts them.
  }];
  let arguments = (ins RankedTensorOf<[I32, I64, AnyFloat]>:$indices,
                   Kiln_Tensor:$values,
                   Kiln_I64Attr:$depth,
                   DefaultValuedAttr<Kiln_I64Attr, "-1">:$axis);
  let results = (outs Kiln_Tensor:$result);
  let assemblyFormat = [{
    $indices `,` $values attr-dict `:` type($indices) `,` type($values) `->`
    type($result)
  }];
  let gradient = [{ return ::kiln::gradients::oneHot(g, getDepth(), getAxis()); }];
}

def Kiln_CumSumOp : Kiln_Op<"cumsum"> {
  let summary = "Cumulative sum along `axis` (ONNX CumSum)";
  let description = [{
    `result[..., i, ...]` is the sum of `input[..., j, ...]` for `j <= i`
    (`j < i` when `exclusive`; `j >= i` or `j > i` when `reverse`).
  }];
  let arguments = (ins RankedTensorOf<[AnyFloat, AnySignlessInteger]>:$input,
                   Kiln_I64Attr:$axis,
                   DefaultValuedAttr<BoolAttr, "false">:$exclusive,
                   DefaultValuedAttr<BoolAttr, "false">:$reverse);
  let results = (outs RankedTensorOf<[AnyFloat, AnySignlessInteger]>:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
  let hasVerifier = 1;
  // The sum over the other side: the same kind of cumsum, reversed.
  let gradient = [{
    return g.grads({g.wrap(CumSumOp::create(g.builder(), g.loc(), g.dy(),
                                            getAxis(), getExclusive(),
                                            !getReverse()))});
  }];
}

#endif // KILN_INDEXING_OPS
