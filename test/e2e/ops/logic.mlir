// Casts, comparisons, boolean logic and select, against NumPy.
// RUN: %python %e2e/kiln_check.py %s --work %t
//
// # INPUT casts.x: rng.uniform(-10, 10, size=shape) * (rng.uniform(size=shape) > 0.3)
// # INPUT casts.d: rng.uniform(-1e3, 1e3, size=shape)
// # REF casts.x_i32: np.trunc(x)
// # REF casts.x_i64: np.trunc(x)
// # REF casts.x_f64: x
// # REF casts.x_bool: x != 0
// # REF casts.d_f32: d.astype(np.float32)
// # REF casts.i_f32: i
// # REF casts.i_i32: i
// # REF casts.i_bool: i != 0
// # REF casts.b_f32: b
// # REF casts.b_i64: b
func.func @casts(%x: tensor<?x6xf32> {kiln.name = "x"}, %d: tensor<?x6xf64> {kiln.name = "d"},
                 %i: tensor<?x6xi64> {kiln.name = "i"}, %b: tensor<?x6xi1> {kiln.name = "b"})
    -> (tensor<?x6xi32> {kiln.name = "x_i32"}, tensor<?x6xi64> {kiln.name = "x_i64"},
        tensor<?x6xf64> {kiln.name = "x_f64"}, tensor<?x6xi1> {kiln.name = "x_bool"},
        tensor<?x6xf32> {kiln.name = "d_f32"}, tensor<?x6xf32> {kiln.name = "i_f32"},
        tensor<?x6xi32> {kiln.name = "i_i32"}, tensor<?x6xi1> {kiln.name = "i_bool"},
        tensor<?x6xf32> {kiln.name = "b_f32"}, tensor<?x6xi64> {kiln.name = "b_i64"}) {
  %0 = kiln.cast %x : tensor<?x6xf32> to i32
  %1 = kiln.cast %x : tensor<?x6xf32> to i64
  %2 = kiln.cast %x : tensor<?x6xf32> to f64
  %3 = kiln.cast %x : tensor<?x6xf32> to i1
  %4 = kiln.cast %d : tensor<?x6xf64> to f32
  %5 = kiln.cast %i : tensor<?x6xi64> to f32
  %6 = kiln.cast %i : tensor<?x6xi64> to i32
  %7 = kiln.cast %i : tensor<?x6xi64> to i1
  %8 = kiln.cast %b : tensor<?x6xi1> to f32
  %9 = kiln.cast %b : tensor<?x6xi1> to i64
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9
      : tensor<?x6xi32>, tensor<?x6xi64>, tensor<?x6xf64>, tensor<?x6xi1>, tensor<?x6xf32>,
        tensor<?x6xf32>, tensor<?x6xi32>, tensor<?x6xi1>, tensor<?x6xf32>, tensor<?x6xi64>
}

