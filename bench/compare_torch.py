#!/usr/bin/env python3
"""Median latency of Kiln's compiled example models and of the same models,
with the same weights, in PyTorch, measured in the same run.

Kiln's generated code runs on the calling thread, so PyTorch is measured with
one intra-op thread too (and, for reference, with all cores). Usage:

    /usr/bin/python3 bench/compare_torch.py [--build build] [--runs 50]
"""
import argparse
import ctypes
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def compile_model(kilnc, model, work):
    library = os.path.join(work, model + ".so")
    params = os.path.join(work, model + "-params")
    subprocess.run([kilnc, os.path.join(ROOT, "examples", model + ".kiln"),
                    "--emit=shared", "-o", library, "--save-params=" + params],
                   check=True)
    weights = {n[:-4]: torch.from_numpy(np.load(os.path.join(params, n)))
               for n in os.listdir(params)}
    return ctypes.CDLL(library), weights


def kiln_caller(library, name, x, out):
    fn = getattr(library, name + "_packed")
    dims = (ctypes.c_int64 * 1)(x.shape[0])
    buffers = (ctypes.c_void_p * 2)(x.ctypes.data, out.ctypes.data)
    return lambda: fn(dims, buffers)


def torch_mlp(P):
    def run(x):
        h = F.relu(x @ P["dense.weight"] + P["dense.bias"])
        h = F.relu(h @ P["dense_1.weight"] + P["dense_1.bias"])
        return F.softmax(h @ P["dense_2.weight"] + P["dense_2.bias"], dim=-1)
    return run


def torch_cnn(P):
    def conv(x, i, k):
        name = "conv2d" if i == 0 else "conv2d_%d" % i
        return F.relu(F.conv2d(x, P[name + ".weight"], P[name + ".bias"], padding=k // 2))

    def run(image):
        x = image.permute(0, 3, 1, 2)
        x = F.max_pool2d(conv(x, 0, 3), 2)
        x = F.max_pool2d(conv(conv(x, 1, 3), 2, 3), 2)
        x = F.max_pool2d(conv(conv(x, 3, 5), 4, 5), 2)
        x = x.mean(dim=(2, 3))
        x = F.relu(x @ P["dense.weight"] + P["dense.bias"])
        x = F.relu(x @ P["dense_1.weight"] + P["dense_1.bias"])
        return F.softmax(x @ P["dense_2.weight"] + P["dense_2.bias"], dim=-1)
    return run


def median_ms(fn, runs):
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    kilnc = os.path.join(args.build, "bin", "kilnc")
    cores = os.cpu_count()
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for model, shape, outputs, make_torch in [
                ("mlp", (784,), 10, torch_mlp), ("cnn", (64, 64, 3), 5, torch_cnn)]:
            library, weights = compile_model(kilnc, model, work)
            reference = make_torch(weights)
            for batch in (1, 32):
                x = np.random.default_rng(0).uniform(-1, 1, (batch,) + shape).astype(np.float32)
                out = np.empty((batch, outputs), np.float32)
                kiln = median_ms(kiln_caller(library, model, x, out), args.runs)
                tx = torch.from_numpy(x)
                with torch.no_grad():
                    assert np.allclose(out, reference(tx).numpy(), rtol=1e-4, atol=1e-5)
                    torch.set_num_threads(1)
                    t1 = median_ms(lambda: reference(tx), args.runs)
                    torch.set_num_threads(cores)
                    tn = median_ms(lambda: reference(tx), args.runs)
                rows.append((model, batch, kiln, t1, tn))
    print("median latency over %d runs (ms); Kiln runs on one thread" % args.runs)
    print("%-5s %5s %10s %14s %12s %14s" % ("model", "batch", "kiln", "torch 1 thr", "kiln/torch1",
                                          "torch %d thr" % cores))
    for model, batch, kiln, t1, tn in rows:
        print("%-5s %5d %10.3f %14.3f %12.2f %14.3f" % (model, batch, kiln, t1, kiln / t1, tn))
    return 0


if __name__ == "__main__":
    sys.exit(main())
