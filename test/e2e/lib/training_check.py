"""Shared pieces of the training checks (test/e2e/training): compiling a
model-language source with a train section into a shared library, carrying
a step's `new_*` outputs back into the state, the relative error of a
parameter, and the command line (--work DIR, --kilnc PATH)."""
import argparse
import os
import subprocess
import sys

import numpy as np

from kiln_artifact import Artifact

# Bodies of the small classifiers several checks train: x -> logits (10
# classes), an MLP over f32[N, 64] and a CNN over f32[N, 1, 8, 8].
MLP_BODY = """  h = dense(x, 32, activation="tanh")
  logits = dense(h, 10)"""

CNN_BODY = """  h = conv2d(x, filters=4, kernel=3, padding="same", activation="relu")
  h = max_pool2d(h)
  logits = dense(flatten(h), 10)"""


def compile_training(kilnc, work, name, source, suffix=".kiln"):
    """Writes `source` to WORK/NAME.kiln (or another suffix: ".mlir"),
    compiles it with kilnc --train into WORK/NAME.so and returns the loaded
    Artifact."""
    path = os.path.join(work, name + suffix)
    with open(path, "w") as f:
        f.write(source)
    return compile_training_file(kilnc, work, name, path)


def compile_training_file(kilnc, work, name, path):
    """Compiles the .kiln file `path` with kilnc --train into WORK/NAME.so."""
    library = os.path.join(work, name + ".so")
    subprocess.run([kilnc, "--train", "--emit=shared", path, "-o", library],
                   check=True)
    return Artifact(library)


def apply_updates(state, outputs):
    """Stores each output `new_X` of a step as `X` in the dict `state`."""
    for key, value in outputs.items():
        if key.startswith("new_"):
            state[key[len("new_"):]] = value


def relative_error(actual, expected):
    """The largest absolute difference over the largest absolute value of
    `expected` (the difference itself when `expected` is all zeros)."""
    scale = np.abs(expected).max()
    return np.abs(actual - expected).max() / (scale if scale > 0 else 1.0)


def run_checks(checks):
    """Parses --work, --kilnc and, when `checks` is a dict of named checks,
    the names of those to run (all by default); runs each check(kilnc,
    work) (each prints its own "ok ..." or "FAIL ..." lines and returns
    whether it passed) and exits with 0 when all passed."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True)
    parser.add_argument("--kilnc", default="kilnc")
    if isinstance(checks, dict):
        parser.add_argument("names", nargs="*",
                            help="of " + ", ".join(checks) + " (all)")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    if isinstance(checks, dict):
        unknown = [name for name in args.names if name not in checks]
        if unknown:
            parser.error("unknown check(s): " + ", ".join(unknown))
        selected = [checks[name] for name in args.names or checks]
    else:
        selected = checks
    results = [check(args.kilnc, args.work) for check in selected]
    sys.exit(0 if all(results) else 1)
