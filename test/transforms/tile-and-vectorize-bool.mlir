// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-tile-and-vectorize))' | FileCheck %s

// Ops that read or write i1 buffers stay scalar: Kiln stores one byte per
// i1, while a vector of i1 in memory would be packed into bits. Booleans
// that live only inside an op's body do not stop vectorization.

#id = affine_map<(d0, d1) -> (d0, d1)>

// CHECK-LABEL: func.func @writes_bool
// CHECK-NOT: vector.transfer_read
// CHECK: linalg.generic
// CHECK: arith.cmpf olt
func.func @writes_bool(%a: memref<4x32xf32>, %out: memref<4x32xi1>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a : memref<4x32xf32>) outs(%out : memref<4x32xi1>) {
  ^bb0(%x: f32, %o: i1):
    %zero = arith.constant 0.0 : f32
    %r = arith.cmpf olt, %x, %zero : f32
    linalg.yield %r : i1
  }
  return
}

// CHECK-LABEL: func.func @reads_bool
// CHECK-NOT: vector.transfer_read
// CHECK: linalg.generic
// CHECK: arith.select
func.func @reads_bool(%c: memref<4x32xi1>, %a: memref<4x32xf32>, %out: memref<4x32xf32>) {
  linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%c, %a : memref<4x32xi1>, memref<4x32xf32>) outs(%out : memref<4x32xf32>) {
  ^bb0(%p: i1, %x: f32, %o: f32):
    %r = arith.select %p, %x, %o : f32
    linalg.yield %r : f32
  }
  return
}

// CHECK-LABEL: func.func @bool_inside
// CHECK: vector.transfer_read {{.*}} : memref<{{.*}}xf32{{.*}}>, vector<1x16xf32>
// CHECK: arith.cmpf olt, {{.*}} : vector<1x16xf32>
// CHECK: arith.select {{.*}} : vector<1x16xi1>, vector<1x16xf32>
// CHECK-NOT: linalg.generic
func.func @bool_inside(%a: memref<4x32xf32>, %out: memref<4x32xf32>) {
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a : memref<4x32xf32>) outs(%out : memref<4x32xf32>) {
  ^bb0(%x: f32, %o: f32):
    %zero = arith.constant 0.0 : f32
    %negative = arith.cmpf olt, %x, %zero : f32
    %r = arith.select %negative, %zero, %x : f32
    linalg.yield %r : f32
  }
  return
}
