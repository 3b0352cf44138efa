#!/usr/bin/env python3
"""Median latency of Kiln-compiled ONNX models and of the same ONNX files in
ONNX Runtime, measured in the same run, as a Markdown table.

For each model of test/e2e/onnx/export_models.py (PyTorch exports with random
weights and a dynamic batch): `kilnc model.onnx --emit=shared`, then at each
batch size `kiln-run --bench RUNS` (one warm-up call, then RUNS timed calls on
the calling thread) and `node ort_latency.js` (onnxruntime-node, CPU, WARMUP
untimed calls then RUNS timed ones, intra-op threads as given,
graphOptimizationLevel 'all'). Both get the same inputs and each output is
checked against PyTorch's (max |y - ref| / (|ref| + max|ref|)). A model that
kilnc cannot compile still gets its ONNX Runtime figures.

Setup (once): scripts/install-bench-deps.sh   (Node.js, onnxruntime-node)
Usage:
    /usr/bin/python3 bench/onnx_vs_ort/onnx_vs_ort.py [--build build]
        [--runs 30] [--batch 1 --batch 4] [--ort-threads 2] [MODEL ...]
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "test", "e2e", "onnx"))
import export_models  # noqa: E402


def kiln_name(onnx_name):
    return re.sub(r"[^A-Za-z0-9_]", "_", onnx_name)


def relative_error(got, expected):
    expected = expected.astype(np.float64)
    if got.shape != expected.shape:
        return float("inf")
    scale = np.abs(expected) + np.abs(expected).max(initial=0.0)
    return float((np.abs(got.astype(np.float64) - expected)
                  / np.maximum(scale, 1e-30)).max(initial=0.0))


def worst_error(folder, references, outputs):
    return max(relative_error(np.load(os.path.join(folder, kiln_name(n) + ".npy")),
                              references[n]) for n in outputs)


def compile_with_kilnc(args, model_path, library):
    """Returns (seconds, None) or (None, kilnc's first diagnostic line)."""
    if os.path.exists(library):
        os.remove(library)
    start = time.perf_counter()
    result = subprocess.run([args.kilnc, model_path, "--emit=shared", "-o", library],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        lines = [l for l in result.stdout.splitlines() if l.strip()]
        return None, (lines[0] if lines else "kilnc exited with %d" % result.returncode)
    return seconds, None


def kiln_latency(args, library, inputs, work):
    command = [args.kiln_run, library, "--bench", str(args.runs), "--output-dir", work]
    for name, path in inputs.items():
        command += ["--input", "%s=%s" % (kiln_name(name), path)]
    result = subprocess.run(command, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    median = re.search(r"median latency: ([0-9.]+) ms", result.stdout)
    if result.returncode != 0 or not median:
        raise RuntimeError("kiln-run failed:\n" + result.stdout)
    return float(median.group(1))


def ort_latency(args, model_path, inputs, work):
    command = ["node", os.path.join(HERE, "ort_latency.js"), "--model", model_path,
               "--runs", str(args.runs), "--warmup", str(args.ort_warmup),
               "--threads", str(args.ort_threads), "--output-dir", work]
    for name, path in inputs.items():
        command += ["--input", "%s=%s" % (name, path)]
    env = dict(os.environ, KILN_BENCH_NODE_DIR=args.node_dir)
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    if result.returncode != 0:
        raise RuntimeError("ort_latency.js failed:\n" + result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])["median_ms"]


def bench_model(args, name):
    folder = os.path.join(args.work, "export", name)
    info = export_models.export(name, folder)
    model_path = os.path.join(folder, "model.onnx")
    library = os.path.join(args.work, name + ".so")
    compile_seconds, diagnostic = compile_with_kilnc(args, model_path, library)
    rows = []
    for batch in args.batch:
        work = os.path.join(args.work, "%s-b%d" % (name, batch))
        os.makedirs(os.path.join(work, "kiln"), exist_ok=True)
        os.makedirs(os.path.join(work, "ort"), exist_ok=True)
        inputs = export_models.make_inputs(name, batch)
        paths = {}
        for input_name, value in inputs.items():
            paths[input_name] = os.path.join(work, kiln_name(input_name) + ".npy")
            np.save(paths[input_name], value)
        references = None
        if batch in info["batches"]:
            references = np.load(os.path.join(folder, "outputs_b%d.npz" % batch))
        row = {"model": name, "batch": batch, "ops": len(info["ops"]),
               "mb": info["onnx_bytes"] / 1e6, "compile_s": compile_seconds,
               "kiln_ms": None, "kiln_err": None, "diagnostic": diagnostic}
        row["ort_ms"] = ort_latency(args, model_path, paths, os.path.join(work, "ort"))
        if references is not None:
            row["ort_err"] = worst_error(os.path.join(work, "ort"), references, info["outputs"])
        if compile_seconds is not None:
            row["kiln_ms"] = kiln_latency(args, library, paths, os.path.join(work, "kiln"))
            row["so_mb"] = os.path.getsize(library) / 1e6
            if references is not None:
                row["kiln_err"] = worst_error(os.path.join(work, "kiln"), references,
                                              info["outputs"])
        rows.append(row)
        print("  %s batch %d: ORT %.3f ms, Kiln %s" % (
            name, batch, row["ort_ms"],
            "%.3f ms" % row["kiln_ms"] if row["kiln_ms"] is not None else "-"),
            file=sys.stderr)
    return rows


def cell(value, form):
    return "-" if value is None else form % value


def print_table(args, rows):
    print("| model | batch | ONNX MB | kilnc s | Kiln ms | ORT ms (%d thr) | Kiln/ORT "
          "| Kiln err | ORT err |" % args.ort_threads)
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        ratio = r["kiln_ms"] / r["ort_ms"] if r["kiln_ms"] is not None else None
        print("| %s | %d | %.1f | %s | %s | %.3f | %s | %s | %s |" % (
            r["model"], r["batch"], r["mb"], cell(r["compile_s"], "%.1f"),
            cell(r["kiln_ms"], "%.3f"), r["ort_ms"], cell(ratio, "%.2f"),
            cell(r.get("kiln_err"), "%.1e"), cell(r.get("ort_err"), "%.1e")))
    failed = sorted({(r["model"], r["diagnostic"]) for r in rows if r["diagnostic"]})
    if failed:
        print("\nNot compiled by kilnc:")
        for model, diagnostic in failed:
            print("- %s: `%s`" % (model, diagnostic))
    print("\nMedians of %d runs. Kiln runs on the calling thread (kiln-run --bench, "
          "1 warm-up call); ONNX Runtime %s (onnxruntime-node, %d intra-op threads, "
          "graphOptimizationLevel 'all', %d warm-up calls). Kiln/ORT < 1: Kiln is "
          "faster. err: max |y - ref| / (|ref| + max|ref|) against PyTorch."
          % (args.runs, args.ort_version, args.ort_threads, args.ort_warmup))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("models", nargs="*", help="default: all of export_models.py")
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--work", help="default: BUILD/bench-onnx")
    parser.add_argument("--node-dir", default=os.environ.get("KILN_BENCH_NODE_DIR"),
                        help="folder holding node_modules/onnxruntime-node "
                        "(default: $KILN_BENCH_NODE_DIR, else BUILD/bench-node)")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--batch", type=int, action="append")
    parser.add_argument("--ort-threads", type=int, default=2)
    parser.add_argument("--ort-warmup", type=int, default=3)
    args = parser.parse_args()
    args.batch = args.batch or [1, 4]
    args.work = os.path.abspath(args.work or os.path.join(args.build, "bench-onnx"))
    args.node_dir = os.path.abspath(args.node_dir or os.path.join(args.build, "bench-node"))
    args.kilnc = os.path.join(args.build, "bin", "kilnc")
    args.kiln_run = os.path.join(args.build, "bin", "kiln-run")
    package = os.path.join(args.node_dir, "node_modules", "onnxruntime-node", "package.json")
    if not os.path.exists(package):
        print("error: onnxruntime-node is not in %s; run scripts/install-bench-deps.sh %s"
              % (args.node_dir, args.node_dir), file=sys.stderr)
        return 1
    with open(package) as f:
        args.ort_version = json.load(f)["version"]
    for tool in (args.kilnc, args.kiln_run):
        if not os.path.exists(tool):
            print("error: %s is missing; build Kiln first" % tool, file=sys.stderr)
            return 1
    models = args.models or list(export_models.MODELS)
    for name in models:
        if name not in export_models.MODELS:
            print("error: unknown model '%s'" % name, file=sys.stderr)
            return 1
    rows = []
    for name in models:
        print("%s ..." % name, file=sys.stderr)
        rows += bench_model(args, name)
    print_table(args, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
