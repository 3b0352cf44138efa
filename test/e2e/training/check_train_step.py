#!/usr/bin/env python3
"""Checks the compiled train_step against PyTorch.

An MLP (64-32-10, tanh) and a small CNN (conv2d, max pooling, dense) with a
softmax cross-entropy loss are compiled with kilnc --train; from the same initial weights (`init`) and the same batches,
a few steps of `train_step` and of the same PyTorch model and optimizer must
give parameters within a relative error of 1e-4 (the largest absolute
difference over the largest absolute value of each parameter) and the same
losses. Cases cover Adam, SGD with a frozen parameter, and AdamW with an L2
penalty in the loss and clipping by global norm."""
import os
import sys
from functools import partial

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from training_check import (CNN_BODY, MLP_BODY,  # noqa: E402
                            apply_updates, compile_training,
                            relative_error, run_checks)

MLP = MLP_BODY
CNN = CNN_BODY

SOURCE = """
model mlp(x: f32[N, {shape}]) -> (logits: f32[N, 10]) seed 5 {{
{body}
}}

train mlp(labels: f32[N, 10]) {{
  loss = categorical_crossentropy(logits, labels, from_logits=true){penalty}
  optimizer = {optimizer}
{extra}
}}
"""


def mlp_forward(x, p):
    h = torch.tanh(x @ p["dense_weight"] + p["dense_bias"])
    return h @ p["dense_1_weight"] + p["dense_1_bias"]


def cnn_forward(x, p):
    h = F.relu(F.conv2d(x, p["conv2d_weight"], p["conv2d_bias"], padding=1))
    h = F.max_pool2d(h, 2).flatten(1)
    return h @ p["dense_weight"] + p["dense_bias"]


# name: (optimizer, extra settings, l2 penalty factor on dense.weight,
#        torch optimizer factory, frozen parameters, clip norm, steps,
#        [model: (input shape, body, PyTorch forward)])
CASES = {
    "adam": ("adam(0.01)", "", 0.0,
             lambda p: torch.optim.Adam(p, lr=0.01), [], None, 1),
    "cnn_adam": ("adam(0.01)", "", 0.0,
                 lambda p: torch.optim.Adam(p, lr=0.01), [], None, 2,
                 ([1, 8, 8], CNN, cnn_forward)),
    "adam_3_steps": ("adam(0.01)", "", 0.0,
                     lambda p: torch.optim.Adam(p, lr=0.01), [], None, 3),
    "sgd_frozen": ("sgd(0.5)", '  frozen = ["dense.bias"]', 0.0,
                   lambda p: torch.optim.SGD(p, lr=0.5), ["dense_bias"], None, 3),
    "adamw_penalty_clip": ("adamw(0.01, weight_decay=0.05)", "  clip_norm = 0.5",
                           0.01, lambda p: torch.optim.AdamW(
                               p, lr=0.01, weight_decay=0.05),
                           [], 0.5, 3),
}


def run_case(kilnc, work, name, case):
    optimizer_src, extra, penalty, make_torch, frozen, clip_norm, steps = case[:7]
    shape, body, forward = case[7] if len(case) > 7 else ([64], MLP, mlp_forward)
    penalty_src = (f' + {penalty} * l2_penalty("dense.weight")'
                   if penalty else "")
    art = compile_training(kilnc, work, name, SOURCE.format(
        optimizer=optimizer_src, extra=extra, penalty=penalty_src, body=body,
        shape=", ".join(map(str, shape))))
    state = dict(zip(art.output_names("init"), art.call("init")))

    # PyTorch: weights [in, out] become Linear's [out, in].
    torch_params = {n: torch.tensor(v.astype(np.float64), requires_grad=True)
                    for n, v in state.items()
                    if n.startswith(("dense", "conv2d")) and n not in frozen}
    fixed = {n: torch.tensor(state[n].astype(np.float64)) for n in frozen}
    every = {**torch_params, **fixed}
    optimizer = make_torch(list(torch_params.values()))

    rng = np.random.default_rng(1)
    worst = 0.0
    for step in range(steps):
        x = rng.uniform(0, 1, size=(16, *shape)).astype(np.float32)
        labels = np.eye(10, dtype=np.float32)[rng.integers(0, 10, size=16)]
        values = dict(state, x=x, labels=labels)
        out = art.call_named("train_step", values)
        apply_updates(state, out)

        optimizer.zero_grad()
        logits = forward(torch.tensor(x, dtype=torch.float64), every)
        loss = F.cross_entropy(logits, torch.tensor(labels.argmax(1)))
        if penalty:
            loss = loss + penalty * every["dense_weight"].pow(2).sum()
        loss.backward()
        if clip_norm is not None:
            torch.nn.utils.clip_grad_norm_(list(torch_params.values()),
                                           clip_norm)
        optimizer.step()

        loss_err = abs(float(out["loss"]) - loss.item()) / abs(loss.item())
        for n, p in every.items():
            worst = max(worst, relative_error(state[n], p.detach().numpy()))
        if worst > 1e-4 or loss_err > 1e-5:
            print(f"FAIL {name}: step {step + 1}: parameter error {worst:.3g}, "
                  f"loss {float(out['loss']):.7g} vs {loss.item():.7g}")
            return False
        for n in frozen:
            if not np.array_equal(state[n], fixed[n].numpy().astype(np.float32)):
                print(f"FAIL {name}: frozen parameter {n} changed")
                return False
    print(f"ok {name}: {steps} steps, worst parameter error {worst:.3g}")
    return True


if __name__ == "__main__":
    run_checks([partial(run_case, name=name, case=case)
                for name, case in CASES.items()])
