// The chain-rule example f(x) = log x + sqrt(log x): the compiled derivative
// against the analytic one, f'(x) = (1 + 1 / (2 sqrt(log x))) / x, at
// several points.
// RUN: kiln-opt %s --kiln-generate-gradients -o %t.mlir
// RUN: kilnc %t.mlir --emit=shared -o %t.so
// RUN: %python -c "import numpy as np; np.save('%t.x.npy', np.array([1.5, 2.0, 2.718281828459045, 5.0, 10.0, 100.0])); np.save('%t.seed.npy', np.ones(6))"
// RUN: mkdir -p %t.out
// RUN: kiln-run %t.so --function f_grad --input x=%t.x.npy --input seed_y=%t.seed.npy --output-dir %t.out
// RUN: %python %s.check.py %t.x.npy %t.out

func.func @f(%x: tensor<6xf64> {kiln.name = "x"}) -> (tensor<6xf64> {kiln.name = "y"}) attributes {kiln.gradient = {name = "f_grad", wrt = array<i64: 0>}} {
  %l = kiln.log %x : tensor<6xf64>
  %s = kiln.sqrt %l : tensor<6xf64>
  %y = kiln.add %l, %s : tensor<6xf64>, tensor<6xf64>
  return %y : tensor<6xf64>
}
