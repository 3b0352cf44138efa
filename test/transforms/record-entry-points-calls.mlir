// RUN: kiln-opt %s --kiln-record-entry-points | FileCheck %s

// Renaming an entry point updates its uses: a call from one entry point to
// another refers to the renamed function.

// CHECK-LABEL: module attributes {kiln.entry_points = [{{.*}}name = "encode"{{.*}}name = "model"
// CHECK: func.func @__kiln_impl_encode(%[[X:[^:]+]]: tensor<?x4xf32> {bufferization.writable = false}) -> tensor<?x4xf32>
// CHECK: func.func @__kiln_impl_model(%[[Y:[^:]+]]: tensor<?x4xf32> {bufferization.writable = false}) -> tensor<?x4xf32>
// CHECK: %[[R:.*]] = call @__kiln_impl_encode(%[[Y]]) : (tensor<?x4xf32>) -> tensor<?x4xf32>
// CHECK: return %[[R]]
func.func @encode(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  return %x : tensor<?x4xf32>
}
func.func @model(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = func.call @encode(%x) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}