// Small integers as floats, so that equal elements occur; one NaN column.
// # INPUT compare.a: np.where(np.arange(4) == 3, np.nan, rng.integers(-2, 3, size=shape))
// # INPUT compare.b: rng.integers(-2, 3, size=shape)
// # REF compare.eq: a == b
// # REF compare.lt: a < b
// # REF compare.le: a <= b
// # REF compare.gt: b > a
// # REF compare.ge: a >= b
// # REF compare.i_eq: i == j
// # REF compare.i_lt: i < j
// # REF compare.i_ge: i >= j
// # REF compare.p_eq: p == q
// # REF compare.p_lt: p < q
func.func @compare(%a: tensor<?x4xf32> {kiln.name = "a"}, %b: tensor<4xf32> {kiln.name = "b"},
                   %i: tensor<?x1xi32> {kiln.name = "i"}, %j: tensor<3xi32> {kiln.name = "j"},
                   %p: tensor<?x3xi1> {kiln.name = "p"}, %q: tensor<3xi1> {kiln.name = "q"})
    -> (tensor<?x4xi1> {kiln.name = "eq"}, tensor<?x4xi1> {kiln.name = "lt"},
        tensor<?x4xi1> {kiln.name = "le"}, tensor<?x4xi1> {kiln.name = "gt"},
        tensor<?x4xi1> {kiln.name = "ge"}, tensor<?x3xi1> {kiln.name = "i_eq"},
        tensor<?x3xi1> {kiln.name = "i_lt"}, tensor<?x3xi1> {kiln.name = "i_ge"},
        tensor<?x3xi1> {kiln.name = "p_eq"}, tensor<?x3xi1> {kiln.name = "p_lt"}) {
  %0 = kiln.equal %a, %b : tensor<?x4xf32>, tensor<4xf32>
  %1 = kiln.less %a, %b : tensor<?x4xf32>, tensor<4xf32>
  %2 = kiln.less_equal %a, %b : tensor<?x4xf32>, tensor<4xf32>
  %3 = kiln.greater %b, %a : tensor<4xf32>, tensor<?x4xf32>
  %4 = kiln.greater_equal %a, %b : tensor<?x4xf32>, tensor<4xf32>
  %5 = kiln.equal %i, %j : tensor<?x1xi32>, tensor<3xi32>
  %6 = kiln.less %i, %j : tensor<?x1xi32>, tensor<3xi32>
  %7 = kiln.greater_equal %i, %j : tensor<?x1xi32>, tensor<3xi32>
  %8 = kiln.equal %p, %q : tensor<?x3xi1>, tensor<3xi1>
  %9 = kiln.less %p, %q : tensor<?x3xi1>, tensor<3xi1>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9
      : tensor<?x4xi1>, tensor<?x4xi1>, tensor<?x4xi1>, tensor<?x4xi1>, tensor<?x4xi1>,
        tensor<?x3xi1>, tensor<?x3xi1>, tensor<?x3xi1>, tensor<?x3xi1>, tensor<?x3xi1>
}

// # REF logic.both: p & q
// # REF logic.either: p | q
// # REF logic.one: p ^ q
// # REF logic.neither: ~(p | q)
func.func @logic(%p: tensor<?x1x5xi1> {kiln.name = "p"}, %q: tensor<3x5xi1> {kiln.name = "q"})
    -> (tensor<?x3x5xi1> {kiln.name = "both"}, tensor<?x3x5xi1> {kiln.name = "either"},
        tensor<?x3x5xi1> {kiln.name = "one"}, tensor<?x3x5xi1> {kiln.name = "neither"}) {
  %0 = kiln.and %p, %q : tensor<?x1x5xi1>, tensor<3x5xi1>
  %1 = kiln.or %p, %q : tensor<?x1x5xi1>, tensor<3x5xi1>
  %2 = kiln.xor %p, %q : tensor<?x1x5xi1>, tensor<3x5xi1>
  %3 = kiln.not %1 : tensor<?x3x5xi1>
  return %0, %1, %2, %3 : tensor<?x3x5xi1>, tensor<?x3x5xi1>, tensor<?x3x5xi1>, tensor<?x3x5xi1>
}

// The condition, the values and the fallbacks broadcast together.
// # REF select.y: np.where(c, a, s)
// # REF select.k: np.where(c, i, j)
func.func @select(%c: tensor<?x1x4xi1> {kiln.name = "c"}, %a: tensor<3x1xf32> {kiln.name = "a"},
                  %s: tensor<f32> {kiln.name = "s"}, %i: tensor<4xi64> {kiln.name = "i"},
                  %j: tensor<3x1xi64> {kiln.name = "j"})
    -> (tensor<?x3x4xf32> {kiln.name = "y"}, tensor<?x3x4xi64> {kiln.name = "k"}) {
  %0 = kiln.select %c, %a, %s : tensor<?x1x4xi1>, tensor<3x1xf32>, tensor<f32>
  %1 = kiln.select %c, %i, %j : tensor<?x1x4xi1>, tensor<4xi64>, tensor<3x1xi64>
  return %0, %1 : tensor<?x3x4xf32>, tensor<?x3x4xi64>
}
