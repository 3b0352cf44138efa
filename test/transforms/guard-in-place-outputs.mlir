// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-guard-in-place-outputs))' -split-input-file | FileCheck %s

// `kiln.in_place_inputs` pairs each out-parameter (the arguments after the
// inputs) with the input whose buffer it may be, or -1. An update that is
// both the last read of the input and the first write of the output, at the
// same index, is right when they alias: nothing changes.

#id = affine_map<(d0) -> (d0)>

// CHECK-LABEL: func.func @elementwise
// CHECK-NOT: kiln.in_place_inputs
// CHECK-NOT: memref.alloc
// CHECK-NOT: memref.copy
// CHECK: return
func.func @elementwise(%w: memref<4xf32>, %g: memref<4xf32>, %new_w: memref<4xf32>)
    attributes {kiln.in_place_inputs = array<i64: 0>} {
  linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%w, %g : memref<4xf32>, memref<4xf32>) outs(%new_w : memref<4xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %d = arith.subf %a, %b : f32
    linalg.yield %d : f32
  }
  return
}

// -----

// new_m is written before the update of w reads m again: it is computed
// into a temporary, copied into new_m at the end. new_w, written by the last
// op that reads w, stays in place.
#id = affine_map<(d0) -> (d0)>
// CHECK-LABEL: func.func @read_after_write
// CHECK-SAME: (%[[W:[^:]+]]: memref<4xf32>, %[[M:[^:]+]]: memref<4xf32>, %[[G:[^:]+]]: memref<4xf32>, %[[NEW_W:[^:]+]]: memref<4xf32>, %[[NEW_M:[^:]+]]: memref<4xf32>)
// CHECK: %[[TMP:.*]] = memref.alloc() : memref<4xf32>
// CHECK: linalg.generic {{.*}} ins(%[[M]], %[[G]] : {{.*}}) outs(%[[TMP]] :
// CHECK: linalg.generic {{.*}} ins(%[[W]], %[[M]], %[[TMP]] : {{.*}}) outs(%[[NEW_W]] :
// CHECK: memref.copy %[[TMP]], %[[NEW_M]]
// CHECK-NEXT: return
func.func @read_after_write(%w: memref<4xf32>, %m: memref<4xf32>, %g: memref<4xf32>,
                            %new_w: memref<4xf32>, %new_m: memref<4xf32>)
    attributes {kiln.in_place_inputs = array<i64: 0, 1>} {
  linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%m, %g : memref<4xf32>, memref<4xf32>) outs(%new_m : memref<4xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32):
    %d = arith.addf %a, %b : f32
    linalg.yield %d : f32
  }
  linalg.generic {indexing_maps = [#id, #id, #id, #id], iterator_types = ["parallel"]}
      ins(%w, %m, %new_m : memref<4xf32>, memref<4xf32>, memref<4xf32>)
      outs(%new_w : memref<4xf32>) {
  ^bb0(%a: f32, %b: f32, %c: f32, %e: f32):
    %d = arith.subf %a, %b : f32
    %f = arith.subf %d, %c : f32
    linalg.yield %f : f32
  }
  return
}

// -----

// A transpose reads other elements of w than the one it writes.
#id = affine_map<(d0, d1) -> (d0, d1)>
#t = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-LABEL: func.func @transpose
// CHECK-SAME: (%[[W:[^:]+]]: memref<3x3xf32>, %[[NEW_W:[^:]+]]: memref<3x3xf32>)
// CHECK: %[[TMP:.*]] = memref.alloc() : memref<3x3xf32>
// CHECK: linalg.generic {{.*}} ins(%[[W]] : {{.*}}) outs(%[[TMP]] :
// CHECK: memref.copy %[[TMP]], %[[NEW_W]]
func.func @transpose(%w: memref<3x3xf32>, %new_w: memref<3x3xf32>)
    attributes {kiln.in_place_inputs = array<i64: 0>} {
  linalg.generic {indexing_maps = [#t, #id], iterator_types = ["parallel", "parallel"]}
      ins(%w : memref<3x3xf32>) outs(%new_w : memref<3x3xf32>) {
  ^bb0(%a: f32, %c: f32):
    linalg.yield %a : f32
  }
  return
}

// -----

// The output is filled before the input is read; the temporary takes its
// dynamic size from the output. An output paired with no input (-1) and a
// view of the output are handled too.
#id = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func.func @dynamic
// CHECK-SAME: (%[[X:[^:]+]]: memref<?x3xf32>, %[[NEW_X:[^:]+]]: memref<?x3xf32>, %[[LOSS:[^:]+]]: memref<f32>)
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[N:.*]] = memref.dim %[[NEW_X]], %[[C0]]
// CHECK: %[[TMP:.*]] = memref.alloc(%[[N]]) : memref<?x3xf32>
// CHECK: %[[VIEW:.*]] = memref.subview %[[TMP]]
// CHECK: linalg.fill {{.*}} outs(%[[VIEW]] :
// CHECK: linalg.generic {{.*}} ins(%[[X]] : {{.*}}) outs(%[[TMP]] :
// CHECK: linalg.fill {{.*}} outs(%[[LOSS]] :
// CHECK: memref.copy %[[TMP]], %[[NEW_X]]
// CHECK-NEXT: return
func.func @dynamic(%x: memref<?x3xf32>, %new_x: memref<?x3xf32>, %loss: memref<f32>)
    attributes {kiln.in_place_inputs = array<i64: 0, -1>} {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %n = memref.dim %x, %c0 : memref<?x3xf32>
  %view = memref.subview %new_x[0, 0] [%n, 3] [1, 1] : memref<?x3xf32> to memref<?x3xf32, strided<[3, 1]>>
  linalg.fill ins(%zero : f32) outs(%view : memref<?x3xf32, strided<[3, 1]>>)
  linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : memref<?x3xf32>) outs(%new_x : memref<?x3xf32>) {
  ^bb0(%a: f32, %c: f32):
    %d = arith.addf %a, %c : f32
    linalg.yield %d : f32
  }
  linalg.fill ins(%zero : f32) outs(%loss : memref<f32>)
  return
}

// -----

// A call may read and write whatever it is given.
// CHECK-LABEL: func.func @call
// CHECK-SAME: (%[[W:[^:]+]]: memref<4xf32>, %[[NEW_W:[^:]+]]: memref<4xf32>)
// CHECK: %[[TMP:.*]] = memref.alloc() : memref<4xf32>
// CHECK: call @helper(%[[W]], %[[TMP]])
// CHECK: memref.copy %[[TMP]], %[[NEW_W]]
func.func private @helper(memref<4xf32>, memref<4xf32>)
func.func @call(%w: memref<4xf32>, %new_w: memref<4xf32>)
    attributes {kiln.in_place_inputs = array<i64: 0>} {
  call @helper(%w, %new_w) : (memref<4xf32>, memref<4xf32>) -> ()
  return
}

// -----

// The input is read only before the output is written: nothing changes.
#id = affine_map<(d0) -> (d0)>
#scalar = affine_map<(d0) -> ()>
// CHECK-LABEL: func.func @read_then_write
// CHECK-NOT: memref.alloc
// CHECK-NOT: memref.copy
// CHECK: return
func.func @read_then_write(%w: memref<4xf32>, %new_w: memref<4xf32>, %s: memref<f32>)
    attributes {kiln.in_place_inputs = array<i64: 0, -1>} {
  linalg.reduce ins(%w : memref<4xf32>) outs(%s : memref<f32>) dimensions = [0]
    (%a: f32, %b: f32) {
      %c = arith.addf %a, %b : f32
      linalg.yield %c : f32
    }
  linalg.generic {indexing_maps = [#scalar, #id], iterator_types = ["parallel"]}
      ins(%s : memref<f32>) outs(%new_w : memref<4xf32>) {
  ^bb0(%a: f32, %c: f32):
    linalg.yield %a : f32
  }
  return
}
