#!/usr/bin/env python3
"""Trains an LSTM and a GRU sequence regressor compiled with kilnc --train.

The model (kiln dialect: kiln.lstm or kiln.gru over 6 time steps, its final
hidden state into a dense layer, a mean squared error loss, SGD) declares its
recurrence matrix as a [G * hidden, hidden] parameter with the `identity`
initializer. From the artifact's `init`, three `train_step`s must give the
same parameters as PyTorch's fused torch.lstm / torch.gru (float64) trained
by torch.optim.SGD on the same batches (relative error below 1e-4), and 300
steps on a fixed data set must at least halve the loss.
"""
import os
import sys
from functools import partial

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from training_check import apply_updates, compile_training, run_checks  # noqa: E402
from recurrent_torch import torch_gru, torch_lstm  # noqa: E402

SEQ, INPUT, HIDDEN = 6, 3, 4
GATES = {"lstm": 4, "gru": 3}

MODULE = """
func.func @seq(%x: tensor<{T}x?x{I}xf32> {{kiln.name = "x"}}) -> (tensor<?x2xf32> {{kiln.name = "y"}}) {{
  %w = kiln.parameter "rnn.weight" "glorot_uniform" seed 1 : tensor<1x{GH}x{I}xf32>
  %r2 = kiln.parameter "rnn.recurrence" "identity" seed 2 : tensor<{GH}x{H}xf32>
  %b = kiln.parameter "rnn.bias" "zeros" seed 3 : tensor<1x{GH2}xf32>
  %r = kiln.reshape %r2 {{shape = array<i64: 1, {GH}, {H}>}} : tensor<{GH}x{H}xf32> -> tensor<1x{GH}x{H}xf32>
  {layer}
  %h2 = kiln.reshape %h {{shape = array<i64: -1, {H}>}} : tensor<1x?x{H}xf32> -> tensor<?x{H}xf32>
  %dw = kiln.parameter "dense.weight" "glorot_uniform" seed 4 : tensor<{H}x2xf32>
  %db = kiln.parameter "dense.bias" "zeros" seed 5 : tensor<2xf32>
  %o = kiln.linear %h2, %dw, %db : tensor<?x{H}xf32>, tensor<{H}x2xf32>, tensor<2xf32> -> tensor<?x2xf32>
  return %o : tensor<?x2xf32>
}}

func.func @seq_train(%x: tensor<{T}x?x{I}xf32> {{kiln.name = "x"}}, %t: tensor<?x2xf32> {{kiln.name = "labels"}}) -> (tensor<f32> {{kiln.name = "loss"}})
    attributes {{kiln.train = {{model = @seq, optimizer = {{name = "sgd", learning_rate = {LR} : f64}}}}}} {{
  %y = func.call @seq(%x) : (tensor<{T}x?x{I}xf32>) -> tensor<?x2xf32>
  %d = kiln.sub %y, %t : tensor<?x2xf32>, tensor<?x2xf32>
  %s = kiln.mul %d, %d : tensor<?x2xf32>, tensor<?x2xf32>
  %l = kiln.reduce_mean %s {{axes = array<i64>}} : tensor<?x2xf32> -> tensor<f32>
  return %l : tensor<f32>
}}
"""

LAYERS = {
    "lstm": """%y, %h, %c = kiln.lstm %x, %w, %r bias %b {{hidden_size = {H} : i64}} : (tensor<{T}x?x{I}xf32>, tensor<1x{GH}x{I}xf32>, tensor<1x{GH}x{H}xf32>, tensor<1x{GH2}xf32>) -> (tensor<{T}x1x?x{H}xf32>, tensor<1x?x{H}xf32>, tensor<1x?x{H}xf32>)""",
    "gru": """%y, %h = kiln.gru %x, %w, %r bias %b {{hidden_size = {H} : i64, linear_before_reset = true}} : (tensor<{T}x?x{I}xf32>, tensor<1x{GH}x{I}xf32>, tensor<1x{GH}x{H}xf32>, tensor<1x{GH2}xf32>) -> (tensor<{T}x1x?x{H}xf32>, tensor<1x?x{H}xf32>)""",
}
LR = 0.5
STEPS = 300


def data(rng, batch):
    x = rng.uniform(-1, 1, size=(SEQ, batch, INPUT)).astype(np.float32)
    # Targets: the sum of feature 0 over time, feature 1 at the last step.
    labels = np.stack([x[:, :, 0].sum(0) / 2, x[-1, :, 1]], 1).astype(np.float32)
    return x, labels


def torch_forward(kind, x, p):
    w, b = p["rnn_weight"], p["rnn_bias"]
    r = p["rnn_recurrence"].reshape(1, -1, HIDDEN)
    layer = torch_lstm if kind == "lstm" else torch_gru
    h = layer(x, w, r, b)[1].reshape(-1, HIDDEN)
    return h @ p["dense_weight"] + p["dense_bias"]


def run(kilnc, work, kind):
    gh = GATES[kind] * HIDDEN
    sizes = dict(T=SEQ, I=INPUT, H=HIDDEN, GH=gh, GH2=2 * gh, LR=LR)
    source = MODULE.format(layer=LAYERS[kind].format(**sizes), **sizes)
    art = compile_training(kilnc, work, kind, source, suffix=".mlir")
    state = dict(zip(art.output_names("init"), art.call("init")))
    recurrence = state["rnn_recurrence"]
    stacked = np.tile(np.eye(HIDDEN, dtype=np.float32), (GATES[kind], 1))
    if not np.array_equal(recurrence, stacked):
        print(f"FAIL {kind}: identity() did not stack identity blocks")
        return False

    params = {n: torch.tensor(v.astype(np.float64), requires_grad=True)
              for n, v in state.items() if n.startswith(("rnn", "dense"))}
    optimizer = torch.optim.SGD(list(params.values()), lr=LR)
    rng = np.random.default_rng(7)
    worst = 0.0
    for step in range(3):
        x, labels = data(rng, 5)
        out = art.call_named("train_step", dict(state, x=x, labels=labels))
        apply_updates(state, out)
        optimizer.zero_grad()
        y = torch_forward(kind, torch.tensor(x, dtype=torch.float64), params)
        loss = ((y - torch.tensor(labels, dtype=torch.float64)) ** 2).mean()
        loss.backward()
        optimizer.step()
        loss_err = abs(float(out["loss"]) - loss.item()) / abs(loss.item())
        for n, p in params.items():
            ref = p.detach().numpy()
            worst = max(worst, np.abs(state[n] - ref).max() / np.abs(ref).max())
        if worst > 1e-4 or loss_err > 1e-5:
            print(f"FAIL {kind}: step {step + 1}: parameter error {worst:.3g}, "
                  f"loss {float(out['loss']):.7g} vs {loss.item():.7g}")
            return False
    print(f"ok {kind}: 3 SGD steps as PyTorch, worst parameter error {worst:.3g}")

    x, labels = data(np.random.default_rng(11), 32)
    losses = []
    for step in range(STEPS):
        out = art.call_named("train_step", dict(state, x=x, labels=labels))
        apply_updates(state, out)
        losses.append(float(out["loss"]))
    ok = losses[-1] < 0.5 * losses[0]
    print(f"{'ok' if ok else 'FAIL'} {kind} training: loss {losses[0]:.4g} -> "
          f"{losses[-1]:.4g} in {STEPS} steps")
    return ok


if __name__ == "__main__":
    run_checks({kind: partial(run, kind=kind) for kind in ("lstm", "gru")})
