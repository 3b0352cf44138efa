#!/usr/bin/env python3
"""Results of compiled models do not depend on the thread count.

Compiles each model given with `kilnc --emit=shared`, calls its first
function through ctypes on the same seeded inputs with the artifact's thread
pool set to 1, 2 and 3 threads (kiln_set_num_threads), and prints `ok` when
every output is identical bit for bit, and when a 3-thread call ran on more
than one thread of the process (its pool's workers exist).
"""
import argparse
import ctypes
import os
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lib"))
from kiln_artifact import Artifact  # noqa: E402


def inputs_for(artifact, name, batch, rng):
    values = []
    for _, dtype, dims in artifact.functions[name]["inputs"]:
        shape = [batch if d is None else d for d in dims]
        values.append(rng.uniform(-1, 1, size=shape).astype(
            np.float32 if dtype == "f32" else np.float64))
    return values


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("models", nargs="+")
    parser.add_argument("--work", required=True)
    parser.add_argument("--kilnc", default="kilnc")
    parser.add_argument("--batch", type=int, default=3)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    failed = False
    for model in args.models:
        stem = os.path.splitext(os.path.basename(model))[0]
        library = os.path.join(args.work, stem + ".so")
        subprocess.run([args.kilnc, model, "--emit=shared", "-o", library],
                       check=True)
        artifact = Artifact(library)
        set_threads = artifact.lib.kiln_set_num_threads
        set_threads.argtypes = [ctypes.c_int]
        name = next(iter(artifact.functions))
        inputs = inputs_for(artifact, name, args.batch,
                            np.random.default_rng(0))
        results = {}
        for threads in (1, 2, 3):
            set_threads(threads)
            results[threads] = artifact.call(name, *inputs)
        workers = len(os.listdir("/proc/self/task"))
        same = all(np.array_equal(a.view(np.uint8), b.view(np.uint8))
                   for t in (2, 3) for a, b in zip(results[1], results[t]))
        ok = same and workers > 1
        failed |= not ok
        print("%s %s: outputs at 1, 2 and 3 threads %s; %d threads in the "
              "process" % ("ok" if ok else "FAIL", stem,
                           "identical" if same else "DIFFER", workers))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
