// RUN: kiln-opt --kiln-build-train-step --split-input-file --verify-diagnostics %s | FileCheck %s

// Two named train sections over two models that share nothing but the
// loss: each trains its own model's parameters; the other model's are
// inputs of its step. One init for both, one eval per model.

func.func @gen(%z: tensor<?x2xf32> {kiln.name = "z"}) -> (tensor<?x2xf32> {kiln.name = "fake"}) {
  %w = kiln.parameter "g.w" "ones" seed 1 : tensor<2xf32>
  %y = kiln.mul %z, %w : tensor<?x2xf32>, tensor<2xf32>
  return %y : tensor<?x2xf32>
}

func.func @disc(%x: tensor<?x2xf32> {kiln.name = "x"}) -> (tensor<?x2xf32> {kiln.name = "score"}) {
  %w = kiln.parameter "d.w" "ones" seed 2 : tensor<2xf32>
  %y = kiln.mul %x, %w : tensor<?x2xf32>, tensor<2xf32>
  return %y : tensor<?x2xf32>
}

func.func @d_loss(%x: tensor<?x2xf32> {kiln.name = "x"}, %z: tensor<?x2xf32> {kiln.name = "z"}) -> (tensor<f32> {kiln.name = "loss"})
    attributes {kiln.train = {model = @disc, name = "critic", optimizer = {name = "sgd", learning_rate = 0.1 : f64}}} {
  %real = func.call @disc(%x) : (tensor<?x2xf32>) -> tensor<?x2xf32>
  %fake = func.call @gen(%z) : (tensor<?x2xf32>) -> tensor<?x2xf32>
  %score = func.call @disc(%fake) : (tensor<?x2xf32>) -> tensor<?x2xf32>
  %d = kiln.sub %score, %real : tensor<?x2xf32>, tensor<?x2xf32>
  %l = kiln.reduce_mean %d {axes = array<i64>} : tensor<?x2xf32> -> tensor<f32>
  return %l : tensor<f32>
}

