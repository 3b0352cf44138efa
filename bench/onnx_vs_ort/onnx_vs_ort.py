#!/usr/bin/env python3
"""Median latency of Kiln-compiled ONNX models and of the same ONNX files in
ONNX Runtime with 2 threads and with 1, interleaved in the same run, as a
Markdown table.

For each model (bench_models.py: the benchmark's models; any model of
test/e2e/onnx/export_models.py by name; PyTorch exports with random weights
and a dynamic batch): `kilnc model.onnx --emit=shared`, then at each batch
size ROUNDS rounds of: `kiln-run --bench RUNS` (one warm-up call, then RUNS
timed calls on Kiln's default thread count, the machine's cores), and
`node ort_latency.js` (onnxruntime-node, CPU, WARMUP untimed calls then RUNS
timed ones, graphOptimizationLevel 'all') with 2 intra-op threads and with
1. Each figure is the median of the rounds' medians. All get the same
inputs and each output is checked against PyTorch's (max |y - ref| / (|ref|
+ max|ref|)). GFLOP/s counts 2 x the multiply-adds of Conv, Gemm and MatMul
nodes. The machine's FMA peak (fma_peak.c) is measured and printed with the
table. A model that kilnc cannot compile still gets its ONNX Runtime figures.

Setup (once): scripts/install-bench-deps.sh   (Node.js, onnxruntime-node)
Usage:
    /usr/bin/python3 bench/onnx_vs_ort/onnx_vs_ort.py [--build build]
        [--runs 10] [--rounds 3] [--batch N ...] [MODEL ...]
"""
import argparse
import json
import math
import os
import re
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import bench_models  # noqa: E402
from bench_models import export_models  # noqa: E402


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
    if args.kiln_threads:
        command += ["--threads", str(args.kiln_threads)]
    for name, path in inputs.items():
        command += ["--input", "%s=%s" % (kiln_name(name), path)]
    result = subprocess.run(command, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    median = re.search(r"median latency: ([0-9.]+) ms", result.stdout)
    if result.returncode != 0 or not median:
        raise RuntimeError("kiln-run failed:\n" + result.stdout)
    return float(median.group(1))


def ort_latency(args, model_path, inputs, work, threads):
    command = ["node", os.path.join(HERE, "ort_latency.js"), "--model", model_path,
               "--runs", str(args.runs), "--warmup", str(args.ort_warmup),
               "--threads", str(threads), "--output-dir", work]
    for name, path in inputs.items():
        command += ["--input", "%s=%s" % (name, path)]
    env = dict(os.environ, KILN_BENCH_NODE_DIR=args.node_dir)
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    if result.returncode != 0:
        raise RuntimeError("ort_latency.js failed:\n" + result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])["median_ms"]


