#!/usr/bin/env python3
"""Checks nn.LSTM, nn.GRU and nn.RNN exported by torch.onnx through kilnc's
ONNX importer against PyTorch.

Each configuration (cell, batch_first, bidirectional, opset) is exported
with a dynamic batch axis, compiled with kilnc --emit=shared, run with
kiln-run at batch 1 and 3 and compared with the PyTorch module's outputs:
|y - ref| <= rtol * (|ref| + max|ref|). The initial states are inputs of the
exported model: for default zero states the exporter builds them with
ConstantOfShape / Expand of a batch-dependent shape, which the importer does
not support.
"""
import argparse
import itertools
import os
import subprocess
import sys
import warnings

import numpy as np
import torch


class Layer(torch.nn.Module):
    def __init__(self, kind, batch_first, bidirectional):
        super().__init__()
        cls = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}[kind]
        self.kind = kind
        self.rnn = cls(4, 5, batch_first=batch_first, bidirectional=bidirectional)

    def forward(self, x, h0, c0=None):
        if self.kind == "lstm":
            y, (h, c) = self.rnn(x, (h0, c0))
            return y, h, c
        y, h = self.rnn(x, h0)
        return y, h


def compare(label, got, expected, rtol):
    if got.shape != expected.shape:
        print("FAIL %s: shape %s, reference %s" % (label, got.shape, expected.shape))
        return False
    scale = max(np.abs(expected).max(initial=0.0), 1e-30)
    error = np.abs(got.astype(np.float64) - expected)
    worst = (error / (np.abs(expected) + scale)).max(initial=0.0)
    ok = bool(np.all(error <= rtol * (np.abs(expected) + scale)))
    print("%s %s: max relative error %.3g (tolerance %g)"
          % ("ok" if ok else "FAIL", label, worst, rtol))
    return ok


def check(kind, batch_first, bidirectional, opset, args):
    name = "%s_%s_%s_opset%d" % (kind, "batch_first" if batch_first else "seq_first",
                                 "bidirectional" if bidirectional else "forward", opset)
    work = os.path.join(args.work, name)
    os.makedirs(work, exist_ok=True)
    torch.manual_seed(args.seed)
    layer = Layer(kind, batch_first, bidirectional).eval()
    dirs = 2 if bidirectional else 1
    batch_axis = 0 if batch_first else 1
    seq = 6

    def example(batch):
        x = torch.rand((batch, seq, 4) if batch_first else (seq, batch, 4)) * 2 - 1
        states = [torch.rand(dirs, batch, 5) * 2 - 1
                  for _ in range(2 if kind == "lstm" else 1)]
        return [x] + states

    inputs = ["x", "h0", "c0"][:3 if kind == "lstm" else 2]
    outputs = ["y", "h", "c"][:3 if kind == "lstm" else 2]
    axes = {n: {batch_axis: "batch"} for n in ("x", "y")}
    axes.update({n: {1: "batch"} for n in ("h0", "c0", "h", "c")})
    model = os.path.join(work, "model.onnx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(layer, tuple(example(2)), model, opset_version=opset,
                          input_names=inputs, output_names=outputs,
                          dynamic_axes={n: axes[n] for n in inputs + outputs})
    library = os.path.join(work, "model.so")
    subprocess.run([args.kilnc, model, "--emit=shared", "-o", library], check=True)
    layer = layer.double()
    ok = True
    for batch in (1, 3):
        values = example(batch)
        with torch.no_grad():
            expected = layer(*[v.double() for v in values])
        out_dir = os.path.join(work, "batch%d" % batch)
        os.makedirs(out_dir, exist_ok=True)
        command = [args.kiln_run, library, "--output-dir", out_dir]
        for input_name, value in zip(inputs, values):
            path = os.path.join(out_dir, "in_%s.npy" % input_name)
            np.save(path, value.numpy())
            command += ["--input", "%s=%s" % (input_name, path)]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        for output_name, ref in zip(outputs, expected):
            got = np.load(os.path.join(out_dir, output_name + ".npy"))
            ok &= compare("%s %s batch %d" % (name, output_name, batch), got,
                          ref.numpy(), args.rtol)
    return ok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("kinds", nargs="+", choices=["lstm", "gru", "rnn"])
    parser.add_argument("--work", required=True)
    parser.add_argument("--opset", type=int, action="append",
                        help="opsets to export with (default: 13 and 17)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rtol", type=float, default=1e-5)
    parser.add_argument("--kilnc", default="kilnc")
    parser.add_argument("--kiln-run", default="kiln-run")
    args = parser.parse_args()
    ok = True
    for kind, batch_first, bidirectional, opset in itertools.product(
            args.kinds, (False, True), (False, True), args.opset or [13, 17]):
        ok &= check(kind, batch_first, bidirectional, opset, args)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
