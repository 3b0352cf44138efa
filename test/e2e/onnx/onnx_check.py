#!/usr/bin/env python3
"""Compiles one of export_models.py's ONNX models with kilnc, runs it through
kiln-run at each exported batch size, and compares every output with
PyTorch's.

Checks, in order:
  1. `kilnc model.onnx --emit=shared` succeeds;
  2. `kiln-run --list` shows one function whose inputs and outputs carry the
     ONNX names (characters outside [A-Za-z0-9_] replaced by '_'), dtypes and
     shapes, the batch dimension dynamic ('?');
  3. at batch 1 and 4, each output has PyTorch's shape and is within
         |y - ref| <= rtol * |ref| + rtol * max|ref|   (element-wise),
     rtol = 1e-4 unless --tolerance says otherwise. The printed error is
     max(|y - ref| / (|ref| + max|ref|)).

Usage: onnx_check.py MODEL --work DIR [--exports DIR] [--kilnc PATH]
                     [--kiln-run PATH] [--tolerance RTOL]
The export is cached in --exports (default: DIR/export) and reused while
export_models.py and torch are unchanged.
"""
import argparse
import os
import re
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import export_models  # noqa: E402

DTYPES = {"f32": np.float32, "i64": np.int64}


def kiln_name(onnx_name):
    return re.sub(r"[^A-Za-z0-9_]", "_", onnx_name)


def expected_signature(info, output_shapes):
    """`(inputs) -> (outputs)` as kiln-run --list prints it, from the
    export's description and PyTorch's output shapes at batch 1."""
    def argument(name, dtype, dims):
        return "%s: %s[%s]" % (kiln_name(name), dtype,
                               ",".join(["?"] + [str(d) for d in dims]))
    inputs = [argument(n, d, s) for n, (d, s) in info["inputs"].items()]
    outputs = [argument(n, "f32", output_shapes[n][1:]) for n in info["outputs"]]
    return "(%s) -> (%s)" % (", ".join(inputs), ", ".join(outputs))


def run(command):
    """Runs a tool; on failure prints its output and exits 1."""
    result = subprocess.run(command, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        sys.stdout.write(result.stdout)
        print("FAIL: '%s' exited with %d" % (" ".join(command), result.returncode))
        sys.exit(1)
    return result.stdout


def check_signature(args, library, info, output_shapes):
    listing = run([args.kiln_run, library, "--list"]).strip().splitlines()
    want = expected_signature(info, output_shapes)
    if len(listing) != 1 or not re.fullmatch(r"\w+" + re.escape(want), listing[0]):
        print("FAIL signature: kiln-run --list printed\n  %s\nexpected <function>%s"
              % ("\n  ".join(listing), want))
        return 1
    print("ok signature %s" % listing[0])
    return 0


def check_batch(args, library, info, batch):
    folder = os.path.join(args.exports, info["model"])
    inputs = np.load(os.path.join(folder, "inputs_b%d.npz" % batch))
    references = np.load(os.path.join(folder, "outputs_b%d.npz" % batch))
    work = os.path.join(args.work, "b%d" % batch)
    os.makedirs(work, exist_ok=True)
    command = [args.kiln_run, library, "--output-dir", work]
    for name in info["inputs"]:
        path = os.path.join(work, "in_%s.npy" % kiln_name(name))
        np.save(path, inputs[name])
        command += ["--input", "%s=%s" % (kiln_name(name), path)]
    run(command)
    failures = 0
    for name in info["outputs"]:
        expected = references[name].astype(np.float64)
        got = np.load(os.path.join(work, kiln_name(name) + ".npy")).astype(np.float64)
        if got.shape != expected.shape:
            print("FAIL %s batch %d: shape %s, PyTorch %s"
                  % (name, batch, got.shape, expected.shape))
            failures += 1
            continue
        scale = np.abs(expected).max(initial=0.0)
        error = np.abs(got - expected)
        bound = args.tolerance * (np.abs(expected) + scale)
        worst = (error / np.maximum(np.abs(expected) + scale, 1e-30)).max(initial=0.0)
        ok = bool(np.all(error <= bound))
        failures += not ok
        print("%s %s batch %d: max relative error %.3g (tolerance %g)"
              % ("ok" if ok else "FAIL", name, batch, worst, args.tolerance))
    return failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model", choices=list(export_models.MODELS))
    parser.add_argument("--work", required=True, help="scratch folder")
    parser.add_argument("--exports", help="export cache (default: WORK/export)")
    parser.add_argument("--kilnc", default="kilnc")
    parser.add_argument("--kiln-run", default="kiln-run")
    parser.add_argument("--tolerance", type=float, default=1e-4)
    args = parser.parse_args()
    args.exports = args.exports or os.path.join(args.work, "export")
    os.makedirs(args.work, exist_ok=True)

    info = export_models.export(args.model, os.path.join(args.exports, args.model))
    print("exported %s: opset %d, %d parameters, ops %s"
          % (args.model, info["opset"], info["parameters"], " ".join(info["ops"])))
    library = os.path.join(args.work, "model.so")
    if os.path.exists(library):
        os.remove(library)
    run([args.kilnc, os.path.join(args.exports, args.model, "model.onnx"),
         "--emit=shared", "-o", library])

    references = np.load(os.path.join(args.exports, args.model, "outputs_b1.npz"))
    output_shapes = {n: references[n].shape for n in info["outputs"]}
    failures = check_signature(args, library, info, output_shapes)
    for batch in info["batches"]:
        failures += check_batch(args, library, info, batch)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
