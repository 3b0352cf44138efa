// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each case violates one rule of the casts, comparisons, boolean ops or
// select.

func.func @cast_to_index(%a: tensor<2xf32>) {
  // expected-error @+1 {{'kiln.cast' op attribute 'to' failed to satisfy constraint: type attribute of floating-point or signless integer}}
  %0 = kiln.cast %a : tensor<2xf32> to index
  return
}

// -----

func.func @cast_declared_shape_differs(%a: tensor<2xf32>) {
  // expected-error @+2 {{'kiln.cast' op inferred type(s) 'tensor<2xi32>' are incompatible with return type(s) of operation 'tensor<3xi32>'}}
  // expected-error @+1 {{'kiln.cast' op failed to infer returned types}}
  %0 = "kiln.cast"(%a) {to = i32} : (tensor<2xf32>) -> tensor<3xi32>
  return
}

// -----

func.func @compare_shapes_do_not_broadcast(%a: tensor<2x3xf32>, %b: tensor<4x3xf32>) {
  // expected-error @+1 {{shapes do not broadcast: tensor<2x3xf32> and tensor<4x3xf32>}}
  %0 = kiln.less %a, %b : tensor<2x3xf32>, tensor<4x3xf32>
  return
}

// -----

func.func @compare_element_types_differ(%a: tensor<2xf32>, %b: tensor<2xi32>) {
  // expected-error @+1 {{'kiln.equal' op requires the same element type for all operands}}
  %0 = kiln.equal %a, %b : tensor<2xf32>, tensor<2xi32>
  return
}

// -----

func.func @compare_result_not_bool(%a: tensor<2xf32>) {
  // expected-error @+1 {{'kiln.greater' op result #0 must be ranked tensor of 1-bit signless integer values, but got 'tensor<2xf32>'}}
  %0 = "kiln.greater"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @compare_declared_shape_differs(%a: tensor<2xf32>) {
  // expected-error @+2 {{'kiln.greater' op inferred type(s) 'tensor<2xi1>' are incompatible with return type(s) of operation 'tensor<3xi1>'}}
  // expected-error @+1 {{'kiln.greater' op failed to infer returned types}}
  %0 = "kiln.greater"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<3xi1>
  return
}

// -----

func.func @and_on_floats(%a: tensor<2xf32>) {
  // expected-error @+1 {{'kiln.and' op operand #0 must be ranked tensor of 1-bit signless integer values}}
  %0 = kiln.and %a, %a : tensor<2xf32>, tensor<2xf32>
  return
}

// -----

func.func @not_on_integers(%a: tensor<2xi32>) {
  // expected-error @+1 {{'kiln.not' op operand #0 must be ranked tensor of 1-bit signless integer values}}
  %0 = kiln.not %a : tensor<2xi32>
  return
}

// -----

func.func @select_condition_not_bool(%c: tensor<2xf32>, %a: tensor<2xf32>) {
  // expected-error @+1 {{'kiln.select' op operand #0 must be ranked tensor of 1-bit signless integer values}}
  %0 = kiln.select %c, %a, %a : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>
  return
}

// -----

func.func @select_branch_types_differ(%c: tensor<2xi1>, %a: tensor<2xf32>, %b: tensor<2xf64>) {
  // expected-error @+1 {{'kiln.select' op failed to verify that all of {true_value, false_value} have same element type}}
  %0 = kiln.select %c, %a, %b : tensor<2xi1>, tensor<2xf32>, tensor<2xf64>
  return
}

// -----

func.func @select_condition_does_not_broadcast(%c: tensor<3xi1>, %a: tensor<2xf32>) {
  // expected-error @+1 {{shapes do not broadcast: tensor<2xf32> and tensor<3xi1>}}
  %0 = kiln.select %c, %a, %a : tensor<3xi1>, tensor<2xf32>, tensor<2xf32>
  return
}
