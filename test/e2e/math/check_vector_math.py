#!/usr/bin/env python3
"""Accuracy of Kiln's float32 math against NumPy in float64.

Compiles Inputs/vector-math.mlir with the kilnc arguments given, then feeds
every function a sweep of float32 values: both signs of a logarithmic sweep
from the smallest denormal to the largest float, a dense uniform sweep of
[-30, 30], and 0, -0, ±inf and NaN. For each output it prints the largest
error in units in the last place of the float32 result where the reference
is at least FLT_MIN, and the largest absolute error where it is smaller
(a result below FLT_MIN may be flushed to zero). It FAILs when the first
exceeds the function's stated bound, the second exceeds FLT_MIN, or a
special value (inf, NaN) differs from the reference's float32 rounding.
"""
import argparse
import math
import os
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from kiln_artifact import Artifact  # noqa: E402

WIDTH = 64

# Largest error allowed, in float32 ulps, over the whole sweep.
ULP_BOUNDS = {"exp": 5, "log": 2, "tanh": 4, "sigmoid": 3, "softplus": 3,
              "erf": 4, "elu": 3}


def reference(name, x):
    x = x.astype(np.float64)
    with np.errstate(all="ignore"):
        if name == "exp":
            return np.exp(x)
        if name == "log":
            return np.log(x)
        if name == "tanh":
            return np.tanh(x)
        if name == "sigmoid":
            return 1.0 / (1.0 + np.exp(-x))
        if name == "softplus":
            return np.logaddexp(0.0, x)
        if name == "erf":
            return np.vectorize(math.erf, otypes=[np.float64])(x)
        if name == "elu":
            return np.where(x > 0, x, np.expm1(x))
    raise KeyError(name)


def sweep():
    tiny = np.float32(np.finfo(np.float32).smallest_subnormal)
    huge = np.finfo(np.float32).max
    magnitudes = np.geomspace(float(tiny), float(huge), 20000).astype(np.float32)
    dense = np.linspace(-30, 30, 60001, dtype=np.float32)
    special = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, tiny, -tiny,
                        huge, -huge, 88.72, 88.73, -87.33, -103.9, -104.0,
                        9.0, -9.0, 7.99, 1e-7, -1e-7], dtype=np.float32)
    values = np.concatenate([magnitudes, -magnitudes, dense, special])
    padded = np.resize(values, (len(values) + WIDTH - 1) // WIDTH * WIDTH)
    return padded.reshape(-1, WIDTH)


def errors(got, expected):
    """(ulp errors of normal results, absolute errors of results below
    FLT_MIN, special-value mismatches); the others are 0 where unused."""
    tiny = np.finfo(np.float32).tiny
    with np.errstate(all="ignore"):
        rounded = expected.astype(np.float32)
        special = ~np.isfinite(rounded) | ~np.isfinite(got)
        mismatch = special & ~((got == rounded)
                               | (np.isnan(got) & np.isnan(rounded)))
        absolute = np.abs(got.astype(np.float64) - expected)
        ulp = np.spacing(np.maximum(np.abs(rounded), tiny)).astype(np.float64)
        normal = ~special & (np.abs(expected) >= tiny)
        denormal = ~special & (np.abs(expected) < tiny)
        return (np.where(normal, absolute / ulp, 0.0),
                np.where(denormal, absolute, 0.0), mismatch)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True)
    parser.add_argument("--kilnc", default="kilnc")
    parser.add_argument("--kilnc-arg", action="append", default=[])
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    source = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                          "Inputs", "vector-math.mlir")
    library = os.path.join(args.work, "vector-math.so")
    subprocess.run([args.kilnc, source, "--emit=shared", "-o", library]
                   + args.kilnc_arg, check=True)
    x = sweep()
    artifact = Artifact(library)
    outputs = artifact.call_named("math", {"x": x})
    failed = False
    tiny = float(np.finfo(np.float32).tiny)
    for name, got in outputs.items():
        ulps, absolute, mismatch = errors(got, reference(name, x))
        worst = float(ulps.max())
        where = np.unravel_index(int(ulps.argmax()), ulps.shape)
        bad = (worst > ULP_BOUNDS[name] or absolute.max() > tiny
               or mismatch.any())
        failed |= bad
        print("%s %s: max %.2f ulp at x=%r (bound %d); below FLT_MIN max "
              "error %.2g (bound %.2g); %d special mismatches%s"
              % ("FAIL" if bad else "ok", name, worst, float(x[where]),
                 ULP_BOUNDS[name], float(absolute.max()), tiny,
                 int(mismatch.sum()),
                 "" if not mismatch.any() else " e.g. x=%r got %r" % (
                     float(x[mismatch][0]), float(got[mismatch][0]))))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
