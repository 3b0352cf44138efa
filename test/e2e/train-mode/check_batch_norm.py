#!/usr/bin/env python3
"""Checks the training form of batch normalization in the compiled train_step
against PyTorch in train mode.

A small CNN with a 4-D batch_norm after its convolution and a 2-D one after
a dense layer (neither has a bias: batch norm cancels it, and its gradient
is zero up to rounding, which no relative error can compare) (momentum 0.9 and 0.8, PyTorch's 0.1 and 0.2) is compiled with
kilnc --train. From the weights of `init` and the same batches, two SGD steps
of `train_step` and of the PyTorch model (float64, F.batch_norm with
training=True) must give the same losses (1e-5 relative), trainable
parameters and running statistics (`new_<...>.moving_mean` and
`moving_variance` outputs) within 1e-4 relative error (the largest absolute
difference over the largest absolute value). `eval` must then use the
running statistics: its logits match PyTorch's model.eval() form."""
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from training_check import (apply_updates, compile_training,  # noqa: E402
                            relative_error, run_checks)

SOURCE = """
model bncnn(x: f32[N, 1, 8, 8]) -> (logits: f32[N, 10]) seed 3 {
  h = conv2d(x, filters=4, kernel=3, padding="same", use_bias=false)
  h = relu(batch_norm(h, momentum=0.9))
  h = flatten(max_pool2d(h))
  h = relu(batch_norm(dense(h, 16, use_bias=false), momentum=0.8, epsilon=1e-5))
  logits = dense(h, 10)
}

train bncnn(labels: f32[N, 10]) {
  loss = categorical_crossentropy(logits, labels, from_logits=true)
  optimizer = sgd(0.5)
}
"""

# (parameter prefix, PyTorch momentum, epsilon)
NORMS = [("batch_norm", 0.1, 1e-3), ("batch_norm_1", 0.2, 1e-5)]


def forward(x, p, training):
    def norm(h, i):
        prefix, momentum, eps = NORMS[i]
        return F.batch_norm(h, p[prefix + "_moving_mean"],
                            p[prefix + "_moving_variance"],
                            p[prefix + "_scale"], p[prefix + "_offset"],
                            training=training, momentum=momentum, eps=eps)
    h = F.conv2d(x, p["conv2d_weight"], padding=1)
    h = F.max_pool2d(F.relu(norm(h, 0)), 2).flatten(1)
    h = F.relu(norm(h @ p["dense_weight"], 1))
    return h @ p["dense_1_weight"] + p["dense_1_bias"]


def check(kilnc, work):
    art = compile_training(kilnc, work, "bncnn", SOURCE)
    outputs = art.output_names("train_step")
    print("train_step outputs:", " ".join(outputs))
    state = dict(zip(art.output_names("init"), art.call("init")))
    if "rng" in state:
        print("FAIL: a model without dropout has a random state")
        return False

    params = {n: torch.tensor(v.astype(np.float64),
                              requires_grad="moving" not in n)
              for n, v in state.items() if n.startswith(("conv", "dense",
                                                         "batch_norm"))}
    trainable = [v for n, v in params.items() if "moving" not in n]
    optimizer = torch.optim.SGD(trainable, lr=0.5)
    rng = np.random.default_rng(4)
    ok = True
    for step in range(2):
        x = rng.uniform(-1, 2, size=(12, 1, 8, 8)).astype(np.float32)
        labels = np.eye(10, dtype=np.float32)[rng.integers(0, 10, size=12)]
        out = art.call_named("train_step", dict(state, x=x, labels=labels))
        apply_updates(state, out)

        optimizer.zero_grad()
        logits = forward(torch.tensor(x, dtype=torch.float64), params, True)
        loss = F.cross_entropy(logits, torch.tensor(labels.argmax(1)))
        loss.backward()
        optimizer.step()

        loss_error = abs(float(out["loss"]) - loss.item()) / loss.item()
        errors = {n: relative_error(state[n], p.detach().numpy())
                  for n, p in params.items()}
        worst = max(errors, key=errors.get)
        running = max(e for n, e in errors.items() if "moving" in n)
        print(f"step {step + 1}: loss {float(out['loss']):.6f} "
              f"(PyTorch {loss.item():.6f}), worst parameter error "
              f"{errors[worst]:.3g} ({worst}), worst running statistic "
              f"error {running:.3g}")
        if loss_error > 1e-5 or errors[worst] > 1e-4:
            print(f"FAIL step {step + 1}")
            ok = False
        for prefix, _, _ in NORMS:
            for suffix in ("moving_mean", "moving_variance"):
                name = f"new_{prefix}_{suffix}"
                if name not in out:
                    print(f"FAIL: train_step has no output {name}")
                    ok = False

    x = rng.uniform(-1, 2, size=(5, 1, 8, 8)).astype(np.float32)
    (logits,) = art.call("eval", *[state[n] if n != "x" else x
                                   for n in art.input_names("eval")])
    with torch.no_grad():
        expected = forward(torch.tensor(x, dtype=torch.float64), params,
                           False).numpy()
    eval_error = relative_error(logits, expected)
    print(f"eval with the running statistics: error {eval_error:.3g}")
    if eval_error > 1e-4:
        print("FAIL eval")
        ok = False
    if ok:
        print("ok batch norm train mode matches PyTorch")
    return ok


if __name__ == "__main__":
    run_checks([check])
