// RUN: kiln-opt %s --kiln-materialize-parameters | FileCheck %s
// The initial values depend on nothing but the op: two runs print the same IR.
// RUN: kiln-opt %s --kiln-materialize-parameters -o %t.1
// RUN: kiln-opt %s --kiln-materialize-parameters -o %t.2
// RUN: diff %t.1 %t.2

// Each kiln.parameter becomes a kiln.constant holding its initial value, with
// the parameter's name in `kiln.name`; its uses now use the constant.

// CHECK-LABEL: func.func @deterministic_initializers
// CHECK-NOT: kiln.parameter
// CHECK: %[[Z:.*]] = kiln.constant {kiln.name = "zeros"} dense<0.000000e+00> : tensor<2x3xf32>
// CHECK: %[[O:.*]] = kiln.constant {kiln.name = "ones"} dense<1.000000e+00> : tensor<3xf32>
// CHECK: %[[C:.*]] = kiln.constant {kiln.name = "constant"} dense<2.500000e-01> : tensor<2x2xf64>
// CHECK: %[[H:.*]] = kiln.constant {kiln.name = "half"} dense<-1.500000e+00> : tensor<2xf16>
// identity on [k * n, n] and [n, k * n]: k stacked identity blocks.
// CHECK: %[[I:.*]] = kiln.constant {kiln.name = "identity"}
// CHECK-SAME: dense<{{\[}}[1.000000e+00, 0.000000e+00], [0.000000e+00, 1.000000e+00], [1.000000e+00, 0.000000e+00], [0.000000e+00, 1.000000e+00]]> : tensor<4x2xf32>
// CHECK: %[[J:.*]] = kiln.constant {kiln.name = "identity.wide"}
// CHECK-SAME: dense<{{\[}}[1.000000e+00, 0.000000e+00, 1.000000e+00, 0.000000e+00, 1.000000e+00, 0.000000e+00], [0.000000e+00, 1.000000e+00, 0.000000e+00, 1.000000e+00, 0.000000e+00, 1.000000e+00]]> : tensor<2x6xf32>
// CHECK: %[[A:.*]] = kiln.add %[[Z]], %[[O]] : tensor<2x3xf32>, tensor<3xf32>
// CHECK: return %[[A]], %[[C]], %[[H]], %[[I]], %[[J]]
// CHECK-NOT: kiln.parameter
func.func @deterministic_initializers() -> (tensor<2x3xf32>, tensor<2x2xf64>, tensor<2xf16>, tensor<4x2xf32>, tensor<2x6xf32>) {
  %z = kiln.parameter "zeros" "zeros" seed 5 : tensor<2x3xf32>
  %o = kiln.parameter "ones" "ones" seed 6 {trainable = false} : tensor<3xf32>
  %c = kiln.parameter "constant" "constant" seed 7 {init_args = array<f64: 0.25>} : tensor<2x2xf64>
  %h = kiln.parameter "half" "constant" seed 0 {init_args = array<f64: -1.5>} : tensor<2xf16>
  %i = kiln.parameter "identity" "identity" seed 0 : tensor<4x2xf32>
  %j = kiln.parameter "identity.wide" "identity" seed 0 : tensor<2x6xf32>
  %0 = kiln.add %z, %o : tensor<2x3xf32>, tensor<3xf32>
  return %0, %c, %h, %i, %j : tensor<2x3xf32>, tensor<2x2xf64>, tensor<2xf16>, tensor<4x2xf32>, tensor<2x6xf32>
}

