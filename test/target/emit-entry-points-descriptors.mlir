// RUN: kiln-opt %s --kiln-emit-entry-points -split-input-file -verify-diagnostics | FileCheck %s

// kiln-emit-entry-points on its own, on an LLVM-dialect module that carries
// the record of kiln-record-entry-points: static, rank-0 and dynamic tensors
// of several element types.

// CHECK-LABEL: llvm.func @f(
// CHECK-SAME: %[[BATCH:[^:]+]]: i64, %[[X:[^:]+]]: !llvm.ptr, %[[S:[^:]+]]: !llvm.ptr, %[[Y:[^:]+]]: !llvm.ptr) {
// CHECK-DAG: %[[TWO:.*]] = llvm.mlir.constant(2 : i64) : i64
// CHECK-DAG: %[[THREE:.*]] = llvm.mlir.constant(3 : i64) : i64
// CHECK-DAG: %[[ONE:.*]] = llvm.mlir.constant(1 : i64) : i64
// CHECK-DAG: %[[XS0:.*]] = llvm.mul %[[ONE]], %[[THREE]] : i64
// x: [2, 3] -> (x, x, 0, 2, 3, 3, 1); s: rank 0 -> (s, s, 0);
// y: [batch, 3] -> (y, y, 0, batch, 3, 3, 1).
// CHECK: llvm.call @__kiln_impl_f(%[[X]], %[[X]], %{{.*}}, %[[TWO]], %[[THREE]], %[[XS0]], %[[ONE]], %[[S]], %[[S]], %{{.*}}, %[[Y]], %[[Y]], %{{.*}}, %[[BATCH]], %{{.*}}, %{{.*}}, %{{.*}}) : (!llvm.ptr, !llvm.ptr, i64, i64, i64, i64, i64, !llvm.ptr, !llvm.ptr, i64, !llvm.ptr, !llvm.ptr, i64, i64, i64, i64, i64) -> ()
// CHECK-NEXT: llvm.return

// CHECK-LABEL: llvm.func @f_packed(
// CHECK-SAME: %[[DIMS:[^:]+]]: !llvm.ptr, %[[BUFS:[^:]+]]: !llvm.ptr) {
// CHECK: %[[PB:.*]] = llvm.load %[[DIMS]] : !llvm.ptr -> i64
// CHECK: llvm.getelementptr %[[BUFS]][0] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK: llvm.getelementptr %[[BUFS]][1] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK: llvm.getelementptr %[[BUFS]][2] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK: llvm.call @__kiln_impl_f(

// CHECK: llvm.mlir.global external constant @__kiln_manifest("kiln-artifact 1\0Afunction f\0Ainput x i32 2x3\0Ainput s f64 scalar\0Aoutput y i1 ?x3\0Aend\0A\00")
// CHECK: llvm.mlir.global external constant @__kiln_abi_version(1 : i32)
// CHECK-NOT: kiln.entry_points
module attributes {kiln.entry_points = [{inputs = [{name = "x", type = tensor<2x3xi32>}, {name = "s", type = tensor<f64>}], name = "f", outputs = [{name = "y", type = tensor<?x3xi1>}]}]} {
  llvm.func @__kiln_impl_f(%a0: !llvm.ptr, %a1: !llvm.ptr, %a2: i64, %a3: i64, %a4: i64, %a5: i64, %a6: i64,
                           %b0: !llvm.ptr, %b1: !llvm.ptr, %b2: i64,
                           %c0: !llvm.ptr, %c1: !llvm.ptr, %c2: i64, %c3: i64, %c4: i64, %c5: i64, %c6: i64) {
    llvm.return
  }
}

// -----

// Without entry points, only the manifest header and the version are emitted.
// CHECK-LABEL: module
// CHECK-NOT: llvm.func
// CHECK: llvm.mlir.global external constant @__kiln_manifest("kiln-artifact 1\0A\00")
// CHECK: llvm.mlir.global external constant @__kiln_abi_version(1 : i32)
module {
}

// -----

// expected-error @+1 {{entry point 'g' has no lowered function __kiln_impl_g}}
module attributes {kiln.entry_points = [{inputs = [], name = "g", outputs = []}]} {
}
