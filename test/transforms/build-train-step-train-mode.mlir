// RUN: kiln-opt --kiln-build-train-step %s | FileCheck %s

// A model with batch norm and dropout: train_step runs their training forms
// and returns the running statistics after the new trainable parameters and
// the next random state before the step; init starts the random state at
// [kiln.seed, 0]; eval and evaluate keep the inference forms.

func.func @net(%x: tensor<?x3xf32> {kiln.name = "x"}) -> (tensor<?x2xf32> {kiln.name = "y"}) attributes {kiln.seed = 42 : i64} {
  %w = kiln.parameter "dense.weight" "glorot_uniform" seed 42 : tensor<3x2xf32>
  %s = kiln.parameter "bn.scale" "ones" seed 43 : tensor<2xf32>
  %o = kiln.parameter "bn.offset" "zeros" seed 44 : tensor<2xf32>
  %m = kiln.parameter "bn.moving_mean" "zeros" seed 45 {trainable = false} : tensor<2xf32>
  %v = kiln.parameter "bn.moving_variance" "ones" seed 46 {trainable = false} : tensor<2xf32>
  %h = kiln.matmul %x, %w : tensor<?x3xf32>, tensor<3x2xf32> -> tensor<?x2xf32>
  %n = kiln.batch_norm %h, %s, %o, %m, %v : tensor<?x2xf32>, tensor<2xf32> -> tensor<?x2xf32>
  %y = kiln.dropout %n {rate = 5.000000e-01 : f64} : tensor<?x2xf32>
  return %y : tensor<?x2xf32>
}

func.func @net_train(%x: tensor<?x3xf32> {kiln.name = "x"}, %t: tensor<?x2xf32> {kiln.name = "t"}) -> (tensor<f32> {kiln.name = "loss"})
    attributes {kiln.train = {model = @net, optimizer = {name = "sgd", learning_rate = 0.5 : f64}}} {
  %y = func.call @net(%x) : (tensor<?x3xf32>) -> tensor<?x2xf32>
  %d = kiln.sub %y, %t : tensor<?x2xf32>, tensor<?x2xf32>
  %s = kiln.mul %d, %d : tensor<?x2xf32>, tensor<?x2xf32>
  %l = kiln.reduce_mean %s {axes = array<i64>} : tensor<?x2xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// CHECK-LABEL: func.func @eval(
// CHECK-SAME: %[[M:[^:]*]]: tensor<2xf32> {kiln.name = "bn_moving_mean"}, %[[V:[^:]*]]: tensor<2xf32> {kiln.name = "bn_moving_variance"}
// CHECK: kiln.batch_norm %{{.*}}, %{{.*}}, %{{.*}}, %[[M]], %[[V]]
// CHECK: kiln.dropout
// CHECK-NOT: kiln.bernoulli
// CHECK: return

// CHECK-LABEL: func.func @evaluate(
// CHECK-NOT: kiln.bernoulli
// CHECK: kiln.dropout
// CHECK: return

// CHECK-LABEL: func.func @init()
// CHECK-SAME: tensor<2xf32> {kiln.name = "bn_moving_variance"}, tensor<2xi64> {kiln.name = "rng"}, tensor<f32> {kiln.name = "step"})
// CHECK: %[[SEED:.*]] = kiln.constant dense<[42, 0]> : tensor<2xi64>
// CHECK: return {{.*}}, %[[SEED]], %{{.*}} :

// CHECK-LABEL: func.func @train_step(
// CHECK-SAME: {kiln.name = "bn_moving_variance"}, %{{[^:]*}}: tensor<?x3xf32> {kiln.name = "x"}, %{{[^:]*}}: tensor<?x2xf32> {kiln.name = "t"}, %[[RNG:[^:]*]]: tensor<2xi64> {kiln.name = "rng"}, %{{[^:]*}}: tensor<f32> {kiln.name = "step"})
// CHECK-SAME: -> (tensor<f32> {kiln.name = "loss"}, tensor<3x2xf32> {kiln.name = "new_dense_weight"}, tensor<2xf32> {kiln.name = "new_bn_scale"}, tensor<2xf32> {kiln.name = "new_bn_offset"}, tensor<2xf32> {kiln.name = "new_bn_moving_mean"}, tensor<2xf32> {kiln.name = "new_bn_moving_variance"}, tensor<2xi64> {kiln.name = "new_rng"}, tensor<f32> {kiln.name = "new_step"})
// CHECK-NOT: kiln.dropout
// CHECK: kiln.reduce_mean %{{.*}} {axes = array<i64: 0>} : tensor<?x2xf32> -> tensor<2xf32>
// CHECK: kiln.bernoulli %[[RNG]]
// CHECK-NOT: kiln.dropout
// CHECK: return
