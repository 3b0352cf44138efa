"""Checks the compiled random ops of random.mlir (see its header)."""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from gradcheck import Artifact  # noqa: E402

M64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def mix(z):
    z = z.astype(np.uint64)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xbf58476d1ce4e5b9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94d049bb133111eb)
    return z ^ (z >> np.uint64(31))


def draws(seed, k):
    """Draws k (an array of counters) of the stream `seed`."""
    key = mix(np.array([seed], dtype=np.int64).view(np.uint64))
    k = np.asarray(k, dtype=np.int64).view(np.uint64)
    return mix(key + k * np.uint64(0x9e3779b97f4a7c15))


def uniform(seed, k, wide):
    bits = draws(seed, k)
    if wide:
        return (bits >> np.uint64(11)).astype(np.float64) * 2.0 ** -53
    return ((bits >> np.uint64(40)).astype(np.float32) * np.float32(2.0 ** -24)).astype(np.float32)


def find_runtime():
    for folder in os.environ.get("LD_LIBRARY_PATH", "").split(os.pathsep):
        candidate = os.path.join(folder, "libkiln_runtime.so")
        if os.path.exists(candidate):
            return candidate
    raise SystemExit("libkiln_runtime.so not found on LD_LIBRARY_PATH")


ok = True


def check(what, condition, detail=""):
    global ok
    print("%s %s %s" % ("ok" if condition else "FAIL", what, detail))
    ok &= bool(condition)


artifact = Artifact(find_runtime(), sys.argv[1])
state = lambda seed, counter: np.array([seed, counter], dtype=np.int64)

# Uniform in [-1, 3), float64: bit-exact, deterministic, chained states.
s = state(1234, 0)
values, nxt = artifact.call("uniform", [s], 0)
again, _ = artifact.call("uniform", [s], 0)
n = values.size
expected = -1.0 + 4.0 * uniform(1234, np.arange(n), wide=True).reshape(values.shape)
check("uniform matches the NumPy generator", np.array_equal(values, expected),
      "max diff %.3g" % np.abs(values - expected).max())
check("uniform is deterministic for a state", np.array_equal(values, again))
check("uniform next state", list(nxt) == [1234, n], str(list(nxt)))
following, _ = artifact.call("uniform", [nxt], 0)
check("the next state continues the stream",
      np.array_equal(following.ravel(), -1.0 + 4.0 * uniform(1234, np.arange(n, 2 * n), wide=True)))
other_seed, _ = artifact.call("uniform", [state(1235, 0)], 0)
check("different seeds give different numbers", np.mean(other_seed == values) < 1e-3)
check("different states give different numbers", np.mean(following == values) < 1e-3)
corr = np.corrcoef(values.ravel(), other_seed.ravel())[0, 1]
check("neighbouring seeds are uncorrelated", abs(corr) < 5 / np.sqrt(n), "correlation %.3g" % corr)
# Mean 1, variance 16/12; five standard errors.
check("uniform range", values.min() >= -1 and values.max() < 3)
check("uniform mean", abs(values.mean() - 1) < 5 * np.sqrt(16 / 12 / n), "%.5f" % values.mean())
check("uniform variance", abs(values.var() - 16 / 12) < 5 * np.sqrt(16 ** 2 / 180 / n), "%.5f" % values.var())
hist = np.histogram(values, bins=20, range=(-1, 3))[0]
chi2 = ((hist - n / 20) ** 2 / (n / 20)).sum()
check("uniform histogram (chi-square, 19 degrees of freedom)", chi2 < 50, "%.1f" % chi2)

# Uniform float32, counter not at 0.
values, nxt = artifact.call("uniform_f32", [state(-7, 1000)], 0)
expected = uniform(-7, np.arange(1000, 1000 + values.size), wide=False)
check("uniform float32 matches the NumPy generator", np.array_equal(values, expected))
check("uniform float32 next state", list(nxt) == [-7, 1000 + values.size], str(list(nxt)))
check("uniform float32 mean", abs(values.mean() - 0.5) < 5 * np.sqrt(1 / 12 / values.size), "%.5f" % values.mean())

# Normal(0.5, 2) with the batch taken from `like`: two draws per element.
for batch in (3, 17):
    like = np.zeros((batch, 4), dtype=np.float32)
    values, nxt = artifact.call("normal", [state(99, 5), like], batch)
    n = values.size
    k = 5 + 2 * np.arange(n)
    u1, u2 = uniform(99, k, wide=True), uniform(99, k + 1, wide=True)
    expected = 0.5 + 2.0 * np.sqrt(-2 * np.log(1 - u1)) * np.cos(2 * np.pi * u2)
    check("normal (batch %d) matches the NumPy generator" % batch,
          np.allclose(values.ravel(), expected, rtol=1e-12, atol=1e-12),
          "max diff %.3g" % np.abs(values.ravel() - expected).max())
    check("normal (batch %d) next state" % batch, list(nxt) == [99, 5 + 2 * n], str(list(nxt)))
check("normal mean", abs(values.mean() - 0.5) < 5 * 2 / np.sqrt(n), "%.4f" % values.mean())
check("normal variance", abs(values.var() - 4) < 5 * 4 * np.sqrt(2 / n), "%.4f" % values.var())
fourth = np.mean(((values - 0.5) / 2) ** 4)
check("normal kurtosis", abs(fourth - 3) < 5 * np.sqrt(96 / n), "%.3f" % fourth)

# Bernoulli(0.3).
values, nxt = artifact.call("bernoulli", [state(5, 0)], 0)
expected = (uniform(5, np.arange(values.size), wide=False) < np.float32(0.3)).astype(np.float32)
check("bernoulli matches the NumPy generator", np.array_equal(values, expected))
check("bernoulli values are 0 or 1", set(np.unique(values)) <= {0.0, 1.0})
p = values.mean()
check("bernoulli mean", abs(p - 0.3) < 5 * np.sqrt(0.21 / values.size), "%.5f" % p)
sys.exit(0 if ok else 1)
