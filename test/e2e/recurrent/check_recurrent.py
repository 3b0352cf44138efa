#!/usr/bin/env python3
"""Checks kiln.lstm, kiln.gru and kiln.rnn against PyTorch's nn.LSTM, nn.GRU
and nn.RNN.

Builds the PyTorch layer with a fixed seed, writes a kiln-dialect module whose
weights are kiln.constant tensors in ONNX's layout and gate order (reordered
from PyTorch's exactly as torch.onnx does: LSTM ifgo -> iofc, GRU rzn -> zrh),
compiles it with kilnc --emit=shared, runs it with kiln-run and compares
every output with the layer evaluated in float64.

The module has two functions: `given_state` (static batch 1, initial states
as inputs) and `zero_state` (dynamic batch, no initial states), run at batch
1 and 3. An output passes when |y - ref| <= rtol * (|ref| + max|ref|).
"""
import argparse
import os
import subprocess
import sys

import numpy as np
import torch

# Blocks of PyTorch's gate-stacked tensors, in ONNX's order.
ONNX_ORDER = {"lstm": [0, 3, 1, 2], "gru": [1, 0, 2], "rnn": [0]}


def reorder(tensor, kind, hidden):
    blocks = [tensor[i * hidden:(i + 1) * hidden] for i in ONNX_ORDER[kind]]
    return np.concatenate(blocks, axis=0)


def onnx_weights(layer, kind, hidden):
    """W [dirs, G*H, I], R [dirs, G*H, H], B [dirs, 2*G*H] in ONNX's layout."""
    suffixes = ["", "_reverse"] if layer.bidirectional else [""]
    w, r, b = [], [], []
    for s in suffixes:
        get = lambda name: getattr(layer, name + "_l0" + s).detach().numpy()
        w.append(reorder(get("weight_ih"), kind, hidden))
        r.append(reorder(get("weight_hh"), kind, hidden))
        b.append(np.concatenate([reorder(get("bias_ih"), kind, hidden),
                                 reorder(get("bias_hh"), kind, hidden)]))
    return np.stack(w), np.stack(r), np.stack(b)


def tensor_type(shape):
    dims = "x".join("?" if d is None else str(d) for d in shape)
    return "tensor<%sxf32>" % dims


def constant(name, value):
    data = np.ascontiguousarray(value, dtype="<f4").tobytes().hex().upper()
    return '    %%%s = kiln.constant dense<"0x%s"> : %s\n' % (
        name, data, tensor_type(value.shape))


def function(name, kind, args, weights, seq, batch, hidden, dirs, attrs,
             with_state):
    x_type = tensor_type([seq, batch, args.input_size])
    state_type = tensor_type([dirs, batch, hidden])
    y_type = tensor_type([seq, dirs, batch, hidden])
    inputs = ['%%x: %s {kiln.name = "x"}' % x_type]
    operands = "%x, %w, %r bias %b"
    state_names = ["h"] + (["c"] if kind == "lstm" else [])
    if with_state:
        for s in state_names:
            inputs.append('%%%s0: %s {kiln.name = "%s0"}' % (s, state_type, s))
            operands += " initial_%s %%%s0" % (s, s)
    results = [("y", y_type)] + [("y_" + s, state_type) for s in state_names]
    text = "  func.func @%s(%s)\n      -> (%s) {\n" % (
        name, ", ".join(inputs),
        ", ".join('%s {kiln.name = "%s"}' % (t, n) for n, t in results))
    for const_name, value in zip(["w", "r", "b"], weights):
        text += constant(const_name, value)
    operand_types = [x_type] + [tensor_type(v.shape) for v in weights]
    if with_state:
        operand_types += [state_type] * len(state_names)
    text += "    %s = kiln.%s %s {%s}\n        : (%s) -> (%s)\n" % (
        ", ".join("%" + n for n, _ in results), kind, operands, attrs,
        ", ".join(operand_types), ", ".join(t for _, t in results))
    text += "    return %s : %s\n  }\n" % (
        ", ".join("%" + n for n, _ in results),
        ", ".join(t for _, t in results))
    return text


