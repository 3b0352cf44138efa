#!/usr/bin/env python3
"""Fine-tunes ONNX models exported from PyTorch and checks against PyTorch.

A small MLP (Linear, ReLU, Linear; Gemm nodes) and a small CNN (Conv, ReLU,
MaxPool, Flatten, Linear) are exported with torch.onnx.export and compiled
with `kilnc --train model.onnx` and a loss and optimizer given on the
command line (--loss/--labels/--optimizer/--frozen) or in a train-section
file (--train-section). `init` must return the exported weights; from them
and the same batches, a few steps of `train_step` and of PyTorch (float64,
the same optimizer) must give parameters within a relative error of 1e-4
(the largest absolute difference over the largest absolute value of each
parameter) and the same losses. A CNN with a BatchNormalization trains in
train mode on both sides: batch statistics, and running statistics updated
with ONNX's momentum (PyTorch's 0.1), within the same error. A case that freezes the CNN's body checks
that its weights come back unchanged, bit for bit."""
import os
import subprocess
import sys
from functools import partial

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from kiln_artifact import Artifact  # noqa: E402
from training_check import apply_updates, relative_error, run_checks  # noqa: E402


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(20, 32)
        self.fc2 = nn.Linear(32, 5)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


class CNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 4, kernel_size=3, padding=1)
        self.head = nn.Linear(4 * 4 * 4, 5)

    def forward(self, x):
        h = F.max_pool2d(torch.relu(self.conv(x)), 2)
        return self.head(torch.flatten(h, 1))