def fma_peak(threads):
    """GFLOP/s of fma_peak.c on `threads` threads, or None without a C
    compiler."""
    binary = os.path.join(os.environ.get("TMPDIR", "/tmp"), "kiln_fma_peak")
    build = subprocess.run(["cc", "-O2", "-march=native", "-pthread",
                            os.path.join(HERE, "fma_peak.c"), "-o", binary],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if build.returncode != 0:
        return None
    result = subprocess.run([binary, str(threads)], stdout=subprocess.PIPE,
                            text=True, check=True)
    return json.loads(result.stdout)["gflops"]


def median(values):
    return float(np.median(values))


def bench_model(args, name):
    folder = os.path.join(args.work, "export", name)
    batches = args.batch or bench_models.batches_of(name, [1])
    info = export_models.export(name, folder, batches=batches)
    model_path = os.path.join(folder, "model.onnx")
    library = os.path.join(args.work, name + ".so")
    compile_seconds, diagnostic = compile_with_kilnc(args, model_path, library)
    rows = []
    for batch in batches:
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
               "kiln_ms": None, "kiln_err": None, "diagnostic": diagnostic,
               "flops": bench_models.flop_count(model_path, batch)}
        kiln, ort2, ort1 = [], [], []
        for _ in range(args.rounds):
            if compile_seconds is not None:
                kiln.append(kiln_latency(args, library, paths,
                                         os.path.join(work, "kiln")))
            ort2.append(ort_latency(args, model_path, paths,
                                    os.path.join(work, "ort"), 2))
            ort1.append(ort_latency(args, model_path, paths,
                                    os.path.join(work, "ort"), 1))
        row["ort_ms"], row["ort1_ms"] = median(ort2), median(ort1)
        if references is not None:
            row["ort_err"] = worst_error(os.path.join(work, "ort"), references, info["outputs"])
        if compile_seconds is not None:
            row["kiln_ms"] = median(kiln)
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
    print("| model | batch | kilnc s | Kiln ms | ORT 2 thr ms | ORT 1 thr ms "
          "| Kiln/ORT-2 | Kiln/ORT-1 | Kiln GFLOP/s | Kiln err | ORT err |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    ratios = []
    for r in rows:
        ratio = r["kiln_ms"] / r["ort_ms"] if r["kiln_ms"] is not None else None
        ratio1 = r["kiln_ms"] / r["ort1_ms"] if r["kiln_ms"] is not None else None
        if ratio is not None:
            ratios.append(ratio)
        gflops = (r["flops"] / r["kiln_ms"] * 1e-6
                  if r["kiln_ms"] is not None and r["flops"] else None)
        print("| %s | %d | %s | %s | %.3f | %.3f | %s | %s | %s | %s | %s |" % (
            r["model"], r["batch"], cell(r["compile_s"], "%.1f"),
            cell(r["kiln_ms"], "%.3f"), r["ort_ms"], r["ort1_ms"],
            cell(ratio, "%.2f"), cell(ratio1, "%.2f"), cell(gflops, "%.1f"),
            cell(r.get("kiln_err"), "%.1e"), cell(r.get("ort_err"), "%.1e")))
    failed = sorted({(r["model"], r["diagnostic"]) for r in rows if r["diagnostic"]})
    if failed:
        print("\nNot compiled by kilnc:")
        for model, diagnostic in failed:
            print("- %s: `%s`" % (model, diagnostic))
    if ratios:
        geomean = math.exp(sum(math.log(x) for x in ratios) / len(ratios))
        print("\nGeometric mean Kiln/ORT-2 over %d rows: %.2f" % (len(ratios), geomean))
    if args.peak:
        print("FMA peak of this machine (fma_peak.c): %.0f GFLOP/s on 1 thread, "
              "%.0f on 2." % (args.peak[1], args.peak[2]))
    print("\nMedians of %d interleaved rounds of %d calls each. Kiln: kiln-run "
          "--bench, %s threads, 1 warm-up call; ONNX Runtime %s (onnxruntime-node, "
          "graphOptimizationLevel 'all', %d warm-up calls) with 2 and 1 intra-op "
          "threads. Kiln/ORT < 1: Kiln is faster. err: max |y - ref| / (|ref| + "
          "max|ref|) against PyTorch."
          % (args.rounds, args.runs, args.kiln_threads or "default",
             args.ort_version, args.ort_warmup))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("models", nargs="*",
                        help="default: the benchmark's models (bench_models.DEFAULT)")
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--work", help="default: BUILD/bench-onnx")
    parser.add_argument("--node-dir", default=os.environ.get("KILN_BENCH_NODE_DIR"),
                        help="folder holding node_modules/onnxruntime-node "
                        "(default: $KILN_BENCH_NODE_DIR, else BUILD/bench-node)")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch", type=int, action="append",
                        help="default: each model's (bench_models.BENCH_BATCHES, else 1)")
    parser.add_argument("--kiln-threads", type=int,
                        help="kiln-run --threads (default: Kiln's, the machine's cores)")
    parser.add_argument("--ort-warmup", type=int, default=3)
    args = parser.parse_args()
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
    models = args.models or bench_models.DEFAULT
    for name in models:
        if name not in export_models.MODELS:
            print("error: unknown model '%s'" % name, file=sys.stderr)
            return 1
    peak1 = fma_peak(1)
    args.peak = {1: peak1, 2: fma_peak(2)} if peak1 else None
    rows = []
    for name in models:
        print("%s ..." % name, file=sys.stderr)
        rows += bench_model(args, name)
    print_table(args, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
