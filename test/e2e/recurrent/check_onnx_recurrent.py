#!/usr/bin/env python3
"""Checks ONNX LSTM, GRU and RNN models through kilnc's ONNX importer against
a NumPy implementation of ONNX's equations.

Covers what PyTorch's layers cannot express: peepholes, clip, non-default
activations with alpha and beta, GRU without linear_before_reset, the reverse
direction alone and layout = 1. Each configuration is written with
onnx.helper (dynamic batch), compiled with kilnc --emit=shared, run with
kiln-run at batch 1 and 3, and every output compared in float64 with
|y - ref| <= rtol * (|ref| + max|ref|).
"""
import argparse
import os
import subprocess
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

GATES = {"LSTM": 4, "GRU": 3, "RNN": 1}
DEFAULT_ACTIVATIONS = {"LSTM": ["Sigmoid", "Tanh", "Tanh"],
                       "GRU": ["Sigmoid", "Tanh"], "RNN": ["Tanh"]}
# Which activations take alpha and beta, and their defaults.
PARAMETERS = {"LeakyRelu": (0.01, None), "Elu": (1.0, None),
              "HardSigmoid": (0.2, 0.5), "Affine": (1.0, 0.0),
              "ScaledTanh": (1.0, 1.0)}

CONFIGS = {
    "lstm_peephole_clip": dict(op="LSTM", peephole=True, clip=0.6, states=True),
    "lstm_reverse_activations": dict(
        op="LSTM", direction="reverse",
        activations=["HardSigmoid", "Softsign", "Affine"],
        alpha=[0.3, 0.7], beta=[0.4, 0.1]),
    "lstm_bidirectional_layout1": dict(op="LSTM", direction="bidirectional",
                                       layout=1, states=True, peephole=True),
    "gru_reset_before_linear": dict(op="GRU", states=True),
    "gru_bidirectional_activations": dict(
        op="GRU", direction="bidirectional", linear_before_reset=1,
        activations=["Sigmoid", "ScaledTanh", "LeakyRelu", "Elu"],
        alpha=[0.8, 0.1, 0.9], beta=[1.3], clip=2.0),
    "rnn_softplus_layout1": dict(op="RNN", activations=["Softplus"], layout=1,
                                 states=True),
    "rnn_bidirectional_relu": dict(op="RNN", direction="bidirectional",
                                   activations=["Relu", "Tanh"]),
}


def activation(name, alpha, beta):
    return {
        "Sigmoid": lambda x: 1 / (1 + np.exp(-x)),
        "Tanh": np.tanh,
        "Relu": lambda x: np.maximum(x, 0),
        "LeakyRelu": lambda x: np.where(x > 0, x, alpha * x),
        "Elu": lambda x: np.where(x > 0, x, alpha * (np.exp(x) - 1)),
        "HardSigmoid": lambda x: np.clip(alpha * x + beta, 0, 1),
        "Softsign": lambda x: x / (1 + np.abs(x)),
        "Softplus": lambda x: np.log1p(np.exp(x)),
        "Affine": lambda x: alpha * x + beta,
        "ScaledTanh": lambda x: alpha * np.tanh(beta * x),
    }[name]


def resolve_activations(cfg, dirs):
    names = cfg.get("activations") or DEFAULT_ACTIVATIONS[cfg["op"]] * dirs
    alphas, betas = list(cfg.get("alpha", [])), list(cfg.get("beta", []))
    functions = []
    for name in names:
        alpha, beta = PARAMETERS.get(name, (None, None))
        if alpha is not None and alphas:
            alpha = alphas.pop(0)
        if beta is not None and betas:
            beta = betas.pop(0)
        functions.append(activation(name, alpha, beta))
    per_dir = len(names) // dirs
    return [functions[d * per_dir:(d + 1) * per_dir] for d in range(dirs)]


def reference(cfg, x, w, r, b, h0, c0, p):
    """ONNX's equations in float64; x is [seq, batch, input]."""
    op, hidden = cfg["op"], cfg["hidden"]
    dirs = w.shape[0]
    clip = cfg.get("clip")
    clipped = (lambda v: np.clip(v, -clip, clip)) if clip else (lambda v: v)
    acts = resolve_activations(cfg, dirs)
    seq = x.shape[0]
    ys, hs, cs = [], [], []
    for d in range(dirs):
        reverse = cfg.get("direction") == "reverse" or d == 1
        f = acts[d]
        wb, rb = b[d][:GATES[op] * hidden], b[d][GATES[op] * hidden:]
        block = lambda v, k: v[..., k * hidden:(k + 1) * hidden]
        h, c = h0[d], c0[d]
        y = np.zeros((seq,) + h.shape)
        for t in (reversed(range(seq)) if reverse else range(seq)):
            xw = x[t] @ w[d].T + wb
            if op == "LSTM":
                g = xw + h @ r[d].T + rb
                pi, po, pf = (block(p[d], k) for k in range(3))
                i = f[0](clipped(block(g, 0) + pi * c))
                fg = f[0](clipped(block(g, 2) + pf * c))
                cc = f[1](clipped(block(g, 3)))
                c = fg * c + i * cc
                o = f[0](clipped(block(g, 1) + po * c))
                h = o * f[2](c)
            elif op == "GRU":
                z = f[0](clipped(block(xw, 0) + h @ r[d][:hidden].T + block(rb, 0)))
                rr = f[0](clipped(block(xw, 1) + h @ r[d][hidden:2 * hidden].T + block(rb, 1)))
                rh = r[d][2 * hidden:]
                if cfg.get("linear_before_reset"):
                    n = f[1](clipped(block(xw, 2) + rr * (h @ rh.T + block(rb, 2))))
                else:
                    n = f[1](clipped(block(xw, 2) + (rr * h) @ rh.T + block(rb, 2)))
                h = (1 - z) * n + z * h
            else:
                h = f[0](clipped(xw + h @ r[d].T + rb))
            y[t] = h
        ys.append(y)
        hs.append(h)
        cs.append(c)
    outputs = [np.stack(ys, axis=1), np.stack(hs)]
    if op == "LSTM":
        outputs.append(np.stack(cs))
    return outputs


