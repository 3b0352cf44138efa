#!/usr/bin/env python3
"""Checks Kiln's optimizers against torch.optim.

For each configuration, compiles a small model's train section with kilnc
--train --emit=shared, reads the initial parameters and state from `init`,
and applies the same seeded gradients for several steps through
`apply_gradients` and through the PyTorch optimizer (with
clip_grad_value_, clip_grad_norm_ and ExponentialLR where configured). The
parameters must agree within a relative error of 1e-5."""
import os
import sys
from functools import partial

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from training_check import (apply_updates, compile_training,  # noqa: E402
                            relative_error, run_checks)

MODEL = """
model net(x: f32[N, 5]) -> (y: f32[N, 3]) seed 3 {{
  h = dense(x, 4, activation="tanh")
  y = dense(h, 3)
}}

train net(t: f32[N, 3]) {{
  loss = mse(y, t)
{settings}
}}
"""

S = torch.optim.lr_scheduler

# (name, train-section settings, torch optimizer factory, clip value,
#  clip norm, torch scheduler factory)
CASES = [
    ("sgd", "optimizer = sgd(0.1)",
     lambda p: torch.optim.SGD(p, lr=0.1), None, None, None),
    ("sgd_decay", "optimizer = sgd(0.1, weight_decay=0.05)",
     lambda p: torch.optim.SGD(p, lr=0.1, weight_decay=0.05), None, None, None),
    ("momentum", "optimizer = momentum(0.05, momentum=0.8)",
     lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.8), None, None, None),
    ("nesterov", "optimizer = nesterov(0.05, momentum=0.9)",
     lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, nesterov=True),
     None, None, None),
    ("adagrad", "optimizer = adagrad(0.1)",
     lambda p: torch.optim.Adagrad(p, lr=0.1, eps=1e-10), None, None, None),
    ("rmsprop", "optimizer = rmsprop(0.01, alpha=0.9, epsilon=1e-6)",
     lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-6),
     None, None, None),
    ("adam", "optimizer = adam(0.01, beta1=0.8, beta2=0.99, weight_decay=0.01)",
     lambda p: torch.optim.Adam(p, lr=0.01, betas=(0.8, 0.99), weight_decay=0.01),
     None, None, None),
    ("adamw", "optimizer = adamw(0.01, weight_decay=0.1)",
     lambda p: torch.optim.AdamW(p, lr=0.01, weight_decay=0.1), None, None, None),
    ("clip_value", "optimizer = sgd(0.1)\n  clip_value = 0.3",
     lambda p: torch.optim.SGD(p, lr=0.1), 0.3, None, None),
    ("clip_norm", "optimizer = adam(0.01)\n  clip_norm = 0.5",
     lambda p: torch.optim.Adam(p, lr=0.01), None, 0.5, None),
    ("exponential", "optimizer = momentum(0.1)\n  schedule = exponential(gamma=0.5)",
     lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9), None, None,
     lambda o: S.ExponentialLR(o, 0.5)),
    ("step", "optimizer = sgd(0.1)\n  schedule = step(step_size=2, gamma=0.5)",
     lambda p: torch.optim.SGD(p, lr=0.1), None, None,
     lambda o: S.StepLR(o, step_size=2, gamma=0.5)),
    ("cosine", "optimizer = adam(0.05)\n"
     "  schedule = cosine(decay_steps=3, min_learning_rate=0.01)",
     lambda p: torch.optim.Adam(p, lr=0.05), None, None,
     lambda o: S.CosineAnnealingLR(o, T_max=3, eta_min=0.01)),
]

STEPS = 4


def run_case(kilnc, work, case):
    name, settings, make_torch, clip_value, clip_norm, make_scheduler = case
    art = compile_training(kilnc, work, name,
                           MODEL.format(settings="  " + settings))
    init = dict(zip(art.output_names("init"), art.call("init")))
    inputs = art.input_names("apply_gradients")
    names = [n for n in inputs if f"grad_{n}" in inputs]
    state = dict(init)
    torch_params = [torch.tensor(init[n].astype(np.float64), requires_grad=True)
                    for n in names]
    optimizer = make_torch(torch_params)
    scheduler = make_scheduler(optimizer) if make_scheduler else None
    rng = np.random.default_rng(7)
    for step in range(STEPS):
        grads = {n: rng.normal(size=init[n].shape).astype(np.float32)
                 for n in names}
        values = dict(state)
        values.update({f"grad_{n}": g for n, g in grads.items()})
        apply_updates(state, art.call_named("apply_gradients", values))
        for p, n in zip(torch_params, names):
            p.grad = torch.tensor(grads[n].astype(np.float64))
        if clip_value is not None:
            torch.nn.utils.clip_grad_value_(torch_params, clip_value)
        if clip_norm is not None:
            torch.nn.utils.clip_grad_norm_(torch_params, clip_norm)
        optimizer.step()
        if scheduler:
            scheduler.step()
        worst = max(relative_error(state[n], p.detach().numpy())
                    for p, n in zip(torch_params, names))
        if worst > 1e-5 or state["step"] != step + 1:
            print(f"FAIL {name}: step {step + 1}, relative error {worst:.3g}, "
                  f"step counter {state['step']}")
            return False
    print(f"ok {name}: {STEPS} steps, worst relative error {worst:.3g}")
    return True


if __name__ == "__main__":
    run_checks([partial(run_case, case=case) for case in CASES])
