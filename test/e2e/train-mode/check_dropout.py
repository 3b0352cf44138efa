#!/usr/bin/env python3
"""Checks inverted dropout in the compiled train_step against a NumPy
re-implementation of the documented SplitMix64 counter generator.

The model is y = dropout(x * w, rate) with w a [D] parameter, trained with
the mean squared error and SGD, so the loss and the new w of each step are
closed-form functions of the dropout mask: NumPy computes them from the mask
it draws from the state [seed, counter] (element n of the [N, D] mask keeps
its value when draw counter + n, as a float32 uniform, is below 1 - rate).
Checks: init's rng is [the model's seed, 0]; the loss and new w of two
chained steps match (1e-5 relative); new_rng advances the counter by N * D;
the same rng gives the same step, a different one another mask; the fraction
of dropped elements is near the rate; eval applies no dropout."""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from training_check import apply_updates, compile_training, run_checks  # noqa: E402

SEED, RATE, LR, N, D = 11, 0.3, 0.5, 64, 48

SOURCE = f"""
model drop(x: f32[N, {D}]) -> (y: f32[N, {D}]) seed {SEED} {{
  param w: f32[{D}] = uniform(0.5, 1.5)
  y = dropout(x * w, {RATE})
}}

train drop(t: f32[N, {D}]) {{
  loss = mse(y, t)
  optimizer = sgd({LR})
}}
"""


def mix(z):
    """SplitMix64's finalizer, modulo 2^64."""
    with np.errstate(over="ignore"):
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xbf58476d1ce4e5b9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94d049bb133111eb)
        return z ^ (z >> np.uint64(31))


def uniform_f32(state, count):
    """Float32 uniforms of draws counter .. counter + count - 1."""
    seed, counter = np.asarray(state, dtype=np.int64).view(np.uint64)
    k = counter + np.arange(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        bits = mix(mix(seed) + k * np.uint64(0x9e3779b97f4a7c15))
    return (bits >> np.uint64(40)).astype(np.float32) * np.float32(2.0 ** -24)


def expected_step(state, w, x, t):
    keep = (uniform_f32(state, x.size) < 1 - RATE).reshape(x.shape)
    x64, w64 = x.astype(np.float64), w.astype(np.float64)
    y = x64 * w64 * keep / (1 - RATE)
    loss = np.mean((y - t) ** 2)
    dy = 2 * (y - t) / y.size
    grad_w = (dy * x64 * keep / (1 - RATE)).sum(0)
    return loss, w64 - LR * grad_w, keep


def check(kilnc, work):
    art = compile_training(kilnc, work, "drop", SOURCE)
    print("train_step inputs:", " ".join(art.input_names("train_step")))
    print("train_step outputs:", " ".join(art.output_names("train_step")))
    ok = True

    def check(what, condition, detail=""):
        nonlocal ok
        print(("ok " if condition else "FAIL ") + what + " " + detail)
        ok &= bool(condition)

    state = dict(zip(art.output_names("init"), art.call("init")))
    check("init's rng is [seed, 0]",
          np.array_equal(state["rng"], [SEED, 0]), str(state["rng"]))
    rng = np.random.default_rng(2)
    dropped = []
    for step in range(2):
        x = rng.uniform(-1, 1, size=(N, D)).astype(np.float32)
        t = rng.uniform(-1, 1, size=(N, D)).astype(np.float32)
        inputs = dict(state, x=x, t=t)
        out = art.call_named("train_step", inputs)
        loss, new_w, keep = expected_step(state["rng"], state["w"], x, t)
        dropped.append(1 - keep.mean())
        loss_error = abs(float(out["loss"]) - loss) / loss
        w_error = np.abs(out["new_w"] - new_w).max() / np.abs(new_w).max()
        check(f"step {step + 1} matches the NumPy mask",
              loss_error < 1e-5 and w_error < 1e-5,
              f"(loss {float(out['loss']):.6f} vs {loss:.6f}, "
              f"w error {w_error:.3g})")
        check(f"step {step + 1} advances the counter by N * D",
              np.array_equal(out["new_rng"],
                             [SEED, state["rng"][1] + N * D]),
              str(out["new_rng"]))
        again = art.call_named("train_step", inputs)
        check(f"step {step + 1} is deterministic",
              np.array_equal(again["loss"], out["loss"]) and
              np.array_equal(again["new_w"], out["new_w"]))
        other = art.call_named("train_step", dict(
            inputs, rng=np.array([SEED + 1, 0], dtype=np.int64)))
        check(f"step {step + 1} draws another mask from another seed",
              not np.array_equal(other["new_w"], out["new_w"]))
        apply_updates(state, out)
    fraction = float(np.mean(dropped))
    # N * D * 2 = 6144 Bernoulli draws: the standard deviation of the
    # fraction is about 0.006.
    check("the dropped fraction is near the rate", abs(fraction - RATE) < 0.03,
          f"({fraction:.4f} for rate {RATE})")

    x = rng.uniform(-1, 1, size=(5, D)).astype(np.float32)
    (y,) = art.call("eval", state["w"], x)
    check("eval applies no dropout",
          np.allclose(y, x * state["w"], rtol=1e-6, atol=0))
    return ok


if __name__ == "__main__":
    run_checks([check])
