// RUN: kiln-opt %s --kiln-generate-gradients -split-input-file -verify-diagnostics

// An integer argument has no gradient.
// expected-error @below {{cannot differentiate with respect to argument #1 of type 'tensor<4xi64>': only float tensors have gradients}}
func.func @integer_argument(%x: tensor<4xf32>, %i: tensor<4xi64>) -> tensor<4xf32> attributes {kiln.gradient = {wrt = array<i64: 0, 1>}} {
  return %x : tensor<4xf32>
}

// -----

// An op without a gradient rule on the path from the argument to a result.
func.func @no_rule(%x: tensor<4xf32>) -> tensor<4xf32> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  // expected-error @below {{cannot differentiate @no_rule: 'arith.addf' has no gradient rule}}
  %0 = arith.addf %x, %x : tensor<4xf32>
  %1 = kiln.exp %0 : tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// The same op off the path is fine: %w is not differentiated.
func.func @no_rule_off_path(%x: tensor<4xf32>, %w: tensor<4xf32>) -> tensor<4xf32> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = arith.addf %w, %w : tensor<4xf32>
  %1 = kiln.mul %x, %0 : tensor<4xf32>, tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// A rule that cannot handle its op's shapes says why.
func.func @concat_dynamic_axis(%x: tensor<?x3xf32>) -> tensor<?x3xf32> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  // expected-error @below {{'kiln.concat' op gradient: needs a static size along the concatenated axis}}
  %0 = kiln.concat %x, %x {axis = 0} : tensor<?x3xf32>, tensor<?x3xf32> -> tensor<?x3xf32>
  return %0 : tensor<?x3xf32>
}

// -----

// expected-error @below {{cannot differentiate with respect to argument #3: @out_of_range has 1 arguments}}
func.func @out_of_range(%x: tensor<4xf32>) -> tensor<4xf32> attributes {kiln.gradient = {wrt = array<i64: 3>}} {
  return %x : tensor<4xf32>
}

// -----

func.func @taken(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
// expected-error @below {{cannot create gradient function @taken: the name is taken}}
func.func @g(%x: tensor<4xf32>) -> tensor<4xf32> attributes {kiln.gradient = {name = "taken"}} {
  return %x : tensor<4xf32>
}

// -----

// expected-error @below {{'kiln.gradient' wrt must be an array<i64: ...>}}
func.func @bad_request(%x: tensor<4xf32>) -> tensor<4xf32> attributes {kiln.gradient = {wrt = [0]}} {
  return %x : tensor<4xf32>
}

// -----

// resize has no gradient rule.
func.func @resize(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x4x4xf32> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  // expected-error @below {{cannot differentiate @resize: 'kiln.resize' has no gradient rule}}
  %0 = kiln.resize %x {sizes = array<i64: 4, 4>} : tensor<1x1x2x2xf32> -> tensor<1x1x4x4xf32>
  return %0 : tensor<1x1x4x4xf32>
}
