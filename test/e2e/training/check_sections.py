#!/usr/bin/env python3
"""Checks artifacts with several train sections and several optimizers
against PyTorch.

gan: gan.kiln holds a generator and a discriminator model and two train
sections, `discriminator` (trains the discriminator's parameters on real and
generated samples) and `generator` (trains the generator's parameters
through the discriminator). Alternating their train steps from `init`'s
weights must match PyTorch alternating the same two Adam optimizers (the
generated batch detached in the discriminator step), parameters within 1e-4
relative error.

groups: an MLP whose first layer is trained by Adam and whose second by SGD
with Nesterov momentum, gradients clipped together by global norm, must
match PyTorch's two optimizers after clip_grad_norm_ over all parameters."""
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from training_check import (apply_updates, compile_training,  # noqa: E402
                            compile_training_file, relative_error, run_checks)

GROUPS = """
model mlp(x: f32[N, 8]) -> (logits: f32[N, 4]) seed 2 {
  h = dense(x, 16, activation="tanh")
  logits = dense(h, 4)
}

train mlp(labels: f32[N, 4]) {
  loss = categorical_crossentropy(logits, labels, from_logits=true)
  optimizer = [adam(0.01, params=["dense.*"]), nesterov(0.1, momentum=0.8)]
  clip_norm = 0.5
}
"""


def mlp(x, p, prefix):
    h = torch.tanh(x @ p[prefix + "dense_weight"] + p[prefix + "dense_bias"])
    return h @ p[prefix + "dense_1_weight"] + p[prefix + "dense_1_bias"]


def worst_error(state, params):
    return max(relative_error(state[n], p.detach().numpy())
               for n, p in params.items())


def check_gan(kilnc, work):
    art = compile_training_file(
        kilnc, work, "gan",
        os.path.join(os.path.dirname(__file__), "Inputs", "gan.kiln"))
    state = dict(zip(art.output_names("init"), art.call("init")))
    params = {n: torch.tensor(v.astype(np.float64), requires_grad=True)
              for n, v in state.items() if n.startswith(("g_", "d_"))}
    d_params = [p for n, p in params.items() if n.startswith("d_")]
    g_params = [p for n, p in params.items() if n.startswith("g_")]
    d_opt = torch.optim.Adam(d_params, lr=0.01, betas=(0.5, 0.999))
    g_opt = torch.optim.Adam(g_params, lr=0.01, betas=(0.5, 0.999))
    rng = np.random.default_rng(3)
    batch = 16
    ones = np.ones((batch, 1), np.float32)
    zeros = np.zeros((batch, 1), np.float32)
    worst = 0.0
    for step in range(3):
        x = rng.normal([2, -1], 0.5, size=(batch, 2)).astype(np.float32)
        z = rng.normal(size=(batch, 4)).astype(np.float32)
        d_out = art.call_named("discriminator_train_step",
                               dict(state, x=x, z=z, ones=ones, zeros=zeros))
        apply_updates(state, d_out)
        d_opt.zero_grad()
        fake = mlp(torch.tensor(z, dtype=torch.float64), params, "g_").detach()
        d_loss = (F.binary_cross_entropy_with_logits(
            mlp(torch.tensor(x, dtype=torch.float64), params, "d_"),
            torch.ones(batch, 1, dtype=torch.float64))
            + F.binary_cross_entropy_with_logits(
                mlp(fake, params, "d_"),
                torch.zeros(batch, 1, dtype=torch.float64)))
        d_loss.backward()
        d_opt.step()

        g_out = art.call_named("generator_train_step",
                               dict(state, z=z, ones=ones))
        apply_updates(state, g_out)
        g_opt.zero_grad()
        g_loss = F.binary_cross_entropy_with_logits(
            mlp(mlp(torch.tensor(z, dtype=torch.float64), params, "g_"),
                params, "d_"),
            torch.ones(batch, 1, dtype=torch.float64))
        g_loss.backward()
        g_opt.step()

        worst = max(worst, worst_error(state, params))
        loss_error = max(
            abs(float(d_out["loss"]) - d_loss.item()) / abs(d_loss.item()),
            abs(float(g_out["loss"]) - g_loss.item()) / abs(g_loss.item()))
        if worst > 1e-4 or loss_error > 1e-5:
            print(f"FAIL gan: round {step + 1}: parameter error {worst:.3g}, "
                  f"loss error {loss_error:.3g}")
            return False
    if state["discriminator_step"] != 3 or state["generator_step"] != 3:
        print("FAIL gan: the step counters are not 3")
        return False
    print(f"ok gan: 3 rounds, worst parameter error {worst:.3g}")
    return True


def check_groups(kilnc, work):
    art = compile_training(kilnc, work, "groups", GROUPS)
    state = dict(zip(art.output_names("init"), art.call("init")))
    params = {n: torch.tensor(state[n].astype(np.float64), requires_grad=True)
              for n in ["dense_weight", "dense_bias", "dense_1_weight",
                        "dense_1_bias"]}
    first = torch.optim.Adam([params["dense_weight"], params["dense_bias"]],
                             lr=0.01)
    second = torch.optim.SGD([params["dense_1_weight"],
                              params["dense_1_bias"]],
                             lr=0.1, momentum=0.8, nesterov=True)
    rng = np.random.default_rng(4)
    worst = 0.0
    for step in range(3):
        x = rng.normal(size=(16, 8)).astype(np.float32)
        labels = np.eye(4, dtype=np.float32)[rng.integers(0, 4, size=16)]
        apply_updates(state, art.call_named("train_step",
                                     dict(state, x=x, labels=labels)))
        first.zero_grad()
        second.zero_grad()
        loss = F.cross_entropy(mlp(torch.tensor(x, dtype=torch.float64),
                                   params, ""),
                               torch.tensor(labels.argmax(1)))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(list(params.values()), 0.5)
        first.step()
        second.step()
        worst = max(worst, worst_error(state, params))
        if worst > 1e-4:
            print(f"FAIL groups: step {step + 1}: parameter error {worst:.3g}")
            return False
    names = art.input_names("train_step")
    if "m_dense_weight" not in names or "momentum_dense_1_weight" not in names:
        print(f"FAIL groups: unexpected state names {names}")
        return False
    print(f"ok groups: 3 steps, worst parameter error {worst:.3g}")
    return True


if __name__ == "__main__":
    run_checks([check_gan, check_groups])
