//===- KilnRecurrentOps.td - Recurrent layers --------------*- tablegen -*-===//
//
// LSTM, GRU and simple RNN layers with ONNX's semantics, layout and gate
// orders. The kiln-lower-recurrent pass rewrites each into an scf.for over
// the time steps whose body is made of kiln ops.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_RECURRENT_OPS
#define KILN_RECURRENT_OPS

// A recurrent layer with `gates` gate blocks per direction. `extraInputs`
// and `extraAttrs` are the op's own optional operands and attributes;
// `cellResult` its own results after Y and Y_h.
class Kiln_RecurrentOp<string mnemonic, string desc, string gateOrder,
                       string defaultActivations, string extraDoc,
                       dag extraInputs, dag extraAttrs, dag extraResults>
    : Kiln_Op<mnemonic, [AttrSizedOperandSegments]> {
  let summary = desc;
  let description = desc # [{ with ONNX's semantics.

    `input` (X) is `[seq, batch, input_size]`; `weight` (W) is
    `[dirs, G * hidden, input_size]` and `recurrence` (R)
    `[dirs, G * hidden, hidden]`, their G gate blocks in the order }]
    # gateOrder # [{; the optional `bias` (B) is `[dirs, 2 * G * hidden]`,
    the input biases Wb then the recurrence biases Rb; the optional initial
    states are `[dirs, batch, hidden]` (zeros when absent). `dirs` is 2 when
    `direction` is "bidirectional", else 1 ("forward" or "reverse").

    Results: `output` (Y) `[seq, dirs, batch, hidden]`, the hidden state of
    every step, and the final states `[dirs, batch, hidden]`.

    `activations` names one activation per gate function and direction (the
    forward direction's first); empty means the default, }]
    # defaultActivations # [{ per direction. Names: sigmoid, tanh, relu,
    leaky_relu (alpha, default 0.01), hard_sigmoid (max(0, min(1, alpha * x
    + beta)), defaults 0.2, 0.5), elu (alpha, 1.0), softsign, softplus,
    affine (alpha * x + beta, defaults 1, 0), scaled_tanh (alpha * tanh(beta
    * x), defaults 1, 1). `activation_alpha` and `activation_beta` are empty
    (defaults) or hold one value per activation; functions without the
    parameter ignore theirs. When `clip` is set, every gate's input is
    clipped to [-clip, clip] before its activation.

    Automatic differentiation unrolls the op over its time steps into kiln
    ops (a static sequence length is required) and differentiates those.
  }] # extraDoc;
  let arguments = !con(
      (ins Kiln_FloatTensor:$input, Kiln_FloatTensor:$weight,
           Kiln_FloatTensor:$recurrence, Optional<Kiln_FloatTensor>:$bias,
           Optional<Kiln_FloatTensor>:$initial_h),
      extraInputs,
      (ins Kiln_I64Attr:$hidden_size,
           DefaultValuedAttr<StrAttr, "\"forward\"">:$direction,
           DefaultValuedAttr<StrArrayAttr, "{}">:$activations,
           DefaultValuedAttr<DenseF64ArrayAttr, "{}">:$activation_alpha,
           DefaultValuedAttr<DenseF64ArrayAttr, "{}">:$activation_beta,
           OptionalAttr<F64Attr>:$clip),
      extraAttrs);
  let results = !con((outs Kiln_FloatTensor:$output, Kiln_FloatTensor:$final_h),
                     extraResults);
  let hasVerifier = 1;
  // The unrolled form that automatic differentiation differentiates
  // (RecurrentExpansion.cpp).
  let extraClassDeclaration = [{
    ::llvm::LogicalResult
    buildGradientExpansion(::mlir::OpBuilder &builder,
                           ::llvm::SmallVectorImpl<::mlir::Value> &results);
  }];
}

def Kiln_LstmOp : Kiln_RecurrentOp<"lstm", "Long short-term memory layer",
    "i, o, f, c (input, output, forget, cell)",
    "sigmoid, tanh, tanh (f, g, h)", [{
    LSTM also takes an optional initial cell state `initial_c` and optional
    peephole weights `peephole` (P) `[dirs, 3 * hidden]`, in the order i,
    o, f, and returns the final cell state `final_c`.
  }],
    (ins Optional<Kiln_FloatTensor>:$initial_c,
         Optional<Kiln_FloatTensor>:$peephole),
    (ins), (outs Kiln_FloatTensor:$final_c)> {
  let assemblyFormat = [{
    $input `,` $weight `,` $recurrence (`bias` $bias^)?
    (`initial_h` $initial_h^)? (`initial_c` $initial_c^)?
    (`peephole` $peephole^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Kiln_GruOp : Kiln_RecurrentOp<"gru", "Gated recurrent unit layer",
    "z, r, h (update, reset, hidden)", "sigmoid, tanh (f, g)", [{
    With `linear_before_reset`, the reset gate multiplies the hidden gate's
    recurrence product (plus its bias) instead of the previous state.
  }],
    (ins), (ins DefaultValuedAttr<BoolAttr, "false">:$linear_before_reset),
    (outs)> {
  let assemblyFormat = [{
    $input `,` $weight `,` $recurrence (`bias` $bias^)?
    (`initial_h` $initial_h^)? attr-dict `:` functional-type(operands, results)
  }];
}

def Kiln_RnnOp : Kiln_RecurrentOp<"rnn", "Simple (Elman) recurrent layer",
    "i (a single block)", "tanh", "", (ins), (ins), (outs)> {
  let assemblyFormat = [{
    $input `,` $weight `,` $recurrence (`bias` $bias^)?
    (`initial_h` $initial_h^)? attr-dict `:` functional-type(operands, results)
  }];
}

#endif // KILN_RECURRENT_OPS
