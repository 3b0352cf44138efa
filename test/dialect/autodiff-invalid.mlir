// RUN: kiln-opt %s -split-input-file -verify-diagnostics

func.func @custom_gradient_types_differ(%a: tensor<4xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{all of {value, surrogate, result} have same type}}
  %0 = "kiln.custom_gradient"(%a, %b) : (tensor<4xf32>, tensor<3xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @grad_reverse_of_integers(%a: tensor<4xi32>) {
  // expected-error @+1 {{operand #0 must be ranked tensor of floating-point values}}
  %0 = "kiln.grad_reverse"(%a) : (tensor<4xi32>) -> tensor<4xi32>
  return
}

// -----

func.func @greater_mask_shapes_do_not_broadcast(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) {
  // expected-error @+1 {{shapes do not broadcast: tensor<2x3xf32> and tensor<4x3xf32>}}
  %0 = kiln.greater_mask %a, %b : tensor<2x3xf32>, tensor<4x3xf32>
  return
}

// -----

func.func @stop_gradient_changes_type(%a: tensor<4xf32>) {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = "kiln.stop_gradient"(%a) : (tensor<4xf32>) -> tensor<4xf64>
  return
}