func.func @g_loss(%z: tensor<?x2xf32> {kiln.name = "z"}) -> (tensor<f32> {kiln.name = "loss"})
    attributes {kiln.train = {model = @gen, name = "generator", optimizer = {name = "adam", learning_rate = 0.01 : f64}}} {
  %fake = func.call @gen(%z) : (tensor<?x2xf32>) -> tensor<?x2xf32>
  %score = func.call @disc(%fake) : (tensor<?x2xf32>) -> tensor<?x2xf32>
  %l = kiln.reduce_mean %score {axes = array<i64>} : tensor<?x2xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// CHECK-LABEL: func.func @disc_eval(%{{.*}}: tensor<2xf32> {kiln.name = "d_w"}, %{{.*}}: tensor<?x2xf32> {kiln.name = "x"})
// CHECK-LABEL: func.func @gen_eval(%{{.*}}: tensor<2xf32> {kiln.name = "g_w"}, %{{.*}}: tensor<?x2xf32> {kiln.name = "z"})
// CHECK-LABEL: func.func @critic_evaluate(
// CHECK-LABEL: func.func @generator_evaluate(
// CHECK-LABEL: func.func @init() -> (tensor<2xf32> {kiln.name = "d_w"}, tensor<2xf32> {kiln.name = "g_w"}, tensor<2xf32> {kiln.name = "generator_m_g_w"}, tensor<2xf32> {kiln.name = "generator_v_g_w"}, tensor<f32> {kiln.name = "critic_step"}, tensor<f32> {kiln.name = "generator_step"})
// CHECK-LABEL: func.func @critic_apply_gradients(
// CHECK-SAME: -> (tensor<2xf32> {kiln.name = "new_d_w"}, tensor<f32> {kiln.name = "new_critic_step"})
// The critic's step reads the generator's parameter but updates only its own.
// CHECK-LABEL: func.func @critic_train_step(
// CHECK-SAME: {kiln.name = "d_w"}, {{.*}} {kiln.name = "g_w"}, {{.*}} {kiln.name = "x"}, {{.*}} {kiln.name = "z"}, {{.*}} {kiln.name = "critic_step"})
// CHECK-SAME: -> (tensor<f32> {kiln.name = "loss"}, tensor<2xf32> {kiln.name = "new_d_w"}, tensor<f32> {kiln.name = "new_critic_step"})
// CHECK-LABEL: func.func @generator_apply_gradients(
// CHECK-LABEL: func.func @generator_train_step(
// CHECK-SAME: {kiln.name = "d_w"}, {{.*}} {kiln.name = "g_w"}, {{.*}} {kiln.name = "generator_m_g_w"}, {{.*}} {kiln.name = "generator_v_g_w"}, {{.*}} {kiln.name = "z"}, {{.*}} {kiln.name = "generator_step"})
// CHECK-SAME: -> (tensor<f32> {kiln.name = "loss"}, tensor<2xf32> {kiln.name = "new_g_w"}, tensor<2xf32> {kiln.name = "new_generator_m_g_w"}, tensor<2xf32> {kiln.name = "new_generator_v_g_w"}, tensor<f32> {kiln.name = "new_generator_step"})

// -----

// Two optimizers: adam for "a", momentum for the rest; the state follows
// the parameters' order, each with its own optimizer's slots.

func.func @net(%x: tensor<?x2xf32> {kiln.name = "x"}) -> (tensor<?x2xf32> {kiln.name = "y"}) {
  %a = kiln.parameter "a" "ones" seed 1 : tensor<2xf32>
  %b = kiln.parameter "b" "ones" seed 2 : tensor<2xf32>
  %c = kiln.parameter "c" "ones" seed 3 : tensor<2xf32>
  %y = kiln.mul %x, %a : tensor<?x2xf32>, tensor<2xf32>
  %z = kiln.mul %y, %b : tensor<?x2xf32>, tensor<2xf32>
  %w = kiln.add %z, %c : tensor<?x2xf32>, tensor<2xf32>
  return %w : tensor<?x2xf32>
}

func.func @net_train(%x: tensor<?x2xf32> {kiln.name = "x"}) -> (tensor<f32> {kiln.name = "loss"})
    attributes {kiln.train = {model = @net, optimizer = [{name = "momentum", learning_rate = 0.1 : f64}, {name = "adam", learning_rate = 0.01 : f64, params = ["a"]}]}} {
  %y = func.call @net(%x) : (tensor<?x2xf32>) -> tensor<?x2xf32>
  %l = kiln.reduce_mean %y {axes = array<i64>} : tensor<?x2xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// CHECK-LABEL: func.func @init() -> (tensor<2xf32> {kiln.name = "a"}, tensor<2xf32> {kiln.name = "b"}, tensor<2xf32> {kiln.name = "c"}, tensor<2xf32> {kiln.name = "m_a"}, tensor<2xf32> {kiln.name = "v_a"}, tensor<2xf32> {kiln.name = "momentum_b"}, tensor<2xf32> {kiln.name = "momentum_c"}, tensor<f32> {kiln.name = "step"})

// -----

func.func @net(%x: tensor<?x2xf32>) -> tensor<?x2xf32> {
  %a = kiln.parameter "a" "ones" seed 1 : tensor<2xf32>
  %y = kiln.mul %x, %a : tensor<?x2xf32>, tensor<2xf32>
  return %y : tensor<?x2xf32>
}

// expected-error @+1 {{parameter 'a' is in the 'params' of two optimizers}}
func.func @net_train(%x: tensor<?x2xf32>) -> (tensor<f32> {kiln.name = "loss"})
    attributes {kiln.train = {model = @net, optimizer = [{name = "sgd", params = ["a"]}, {name = "adam", params = ["a"]}]}} {
  %y = func.call @net(%x) : (tensor<?x2xf32>) -> tensor<?x2xf32>
  %l = kiln.reduce_mean %y {axes = array<i64>} : tensor<?x2xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

func.func @net(%x: tensor<?x2xf32>) -> tensor<?x2xf32> {
  %a = kiln.parameter "a" "ones" seed 1 : tensor<2xf32>
  %b = kiln.parameter "b" "ones" seed 1 : tensor<2xf32>
  %y = kiln.mul %x, %a : tensor<?x2xf32>, tensor<2xf32>
  %z = kiln.mul %y, %b : tensor<?x2xf32>, tensor<2xf32>
  return %z : tensor<?x2xf32>
}

// expected-error @+1 {{parameter 'b' is in no optimizer's 'params' and not frozen}}
func.func @net_train(%x: tensor<?x2xf32>) -> (tensor<f32> {kiln.name = "loss"})
    attributes {kiln.train = {model = @net, optimizer = [{name = "sgd", params = ["a"]}]}} {
  %y = func.call @net(%x) : (tensor<?x2xf32>) -> tensor<?x2xf32>
  %l = kiln.reduce_mean %y {axes = array<i64>} : tensor<?x2xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

func.func @net(%x: tensor<?x2xf32>) -> tensor<?x2xf32> {
  %a = kiln.parameter "a" "ones" seed 1 : tensor<2xf32>
  %y = kiln.mul %x, %a : tensor<?x2xf32>, tensor<2xf32>
  return %y : tensor<?x2xf32>
}

// expected-error @+1 {{the optimizers of a train section must share their gradient clipping}}
func.func @net_train(%x: tensor<?x2xf32>) -> (tensor<f32> {kiln.name = "loss"})
    attributes {kiln.train = {model = @net, optimizer = [{name = "sgd", clip_norm = 1.0 : f64}, {name = "adam", params = []}]}} {
  %y = func.call @net(%x) : (tensor<?x2xf32>) -> tensor<?x2xf32>
  %l = kiln.reduce_mean %y {axes = array<i64>} : tensor<?x2xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// -----

func.func @net(%x: tensor<?x2xf32>) -> tensor<?x2xf32> {
  %a = kiln.parameter "a" "ones" seed 1 : tensor<2xf32>
  %y = kiln.mul %x, %a : tensor<?x2xf32>, tensor<2xf32>
  return %y : tensor<?x2xf32>
}

func.func @one(%x: tensor<?x2xf32>) -> (tensor<f32> {kiln.name = "loss"})
    attributes {kiln.train = {model = @net, optimizer = {name = "sgd"}}} {
  %y = func.call @net(%x) : (tensor<?x2xf32>) -> tensor<?x2xf32>
  %l = kiln.reduce_mean %y {axes = array<i64>} : tensor<?x2xf32> -> tensor<f32>
  return %l : tensor<f32>
}

// expected-error @+1 {{several train sections need names}}
func.func @two(%x: tensor<?x2xf32>) -> (tensor<f32> {kiln.name = "loss"})
    attributes {kiln.train = {model = @net, optimizer = {name = "sgd"}}} {
  %y = func.call @net(%x) : (tensor<?x2xf32>) -> tensor<?x2xf32>
  %l = kiln.reduce_mean %y {axes = array<i64>} : tensor<?x2xf32> -> tensor<f32>
  return %l : tensor<f32>
}
