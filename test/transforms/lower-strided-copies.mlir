// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-lower-strided-copies))' -split-input-file | FileCheck %s

// A copy into a strided view becomes linalg.copy (lowered to loops later);
// a copy between contiguous buffers stays memref.copy (lowered to memcpy).
// CHECK-LABEL: func.func @copies
// CHECK-SAME: (%[[A:[^:]+]]: memref<4x4xf32>, %[[B:[^:]+]]: memref<4x8xf32>, %[[C:[^:]+]]: memref<4x4xf32>)
// CHECK: %[[VIEW:.*]] = memref.subview %[[B]][0, 2] [4, 4] [1, 1]
// CHECK: linalg.copy ins(%[[A]] : memref<4x4xf32>) outs(%[[VIEW]] : memref<4x4xf32, strided<[8, 1], offset: 2>>)
// CHECK: memref.copy %[[A]], %[[C]] : memref<4x4xf32> to memref<4x4xf32>
func.func @copies(%a: memref<4x4xf32>, %b: memref<4x8xf32>, %c: memref<4x4xf32>) {
  %view = memref.subview %b[0, 2] [4, 4] [1, 1] : memref<4x8xf32> to memref<4x4xf32, strided<[8, 1], offset: 2>>
  memref.copy %a, %view : memref<4x4xf32> to memref<4x4xf32, strided<[8, 1], offset: 2>>
  memref.copy %a, %c : memref<4x4xf32> to memref<4x4xf32>
  return
}
