// RUN: kiln-opt %s --kiln-cpu-pipeline | FileCheck %s

// Integer kiln.pow lowers to math.ipowi, which the CPU pipeline expands
// into a helper function (convert-math-to-funcs) before LLVM lowering.

// CHECK-LABEL: llvm.func @__kiln_impl_ipow(
// CHECK-NOT: math.ipowi
// CHECK-LABEL: llvm.func @ipow(
func.func @ipow(%a: tensor<4xi32>, %b: tensor<4xi32>) -> tensor<4xi32> {
  %0 = kiln.pow %a, %b : tensor<4xi32>, tensor<4xi32>
  return %0 : tensor<4xi32>
}
