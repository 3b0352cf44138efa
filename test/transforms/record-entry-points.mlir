// RUN: kiln-opt %s --allow-unregistered-dialect --kiln-record-entry-points -split-input-file -verify-diagnostics | FileCheck %s

// Each public function with a body is recorded in `kiln.entry_points`, in
// order, with its argument and result names (`kiln.name`, else inputN /
// outputN) and tensor types, and is renamed __kiln_impl_<name>. Private and
// external functions and __kiln_-prefixed ones are neither recorded nor
// renamed.

// CHECK-LABEL: module attributes {kiln.entry_points = [
// CHECK-SAME: {inputs = [{name = "image", type = tensor<?x4xf32>}, {name = "input1", type = tensor<3xi64>}],
// CHECK-SAME:  name = "predict",
// CHECK-SAME:  outputs = [{name = "logits", type = tensor<?x2xf32>}, {name = "output1", type = tensor<i1>}]},
// CHECK-SAME: {inputs = [{name = "input0", type = tensor<2x3xf64>}, {name = "input1", type = tensor<i32>}],
// CHECK-SAME:  name = "second",
// CHECK-SAME:  outputs = [{name = "output0", type = tensor<2x3xf64>}]}
// CHECK-SAME: ]}

// Inputs are const in the ABI: bufferization must not write into them.
// CHECK: func.func @__kiln_impl_predict(%{{.*}}: tensor<?x4xf32> {bufferization.writable = false, kiln.name = "image"}, %{{.*}}: tensor<3xi64> {bufferization.writable = false}) -> (tensor<?x2xf32> {kiln.name = "logits"}, tensor<i1>)
// CHECK-NOT: kiln.in_place_inputs
// CHECK: func.func private @helper(
// CHECK: func.func private @ext(
// CHECK: func.func @__kiln_internal(
// CHECK: func.func @__kiln_impl_second(%{{.*}}: tensor<2x3xf64> {bufferization.writable = false}, %{{.*}}: tensor<i32> {bufferization.writable = false}) -> tensor<2x3xf64>
// CHECK-NOT: func.func @predict
// CHECK-NOT: func.func @second
module {
  func.func @predict(%x: tensor<?x4xf32> {kiln.name = "image"}, %y: tensor<3xi64>)
      -> (tensor<?x2xf32> {kiln.name = "logits"}, tensor<i1>) {
    %0 = "test.op"(%x) : (tensor<?x4xf32>) -> tensor<?x2xf32>
    %1 = "test.op"(%y) : (tensor<3xi64>) -> tensor<i1>
    return %0, %1 : tensor<?x2xf32>, tensor<i1>
  }
  func.func private @helper(%x: tensor<2xf16>) -> tensor<2xf16> {
    return %x : tensor<2xf16>
  }
  func.func private @ext(%x: memref<2xf32>) -> index
  func.func @__kiln_internal(%x: tensor<2xbf16>) -> tensor<2xbf16> {
    return %x : tensor<2xbf16>
  }
  func.func @second(%x: tensor<2x3xf64>, %y: tensor<i32>) -> tensor<2x3xf64> {
    return %x : tensor<2x3xf64>
  }
}

// -----

// An output new_<name> may share the buffer of an input <name> of the same
// type: its record names the input, and kiln.in_place_inputs holds the
// input's index for each result (-1: none). new_m's input has another type
// and new_x has no input.
// CHECK-LABEL: module attributes {kiln.entry_points = [
// CHECK-SAME: outputs = [{name = "loss", type = tensor<f32>}, {in_place = "w", name = "new_w", type = tensor<3xf32>}, {name = "new_m", type = tensor<3xf32>}, {name = "new_x", type = tensor<f32>}, {in_place = "step", name = "new_step", type = tensor<f32>}]
// CHECK: func.func @__kiln_impl_train_step({{.*}}) -> ({{.*}}) attributes {kiln.in_place_inputs = array<i64: -1, 0, -1, -1, 2>}
module {
  func.func @train_step(%w: tensor<3xf32> {kiln.name = "w"}, %m: tensor<3xf64> {kiln.name = "m"},
                        %step: tensor<f32> {kiln.name = "step"})
      -> (tensor<f32> {kiln.name = "loss"}, tensor<3xf32> {kiln.name = "new_w"},
          tensor<3xf32> {kiln.name = "new_m"}, tensor<f32> {kiln.name = "new_x"},
          tensor<f32> {kiln.name = "new_step"}) {
    %0:5 = "test.op"(%w, %m, %step) : (tensor<3xf32>, tensor<3xf64>, tensor<f32>) -> (tensor<f32>, tensor<3xf32>, tensor<3xf32>, tensor<f32>, tensor<f32>)
    return %0#0, %0#1, %0#2, %0#3, %0#4 : tensor<f32>, tensor<3xf32>, tensor<3xf32>, tensor<f32>, tensor<f32>
  }
}

// -----

// A module without entry points records an empty list.
// CHECK-LABEL: module attributes {kiln.entry_points = []}
// CHECK: func.func private @only_private
module {
  func.func private @only_private(%x: tensor<2xf32>) -> tensor<2xf32> {
    return %x : tensor<2xf32>
  }
}

// -----

// Entry points exchange dense tensors of f32, f64, i32, i64 or i1 only.
// expected-error @+1 {{entry point 'half' has a value of unsupported type 'tensor<2xf16>' (expected a ranked tensor of f32, f64, i32, i64 or i1)}}
func.func @half(%x: tensor<2xf16>) -> tensor<2xf16> {
  return %x : tensor<2xf16>
}

// -----

// expected-error @+1 {{entry point 'buffer' has a value of unsupported type 'memref<2xf32>'}}
func.func @buffer(%x: memref<2xf32>) {
  return
}

// -----

// Results are checked too.
// expected-error @+1 {{entry point 'scalar_result' has a value of unsupported type 'f32'}}
func.func @scalar_result(%x: tensor<f32>) -> f32 {
  %0 = "test.op"(%x) : (tensor<f32>) -> f32
  return %0 : f32
}

// -----

// expected-error @+1 {{entry point 'unranked' has a value of unsupported type 'tensor<*xf32>'}}
func.func @unranked(%x: tensor<*xf32>) {
  return
}
