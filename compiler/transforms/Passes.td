//===- Passes.td - Kiln's transformations ------------------*- tablegen -*-===//

#ifndef KILN_TRANSFORMS_PASSES
#define KILN_TRANSFORMS_PASSES

include "mlir/Pass/PassBase.td"

def MaterializeParameters : Pass<"kiln-materialize-parameters", "mlir::ModuleOp"> {
  let summary = "Replace kiln.parameter ops by constants holding their initial values";
  let description = [{
    Draws each parameter's initial value with its initializer and seed (a
    SplitMix64 stream, Box-Muller for normal draws) and replaces the op by a
    kiln.constant that keeps the parameter's name in a `kiln.name` attribute.
    The values are deterministic for a given seed.
  }];
  let dependentDialects = ["::kiln::KilnDialect"];
}

def GenerateGradients : Pass<"kiln-generate-gradients", "mlir::ModuleOp"> {
  let summary = "Build the gradient functions that functions ask for";
  let description = [{
    For each func.func carrying `kiln.gradient = {name = "f_grad", wrt =
    array<i64: 0, 2>}` (or an array of such dictionaries), inserts the
    vector-Jacobian product function built by kiln::buildGradientFunction
    (compiler/transforms/autodiff/Gradient.h): it takes f's arguments and one
    seed per result, and returns f's results and the gradient with respect
    to each argument in `wrt`. `name` defaults to `<f>_grad`, `wrt` to every
    float argument. The attribute is removed.
  }];
  let dependentDialects = ["::kiln::KilnDialect"];
}

def Decompose : Pass<"kiln-decompose"> {
  let summary = "Rewrite composite kiln ops into simpler kiln ops";
  let description = [{
    linear -> matmul + add; softmax and log_softmax -> reductions and
    elementwise ops (max-subtracted, numerically stable); batch_norm ->
    elementwise; global_avg_pool2d -> reduce_mean; flatten -> reshape;
    conv2d bias -> conv2d + add.
  }];
  let dependentDialects = ["::kiln::KilnDialect"];
}

def LowerRecurrent : Pass<"kiln-lower-recurrent"> {
  let summary = "Rewrite kiln.lstm, kiln.gru and kiln.rnn into loops of kiln ops";
  let description = [{
    Per direction, projects the input of every time step with one matrix
    product (biases added), then runs an scf.for over the time steps (from
    the last one for the reverse direction) carrying the hidden state, the
    LSTM cell state and the output sequence as tensors. The loop body reads
    the step's projected input with tensor.extract_slice, computes the gates
    with kiln ops (matmul, slice, elementwise ops, activations) and writes
    the new hidden state into the output with tensor.insert_slice, so it
    lowers through convert-kiln-to-linalg like any other kiln code. A
    bidirectional layer runs both loops into one output and stacks the
    final states.
  }];
  let dependentDialects = ["::kiln::KilnDialect", "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::arith::ArithDialect"];
}

def RecordEntryPoints : Pass<"kiln-record-entry-points", "mlir::ModuleOp"> {
  let summary = "Record each public function's tensor signature for the artifact ABI";
  let description = [{
    Stores, in the module attribute `kiln.entry_points`, the name, argument
    and result names, element types and shapes of each public function, and
    renames the function to `__kiln_impl_<name>`. The target's entry-point
    emission reads this record after lowering to the LLVM dialect.
    Arguments are marked `bufferization.writable = false` (inputs are const
    in the ABI). An output `new_<name>` with an input `<name>` of the same
    type may share that input's buffer (docs/abi.md): the output's record
    names the input in `in_place`, and the function's
    `kiln.in_place_inputs` attribute holds, for each result, the index of
    its input or -1, for kiln-guard-in-place-outputs.
  }];
}

def VerifyBatchDims : Pass<"kiln-verify-batch-dims", "mlir::ModuleOp"> {
  let summary = "Check that every dynamic output dimension is the batch size";
  let description = [{
    Kiln's artifact ABI gives every dynamic dimension one size, the batch
    size. On linalg and tensor ops, this pass proves with value-bounds
    analysis that each dynamic dimension of each entry point's results
    equals a dynamic dimension of its arguments, and reports an error
    otherwise (for example a concatenation along the batch dimension), so
    that no caller is handed a buffer of the wrong size.
  }];
}

