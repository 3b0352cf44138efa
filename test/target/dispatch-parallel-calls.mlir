// RUN: kiln-opt %s --kiln-dispatch-parallel-calls | FileCheck %s

// A call of a parallel body becomes kiln_parallel_for over the same range,
// with the other arguments in a stack struct made in the entry block, and a
// task function that unpacks them; the body's cost estimate is passed on.
// CHECK-LABEL: llvm.func @caller
// CHECK: %[[ONE:.*]] = llvm.mlir.constant(1 : i64) : i64
// CHECK: %[[CTX:.*]] = llvm.alloca %[[ONE]] x !llvm.struct<(i64, ptr, f32)>
// CHECK: llvm.cond_br
// CHECK: %[[S0:.*]] = llvm.getelementptr %[[CTX]][0, 0]
// CHECK: llvm.store %{{.*}}, %[[S0]] : i64, !llvm.ptr
// CHECK: %[[S1:.*]] = llvm.getelementptr %[[CTX]][0, 1]
// CHECK: llvm.store %{{.*}}, %[[S1]] : !llvm.ptr, !llvm.ptr
// CHECK: %[[S2:.*]] = llvm.getelementptr %[[CTX]][0, 2]
// CHECK: llvm.store %{{.*}}, %[[S2]] : f32, !llvm.ptr
// CHECK: %[[TASK:.*]] = llvm.mlir.addressof @body_task
// CHECK: %[[COST:.*]] = llvm.mlir.constant(40 : i64) : i64
// CHECK: llvm.call @kiln_parallel_for(%[[TASK]], %[[CTX]], %{{.*}}, %{{.*}}, %[[COST]])
// CHECK-NOT: llvm.call @body(
// CHECK: llvm.func internal @body(
// CHECK-NOT: kiln.parallel_body
// CHECK: llvm.func internal @body_task(%[[ARG:.*]]: !llvm.ptr, %[[BEGIN:.*]]: i64, %[[END:.*]]: i64)
// CHECK: llvm.load {{.*}} -> i64
// CHECK: llvm.load {{.*}} -> !llvm.ptr
// CHECK: llvm.load {{.*}} -> f32
// CHECK: llvm.call @body(%[[BEGIN]], %[[END]],
// CHECK: llvm.func @kiln_parallel_for(!llvm.ptr, !llvm.ptr, i64, i64, i64)
llvm.func @caller(%n: i64, %p: !llvm.ptr, %v: f32, %flag: i1) {
  %c0 = llvm.mlir.constant(0 : i64) : i64
  llvm.cond_br %flag, ^run, ^done
^run:
  llvm.call @body(%c0, %n, %n, %p, %v) : (i64, i64, i64, !llvm.ptr, f32) -> ()
  llvm.br ^done
^done:
  llvm.return
}
llvm.func @body(%begin: i64, %end: i64, %n: i64, %p: !llvm.ptr, %v: f32) attributes {kiln.parallel_body = 40 : i64} {
  llvm.return
}
