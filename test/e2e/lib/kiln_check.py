#!/usr/bin/env python3
"""Compiles a .kiln model, runs it through kiln-run, and compares every output
with a NumPy reference.

The model file (.kiln, or kiln-dialect .mlir whose directive lines start with
`// #`) names each function's reference with comment lines

    # REF <function>: <python expression over the inputs, in float64>

or, for several outputs, `# REF <function>.<output>: <expr>`. Expressions see
numpy as `np`, the functions of reference.py, the example models of
models.py as `models`, each input by name, and the model's parameters as
`P["layer.weight"]` (from kilnc --save-params).

Inputs are seeded uniform draws in [-1, 1) (`# INPUT <function>.<name>:
<expr>` overrides one, e.g. positive values for log or sqrt). Dynamic
dimensions are fed each --batch size. An output passes when
|y - ref| <= rtol * |ref| + atol * max|ref| element-wise, with rtol = atol =
1e-5 unless `# TOLERANCE: <rtol>` says otherwise.
"""
import argparse
import ctypes
import os
import re
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402
import reference  # noqa: E402

DTYPES = {"f32": np.float32, "f64": np.float64, "i32": np.int32,
          "i64": np.int64, "i1": np.bool_}


def read_manifest(library):
    symbol = ctypes.c_char.in_dll(ctypes.CDLL(library), "__kiln_manifest")
    text = ctypes.string_at(ctypes.addressof(symbol))
    functions, current = [], None
    for line in text.decode().splitlines():
        parts = line.split()
        if parts[0] == "function":
            current = {"name": parts[1], "inputs": [], "outputs": []}
            functions.append(current)
        elif parts[0] in ("input", "output"):
            dims = [] if parts[3] == "scalar" else [
                None if d == "?" else int(d) for d in parts[3].split("x")]
            current[parts[0] + "s"].append((parts[1], parts[2], dims))
    return functions


def directives(source, key):
    pattern = re.compile(r"^(?://\s*)?#\s*" + key + r"\s+([\w.]+)\s*:\s*(.+)$")
    found = {}
    for line in source.splitlines():
        m = pattern.match(line.strip())
        if m:
            found[m.group(1)] = m.group(2)
    return found


def make_input(rng, dtype, shape, override, scope):
    if override:
        value = eval(override, scope, {"shape": shape, "rng": rng})
        return np.asarray(value, dtype=DTYPES[dtype]).reshape(shape)
    if dtype in ("f32", "f64"):
        return rng.uniform(-1, 1, size=shape).astype(DTYPES[dtype])
    if dtype == "i1":
        return rng.integers(0, 2, size=shape).astype(np.bool_)
    return rng.integers(-5, 6, size=shape).astype(DTYPES[dtype])


def load_params(directory):
    params = {}
    if os.path.isdir(directory):
        for name in os.listdir(directory):
            if name.endswith(".npy"):
                params[name[:-4]] = np.load(os.path.join(directory, name)).astype(np.float64)
    return params


def check_function(fn, args, source, params, work):
    refs = directives(source, "REF")
    inputs_override = directives(source, "INPUT")
    tol = re.search(r"^(?://\s*)?#\s*TOLERANCE:\s*(\S+)", source, re.M)
    rtol = float(tol.group(1)) if tol else 1e-5
    dynamic = any(d is None for _, _, dims in fn["inputs"] + fn["outputs"] for d in dims)
    failures = 0
    for batch in (args.batch if dynamic else [1]):
        rng = np.random.default_rng(args.seed)
        scope = dict(vars(reference))
        scope.update(np=np, P=params, models=models)
        command = [args.kiln_run, args.library, "--function", fn["name"],
                   "--output-dir", work]
        for name, dtype, dims in fn["inputs"]:
            shape = [batch if d is None else d for d in dims]
            value = make_input(rng, dtype, shape,
                               inputs_override.get(fn["name"] + "." + name), scope)
            path = os.path.join(work, "in_%s_%s.npy" % (fn["name"], name))
            np.save(path, value)
            command += ["--input", "%s=%s" % (name, path)]
            scope[name] = value.astype(np.float64) if dtype in ("f32", "f64") else value
        subprocess.run(command, check=True)
        for name, dtype, dims in fn["outputs"]:
            key = fn["name"] + "." + name
            expr = refs.get(key) or (refs.get(fn["name"]) if len(fn["outputs"]) == 1 else None)
            if expr is None:
                print("error: no '# REF %s' line" % key)
                return 1
            expected = np.asarray(eval(expr, scope), dtype=np.float64)
            got = np.load(os.path.join(work, name + ".npy")).astype(np.float64)
            shape = tuple(batch if d is None else d for d in dims)
            if got.shape != shape or expected.shape != shape:
                print("FAIL %s batch %d: shape %s, reference %s, manifest %s"
                      % (key, batch, got.shape, expected.shape, shape))
                failures += 1
                continue
            scale = max(np.abs(expected).max(initial=0.0), 1e-30)
            error = np.abs(got - expected)
            bound = rtol * np.abs(expected) + rtol * scale
            worst = (error / (np.abs(expected) + scale)).max(initial=0.0)
            status = "ok" if np.all(error <= bound) else "FAIL"
            failures += status == "FAIL"
            print("%s %s batch %d: max relative error %.3g (tolerance %g)"
                  % (status, key, batch, worst, rtol))
    return failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--work", required=True, help="scratch directory")
    parser.add_argument("--kilnc", default="kilnc")
    parser.add_argument("--kiln-run", default="kiln-run")
    parser.add_argument("--batch", type=int, action="append")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--kilnc-arg", action="append", default=[])
    parser.add_argument("--ref-file", help="read REF/INPUT lines from this file "
                        "instead of the model")
    args = parser.parse_args()
    args.batch = args.batch or [1, 3]
    os.makedirs(args.work, exist_ok=True)
    args.library = os.path.join(args.work, "model.so")
    params_dir = os.path.join(args.work, "params")
    subprocess.run([args.kilnc, args.model, "--emit=shared", "-o", args.library,
                    "--save-params=" + params_dir] + args.kilnc_arg, check=True)
    source = open(args.ref_file or args.model).read()
    params = load_params(params_dir)
    failures = 0
    for fn in read_manifest(args.library):
        failures += check_function(fn, args, source, params, args.work)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
