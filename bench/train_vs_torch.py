#!/usr/bin/env python3
"""Training steps per second of Kiln's compiled train_step and of PyTorch
1.13 on the same MLPs and CNN, the same data, the same loss (softmax
cross-entropy with integer labels) and the same optimizer (Adam), measured
in the same run.

Kiln's generated code runs on the calling thread, so PyTorch is measured with
one intra-op thread too (and, for reference, with all cores). Kiln's step is
called through its packed entry point with preallocated buffers, in place
(each output new_X given its input X's buffer, as a C program would) and,
for comparison, double-buffered (the parameter and state buffers swapped
after each step); the two are timed alternately in the same run. Usage:

    /usr/bin/python3 bench/train_vs_torch.py [--build build] [--steps 200]
"""
import argparse
import ctypes
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "test", "e2e", "lib"))
from kiln_artifact import Artifact  # noqa: E402


def mlp(widths):
    """The model-language body and the PyTorch module of an MLP."""
    layers, modules = [], []
    h = "x"
    for i, width in enumerate(widths[1:]):
        last = i == len(widths) - 2
        out = "logits" if last else "h"
        act = "" if last else ', activation="relu"'
        layers.append(f"  {out} = dense({h}, {width}{act})")
        h = out
        modules.append(torch.nn.Linear(widths[i], width))
        if not last:
            modules.append(torch.nn.ReLU())
    return "\n".join(layers), lambda: torch.nn.Sequential(*modules)


CNN_BODY = """  h = conv2d(x, filters=16, kernel=3, padding="same", activation="relu")
  h = max_pool2d(h)
  h = conv2d(h, filters=32, kernel=3, padding="same", activation="relu")
  h = max_pool2d(h)
  logits = dense(flatten(h), 10)"""


def cnn():
    return torch.nn.Sequential(
        torch.nn.Conv2d(1, 16, 3, padding=1), torch.nn.ReLU(),
        torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(16, 32, 3, padding=1), torch.nn.ReLU(),
        torch.nn.MaxPool2d(2), torch.nn.Flatten(), torch.nn.Linear(32 * 7 * 7, 10))


# name: (input shape without the batch, model-language body, PyTorch module
# factory, batch)
MODELS = {
    "mlp-digits": ([64], *mlp([64, 128, 10]), 32),
    "mlp-784": ([784], *mlp([784, 512, 256, 10]), 64),
    "cnn-28x28": ([1, 28, 28], CNN_BODY, cnn, 32),
}


def kiln_source(shape, body):
    dims = ", ".join(str(d) for d in shape)
    return (f"model net(x: f32[N, {dims}]) -> (logits: f32[N, 10]) seed 1 {{\n"
            + body + "\n}\n\n"
            "train net(labels: i64[N]) {\n"
            "  loss = sparse_categorical_crossentropy(logits, labels, "
            "from_logits=true)\n"
            "  optimizer = adam(0.001)\n}\n")


def kiln_steps_per_second(kilnc, work, name, shape, body, batch, steps, rng):
    source = os.path.join(work, name + ".kiln")
    library = os.path.join(work, name + ".so")
    with open(source, "w") as f:
        f.write(kiln_source(shape, body))
    subprocess.run([kilnc, "--train", "--emit=shared", source, "-o", library],
                   check=True)
    art = Artifact(library)
    first = dict(zip(art.output_names("init"), art.call("init")))
    second = {k: v.copy() for k, v in first.items()}
    x = rng.uniform(0, 1, size=(batch, *shape)).astype(np.float32)
    labels = rng.integers(0, 10, size=batch)
    for state in (first, second):
        state["x"], state["labels"] = x, labels
    fn = art.functions["train_step"]
    in_names = [n for n, _, _ in fn["inputs"]]
    out_names = [n for n, _, _ in fn["outputs"]]
    loss = np.zeros((), np.float32)

    def buffers(source, target):
        """Reads the state from `source`, writes the next one to `target`."""
        arrays = [source[n] for n in in_names] + [
            loss if n == "loss" else target[n[len("new_"):]] for n in out_names]
        return (ctypes.c_void_p * len(arrays))(*[a.ctypes.data for a in arrays])

    swapped = [buffers(first, second), buffers(second, first)]
    in_place = buffers(first, first)
    packed = art.lib.train_step_packed
    dims = (ctypes.c_int64 * 1)(batch)
    for _ in range(10):
        packed(dims, swapped[0])
        packed(dims, swapped[1])
        packed(dims, in_place)
    times = {"in place": [], "swapped": []}
    for _ in range(steps // 2):
        start = time.perf_counter()
        packed(dims, in_place)
        packed(dims, in_place)
        times["in place"].append((time.perf_counter() - start) / 2)
        start = time.perf_counter()
        packed(dims, swapped[0])
        packed(dims, swapped[1])
        times["swapped"].append((time.perf_counter() - start) / 2)
    return ({mode: 1.0 / statistics.median(t) for mode, t in times.items()},
            float(loss))


def torch_steps_per_second(shape, make_model, batch, steps, threads, rng):
    torch.set_num_threads(threads)
    model = make_model()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    x = torch.tensor(rng.uniform(0, 1, size=(batch, *shape)),
                     dtype=torch.float32)
    y = torch.tensor(rng.integers(0, 10, size=batch))
    loss_fn = torch.nn.CrossEntropyLoss()

    def step():
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

    for _ in range(20):
        step()
    times = []
    for _ in range(steps):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return 1.0 / statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--steps", type=int, default=200)
    args = parser.parse_args()
    kilnc = os.path.join(args.build, "bin", "kilnc")
    all_threads = torch.get_num_threads()
    rng = np.random.default_rng(0)
    many_label = f"torch {all_threads} thread" + ("s" if all_threads > 1 else "")
    print(f"{'model':<12} {'batch':>5} {'kiln steps/s':>13} "
          f"{'kiln swapped':>13} "
          f"{'torch 1 thread':>15} {many_label:>16} {'kiln/torch(1)':>13}")
    with tempfile.TemporaryDirectory() as work:
        for name, (shape, body, make_model, batch) in MODELS.items():
            kiln, _ = kiln_steps_per_second(kilnc, work, name, shape, body,
                                            batch, args.steps, rng)
            one = torch_steps_per_second(shape, make_model, batch, args.steps,
                                         1, rng)
            many = torch_steps_per_second(shape, make_model, batch, args.steps,
                                          all_threads, rng)
            print(f"{name:<12} {batch:>5} {kiln['in place']:>13.0f} "
                  f"{kiln['swapped']:>13.0f} {one:>15.0f} "
                  f"{many:>16.0f} {kiln['in place'] / one:>13.2f}")


if __name__ == "__main__":
    main()
