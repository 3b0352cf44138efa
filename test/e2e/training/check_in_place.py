#!/usr/bin/env python3
"""Checks that training artifacts update their state in place.

Each model is compiled with kilnc --train and trained for a few steps twice
from the same `init` state and batches: once double-buffered (every output
in a fresh buffer) and once in place (every output `new_X` given the buffer
of its input `X`, as docs/training.md allows). The losses, metrics and every
state tensor must be identical bit for bit after every step. The same holds
for `apply_gradients` with random gradients. The double-buffered run also
checks that no function writes into its inputs (the ABI declares them
const): `train_step`, `apply_gradients`, `evaluate` and `eval` must leave
every input buffer as it was."""
import os
import sys
from functools import partial

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from kiln_artifact import DTYPES  # noqa: E402
from training_check import (CNN_BODY, MLP_BODY,  # noqa: E402
                            compile_training, run_checks)

MLP = MLP_BODY
CNN = CNN_BODY

SOURCE = """
model m(x: f32[N, {shape}]) -> (logits: f32[N, 10]) seed 3 {{
{body}
}}

train m(labels: f32[N, 10]) {{
  loss = categorical_crossentropy(logits, labels, from_logits=true)
  metrics = [accuracy(logits, labels)]
  optimizer = {optimizer}
}}
"""

# name: (model body, input shape, optimizer)
CASES = {
    "mlp_adam": (MLP, [64], "adam(0.01)"),
    "cnn_adam": (CNN, [1, 8, 8], "adam(0.01)"),
    "mlp_rmsprop": (MLP, [64], "rmsprop(0.01)"),
}
STEPS = 4
BATCH = 16


def fresh(art, name, batch):
    """Output buffers of `name`, filled with a pattern the function must
    overwrite."""
    buffers = []
    for _, dtype, dims in art.functions[name]["outputs"]:
        shape = [batch if d is None else d for d in dims]
        buffers.append(np.full(shape, 7, dtype=DTYPES[dtype]))
    return buffers


def call_checked(art, name, inputs, outputs, errors):
    """Calls `name` and records an error if it changed an input buffer that
    no output shares."""
    shared = {id(o) for o in outputs}
    before = [None if id(a) in shared else a.copy() for a in inputs]
    art.call_into(name, inputs, outputs)
    for arg, a, b in zip(art.input_names(name), inputs, before):
        if b is not None and a.tobytes() != b.tobytes():
            errors.append(f"{name} wrote into its input '{arg}'")


def run(art, name, state, extra, in_place, errors):
    """One call of `name` with inputs from `state` (and `extra`): returns the
    outputs by name and moves every new_X into state[X]."""
    inputs = [state[n] if n in state else extra[n]
              for n in art.input_names(name)]
    outputs = fresh(art, name, BATCH)
    names = art.output_names(name)
    if in_place:
        for i, out in enumerate(names):
            if out.startswith("new_") and out[4:] in state:
                outputs[i] = state[out[4:]]
    call_checked(art, name, inputs, outputs, errors)
    result = dict(zip(names, outputs))
    for out, value in result.items():
        if out.startswith("new_") and out[4:] in state:
            state[out[4:]] = value
    return result


def identical(a, b):
    return a.dtype == b.dtype and a.shape == b.shape and \
        a.tobytes() == b.tobytes()


def compare(label, ref, got, names):
    for n in names:
        if not identical(ref[n], got[n]):
            diff = np.abs(ref[n].astype(np.float64) - got[n]).max()
            return f"{label}: '{n}' differs (max {diff:.3g})"
    return None


def run_case(kilnc, work, name, case):
    body, shape, optimizer = case
    art = compile_training(kilnc, work, name, SOURCE.format(
        body=body, optimizer=optimizer, shape=", ".join(map(str, shape))))
    init = dict(zip(art.output_names("init"), art.call("init")))
    pairs = [n for n in art.output_names("train_step") if n.startswith("new_")]
    if not pairs or any(n[4:] not in init for n in pairs):
        print(f"FAIL {name}: unexpected train_step outputs {pairs}")
        return False
    errors = []
    rng = np.random.default_rng(2)
    double = {n: v.copy() for n, v in init.items()}
    single = {n: v.copy() for n, v in init.items()}
    for step in range(STEPS):
        batch = {
            "x": rng.uniform(0, 1, size=(BATCH, *shape)).astype(np.float32),
            "labels": np.eye(10, dtype=np.float32)[
                rng.integers(0, 10, size=BATCH)],
        }
        ref = run(art, "train_step", double, batch, False, errors)
        got = run(art, "train_step", single, batch, True, errors)
        problem = compare(f"train_step {step + 1}", ref, got,
                          art.output_names("train_step"))
        if problem:
            errors.append(problem)
            break
        for fn in ("evaluate", "eval"):
            inputs = [double[n] if n in double else batch[n]
                      for n in art.input_names(fn)]
            call_checked(art, fn, inputs, fresh(art, fn, BATCH), errors)

    trainable = [n[4:] for n in art.output_names("apply_gradients")
                 if n.startswith("new_") and n[4:] in init
                 and "grad_" + n[4:] in art.input_names("apply_gradients")]
    for step in range(2):
        grads = {"grad_" + n: rng.normal(0, 0.1, size=double[n].shape)
                 .astype(double[n].dtype) for n in trainable}
        ref = run(art, "apply_gradients", double, grads, False, errors)
        got = run(art, "apply_gradients", single, grads, True, errors)
        problem = compare(f"apply_gradients {step + 1}", ref, got,
                          art.output_names("apply_gradients"))
        if problem:
            errors.append(problem)
            break
    problem = compare("final state", double, single, list(init))
    if problem:
        errors.append(problem)
    if errors:
        for e in dict.fromkeys(errors):
            print(f"FAIL {name}: {e}")
        return False
    print(f"ok {name}: {STEPS} train steps and 2 apply_gradients in place, "
          f"{len(pairs)} outputs given their input's buffer")
    return True


if __name__ == "__main__":
    run_checks({name: partial(run_case, name=name, case=case)
                for name, case in CASES.items()})
