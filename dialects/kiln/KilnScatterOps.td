//===- KilnScatterOps.td - Scatter-adds, the adjoints of gathers -*- tablegen -*-===//
//
// Adding values into a tensor at computed positions: the gradients of
// gather (embedding lookup) and gather_elements. Included at the end of
// KilnOps.td, after KilnIndexingOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_SCATTER_OPS
#define KILN_SCATTER_OPS

class Kiln_ScatterAddBase<string mnemonic> : Kiln_OpBase<mnemonic,
    [AllTypesMatch<["target", "result"]>,
     AllElementTypesMatch<["target", "updates"]>]> {
  let arguments = (ins Kiln_FloatTensor:$target, Kiln_IndexTensor:$indices,
                   Kiln_FloatTensor:$updates,
                   DefaultValuedAttr<Kiln_I64Attr, "0">:$axis);
  let results = (outs Kiln_FloatTensor:$result);
  let assemblyFormat = [{
    $target `,` $indices `,` $updates attr-dict `:` type($target) `,`
    type($indices) `,` type($updates)
  }];
  let hasVerifier = 1;
}

def Kiln_ScatterAddOp : Kiln_ScatterAddBase<"scatter_add"> {
  let summary = "Add slices of `updates` into `target` at `indices` (the adjoint of gather)";
  let description = [{
    `result = target`, then `result[i0.., indices[j0..], k0..] +=
    updates[i0.., j0.., k0..]` for every position of `updates`, whose shape
    is `target.shape[:axis] + indices.shape + target.shape[axis+1:]` (the
    shape `gather(target, indices, axis)` has). Indices are wrapped and
    clamped as gather does; repeated indices accumulate. The gradient of
    gather is `scatter_add(zeros, indices, dy)`: what trains an embedding.
  }];
  let gradient = [{ return ::kiln::gradients::scatterAdd(g, getAxis()); }];
}

def Kiln_ScatterAddElementsOp : Kiln_ScatterAddBase<"scatter_add_elements"> {
  let summary = "Add single elements of `updates` into `target` (the adjoint of gather_elements)";
  let description = [{
    `result = target`, then `result[indices[i, j, k], j, k] += updates[i, j,
    k]` for `axis = 0` (likewise for other axes); `updates` has the shape
    of `indices`, of the rank of `target`. Indices are wrapped and clamped as
    gather_elements does; repeated indices accumulate.
  }];
  let gradient = [{ return ::kiln::gradients::scatterAddElements(g, getAxis()); }];
}

#endif // KILN_SCATTER_OPS
