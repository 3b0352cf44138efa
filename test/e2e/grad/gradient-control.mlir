// The gradient-control ops, compiled: the straight-through estimator
// x + stop_gradient(q - x), gradient reversal and custom_gradient, against
// PyTorch's detach() formulations. Finite differences do not apply: these
// ops define gradients that differ from the derivative of their value.
// RUN: %python %e2e/gradcheck.py %s --work %t
// NO_FD straight_through: the gradient of x is the identity by definition
// NO_FD reversal: the gradient is -lambda by definition
// NO_FD custom: the gradient is sigmoid's by definition
// TORCH straight_through: a0 + (a1 - a0).detach()
// TORCH reversal: torch.tanh(-0.25 * a0 + (1.25 * a0).detach())
// TORCH custom: torch.sigmoid(a0) + (torch.relu(a0) - torch.sigmoid(a0)).detach()

func.func @straight_through(%x: tensor<?x5xf64>, %q: tensor<?x5xf64>) -> tensor<?x5xf64> attributes {kiln.gradient = {wrt = array<i64: 0, 1>}} {
  %0 = kiln.sub %q, %x : tensor<?x5xf64>, tensor<?x5xf64>
  %1 = kiln.stop_gradient %0 : tensor<?x5xf64>
  %2 = kiln.add %x, %1 : tensor<?x5xf64>, tensor<?x5xf64>
  return %2 : tensor<?x5xf64>
}
func.func @reversal(%x: tensor<?x5xf64>) -> tensor<?x5xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %0 = kiln.grad_reverse %x {lambda = 0.25 : f64} : tensor<?x5xf64>
  %1 = kiln.tanh %0 : tensor<?x5xf64>
  return %1 : tensor<?x5xf64>
}
func.func @custom(%x: tensor<?x5xf64>) -> tensor<?x5xf64> attributes {kiln.gradient = {wrt = array<i64: 0>}} {
  %r = kiln.relu %x : tensor<?x5xf64>
  %s = kiln.sigmoid %x : tensor<?x5xf64>
  %0 = kiln.custom_gradient %r, %s : tensor<?x5xf64>
  return %0 : tensor<?x5xf64>
}
