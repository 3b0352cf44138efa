#!/usr/bin/env python3
"""Checks Kiln's losses against PyTorch.

For each loss, compiles a small model's train section (kilnc --train
--emit=shared), runs `eval` for the predictions and `evaluate` for the loss
on a seeded batch, and compares the loss with PyTorch's on the same
predictions (in float64), within a relative error of 1e-5. The accuracy
metric is checked the same way against NumPy."""
import os
import sys
from functools import partial

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from training_check import compile_training, run_checks  # noqa: E402

BATCH = 6


def onehot(rng, classes):
    return np.eye(classes)[rng.integers(0, classes, size=BATCH)]


def t(a):
    return torch.tensor(np.asarray(a, dtype=np.float64))


# name: (model outputs, labels, loss expression, label maker, reference
# from the outputs dict `o`, labels dict `l` and parameters `p`)
CASES = {
    "mse": ("y: f32[N, 3]", "y = dense(x, 3)", "t: f32[N, 3]",
            "mse(y, t)", lambda r: {"t": r.normal(size=(BATCH, 3))},
            lambda o, l, p: F.mse_loss(t(o["y"]), t(l["t"]))),
    "l1": ("y: f32[N, 3]", "y = dense(x, 3)", "t: f32[N, 3]",
           "l1(y, t)", lambda r: {"t": r.normal(size=(BATCH, 3))},
           lambda o, l, p: F.l1_loss(t(o["y"]), t(l["t"]))),
    "bce": ("y: f32[N, 2]", 'y = dense(x, 2, activation="sigmoid")',
            "t: f32[N, 2]", "binary_crossentropy(y, t)",
            lambda r: {"t": r.integers(0, 2, size=(BATCH, 2))},
            lambda o, l, p: F.binary_cross_entropy(t(o["y"]), t(l["t"]))),
    "bce_logits": ("y: f32[N, 2]", "y = dense(x, 2) * 4.0", "t: f32[N, 2]",
                   "binary_crossentropy(y, t, from_logits=true)",
                   lambda r: {"t": r.uniform(size=(BATCH, 2))},
                   lambda o, l, p: F.binary_cross_entropy_with_logits(
                       t(o["y"]), t(l["t"]))),
    "cce": ("y: f32[N, 4]", 'y = dense(x, 4, activation="softmax")',
            "t: f32[N, 4]", "categorical_crossentropy(y, t)",
            lambda r: {"t": onehot(r, 4)},
            lambda o, l, p: F.nll_loss(torch.log(t(o["y"])),
                                       t(l["t"]).argmax(1))),
    "cce_logits": ("y: f32[N, 4]", "y = dense(x, 4) * 3.0", "t: f32[N, 4]",
                   "categorical_crossentropy(y, t, from_logits=true)",
                   lambda r: {"t": onehot(r, 4)},
                   lambda o, l, p: F.cross_entropy(t(o["y"]),
                                                   t(l["t"]).argmax(1))),
    "sparse_cce": ("y: f32[N, 4]", 'y = dense(x, 4, activation="softmax")',
                   "t: i64[N]", "sparse_categorical_crossentropy(y, t)",
                   lambda r: {"t": r.integers(0, 4, size=BATCH)},
                   lambda o, l, p: F.nll_loss(torch.log(t(o["y"])),
                                              torch.tensor(l["t"]))),
    "sparse_cce_logits": ("y: f32[N, 4]", "y = dense(x, 4) * 3.0",
                          "t: i32[N]",
                          "sparse_categorical_crossentropy(y, t, "
                          "from_logits=true)",
                          lambda r: {"t": r.integers(0, 4, size=BATCH)},
                          lambda o, l, p: F.cross_entropy(
                              t(o["y"]), torch.tensor(l["t"], dtype=torch.long))),
    "hinge": ("y: f32[N, 3]", "y = dense(x, 3)", "t: f32[N, 3]",
              "hinge(y, t)",
              lambda r: {"t": r.choice([-1.0, 1.0], size=(BATCH, 3))},
              lambda o, l, p: torch.clamp(1 - t(l["t"]) * t(o["y"]),
                                          min=0).mean()),
    "kl_normal": ("mu: f32[N, 3], lv: f32[N, 3]",
                  "mu = dense(x, 3)\n  lv = dense(x, 3)", "", "kl_normal(mu, lv)",
                  lambda r: {},
                  lambda o, l, p: (-0.5 * torch.sum(
                      1 + t(o["lv"]) - t(o["mu"]) ** 2 - torch.exp(t(o["lv"])),
                      dim=1)).mean()),
    "penalties": ("y: f32[N, 3]", "y = dense(x, 3)", "t: f32[N, 3]",
                  'mse(y, t) + 0.01 * l2_penalty(["dense.weight", "dense.bias"])'
                  ' + 0.1 * l1_penalty("dense.weight")',
                  lambda r: {"t": r.normal(size=(BATCH, 3))},
                  lambda o, l, p: F.mse_loss(t(o["y"]), t(l["t"]))
                  + 0.01 * (t(p["dense_weight"]).pow(2).sum()
                            + t(p["dense_bias"]).pow(2).sum())
                  + 0.1 * t(p["dense_weight"]).abs().sum()),
}