class BatchNormCNN(nn.Module):
    """Batch norm after the ReLU, so that the exporter does not fold it into
    the convolution."""

    def __init__(self, trained_statistics=True):
        super().__init__()
        self.conv = nn.Conv2d(2, 4, kernel_size=3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(4)
        self.head = nn.Linear(4 * 4 * 4, 5)
        # Statistics as a trained model has them. Left at zeros and ones,
        # they equal the bias and weight, and the exporter stores each pair
        # once, the statistic an Identity of the parameter: Kiln must still
        # train the bias and weight and keep the statistics apart.
        if trained_statistics:
            with torch.no_grad():
                self.bn.running_mean.uniform_(0.1, 0.5)
                self.bn.running_var.uniform_(0.5, 2.0)

    def forward(self, x):
        h = self.bn(torch.relu(self.conv(x)))
        return self.head(torch.flatten(F.max_pool2d(h, 2), 1))


SECTION = """train {model}(labels: i64[N]) {{
  loss = sparse_categorical_crossentropy(logits, labels, from_logits=true)
  optimizer = {optimizer}
{extra}}}
"""

# name: (model class, input shape, opset, kiln optimizer, torch optimizer
#        factory, frozen parameters, steps, given as a train-section file)
CASES = {
    "mlp_sgd": (MLP, [20], 13, "sgd(0.1)",
                lambda p: torch.optim.SGD(p, lr=0.1), [], 3, False),
    "mlp_adam_section": (MLP, [20], 13, "adam(0.01)",
                         lambda p: torch.optim.Adam(p, lr=0.01), [], 3, True),
    "cnn_adam": (CNN, [2, 8, 8], 17, "adam(0.01)",
                 lambda p: torch.optim.Adam(p, lr=0.01), [], 2, False),
    "cnn_sgd_head_only": (CNN, [2, 8, 8], 15, "sgd(0.05)",
                          lambda p: torch.optim.SGD(p, lr=0.05),
                          ["conv.weight", "conv.bias"], 3, False),
    "batch_norm_sgd": (BatchNormCNN, [2, 8, 8], 13, "sgd(0.1)",
                       lambda p: torch.optim.SGD(p, lr=0.1), [], 3, False),
    "batch_norm_fresh": (partial(BatchNormCNN, trained_statistics=False),
                         [2, 8, 8], 13, "sgd(0.1)",
                         lambda p: torch.optim.SGD(p, lr=0.1), [], 3, False),
}


def export(model_class, shape, opset, path):
    torch.manual_seed(3)
    model = model_class().eval()
    example = torch.zeros(1, *shape)
    torch.onnx.export(model, example, path, opset_version=opset,
                      input_names=["x"], output_names=["logits"],
                      dynamic_axes={"x": {0: "N"}, "logits": {0: "N"}})
    return model


def symbol(name):
    return name.replace(".", "_")


def run_case(kilnc, work, name, case):
    model_class, shape, opset, optimizer_src, make_torch, frozen, steps, \
        as_section = case
    onnx_path = os.path.join(work, name + ".onnx")
    library = os.path.join(work, name + ".so")
    model = export(model_class, shape, opset, onnx_path)
    entry = name  # the ONNX model's function is named after the file
    command = [kilnc, "--train", "--emit=shared", onnx_path, "-o", library]
    if as_section:
        section = os.path.join(work, name + "_train.kiln")
        extra = ("  frozen = [%s]\n" % ", ".join('"%s"' % f for f in frozen)
                 if frozen else "")
        with open(section, "w") as f:
            f.write(SECTION.format(model=entry, optimizer=optimizer_src,
                                   extra=extra))
        command += ["--train-section", section]
    else:
        command += ["--loss",
                    "sparse_categorical_crossentropy(logits, labels, "
                    "from_logits=true)",
                    "--labels", "labels: i64[N]", "--optimizer", optimizer_src]
        if frozen:
            command += ["--frozen", ",".join(frozen)]
    subprocess.run(command, check=True)
    art = Artifact(library)
    state = dict(zip(art.output_names("init"), art.call("init")))

    weights = {n: p.detach().numpy() for n, p in model.named_parameters()}
    # Batch norm's running statistics: updated by train mode on both sides.
    running = {n: b.numpy().copy() for n, b in model.named_buffers()
               if "running" in n}
    for n, w in {**weights, **running}.items():
        if not np.array_equal(state[symbol(n)], w):
            print(f"FAIL {name}: init's {symbol(n)} is not the exported "
                  f"weight")
            return False

    torch_params = {n: torch.tensor(w.astype(np.float64), requires_grad=True)
                    for n, w in weights.items() if n not in frozen}
    fixed = {n: torch.tensor(weights[n].astype(np.float64)) for n in frozen}
    statistics = {n: torch.tensor(b.astype(np.float64))
                  for n, b in running.items()}
    reference = model_class().double().train()
    optimizer = make_torch(list(torch_params.values()))

    rng = np.random.default_rng(7)
    worst = 0.0
    for step in range(steps):
        x = rng.normal(size=(8, *shape)).astype(np.float32)
        labels = rng.integers(0, 5, size=8).astype(np.int64)
        out = art.call_named("train_step", dict(state, x=x, labels=labels))
        apply_updates(state, out)

        optimizer.zero_grad()
        logits = torch.nn.utils.stateless.functional_call(
            reference, {**torch_params, **fixed, **statistics},
            (torch.tensor(x, dtype=torch.float64),))
        loss = F.cross_entropy(logits, torch.tensor(labels))
        loss.backward()
        optimizer.step()

        loss_err = abs(float(out["loss"]) - loss.item()) / abs(loss.item())
        for n, p in {**torch_params, **fixed, **statistics}.items():
            worst = max(worst, relative_error(state[symbol(n)],
                                              p.detach().numpy()))
        if worst > 1e-4 or loss_err > 1e-5:
            print(f"FAIL {name}: step {step + 1}: parameter error {worst:.3g}, "
                  f"loss {float(out['loss']):.7g} vs {loss.item():.7g}")
            return False
        for n in frozen:
            if not np.array_equal(state[symbol(n)], weights[n]):
                print(f"FAIL {name}: frozen parameter {n} changed")
                return False
            if "new_" + symbol(n) in out:
                print(f"FAIL {name}: train_step returns frozen {n}")
                return False
    print(f"ok {name}: {steps} steps, worst parameter error {worst:.3g}")
    return True


if __name__ == "__main__":
    run_checks({name: partial(run_case, name=name, case=case)
                for name, case in CASES.items()})