def run_torch(layer, kind, x, state):
    with torch.no_grad():
        args = (torch.from_numpy(x).double(),)
        if state is not None:
            states = tuple(torch.from_numpy(s).double() for s in state)
            args += (states if kind == "lstm" else states[0],)
        y, final = layer(*args)
    finals = final if kind == "lstm" else (final,)
    seq, batch = x.shape[0], x.shape[1]
    dirs = 2 if layer.bidirectional else 1
    # PyTorch's y is [seq, batch, dirs * hidden]; ONNX's [seq, dirs, batch, hidden].
    y = y.numpy().reshape(seq, batch, dirs, -1).transpose(0, 2, 1, 3)
    return [y] + [f.numpy() for f in finals]


def compare(label, got, expected, rtol):
    scale = max(np.abs(expected).max(initial=0.0), 1e-30)
    if got.shape != expected.shape:
        print("FAIL %s: shape %s, reference %s" % (label, got.shape, expected.shape))
        return False
    error = np.abs(got.astype(np.float64) - expected)
    worst = (error / (np.abs(expected) + scale)).max(initial=0.0)
    ok = bool(np.all(error <= rtol * (np.abs(expected) + scale)))
    print("%s %s: max relative error %.3g (tolerance %g)"
          % ("ok" if ok else "FAIL", label, worst, rtol))
    return ok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["lstm", "gru", "rnn"])
    parser.add_argument("--work", required=True)
    parser.add_argument("--bidirectional", action="store_true")
    parser.add_argument("--nonlinearity", default="tanh",
                        help="nn.RNN's activation: tanh or relu")
    parser.add_argument("--seq", type=int, default=5)
    parser.add_argument("--input-size", type=int, default=6)
    parser.add_argument("--hidden", type=int, default=7)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rtol", type=float, default=1e-5)
    parser.add_argument("--kilnc", default="kilnc")
    parser.add_argument("--kiln-run", default="kiln-run")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)

    torch.manual_seed(args.seed)
    options = dict(bidirectional=args.bidirectional)
    if args.kind == "rnn":
        options["nonlinearity"] = args.nonlinearity
    layer_class = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}
    layer = layer_class[args.kind](args.input_size, args.hidden, **options)
    weights = onnx_weights(layer, args.kind, args.hidden)
    layer = layer.double()

    dirs = 2 if args.bidirectional else 1
    attrs = 'hidden_size = %d : i64, direction = "%s"' % (
        args.hidden, "bidirectional" if args.bidirectional else "forward")
    if args.kind == "gru":
        attrs += ", linear_before_reset = true"
    if args.kind == "rnn" and args.nonlinearity != "tanh":
        attrs += ", activations = [%s]" % ", ".join(
            ['"%s"' % args.nonlinearity] * dirs)
    module = "module {\n"
    module += function("given_state", args.kind, args, weights, args.seq, 1,
                       args.hidden, dirs, attrs, with_state=True)
    module += function("zero_state", args.kind, args, weights, args.seq, None,
                       args.hidden, dirs, attrs, with_state=False)
    module += "}\n"
    source = os.path.join(args.work, "model.mlir")
    with open(source, "w") as f:
        f.write(module)
    library = os.path.join(args.work, "model.so")
    subprocess.run([args.kilnc, source, "--emit=shared", "-o", library],
                   check=True)

    rng = np.random.default_rng(args.seed)
    state_names = ["h0"] + (["c0"] if args.kind == "lstm" else [])
    output_names = ["y", "y_h"] + (["y_c"] if args.kind == "lstm" else [])
    runs = [("given_state", 1, True), ("zero_state", 1, False),
            ("zero_state", 3, False)]
    all_ok = True
    for fn, batch, with_state in runs:
        x = rng.uniform(-1, 1, (args.seq, batch, args.input_size)).astype(np.float32)
        feeds = {"x": x}
        state = None
        if with_state:
            state = [rng.uniform(-1, 1, (dirs, batch, args.hidden)).astype(np.float32)
                     for _ in state_names]
            feeds.update(zip(state_names, state))
        out_dir = os.path.join(args.work, "%s_%d" % (fn, batch))
        os.makedirs(out_dir, exist_ok=True)
        command = [args.kiln_run, library, "--function", fn, "--output-dir", out_dir]
        for name, value in feeds.items():
            path = os.path.join(out_dir, "in_%s.npy" % name)
            np.save(path, value)
            command += ["--input", "%s=%s" % (name, path)]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        expected = run_torch(layer, args.kind, x, state)
        for name, ref in zip(output_names, expected):
            got = np.load(os.path.join(out_dir, name + ".npy"))
            all_ok &= compare("%s.%s batch %d" % (fn, name, batch), got, ref,
                              args.rtol)
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
