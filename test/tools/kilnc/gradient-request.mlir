// kilnc builds the gradient functions a module asks for (kiln.gradient), so
// they become entry points of the artifact like any other function.
// RUN: rm -rf %t && mkdir -p %t
// RUN: kilnc %s --emit=shared -o %t/grad.so
// RUN: kiln-run %t/grad.so --list | FileCheck %s
// CHECK: mlp(x: f32[?,4], w: f32[4,3], b: f32[3]) -> (y: f32[?,3])
// CHECK: mlp_grad(x: f32[?,4], w: f32[4,3], b: f32[3], seed_y: f32[?,3]) -> (y: f32[?,3], grad_w: f32[4,3], grad_b: f32[3])

func.func @mlp(%x: tensor<?x4xf32> {kiln.name = "x"}, %w: tensor<4x3xf32> {kiln.name = "w"}, %b: tensor<3xf32> {kiln.name = "b"}) -> (tensor<?x3xf32> {kiln.name = "y"}) attributes {kiln.gradient = {wrt = array<i64: 1, 2>}} {
  %0 = kiln.linear %x, %w, %b : tensor<?x4xf32>, tensor<4x3xf32>, tensor<3xf32> -> tensor<?x3xf32>
  %1 = kiln.tanh %0 : tensor<?x3xf32>
  return %1 : tensor<?x3xf32>
}
