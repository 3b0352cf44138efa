// RUN: kiln-opt --kiln-build-train-step --split-input-file --verify-diagnostics %s | FileCheck %s

// A model with a frozen parameter, a loss that calls it, SGD with momentum.

func.func @net(%x: tensor<?x3xf32> {kiln.name = "x"}) -> (tensor<?x2xf32> {kiln.name = "y"}) {
  %w = kiln.parameter "dense.weight" "glorot_uniform" seed 1 : tensor<3x2xf32>
  %b = kiln.parameter "dense.bias" "zeros" seed 2 : tensor<2xf32>
  %y = kiln.linear %x, %w, %b : tensor<?x3xf32>, tensor<3x2xf32>, tensor<2xf32> -> tensor<?x2xf32>
  return %y : tensor<?x2xf32>
}

func.func @net_train(%x: tensor<?x3xf32> {kiln.name = "x"}, %t: tensor<?x2xf32> {kiln.name = "t"}) -> (tensor<f32> {kiln.name = "loss"})
    attributes {kiln.train = {model = @net, optimizer = {name = "momentum", learning_rate = 0.5 : f64, momentum = 0.25 : f64}, frozen = ["dense.bias"]}} {
  %y = func.call @net(%x) : (tensor<?x3xf32>) -> tensor<?x2xf32>
  %d = kiln.sub %y, %t : tensor<?x2xf32>, tensor<?x2xf32>
  %s = kiln.mul %d, %d : tensor<?x2xf32>, tensor<?x2xf32>
  %l = kiln.reduce_mean %s {axes = array<i64>} : tensor<?x2xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// The model and the loss are replaced; every parameter is an argument.
// CHECK-NOT: func.func @net(
// CHECK-LABEL: func.func @eval(
// CHECK-SAME: %[[W:.*]]: tensor<3x2xf32> {kiln.name = "dense_weight"}, %[[B:.*]]: tensor<2xf32> {kiln.name = "dense_bias"}, %[[X:.*]]: tensor<?x3xf32> {kiln.name = "x"}
// CHECK-NOT: kiln.parameter
// CHECK: kiln.linear %[[X]], %[[W]], %[[B]]

// CHECK-LABEL: func.func @evaluate(
// CHECK-SAME: {kiln.name = "dense_weight"}, {{.*}} {kiln.name = "dense_bias"}, {{.*}} {kiln.name = "x"}, {{.*}} {kiln.name = "t"}) -> (tensor<f32> {kiln.name = "loss"})
// CHECK-NOT: call
// CHECK: kiln.reduce_mean

// init draws every parameter, frozen ones included, and zeroes the state of
// the trainable one.
// CHECK-LABEL: func.func @init() -> (tensor<3x2xf32> {kiln.name = "dense_weight"}, tensor<2xf32> {kiln.name = "dense_bias"}, tensor<3x2xf32> {kiln.name = "momentum_dense_weight"}, tensor<f32> {kiln.name = "step"})
// CHECK: kiln.parameter "dense.weight" "glorot_uniform" seed 1
// CHECK: kiln.parameter "dense.bias" "zeros" seed 2
// CHECK: kiln.constant dense<0.000000e+00> : tensor<3x2xf32>
// CHECK: kiln.constant dense<0.000000e+00> : tensor<f32>

// b = mu b + g; w -= lr b; step + 1.
// CHECK-LABEL: func.func @apply_gradients(
// CHECK-SAME: %[[AW:.*]]: tensor<3x2xf32> {kiln.name = "dense_weight"}, %[[G:.*]]: tensor<3x2xf32> {kiln.name = "grad_dense_weight"}, %[[M:.*]]: tensor<3x2xf32> {kiln.name = "momentum_dense_weight"}, %[[STEP:.*]]: tensor<f32> {kiln.name = "step"})
// CHECK-SAME: -> (tensor<3x2xf32> {kiln.name = "new_dense_weight"}, tensor<3x2xf32> {kiln.name = "new_momentum_dense_weight"}, tensor<f32> {kiln.name = "new_step"})
// CHECK-DAG: %[[LR:.*]] = kiln.constant dense<5.000000e-01> : tensor<f32>
// CHECK-DAG: %[[MU:.*]] = kiln.constant dense<2.500000e-01> : tensor<f32>
// CHECK-DAG: %[[NEXT:.*]] = kiln.add %[[STEP]], %{{.*}} : tensor<f32>, tensor<f32>
// CHECK: %[[DECAYED:.*]] = kiln.mul %[[M]], %[[MU]]
// CHECK: %[[BUF:.*]] = kiln.add %[[DECAYED]], %[[G]]
// CHECK: %[[DELTA:.*]] = kiln.mul %[[BUF]], %[[LR]]
// CHECK: %[[NEW:.*]] = kiln.sub %[[AW]], %[[DELTA]]
// CHECK: return %[[NEW]], %[[BUF]], %[[NEXT]]

// -----

func.func @net(%x: tensor<?x3xf32>) -> tensor<?x2xf32> {
  %w = kiln.parameter "w" "zeros" seed 1 : tensor<3x2xf32>
  %y = kiln.matmul %x, %w : tensor<?x3xf32>, tensor<3x2xf32> -> tensor<?x2xf32>
  return %y : tensor<?x2xf32>
}

// expected-error @+1 {{cannot freeze 'v': the model has no parameter of that name}}
func.func @net_train(%x: tensor<?x3xf32>) -> tensor<f32>
    attributes {kiln.train = {model = @net, optimizer = {name = "sgd"}, frozen = ["v"]}} {
  %y = func.call @net(%x) : (tensor<?x3xf32>) -> tensor<?x2xf32>
  %l = kiln.reduce_sum %y {axes = array<i64>} : tensor<?x2xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

func.func @net(%x: tensor<?x3xf32>) -> tensor<?x2xf32> {
  %w = kiln.parameter "w" "zeros" seed 1 : tensor<3x2xf32>
  %y = kiln.matmul %x, %w : tensor<?x3xf32>, tensor<3x2xf32> -> tensor<?x2xf32>
  return %y : tensor<?x2xf32>
}

// expected-error @+1 {{the loss must be a floating-point scalar (tensor<f32>), got 'tensor<?x2xf32>'}}
func.func @net_train(%x: tensor<?x3xf32>) -> tensor<?x2xf32>
    attributes {kiln.train = {model = @net, optimizer = {name = "sgd"}}} {
  %y = func.call @net(%x) : (tensor<?x3xf32>) -> tensor<?x2xf32>
  return %y : tensor<?x2xf32>
}

// -----

func.func @net(%x: tensor<?x3xf32>) -> tensor<?x2xf32> {
  %w = kiln.parameter "w" "zeros" seed 1 : tensor<3x2xf32>
  %y = kiln.matmul %x, %w : tensor<?x3xf32>, tensor<3x2xf32> -> tensor<?x2xf32>
  return %y : tensor<?x2xf32>
}

// expected-error @+1 {{unknown optimizer 'adamax'}}
func.func @net_train(%x: tensor<?x3xf32>) -> tensor<f32>
    attributes {kiln.train = {model = @net, optimizer = {name = "adamax"}}} {
  %y = func.call @net(%x) : (tensor<?x3xf32>) -> tensor<?x2xf32>
  %l = kiln.reduce_sum %y {axes = array<i64>} : tensor<?x2xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

func.func @net(%x: tensor<?x3xf32>) -> tensor<?x2xf32> {
  %w = kiln.parameter "w" "zeros" seed 1 : tensor<3x2xf32>
  %y = kiln.matmul %x, %w : tensor<?x3xf32>, tensor<3x2xf32> -> tensor<?x2xf32>
  return %y : tensor<?x2xf32>
}

// expected-error @+1 {{the loss function must take the inputs of @net first}}
func.func @net_train(%t: tensor<?x2xf32>) -> tensor<f32>
    attributes {kiln.train = {model = @net, optimizer = {name = "sgd"}}} {
  %l = kiln.reduce_sum %t {axes = array<i64>} : tensor<?x2xf32> -> tensor<f32>
  return %l : tensor<f32>
}
