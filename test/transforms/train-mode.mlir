// RUN: kiln-opt --kiln-train-mode --split-input-file --verify-diagnostics %s | FileCheck %s

// Inverted dropout, batch norm over the batch's statistics with its running
// statistics returned, and every random op on one chain that starts at the
// new `rng` argument.

func.func @f(%x: tensor<?x3x4xf32> {kiln.name = "x"}, %scale: tensor<3xf32>, %offset: tensor<3xf32>, %mean: tensor<3xf32> {kiln.name = "mean"}, %var: tensor<3xf32> {kiln.name = "var"}) -> (tensor<?x3x4xf32> {kiln.name = "y"}, tensor<?x3x4xf32> {kiln.name = "noise"}) attributes {kiln.train_mode} {
  %s = kiln.constant dense<[5, 9]> : tensor<2xi64>
  %noise, %next = kiln.random_normal %s, %x : tensor<?x3x4xf32> : tensor<2xi64> -> tensor<?x3x4xf32>
  %d = kiln.dropout %x {rate = 2.500000e-01 : f64} : tensor<?x3x4xf32>
  %z = kiln.dropout %d {rate = 0.000000e+00 : f64} : tensor<?x3x4xf32>
  %y = kiln.batch_norm %z, %scale, %offset, %mean, %var {epsilon = 1.0e-3 : f64, momentum = 0.75 : f64} : tensor<?x3x4xf32>, tensor<3xf32> -> tensor<?x3x4xf32>
  return %y, %noise : tensor<?x3x4xf32>, tensor<?x3x4xf32>
}

// CHECK-LABEL: func.func @f(
// CHECK-SAME: %[[X:[^:]*]]: tensor<?x3x4xf32> {kiln.name = "x"}, %[[SCALE:[^:]*]]: tensor<3xf32>, %[[OFFSET:[^:]*]]: tensor<3xf32>, %[[MEAN:[^:]*]]: tensor<3xf32> {kiln.name = "mean"}, %[[VAR:[^:]*]]: tensor<3xf32> {kiln.name = "var"}, %[[RNG:[^:]*]]: tensor<2xi64> {kiln.name = "rng"})
// CHECK-SAME: -> (tensor<?x3x4xf32> {kiln.name = "y"}, tensor<?x3x4xf32> {kiln.name = "noise"}, tensor<3xf32> {kiln.name = "new_mean"}, tensor<3xf32> {kiln.name = "new_var"}, tensor<2xi64> {kiln.name = "new_rng"})
// CHECK-NOT: kiln.train_mode
// The random op draws first, then dropout from the state it returns.
// CHECK: %[[NOISE:.*]], %[[S1:.*]] = kiln.random_normal %[[RNG]], %[[X]]
// CHECK: %[[MASK:.*]], %[[S2:.*]] = kiln.bernoulli %[[S1]], %[[X]] : tensor<?x3x4xf32> {p = 7.500000e-01 : f64} : tensor<2xi64> -> tensor<?x3x4xf32>
// CHECK: %[[KEPT:.*]] = kiln.mul %[[X]], %[[MASK]]
// CHECK: %[[SCALED:.*]] = kiln.mul %[[KEPT]], %{{.*}} : tensor<?x3x4xf32>, tensor<f32>
// CHECK-NOT: kiln.dropout
// The batch's statistics over axes 0 and 2.
// CHECK: %[[BMEAN:.*]] = kiln.reduce_mean %[[SCALED]] {axes = array<i64: 0, 2>} : tensor<?x3x4xf32> -> tensor<3xf32>
// CHECK: %[[COL:.*]] = kiln.reshape %[[BMEAN]] {{.*}} -> tensor<3x1xf32>
// CHECK: %[[CENTERED:.*]] = kiln.sub %[[SCALED]], %[[COL]]
// CHECK: %[[SQ:.*]] = kiln.mul %[[CENTERED]], %[[CENTERED]]
// CHECK: %[[BVAR:.*]] = kiln.reduce_mean %[[SQ]] {axes = array<i64: 0, 2>}
// CHECK: %[[Y:.*]] = kiln.batch_norm %[[SCALED]], %[[SCALE]], %[[OFFSET]], %[[BMEAN]], %[[BVAR]] {epsilon = 1.000000e-03 : f64, momentum = 7.500000e-01 : f64}
// running * momentum + batch * (1 - momentum).
// CHECK: %[[M1:.*]] = kiln.mul %[[MEAN]], %{{.*}}
// CHECK: %[[M2:.*]] = kiln.mul %[[BMEAN]], %{{.*}}
// CHECK: %[[NEWMEAN:.*]] = kiln.add %[[M1]], %[[M2]]
// The count per channel of a dynamic batch, for the unbiased variance.
// CHECK: %[[ZEROS:.*]] = kiln.zeros_like %[[SCALED]]
// CHECK: %[[ONES:.*]] = kiln.add %[[ZEROS]]
// CHECK: %[[COUNT:.*]] = kiln.reduce_sum %[[ONES]] {axes = array<i64: 0, 2>}
// CHECK: %[[COUNT1:.*]] = kiln.add %[[COUNT]]
// CHECK: %[[BESSEL:.*]] = kiln.div %[[COUNT]], %[[COUNT1]]
// CHECK: %[[UNBIASED:.*]] = kiln.mul %[[BVAR]], %[[BESSEL]]
// CHECK: %[[V1:.*]] = kiln.mul %[[VAR]]
// CHECK: %[[V2:.*]] = kiln.mul %[[UNBIASED]]
// CHECK: %[[NEWVAR:.*]] = kiln.add %[[V1]], %[[V2]]
// CHECK: return %[[Y]], %[[NOISE]], %[[NEWMEAN]], %[[NEWVAR]], %[[S2]]

