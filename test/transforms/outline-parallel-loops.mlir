// RUN: kiln-opt %s --kiln-outline-parallel-loops | FileCheck %s

// The outermost marked loop becomes a call of a body function over its trip
// count, with the buffers it uses as arguments and its constants copied in;
// the loop nested in it stays in the body, and the marks go away. The
// body's mark estimates one iteration: the inner loop, its 4 ops x 64 trips
// and the outer yield, 258.
// CHECK-LABEL: func.func @scale
// CHECK-SAME: (%[[X:.*]]: memref<?x64xf32>, %[[Y:.*]]: memref<?x64xf32>)
// CHECK-DAG: %[[C0:.*]] = arith.constant 0 : index
// CHECK-DAG: %[[C2:.*]] = arith.constant 2 : index
// CHECK: %[[N:.*]] = memref.dim %[[X]]
// CHECK: %[[TRIPS:.*]] = arith.ceildivsi %{{.*}}, %[[C2]]
// CHECK: %[[ZERO:.*]] = arith.constant 0 : index
// CHECK: call @scale_parallel_0(%[[ZERO]], %[[TRIPS]], %[[C0]], %[[C2]], %[[X]], %[[Y]])
// CHECK-NOT: scf.for
// CHECK: return
// CHECK: func.func private @scale_parallel_0(%[[BEGIN:.*]]: index, %[[END:.*]]: index, %{{.*}}: index, %{{.*}}: index, %[[BX:.*]]: memref<?x64xf32>, %[[BY:.*]]: memref<?x64xf32>) attributes {kiln.parallel_body = 258 : i64}
// CHECK-DAG: %[[TWO:.*]] = arith.constant 2.0{{.*}} : f32
// CHECK-DAG: %[[STEP:.*]] = arith.constant 2 : index
// CHECK: %[[OFFSET:.*]] = arith.muli %[[BEGIN]], %[[STEP]]
// CHECK: %[[FIRST:.*]] = arith.addi %{{.*}}, %[[OFFSET]]
// CHECK: %[[SPAN:.*]] = arith.muli %[[END]], %[[STEP]]
// CHECK: %[[LAST:.*]] = arith.addi %{{.*}}, %[[SPAN]]
// CHECK: scf.for %[[I:.*]] = %[[FIRST]] to %[[LAST]] step %[[STEP]]
// CHECK: scf.for %[[J:.*]] =
// CHECK: %[[V:.*]] = memref.load %[[BX]][%[[I]], %[[J]]]
// CHECK: %[[W:.*]] = arith.mulf %[[V]], %[[TWO]]
// CHECK: memref.store %[[W]], %[[BY]][%[[I]], %[[J]]]
// CHECK-NOT: kiln.parallel
func.func @scale(%x: memref<?x64xf32>, %y: memref<?x64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c64 = arith.constant 64 : index
  %two = arith.constant 2.0 : f32
  %n = memref.dim %x, %c0 : memref<?x64xf32>
  scf.for %i = %c0 to %n step %c2 {
    scf.for %j = %c0 to %c64 step %c1 {
      %v = memref.load %x[%i, %j] : memref<?x64xf32>
      %w = arith.mulf %v, %two : f32
      memref.store %w, %y[%i, %j] : memref<?x64xf32>
    } {kiln.parallel}
  } {kiln.parallel}
  return
}

// An unmarked loop (a reduction) is searched for marked loops inside it, and
// its induction variable becomes an argument; a marked loop of one iteration
// stays a loop.
// CHECK-LABEL: func.func @inside_reduction
// CHECK: scf.for %[[I:.*]] =
// CHECK: call @inside_reduction_parallel_0(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[I]], %{{.*}})
// CHECK: scf.for
// CHECK-NOT: kiln.parallel
// CHECK: return
// CHECK: func.func private @inside_reduction_parallel_0
func.func @inside_reduction(%x: memref<8x64xf32>, %acc: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %c64 = arith.constant 64 : index
  scf.for %i = %c0 to %c8 step %c1 {
    scf.for %j = %c0 to %c64 step %c1 {
      %v = memref.load %x[%i, %j] : memref<8x64xf32>
      %a = memref.load %acc[%j] : memref<64xf32>
      %s = arith.addf %a, %v : f32
      memref.store %s, %acc[%j] : memref<64xf32>
    } {kiln.parallel}
  }
  scf.for %k = %c0 to %c1 step %c1 {
    %v = memref.load %acc[%k] : memref<64xf32>
    memref.store %v, %acc[%k] : memref<64xf32>
  } {kiln.parallel}
  return
}
