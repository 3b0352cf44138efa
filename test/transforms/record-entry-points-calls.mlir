// RUN: kiln-opt %s --kiln-record-entry-points | FileCheck %s

// XFAIL: *
// BUG (compiler/transforms/RecordEntryPoints.cpp): the pass renames each
// entry point with FuncOp::setSymName, which does not update the symbol's
// uses, so a call from one entry point to another is left referring to the
// old name and the module fails to verify ("'func.call' op 'encode' does not
// reference a valid function"). It should rename with
// SymbolTable::replaceAllSymbolUses (or SymbolTable::rename).

// CHECK-LABEL: module attributes {kiln.entry_points = [{{.*}}name = "encode"{{.*}}name = "model"
// CHECK: func.func @__kiln_impl_encode(%[[X:[^:]+]]: tensor<?x4xf32>) -> tensor<?x4xf32>
// CHECK: func.func @__kiln_impl_model(%[[Y:[^:]+]]: tensor<?x4xf32>) -> tensor<?x4xf32>
// CHECK: %[[R:.*]] = call @__kiln_impl_encode(%[[Y]]) : (tensor<?x4xf32>) -> tensor<?x4xf32>
// CHECK: return %[[R]]
func.func @encode(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  return %x : tensor<?x4xf32>
}
func.func @model(%x: tensor<?x4xf32>) -> tensor<?x4xf32> {
  %0 = func.call @encode(%x) : (tensor<?x4xf32>) -> tensor<?x4xf32>
  return %0 : tensor<?x4xf32>
}
