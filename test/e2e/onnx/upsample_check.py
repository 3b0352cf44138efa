#!/usr/bin/env python3
"""Exports torch.nn.Upsample(scale_factor=2) in nearest and bilinear modes
(align_corners False and True) to ONNX at several opsets, compiles each with
kilnc, and compares kiln-run's output with PyTorch's at batch 1 and 3.

Usage: upsample_check.py --work DIR [--kilnc PATH] [--kiln-run PATH]
"""
import argparse
import os
import subprocess
import sys
import warnings

import numpy as np
import torch

# (mode, align_corners, opset): opset 9 exports Upsample, later ones Resize.
CASES = [("nearest", None, 9), ("nearest", None, 11), ("nearest", None, 13),
         ("bilinear", False, 11), ("bilinear", True, 11),
         ("bilinear", False, 13), ("bilinear", True, 13)]


def check(args, mode, align_corners, opset):
    name = "%s_%s_opset%d" % (mode, {None: "", False: "half", True: "corners"}[align_corners], opset)
    work = os.path.join(args.work, name)
    os.makedirs(work, exist_ok=True)
    model = torch.nn.Upsample(scale_factor=2, mode=mode, align_corners=align_corners)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(model, torch.rand(2, 3, 5, 6), os.path.join(work, "m.onnx"),
                          opset_version=opset, input_names=["x"], output_names=["y"],
                          dynamic_axes={"x": {0: "N"}, "y": {0: "N"}})
    library = os.path.join(work, "m.so")
    subprocess.run([args.kilnc, os.path.join(work, "m.onnx"), "--emit=shared",
                    "-o", library], check=True)
    failures = 0
    for batch in (1, 3):
        x = np.random.default_rng(batch).uniform(-1, 1, (batch, 3, 5, 6)).astype(np.float32)
        np.save(os.path.join(work, "x.npy"), x)
        subprocess.run([args.kiln_run, library, "--input", "x=" + os.path.join(work, "x.npy"),
                        "--output-dir", work], check=True)
        got = np.load(os.path.join(work, "y.npy"))
        expected = model(torch.from_numpy(x)).numpy()
        error = np.abs(got - expected).max() if got.shape == expected.shape else np.inf
        ok = error <= 1e-5
        failures += not ok
        print("%s %s batch %d: shape %s, max abs error %.3g"
              % ("ok" if ok else "FAIL", name, batch, got.shape, error))
    return failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True)
    parser.add_argument("--kilnc", default="kilnc")
    parser.add_argument("--kiln-run", default="kiln-run")
    args = parser.parse_args()
    failures = sum(check(args, *case) for case in CASES)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
