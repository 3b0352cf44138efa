// RUN: kiln-opt %s --kiln-cpu-pipeline | FileCheck %s

// The whole CPU pipeline: parameters are materialized, composite ops are
// decomposed, everything is lowered to the LLVM dialect, and each recorded
// entry point gets a typed and a packed C entry point that build the memref
// descriptors of __kiln_impl_<name>, plus the manifest and ABI version.

// The parameters became a constant global (glorot_uniform, seed 1).
// CHECK: llvm.mlir.global private constant @{{.*}}(dense<{{\[}}[0.13312304, 0.491563439], [0.942005396, -0.111281633], [-0.111470699, 0.525788665], [0.754697322, 0.0461343527]]> : tensor<4x2xf32>)

// The implementations take expanded memref descriptors (allocated and
// aligned pointers, offset, sizes, strides), inputs then outputs.
// CHECK: llvm.func @__kiln_impl_mlp(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64)
// CHECK-NOT: linalg.
// CHECK-NOT: kiln.
// CHECK: llvm.func @__kiln_impl_scale(%{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr, %{{.*}}: i64, %{{.*}}: i64, %{{.*}}: i64)

// mlp has dynamic dims, so its typed entry point takes the batch size first.
// Input [batch, 4]: sizes (batch, 4), strides (4, 1); output [batch, 2]:
// sizes (batch, 2), strides (2, 1).
// CHECK-LABEL: llvm.func @mlp(
// CHECK-SAME: %[[BATCH:[^:]+]]: i64, %[[IN:[^:]+]]: !llvm.ptr, %[[OUT:[^:]+]]: !llvm.ptr) {
// CHECK-DAG: %[[ZERO:.*]] = llvm.mlir.constant(0 : i64) : i64
// CHECK-DAG: %[[FOUR:.*]] = llvm.mlir.constant(4 : i64) : i64
// CHECK-DAG: %[[ONE:.*]] = llvm.mlir.constant(1 : i64) : i64
// CHECK-DAG: %[[TWO:.*]] = llvm.mlir.constant(2 : i64) : i64
// CHECK-DAG: %[[S4:.*]] = llvm.mul %[[ONE]], %[[FOUR]] : i64
// CHECK-DAG: %[[S2:.*]] = llvm.mul %{{.*}}, %[[TWO]] : i64
// CHECK: llvm.call @__kiln_impl_mlp(%[[IN]], %[[IN]], %[[ZERO]], %[[BATCH]], %[[FOUR]], %[[S4]], %[[ONE]], %[[OUT]], %[[OUT]], %{{.*}}, %[[BATCH]], %[[TWO]], %[[S2]], %{{.*}}) : (!llvm.ptr, !llvm.ptr, i64, i64, i64, i64, i64, !llvm.ptr, !llvm.ptr, i64, i64, i64, i64, i64) -> ()
// CHECK-NEXT: llvm.return

// The packed form reads the batch from dims[0] and the buffers from
// buffers[0] (input) and buffers[1] (output).
// CHECK-LABEL: llvm.func @mlp_packed(
// CHECK-SAME: %[[DIMS:[^:]+]]: !llvm.ptr, %[[BUFS:[^:]+]]: !llvm.ptr) {
// CHECK: %[[PB:.*]] = llvm.load %[[DIMS]] : !llvm.ptr -> i64
// CHECK: %[[SLOT0:.*]] = llvm.getelementptr %[[BUFS]][0] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK: %[[PIN:.*]] = llvm.load %[[SLOT0]] : !llvm.ptr -> !llvm.ptr
// CHECK: %[[SLOT1:.*]] = llvm.getelementptr %[[BUFS]][1] : (!llvm.ptr) -> !llvm.ptr, !llvm.ptr
// CHECK: %[[POUT:.*]] = llvm.load %[[SLOT1]] : !llvm.ptr -> !llvm.ptr
// CHECK: llvm.call @__kiln_impl_mlp(%[[PIN]], %[[PIN]], %{{.*}}, %[[PB]], %{{.*}}, %{{.*}}, %{{.*}}, %[[POUT]], %[[POUT]], %{{.*}}, %[[PB]], %{{.*}}, %{{.*}}, %{{.*}})
// CHECK-NEXT: llvm.return

// scale is fully static: no batch parameter.
// CHECK-LABEL: llvm.func @scale(
// CHECK-SAME: %[[SIN:[^:]+]]: !llvm.ptr, %[[SOUT:[^:]+]]: !llvm.ptr) {
// CHECK: llvm.call @__kiln_impl_scale(%[[SIN]], %[[SIN]], %{{.*}}, %{{.*}}, %{{.*}}, %[[SOUT]], %[[SOUT]], %{{.*}}, %{{.*}}, %{{.*}})
// CHECK-LABEL: llvm.func @scale_packed(
// CHECK-SAME: %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) {
// CHECK-NOT: llvm.load %{{.*}} : !llvm.ptr -> i64
// CHECK: llvm.call @__kiln_impl_scale(

// The manifest names each function's tensors, element types and shapes.
// CHECK: llvm.mlir.global external constant @__kiln_manifest("kiln-artifact 1\0Afunction mlp\0Ainput features f32 ?x4\0Aoutput probs f32 ?x2\0Aend\0Afunction scale\0Ainput input0 f64 3\0Aoutput output0 f64 3\0Aend\0A\00")
// CHECK: llvm.mlir.global external constant @__kiln_abi_version(1 : i32) {{.*}}: i32

// The record is consumed.
// CHECK-NOT: kiln.entry_points

func.func @mlp(%x: tensor<?x4xf32> {kiln.name = "features"}) -> (tensor<?x2xf32> {kiln.name = "probs"}) {
  %w = kiln.parameter "fc.weight" "glorot_uniform" seed 1 : tensor<4x2xf32>
  %b = kiln.parameter "fc.bias" "zeros" seed 0 : tensor<2xf32>
  %0 = kiln.linear %x, %w, %b : tensor<?x4xf32>, tensor<4x2xf32>, tensor<2xf32> -> tensor<?x2xf32>
  %1 = kiln.softmax %0 {axis = -1 : i64} : tensor<?x2xf32>
  return %1 : tensor<?x2xf32>
}

func.func @scale(%x: tensor<3xf64>) -> tensor<3xf64> {
  %c = kiln.constant dense<2.0> : tensor<3xf64>
  %0 = kiln.mul %x, %c : tensor<3xf64>, tensor<3xf64>
  return %0 : tensor<3xf64>
}
