// RUN: kiln-opt %s --pass-pipeline='builtin.module(func.func(kiln-approximate-math))' | FileCheck %s

// Float32 transcendental ops, scalar or vector, become polynomial arithmetic.
// CHECK-LABEL: func.func @vector_f32
// CHECK-NOT: math.exp
// CHECK-NOT: math.tanh
// CHECK-NOT: math.erf
// CHECK-NOT: math.log
// CHECK: math.fma {{.*}} : vector<8x16xf32>
// CHECK: return
func.func @vector_f32(%x: vector<8x16xf32>) -> (vector<8x16xf32>, vector<8x16xf32>,
                                                vector<8x16xf32>, vector<8x16xf32>) {
  %0 = math.exp %x : vector<8x16xf32>
  %1 = math.tanh %x : vector<8x16xf32>
  %2 = math.erf %x : vector<8x16xf32>
  %3 = math.log %x : vector<8x16xf32>
  return %0, %1, %2, %3 : vector<8x16xf32>, vector<8x16xf32>, vector<8x16xf32>, vector<8x16xf32>
}

// CHECK-LABEL: func.func @scalar_f32
// CHECK-NOT: math.expm1
// CHECK-NOT: math.log1p
// CHECK: return
func.func @scalar_f32(%x: f32) -> (f32, f32) {
  %0 = math.expm1 %x : f32
  %1 = math.log1p %x : f32
  return %0, %1 : f32, f32
}

// Float64 math stays for libm, and so do the ops without an accurate
// approximation (sin, cos, atan).
// CHECK-LABEL: func.func @left_alone
// CHECK: math.exp %{{.*}} : vector<4xf64>
// CHECK: math.tanh %{{.*}} : f64
// CHECK: math.sin %{{.*}} : vector<16xf32>
// CHECK: math.atan %{{.*}} : vector<16xf32>
func.func @left_alone(%a: vector<4xf64>, %b: f64, %c: vector<16xf32>)
    -> (vector<4xf64>, f64, vector<16xf32>, vector<16xf32>) {
  %0 = math.exp %a : vector<4xf64>
  %1 = math.tanh %b : f64
  %2 = math.sin %c : vector<16xf32>
  %3 = math.atan %c : vector<16xf32>
  return %0, %1, %2, %3 : vector<4xf64>, f64, vector<16xf32>, vector<16xf32>
}
