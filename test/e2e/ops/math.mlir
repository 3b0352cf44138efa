// Elementwise math, activations, float tests and remainders, against NumPy.
// RUN: %python %e2e/kiln_check.py %s --work %t
//
// # INPUT trig.x: rng.uniform(-1.2, 1.2, size=shape)
// # INPUT trig.u: rng.uniform(-0.95, 0.95, size=shape)
// # INPUT trig.w: rng.uniform(1.0, 6.0, size=shape)
// # REF trig.sin: np.sin(x)
// # REF trig.cos: np.cos(x)
// # REF trig.tan: np.tan(x)
// # REF trig.atan: np.arctan(x)
// # REF trig.sinh: np.sinh(x)
// # REF trig.cosh: np.cosh(x)
// # REF trig.asinh: np.arcsinh(x)
// # REF trig.asin: np.arcsin(u)
// # REF trig.acos: np.arccos(u)
// # REF trig.atanh: np.arctanh(u)
// # REF trig.acosh: np.arccosh(w)
// # REF trig.erf: erf(x)
func.func @trig(%x: tensor<?x8xf32> {kiln.name = "x"}, %u: tensor<?x8xf32> {kiln.name = "u"},
                %w: tensor<?x8xf32> {kiln.name = "w"})
    -> (tensor<?x8xf32> {kiln.name = "sin"}, tensor<?x8xf32> {kiln.name = "cos"},
        tensor<?x8xf32> {kiln.name = "tan"}, tensor<?x8xf32> {kiln.name = "atan"},
        tensor<?x8xf32> {kiln.name = "sinh"}, tensor<?x8xf32> {kiln.name = "cosh"},
        tensor<?x8xf32> {kiln.name = "asinh"}, tensor<?x8xf32> {kiln.name = "asin"},
        tensor<?x8xf32> {kiln.name = "acos"}, tensor<?x8xf32> {kiln.name = "atanh"},
        tensor<?x8xf32> {kiln.name = "acosh"}, tensor<?x8xf32> {kiln.name = "erf"}) {
  %0 = kiln.sin %x : tensor<?x8xf32>
  %1 = kiln.cos %x : tensor<?x8xf32>
  %2 = kiln.tan %x : tensor<?x8xf32>
  %3 = kiln.atan %x : tensor<?x8xf32>
  %4 = kiln.sinh %x : tensor<?x8xf32>
  %5 = kiln.cosh %x : tensor<?x8xf32>
  %6 = kiln.asinh %x : tensor<?x8xf32>
  %7 = kiln.asin %u : tensor<?x8xf32>
  %8 = kiln.acos %u : tensor<?x8xf32>
  %9 = kiln.atanh %u : tensor<?x8xf32>
  %10 = kiln.acosh %w : tensor<?x8xf32>
  %11 = kiln.erf %x : tensor<?x8xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11
      : tensor<?x8xf32>, tensor<?x8xf32>, tensor<?x8xf32>, tensor<?x8xf32>, tensor<?x8xf32>, tensor<?x8xf32>,
        tensor<?x8xf32>, tensor<?x8xf32>, tensor<?x8xf32>, tensor<?x8xf32>, tensor<?x8xf32>, tensor<?x8xf32>
}

// Halves and integers included: round goes to the even neighbour.
// # INPUT rounding.h: np.where(rng.uniform(size=shape) < 0.5, rng.integers(-7, 8, size=shape) / 2, rng.uniform(-4, 4, size=shape))
// # INPUT rounding.r: rng.uniform(0.5, 3, size=shape) * rng.choice([-1, 1], size=shape)
// # REF rounding.floor: np.floor(h)
// # REF rounding.ceil: np.ceil(h)
// # REF rounding.round: np.round(h)
// # REF rounding.sign: np.sign(h)
// # REF rounding.reciprocal: 1 / r
// # REF rounding.softsign: h / (1 + np.abs(h))
func.func @rounding(%h: tensor<?x16xf64> {kiln.name = "h"}, %r: tensor<?x16xf64> {kiln.name = "r"})
    -> (tensor<?x16xf64> {kiln.name = "floor"}, tensor<?x16xf64> {kiln.name = "ceil"},
        tensor<?x16xf64> {kiln.name = "round"}, tensor<?x16xf64> {kiln.name = "sign"},
        tensor<?x16xf64> {kiln.name = "reciprocal"}, tensor<?x16xf64> {kiln.name = "softsign"}) {
  %0 = kiln.floor %h : tensor<?x16xf64>
  %1 = kiln.ceil %h : tensor<?x16xf64>
  %2 = kiln.round %h : tensor<?x16xf64>
  %3 = kiln.sign %h : tensor<?x16xf64>
  %4 = kiln.reciprocal %r : tensor<?x16xf64>
  %5 = kiln.softsign %h : tensor<?x16xf64>
  return %0, %1, %2, %3, %4, %5
      : tensor<?x16xf64>, tensor<?x16xf64>, tensor<?x16xf64>, tensor<?x16xf64>, tensor<?x16xf64>, tensor<?x16xf64>
}