def ConvToIm2Col : Pass<"kiln-conv-im2col"> {
  let summary = "Rewrite linalg NCHW convolutions as im2col + matrix product";
  let description = [{
    Turns linalg.conv_2d_nchw_fchw into an im2col gather followed by a
    contraction, which tiling and vectorization turn into vector FMAs. A
    convolution with a batch of more than one image (or a dynamic batch) is
    first tiled by one image, so that each image's convolution is static
    and its im2col buffer small; when an
    elementwise op (bias, activation) consumes it, that op is tiled and the
    convolution fused into its loop, so both run on one image at a time.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect"];
}

def TileAndVectorize : Pass<"kiln-tile-and-vectorize", "mlir::func::FuncOp"> {
  let summary = "Tile linalg ops for registers and vectorize the tiles";
  let description = [{
    Tiles each linalg op, on tensors or on buffers, with scf.for loops
    (contractions of at least 128 columns first into cache blocks: panels
    of 2V columns outermost, then 256 steps of the reduction; then every
    contraction by an R x 2V register block and a K step of 1; other ops
    along their innermost dimension by V), peels the loops so that the main
    iterations work on static tiles, and vectorizes those tiles. The rows of
    a dynamic batch left over after the register blocks are tiled again one
    row at a time and vectorized too. Tile loops of parallel dims are
    marked `kiln.parallel`.
  }];
  let options = [
    Option<"vectorWidth", "vector-width", "int64_t", /*default=*/"16",
           "Elements per vector register (16 for AVX-512 float32)">,
    Option<"registerRows", "register-rows", "int64_t", /*default=*/"8",
           "Rows of a contraction's register block (8 for AVX-512, 6 for AVX2)">,
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect", "::mlir::vector::VectorDialect",
                           "::mlir::affine::AffineDialect", "::mlir::arith::ArithDialect"];
}

def ApproximateMath : Pass<"kiln-approximate-math", "mlir::func::FuncOp"> {
  let summary = "Replace float32 exp, log, tanh, erf, ... by polynomial approximations";
  let description = [{
    Rewrites float32 math.exp, expm1, log, log1p, log2, tanh, erf and erfc,
    scalar or vector, into MLIR's polynomial approximations, so that vector
    code stays vectorized instead of calling libm once per lane. Float64 ops
    stay libm calls. Runs after vectorization, before the LLVM lowering.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect", "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect"];
}

def OutlineParallelLoops : Pass<"kiln-outline-parallel-loops", "mlir::ModuleOp"> {
  let summary = "Move each outermost parallel tile loop into a function of its own";
  let description = [{
    Each outermost scf.for marked `kiln.parallel` (kiln-tile-and-vectorize
    marks the tile loops of parallel dims) becomes a private function
    `<f>_parallel_<N>(begin, end, lb, step, captured values...)` marked
    `kiln.parallel_body`, which runs iterations [begin, end) of the loop,
    and the loop becomes a call of that function over all its iterations.
    Unmarked loops are searched for marked loops inside them; loops with
    results, or with a trip count of 1, stay. The marks are removed.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect", "::mlir::func::FuncDialect",
                           "::mlir::scf::SCFDialect"];
}

def LowerStridedCopies : Pass<"kiln-lower-strided-copies", "mlir::func::FuncOp"> {
  let summary = "Rewrite memref.copy between strided views as linalg.copy";
  let description = [{
    A memref.copy whose source or target is not a contiguous row-major
    buffer would lower to a call into MLIR's C runner library, which Kiln's
    artifacts do not link. Such copies become linalg.copy, which lowers to
    loops; contiguous copies stay memref.copy and become memcpy.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def GuardInPlaceOutputs : Pass<"kiln-guard-in-place-outputs", "mlir::func::FuncOp"> {
  let summary = "Make outputs that may share an input's buffer safe to alias it";
  let description = [{
    Runs after bufferization and buffer-results-to-out-params on functions
    with `kiln.in_place_inputs` (kiln-record-entry-points): for each result
    paired with an input, the output buffer may be the input's buffer. If
    every write into the output comes after the last read of the input (or
    the last read is the first write: an elementwise linalg op that reads
    the input and writes the output at the same index), the code is already
    right when they alias and is left alone. Otherwise the output is
    computed into a temporary buffer and copied into the output buffer at
    the end of the function, after every read. The attribute is removed.
  }];
}

def HoistVectorTransfers : Pass<"kiln-hoist-vector-transfers", "mlir::func::FuncOp"> {
  let summary = "Keep loop-carried vector tiles in registers";
  let description = [{
    After bufferization, a vector.transfer_read / transfer_write pair of the
    same buffer location inside a loop (the accumulator tile of a
    contraction, read and written at every reduction step) becomes a value
    carried by the loop: read once before it, written once after it. Run
    fold-memref-alias-ops first so that transfers address buffers directly.
  }];
}

def BuildTrainStep : Pass<"kiln-build-train-step", "mlir::ModuleOp"> {
  let summary = "Build the functions of a training artifact from a model and its loss";
  let description = [{
    Finds the function marked `kiln.train = {model = @f, optimizer = {...},
    frozen = [...]}`: a loss function taking @f's inputs and then labels,
    returning a scalar loss and scalar metrics, that calls @f. Replaces @f and
    the loss function by the public functions `init`, `train_step`, `eval`,
    `evaluate` and `apply_gradients` (see
    compiler/transforms/training/TrainingArtifact.h), in which every
    kiln.parameter, identified by name, is an explicit argument and the
    optimizer state and step counter are explicit arguments and results.
  }];
  let dependentDialects = ["::kiln::KilnDialect"];
}

def TrainMode : Pass<"kiln-train-mode", "mlir::ModuleOp"> {
  let summary = "Rewrite functions marked kiln.train_mode into their training form";
  let description = [{
    The rewrite that kiln-build-train-step applies to the function it
    differentiates (compiler/transforms/training/TrainMode.h), on its own:
    each function carrying the unit attribute `kiln.train_mode` gets
    inverted dropout drawn from one random-state chain (a new last argument
    `rng`, tensor<2xi64>, and a new last result `new_rng`) and batch
    normalization over the statistics of the batch, returning the updated
    running statistics of every batch_norm whose mean and variance are
    function arguments (results `new_<argument name>`). For tests of the
    training forms (FileCheck, gradient checks).
  }];
  let dependentDialects = ["::kiln::KilnDialect"];
}

#endif // KILN_TRANSFORMS_PASSES