// -----

// Without random ops or dropout there is no random state; constant
// statistics are replaced by the batch's and not updated; a static batch
// gives the unbiased factor as a number (8 / 7 for 8 values per channel).

func.func @g(%x: tensor<2x3x4xf32>, %scale: tensor<3xf32>, %var: tensor<3xf32> {kiln.name = "var"}) -> tensor<2x3x4xf32> attributes {kiln.train_mode} {
  %c = kiln.constant dense<0.0> : tensor<3xf32>
  %y = kiln.batch_norm %x, %scale, %c, %c, %var : tensor<2x3x4xf32>, tensor<3xf32> -> tensor<2x3x4xf32>
  return %y : tensor<2x3x4xf32>
}

// CHECK-LABEL: func.func @g(
// CHECK-SAME: %{{[^:]*}}: tensor<3xf32> {kiln.name = "var"}) -> (tensor<2x3x4xf32>, tensor<3xf32> {kiln.name = "new_var"})
// CHECK-NOT: zeros_like
// CHECK: kiln.constant dense<1.14285719> : tensor<f32>
// CHECK-NOT: rng

// -----

func.func @shared(%x: tensor<4x3xf32>, %s: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<4x3xf32> attributes {kiln.train_mode} {
  %a = kiln.batch_norm %x, %s, %s, %m, %v : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
  // expected-error @+1 {{in train mode shares the running statistic in argument 2 with another batch_norm}}
  %b = kiln.batch_norm %a, %s, %s, %m, %v : tensor<4x3xf32>, tensor<3xf32> -> tensor<4x3xf32>
  return %b : tensor<4x3xf32>
}

// -----

func.func @single(%x: tensor<1x3xf32>, %s: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> tensor<1x3xf32> attributes {kiln.train_mode} {
  // expected-error @+1 {{in train mode needs more than one value per channel to update its running variance}}
  %a = kiln.batch_norm %x, %s, %s, %m, %v : tensor<1x3xf32>, tensor<3xf32> -> tensor<1x3xf32>
  return %a : tensor<1x3xf32>
}