// # INPUT activations.x: rng.uniform(-5, 5, size=shape)
// # REF activations.hard_sigmoid: np.clip(0.2 * x + 0.5, 0, 1)
// # REF activations.hard_sigmoid_custom: np.clip(0.5 * x - 0.25, 0, 1)
// # REF activations.hard_swish: x * np.clip(x / 6 + 0.5, 0, 1)
// # REF activations.selu: 1.0507009873554805 * np.where(x > 0, x, 1.6732632423543772 * np.expm1(x))
// # REF activations.celu: np.maximum(0, x) + np.minimum(0, 2 * np.expm1(x / 2))
// # REF activations.thresholded_relu: np.where(x > 0.5, x, 0)
func.func @activations(%x: tensor<?x9xf32> {kiln.name = "x"})
    -> (tensor<?x9xf32> {kiln.name = "hard_sigmoid"}, tensor<?x9xf32> {kiln.name = "hard_sigmoid_custom"},
        tensor<?x9xf32> {kiln.name = "hard_swish"}, tensor<?x9xf32> {kiln.name = "selu"},
        tensor<?x9xf32> {kiln.name = "celu"}, tensor<?x9xf32> {kiln.name = "thresholded_relu"}) {
  %0 = kiln.hard_sigmoid %x : tensor<?x9xf32>
  %1 = kiln.hard_sigmoid %x {alpha = 0.5 : f64, beta = -0.25 : f64} : tensor<?x9xf32>
  %2 = kiln.hard_swish %x : tensor<?x9xf32>
  %3 = kiln.selu %x : tensor<?x9xf32>
  %4 = kiln.celu %x {alpha = 2.0 : f64} : tensor<?x9xf32>
  %5 = kiln.thresholded_relu %x {alpha = 0.5 : f64} : tensor<?x9xf32>
  return %0, %1, %2, %3, %4, %5
      : tensor<?x9xf32>, tensor<?x9xf32>, tensor<?x9xf32>, tensor<?x9xf32>, tensor<?x9xf32>, tensor<?x9xf32>
}

// # INPUT float_tests.x: [[np.nan, np.inf, -np.inf, 0.0, 1.5], [-2.0, np.nan, np.inf, -0.0, -np.inf]]
// # REF float_tests.nan: np.isnan(x)
// # REF float_tests.inf: np.isinf(x)
// # REF float_tests.pos_inf: np.isposinf(x)
// # REF float_tests.neg_inf: np.isneginf(x)
func.func @float_tests(%x: tensor<2x5xf32> {kiln.name = "x"})
    -> (tensor<2x5xi1> {kiln.name = "nan"}, tensor<2x5xi1> {kiln.name = "inf"},
        tensor<2x5xi1> {kiln.name = "pos_inf"}, tensor<2x5xi1> {kiln.name = "neg_inf"}) {
  %0 = kiln.is_nan %x : tensor<2x5xf32>
  %1 = kiln.is_inf %x : tensor<2x5xf32>
  %2 = kiln.is_inf %x {detect_negative = false} : tensor<2x5xf32>
  %3 = kiln.is_inf %x {detect_positive = false} : tensor<2x5xf32>
  return %0, %1, %2, %3 : tensor<2x5xi1>, tensor<2x5xi1>, tensor<2x5xi1>, tensor<2x5xi1>
}

// Integer neg, abs and sign; remainders with broadcasting, both sign rules.
// # INPUT integers.i: rng.integers(-9, 10, size=shape)
// # INPUT integers.d: rng.choice([-4, -3, -1, 2, 5], size=shape)
// # INPUT integers.x: rng.uniform(-6, 6, size=shape)
// # INPUT integers.y: rng.uniform(0.5, 2.5, size=shape) * rng.choice([-1, 1], size=shape)
// # REF integers.neg: -i
// # REF integers.abs: np.abs(i)
// # REF integers.sign: np.sign(i)
// # REF integers.mod: np.mod(i, d)
// # REF integers.fmod: np.fmod(i, d)
// # REF integers.float_mod: np.mod(x, y)
// # REF integers.float_fmod: np.fmod(x, y)
func.func @integers(%i: tensor<?x5xi32> {kiln.name = "i"}, %d: tensor<5xi32> {kiln.name = "d"},
                    %x: tensor<?x5xf32> {kiln.name = "x"}, %y: tensor<5xf32> {kiln.name = "y"})
    -> (tensor<?x5xi32> {kiln.name = "neg"}, tensor<?x5xi32> {kiln.name = "abs"},
        tensor<?x5xi32> {kiln.name = "sign"}, tensor<?x5xi32> {kiln.name = "mod"},
        tensor<?x5xi32> {kiln.name = "fmod"}, tensor<?x5xf32> {kiln.name = "float_mod"},
        tensor<?x5xf32> {kiln.name = "float_fmod"}) {
  %0 = kiln.neg %i : tensor<?x5xi32>
  %1 = kiln.abs %i : tensor<?x5xi32>
  %2 = kiln.sign %i : tensor<?x5xi32>
  %3 = kiln.mod %i, %d : tensor<?x5xi32>, tensor<5xi32>
  %4 = kiln.mod %i, %d {fmod = true} : tensor<?x5xi32>, tensor<5xi32>
  %5 = kiln.mod %x, %y : tensor<?x5xf32>, tensor<5xf32>
  %6 = kiln.mod %x, %y {fmod = true} : tensor<?x5xf32>, tensor<5xf32>
  return %0, %1, %2, %3, %4, %5, %6
      : tensor<?x5xi32>, tensor<?x5xi32>, tensor<?x5xi32>, tensor<?x5xi32>, tensor<?x5xi32>,
        tensor<?x5xf32>, tensor<?x5xf32>
}
