// RUN: kiln-opt %s -split-input-file -verify-diagnostics

// Each case violates one rule of the elementwise math ops.

func.func @erf_on_integers(%a: tensor<2xi32>) {
  // expected-error @+1 {{'kiln.erf' op operand #0 must be ranked tensor of floating-point values}}
  %0 = kiln.erf %a : tensor<2xi32>
  return
}

// -----

func.func @celu_alpha_zero(%a: tensor<2xf32>) {
  // expected-error @+1 {{'kiln.celu' op alpha must not be zero}}
  %0 = kiln.celu %a {alpha = 0.0 : f64} : tensor<2xf32>
  return
}

// -----

func.func @is_nan_on_integers(%a: tensor<2xi32>) {
  // expected-error @+1 {{'kiln.is_nan' op operand #0 must be ranked tensor of floating-point values}}
  %0 = kiln.is_nan %a : tensor<2xi32>
  return
}

// -----

func.func @is_inf_result_not_bool(%a: tensor<2xf32>) {
  // expected-error @+1 {{'kiln.is_inf' op result #0 must be ranked tensor of 1-bit signless integer values, but got 'tensor<2xf32>'}}
  %0 = "kiln.is_inf"(%a) : (tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @is_nan_declared_shape_differs(%a: tensor<2xf32>) {
  // expected-error @+2 {{'kiln.is_nan' op inferred type(s) 'tensor<2xi1>' are incompatible with return type(s) of operation 'tensor<1xi1>'}}
  // expected-error @+1 {{'kiln.is_nan' op failed to infer returned types}}
  %0 = "kiln.is_nan"(%a) : (tensor<2xf32>) -> tensor<1xi1>
  return
}

// -----

func.func @sign_result_type_differs(%a: tensor<2xi32>) {
  // expected-error @+1 {{'kiln.sign' op requires the same type for all operands and results}}
  %0 = "kiln.sign"(%a) : (tensor<2xi32>) -> tensor<2xf32>
  return
}

// -----

func.func @mod_element_types_differ(%a: tensor<2xi32>, %b: tensor<2xi64>) {
  // expected-error @+1 {{'kiln.mod' op requires the same element type for all operands}}
  %0 = kiln.mod %a, %b : tensor<2xi32>, tensor<2xi64>
  return
}

// -----

func.func @mod_shapes_do_not_broadcast(%a: tensor<2xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{shapes do not broadcast: tensor<2xf32> and tensor<3xf32>}}
  %0 = kiln.mod %a, %b : tensor<2xf32>, tensor<3xf32>
  return
}
