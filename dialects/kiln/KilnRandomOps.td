//===- KilnRandomOps.td - Random numbers with explicit state -*- tablegen -*-===//
//
// Random tensors for training graphs (dropout, the VAE reparameterization,
// GAN noise) drawn from a counter-based generator whose state is an explicit
// tensor: the same state gives the same numbers, and each op returns the
// state to use next. Included at the end of KilnOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef KILN_RANDOM_OPS
#define KILN_RANDOM_OPS

def Kiln_RandomState : 1DTensorOf<[I64]>;

class Kiln_RandomOp<string mnemonic, string desc, dag attrs>
    : Kiln_OpBase<mnemonic, [AllTypesMatch<["state", "next_state"]>]> {
  let summary = desc;
  let description = desc # [{, from the generator state `state`, a
    `tensor<2xi64>` holding `[seed, counter]`.

    The generator is SplitMix64 used as a counter-based function: draw `k`
    is `mix(mix(seed) + k * 0x9e3779b97f4a7c15)` (arithmetic modulo 2^64,
    `mix` being SplitMix64's finalizer), and a uniform number in [0, 1) is
    its top 53 bits times 2^-53 (float64) or its top 24 bits times 2^-24
    (float32 and narrower). The element at row-major position `n` of the
    result uses draws `counter + d * n ... counter + d * n + d - 1`, `d`
    being the draws per element (1, or 2 for random_normal), and
    `next_state` is `[seed, counter + d * number of elements]`: chaining
    the states never reuses a draw.

    The result shape is the result type's. A dynamic dimension `i` (the
    batch) takes its size from dimension `i` of `like`, which must then be
    given. No gradient flows through these ops.
  }];
  let arguments = !con((ins Kiln_RandomState:$state,
                            Optional<Kiln_Tensor>:$like), attrs);
  let results = (outs Kiln_FloatTensor:$result, Kiln_RandomState:$next_state);
  let assemblyFormat = [{
    $state (`,` $like^ `:` type($like))? attr-dict `:` type($state) `->`
    type($result)
  }];
  let hasVerifier = 1;
  let gradient = [{
    return g.grads(::llvm::SmallVector<::mlir::Value>(
        getOperation()->getNumOperands()));
  }];
}

def Kiln_RandomUniformOp : Kiln_RandomOp<"random_uniform",
    "Uniform numbers in [low, high)",
    (ins DefaultValuedAttr<F64Attr, "0.0">:$low,
         DefaultValuedAttr<F64Attr, "1.0">:$high)>;

def Kiln_RandomNormalOp : Kiln_RandomOp<"random_normal",
    "Normal numbers of mean `mean` and standard deviation `std` (Box-Muller: "
    "sqrt(-2 log(1 - u1)) * cos(2 pi u2))",
    (ins DefaultValuedAttr<F64Attr, "0.0">:$mean,
         DefaultValuedAttr<F64Attr, "1.0">:$std)>;

def Kiln_BernoulliOp : Kiln_RandomOp<"bernoulli",
    "1 with probability `p`, else 0 (1 where the uniform number is below p)",
    (ins F64Attr:$p)>;

#endif // KILN_RANDOM_OPS