def build_model(cfg, weights, path):
    op, hidden, seq, size = cfg["op"], cfg["hidden"], cfg["seq"], cfg["input"]
    dirs = weights["W"].shape[0]
    layout = cfg.get("layout", 0)
    x_shape = ["N", seq, size] if layout else [seq, "N", size]
    state_shape = ["N", dirs, hidden] if layout else [dirs, "N", hidden]
    y_shape = ["N", seq, dirs, hidden] if layout else [seq, dirs, "N", hidden]
    f32 = TensorProto.FLOAT
    inputs = [helper.make_tensor_value_info("X", f32, x_shape)]
    node_inputs = ["X", "W", "R", "B", "", "", ""]
    if cfg.get("states"):
        inputs.append(helper.make_tensor_value_info("initial_h", f32, state_shape))
        node_inputs[5] = "initial_h"
        if op == "LSTM":
            inputs.append(helper.make_tensor_value_info("initial_c", f32, state_shape))
            node_inputs[6] = "initial_c"
    initializers = [numpy_helper.from_array(weights[k], k) for k in ("W", "R", "B")]
    if cfg.get("peephole"):
        node_inputs.append("P")
        initializers.append(numpy_helper.from_array(weights["P"], "P"))
    while node_inputs[-1] == "":
        node_inputs.pop()
    names = ["Y", "Y_h"] + (["Y_c"] if op == "LSTM" else [])
    outputs = [helper.make_tensor_value_info("Y", f32, y_shape)] + [
        helper.make_tensor_value_info(n, f32, state_shape) for n in names[1:]]
    attrs = dict(hidden_size=hidden, direction=cfg.get("direction", "forward"))
    for key, onnx_key in (("activations", "activations"), ("alpha", "activation_alpha"),
                          ("beta", "activation_beta"), ("clip", "clip"),
                          ("linear_before_reset", "linear_before_reset")):
        if key in cfg:
            attrs[onnx_key] = cfg[key]
    if layout:
        attrs["layout"] = 1
    node = helper.make_node(op, node_inputs, names, **attrs)
    graph = helper.make_graph([node], "recurrent", inputs, outputs, initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)])
    onnx.checker.check_model(model)
    onnx.save(model, path)
    return names


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


def check(name, cfg, args):
    cfg = dict(cfg, hidden=4, seq=5, input=3)
    work = os.path.join(args.work, name)
    os.makedirs(work, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    dirs = 2 if cfg.get("direction") == "bidirectional" else 1
    g, hidden = GATES[cfg["op"]], cfg["hidden"]
    uniform = lambda *shape: rng.uniform(-1, 1, shape).astype(np.float32)
    weights = {"W": uniform(dirs, g * hidden, cfg["input"]),
               "R": uniform(dirs, g * hidden, hidden),
               "B": uniform(dirs, 2 * g * hidden), "P": uniform(dirs, 3 * hidden)}
    model = os.path.join(work, "model.onnx")
    names = build_model(cfg, weights, model)
    library = os.path.join(work, "model.so")
    subprocess.run([args.kilnc, model, "--emit=shared", "-o", library], check=True)
    layout = cfg.get("layout", 0)
    ok = True
    for batch in (1, 3):
        x = uniform(cfg["seq"], batch, cfg["input"])
        h0 = uniform(dirs, batch, hidden) if cfg.get("states") else np.zeros((dirs, batch, hidden), np.float32)
        c0 = uniform(dirs, batch, hidden) if cfg.get("states") else np.zeros((dirs, batch, hidden), np.float32)
        p = weights["P"] if cfg.get("peephole") else np.zeros((dirs, 3 * hidden), np.float32)
        expected = reference(cfg, *(v.astype(np.float64) for v in
                                    (x, weights["W"], weights["R"], weights["B"], h0, c0, p)))
        feeds = {"X": x.transpose(1, 0, 2) if layout else x}
        if cfg.get("states"):
            feeds["initial_h"] = h0.transpose(1, 0, 2) if layout else h0
            if cfg["op"] == "LSTM":
                feeds["initial_c"] = c0.transpose(1, 0, 2) if layout else c0
        out_dir = os.path.join(work, "batch%d" % batch)
        os.makedirs(out_dir, exist_ok=True)
        command = [args.kiln_run, library, "--output-dir", out_dir]
        for key, value in feeds.items():
            path = os.path.join(out_dir, "in_%s.npy" % key)
            np.save(path, np.ascontiguousarray(value))
            command += ["--input", "%s=%s" % (key, path)]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        for out_name, ref in zip(names, expected):
            if layout:
                ref = ref.transpose(2, 0, 1, 3) if ref.ndim == 4 else ref.transpose(1, 0, 2)
            got = np.load(os.path.join(out_dir, out_name + ".npy"))
            ok &= compare("%s %s batch %d" % (name, out_name, batch), got, ref, args.rtol)
    return ok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", required=True)
    parser.add_argument("--config", action="append", choices=sorted(CONFIGS),
                        help="configurations to check (default: all)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--rtol", type=float, default=1e-5)
    parser.add_argument("--kilnc", default="kilnc")
    parser.add_argument("--kiln-run", default="kiln-run")
    args = parser.parse_args()
    ok = True
    for name in args.config or sorted(CONFIGS):
        ok &= check(name, CONFIGS[name], args)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