# Accuracy, a metric: (outputs, body, labels, metric, label maker, reference)
METRICS = {
    "accuracy": ("y: f32[N, 4]", "y = dense(x, 4) * 3.0", "t: f32[N, 4]",
                 "accuracy(y, t)", lambda r: {"t": onehot(r, 4)},
                 lambda o, l, p: np.mean(o["y"].argmax(1) == l["t"].argmax(1))),
    "sparse_accuracy": ("y: f32[N, 4]", "y = dense(x, 4) * 3.0", "t: i64[N]",
                        "accuracy(y, t)",
                        lambda r: {"t": r.integers(0, 4, size=BATCH)},
                        lambda o, l, p: np.mean(o["y"].argmax(1) == l["t"])),
    "binary_accuracy": ("y: f32[N, 1]", "y = dense(x, 1) * 3.0",
                        "t: f32[N, 1]", "accuracy(y, t, from_logits=true)",
                        lambda r: {"t": r.integers(0, 2, size=(BATCH, 1))},
                        lambda o, l, p: np.mean((o["y"] > 0) == (l["t"] > 0.5))),
}

SOURCE = """
model net(x: f32[N, 5]) -> ({outputs}) seed 11 {{
  {body}
}}

train net({labels}) {{
  loss = {loss}
  optimizer = sgd()
{extra}
}}
"""


def run_case(kilnc, work, name, case, metric=False):
    outputs, body, labels, loss, make_labels, reference = case
    extra = ""
    if metric:
        extra = f"  metrics = [{loss}]"
        loss = "reduce_mean(y)"
    art = compile_training(kilnc, work, name, SOURCE.format(
        outputs=outputs, body=body, labels=labels, loss=loss, extra=extra))
    params = dict(zip(art.output_names("init"), art.call("init")))
    rng = np.random.default_rng(3)
    values = dict(params)
    values["x"] = rng.uniform(-1, 1, size=(BATCH, 5))
    values.update(make_labels(rng))
    predictions = art.call_named("eval", values)
    result = art.call_named("evaluate", values)
    # A metric follows the loss.
    got = float(list(result.values())[1] if metric else result["loss"])
    ref = float(reference(predictions, values, params))
    err = abs(got - ref) / max(abs(ref), 1e-12)
    status = "ok" if err <= 1e-5 else "FAIL"
    print(f"{status} {name}: kiln {got:.7g}, torch {ref:.7g}, "
          f"relative error {err:.3g}")
    return err <= 1e-5


if __name__ == "__main__":
    run_checks([partial(run_case, name=name, case=case)
                for name, case in CASES.items()]
               + [partial(run_case, name=name, case=case, metric=True)
                  for name, case in METRICS.items()])
