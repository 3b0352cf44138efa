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

// An op outside the kiln dialect, on the path from the argument, has no
// gradient rule.
func.func @cast(%x: tensor<4xf32>) -> tensor<?xf32> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  // expected-error @below {{cannot differentiate @cast: 'tensor.cast' has no gradient rule}}
  %0 = tensor.cast %x : tensor<4xf32> to tensor<?xf32>
  return %0 : tensor<?xf32>
}

// -----

// A recurrent layer is differentiated unrolled over its time steps, which
// needs a static sequence length.
func.func @dynamic_sequence(%x: tensor<?x2x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>) -> tensor<1x2x4xf32> attributes {kiln.gradient = {wrt = array<i64: 1>}} {
  // expected-error @below {{'kiln.rnn' op with a dynamic sequence length cannot be differentiated: its gradient unrolls the time steps, which needs a static length}}
  %y, %h = kiln.rnn %x, %w, %r {hidden_size = 4 : i64} : (tensor<?x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>) -> (tensor<?x1x2x4xf32>, tensor<1x2x4xf32>)
  return %h : tensor<1x2x4xf32>
}

// -----

// The same op off the path from the chosen argument is not differentiated.
func.func @frozen_recurrence(%x: tensor<?x2x3xf32>, %w: tensor<1x4x3xf32>, %r: tensor<1x4x4xf32>, %s: tensor<1x2x4xf32>) -> tensor<1x2x4xf32> attributes {kiln.gradient = {wrt = array<i64: 3>}} {
  %y, %h = kiln.rnn %x, %w, %r {hidden_size = 4 : i64} : (tensor<?x2x3xf32>, tensor<1x4x3xf32>, tensor<1x4x4xf32>) -> (tensor<?x1x2x4xf32>, tensor<1x2x4xf32>)
  %0 = kiln.mul %h, %s : tensor<1x2x4xf32>, tensor<1x2x4xf32>
  return %0 : tensor<1x2x4xf32>
}