// Random initializers draw from a SplitMix64 stream seeded by `seed`: the
// same seed gives the same values, another seed other values. The values
// below were checked against an independent implementation of the stream
// (uniform draws are the top 24 bits of each output, times 2^-24).
// CHECK-LABEL: func.func @seeded_initializers
// CHECK: kiln.constant {kiln.name = "u.a"} dense<[[U:\[0.48312974, -0.680179238, -0.44279778, -0.311618686\]]]> : tensor<4xf32>
// CHECK-NEXT: kiln.constant {kiln.name = "u.b"} dense<[[U]]> : tensor<4xf32>
// CHECK-NEXT: kiln.constant {kiln.name = "u.c"} dense<[0.456357479, 0.225543022, -0.134578228, 0.661132574]> : tensor<4xf32>
// The normal draws use Box-Muller on two uniform draws per value.
// CHECK-NEXT: kiln.constant {kiln.name = "n.a"} dense<[[N:\[-0.034267623, -2.50006652, 0.0877220556, -2.02713466\]]]> : tensor<4xf32>
// CHECK-NEXT: kiln.constant {kiln.name = "n.b"} dense<[[N]]> : tensor<4xf32>
// glorot_uniform on [4, 2]: limit sqrt(6 / (4 + 2)) = 1, so the draws are
// those of uniform(-1, 1) with the same seed.
// CHECK-NEXT: kiln.constant {kiln.name = "g"}
// CHECK-SAME: dense<{{\[}}[0.13312304, 0.491563439], [0.942005396, -0.111281633], [-0.111470699, 0.525788665], [0.754697322, 0.0461343527]]> : tensor<4x2xf32>
// CHECK-NEXT: kiln.constant {kiln.name = "u.seed1"}
// CHECK-SAME: dense<[0.13312304, 0.491563439, 0.942005396, -0.111281633, -0.111470699, 0.525788665, 0.754697322, 0.0461343527]> : tensor<8xf32>
// Seed 43 must not repeat the values of seed 42.
// CHECK-NEXT: %[[U2:.*]] = kiln.constant {kiln.name = "u.d"}
// CHECK-NOT: [[U]]
// CHECK: return
func.func @seeded_initializers() -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4x2xf32>, tensor<8xf32>, tensor<4xf32>) {
  %ua = kiln.parameter "u.a" "uniform" seed 42 {init_args = array<f64: -1.0, 1.0>} : tensor<4xf32>
  %ub = kiln.parameter "u.b" "uniform" seed 42 {init_args = array<f64: -1.0, 1.0>} : tensor<4xf32>
  %uc = kiln.parameter "u.c" "uniform" seed 43 {init_args = array<f64: -1.0, 1.0>} : tensor<4xf32>
  %na = kiln.parameter "n.a" "normal" seed 1 {init_args = array<f64: 0.0, 1.0>} : tensor<4xf32>
  %nb = kiln.parameter "n.b" "normal" seed 1 {init_args = array<f64: 0.0, 1.0>} : tensor<4xf32>
  %g = kiln.parameter "g" "glorot_uniform" seed 1 : tensor<4x2xf32>
  %u1 = kiln.parameter "u.seed1" "uniform" seed 1 {init_args = array<f64: -1.0, 1.0>} : tensor<8xf32>
  %ud = kiln.parameter "u.d" "uniform" seed 43 {init_args = array<f64: -1.0, 1.0>} : tensor<4xf32>
  return %ua, %ub, %uc, %na, %nb, %g, %u1, %ud : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4x2xf32>, tensor<8xf32>, tensor<4xf32>
}

// Parameters in nested regions are materialized too.
// CHECK-LABEL: func.func @nested
// CHECK: scf.execute_region
// CHECK: kiln.constant {kiln.name = "inner"} dense<1.000000e+00> : tensor<2xf32>
// CHECK-NOT: kiln.parameter
func.func @nested() -> tensor<2xf32> {
  %0 = scf.execute_region -> tensor<2xf32> {
    %p = kiln.parameter "inner" "ones" seed 0 : tensor<2xf32>
    scf.yield %p : tensor<2xf32>
  }
  return %0 : tensor<2xf32>
}

// A parameter with the initializer `value` (an imported model's weight)
// becomes a constant holding exactly that value.
// CHECK-LABEL: func.func @given_value
// CHECK: kiln.constant {kiln.name = "fc1.weight"} dense<{{\[}}[1.500000e+00, -2.000000e+00], [2.500000e-01, 0.000000e+00]]> : tensor<2x2xf32>
// CHECK: kiln.constant {kiln.name = "bn.mean"} dense<[1.000000e-01, 2.000000e-01]> : tensor<2xf64>
func.func @given_value() -> (tensor<2x2xf32>, tensor<2xf64>) {
  %w = kiln.parameter "fc1.weight" "value" seed 0 {value = dense<[[1.5, -2.0], [0.25, 0.0]]> : tensor<2x2xf32>} : tensor<2x2xf32>
  %m = kiln.parameter "bn.mean" "value" seed 0 {trainable = false, value = dense<[0.1, 0.2]> : tensor<2xf64>} : tensor<2xf64>
  return %w, %m : tensor<2x2xf32>, tensor<2xf64>
}
