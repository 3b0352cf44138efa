// The random ops, compiled: bit-exact against a NumPy implementation of the
// documented generator, deterministic for a given state, different numbers
// for different states, next states that chain without reusing a draw, a
// batch-dynamic shape taken from `like`, and sample moments within
// statistical bounds (random.mlir.check.py).
// RUN: kilnc %s --emit=shared -o %t.so
// RUN: %python %s.check.py %t.so

func.func @uniform(%s: tensor<2xi64> {kiln.name = "state"}) -> (tensor<200x500xf64> {kiln.name = "values"}, tensor<2xi64> {kiln.name = "next"}) {
  %0, %1 = kiln.random_uniform %s {low = -1.0 : f64, high = 3.0 : f64} : tensor<2xi64> -> tensor<200x500xf64>
  return %0, %1 : tensor<200x500xf64>, tensor<2xi64>
}
func.func @uniform_f32(%s: tensor<2xi64> {kiln.name = "state"}) -> (tensor<100000xf32> {kiln.name = "values"}, tensor<2xi64> {kiln.name = "next"}) {
  %0, %1 = kiln.random_uniform %s : tensor<2xi64> -> tensor<100000xf32>
  return %0, %1 : tensor<100000xf32>, tensor<2xi64>
}
func.func @normal(%s: tensor<2xi64> {kiln.name = "state"}, %like: tensor<?x4xf32> {kiln.name = "like"}) -> (tensor<?x1000xf64> {kiln.name = "values"}, tensor<2xi64> {kiln.name = "next"}) {
  %0, %1 = kiln.random_normal %s, %like : tensor<?x4xf32> {mean = 0.5 : f64, std = 2.0 : f64} : tensor<2xi64> -> tensor<?x1000xf64>
  return %0, %1 : tensor<?x1000xf64>, tensor<2xi64>
}
func.func @bernoulli(%s: tensor<2xi64> {kiln.name = "state"}) -> (tensor<100000xf32> {kiln.name = "values"}, tensor<2xi64> {kiln.name = "next"}) {
  %0, %1 = kiln.bernoulli %s {p = 0.3 : f64} : tensor<2xi64> -> tensor<100000xf32>
  return %0, %1 : tensor<100000xf32>, tensor<2xi64>
}
