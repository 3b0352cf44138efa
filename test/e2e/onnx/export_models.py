#!/usr/bin/env python3
"""Exports the models of Kiln's ONNX end-to-end tests and benchmark from
PyTorch, with PyTorch's outputs as references.

For each model, `export(name, folder)` writes into folder:

    model.onnx        the model, batch dimension dynamic ("batch")
    inputs_b<N>.npz   seeded inputs at batch N (keys: ONNX input names)
    outputs_b<N>.npz  PyTorch's outputs for them (keys: ONNX output names)
    export.json       opset, names, ONNX op types, sizes, export time

for N in BATCHES. Weights are PyTorch's initialization under a fixed seed;
batch-normalization affine parameters are drawn too and their statistics
measured on seeded inputs (PyTorch initializes them to the identity). Every model runs in eval mode, so dropout
disappears from the export; batch normalizations stay BatchNormalization
nodes (not folded into the convolutions). An export whose export.json names the same
script digest and torch version is reused.

Usage: /usr/bin/python3 export_models.py [--out DIR] [--list] [MODEL ...]
"""
import argparse
import hashlib
import json
import os
import sys
import time
import warnings

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision

BATCHES = (1, 4)
SEED = 0


class MLP(nn.Module):
    """Two-layer perceptron: the smoke test of the importer."""

    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(16, 32)
        self.out = nn.Linear(32, 10)

    def forward(self, x):
        return self.out(torch.relu(self.hidden(x)))


class RecurrentClassifier(nn.Module):
    """A recurrent layer over [batch, time, features], then a linear
    classifier on the last time step."""

    def __init__(self, cell, bidirectional=False):
        super().__init__()
        self.rnn = cell(input_size=12, hidden_size=24, num_layers=2,
                        batch_first=True, bidirectional=bidirectional)
        self.classifier = nn.Linear(24 * (2 if bidirectional else 1), 5)

    def forward(self, x):
        sequence, _ = self.rnn(x)
        return self.classifier(sequence[:, -1, :])


class TransformerClassifier(nn.Module):
    """Token embedding, a two-layer batch-first TransformerEncoder (post-norm,
    ReLU feed-forward), mean over the sequence, a linear classifier."""

    def __init__(self, vocabulary=100, width=32, heads=4, layers=2):
        super().__init__()
        self.embedding = nn.Embedding(vocabulary, width)
        layer = nn.TransformerEncoderLayer(width, heads, dim_feedforward=64,
                                           dropout=0.0, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, layers,
                                             enable_nested_tensor=False)
        self.classifier = nn.Linear(width, 3)

    def forward(self, tokens):
        hidden = self.encoder(self.embedding(tokens))
        return self.classifier(hidden.mean(dim=1))


def double_conv(cin, cout):
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
        nn.Conv2d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True))


class SmallUNet(nn.Module):
    """Two-level U-Net on odd-sized images: max-pool down, one way up through
    ConvTranspose2d and one through bilinear nn.Upsample, each padded to the
    skip connection's size (as in the reference U-Net) and concatenated."""

    def __init__(self, channels=3, classes=2):
        super().__init__()
        self.inc = double_conv(channels, 8)
        self.down1 = nn.Sequential(nn.MaxPool2d(2), double_conv(8, 16))
        self.down2 = nn.Sequential(nn.MaxPool2d(2), double_conv(16, 32))
        self.up1 = nn.ConvTranspose2d(32, 16, kernel_size=2, stride=2)
        self.conv1 = double_conv(32, 16)
        self.up2 = nn.Upsample(scale_factor=2, mode="bilinear",
                               align_corners=True)
        self.conv2 = double_conv(16 + 8, 8)
        self.outc = nn.Conv2d(8, classes, kernel_size=1)

    @staticmethod
    def pad_to(x, like):
        dy = like.size()[2] - x.size()[2]
        dx = like.size()[3] - x.size()[3]
        return F.pad(x, [dx // 2, dx - dx // 2, dy // 2, dy - dy // 2])

    def forward(self, x):
        x1 = self.inc(x)
        x2 = self.down1(x1)
        x3 = self.down2(x2)
        y = self.conv1(torch.cat([x2, self.pad_to(self.up1(x3), x2)], dim=1))
        y = self.conv2(torch.cat([x1, self.pad_to(self.up2(y), x1)], dim=1))
        return self.outc(y)


def image(channels, size):
    return ("f32", (channels, size, size))


# name -> (constructor, opset, {input name: (dtype, shape without batch)},
#          [output names], why the size was chosen)
MODELS = {
    "mlp": (MLP, 13, {"x": ("f32", (16,))}, ["logits"],
            "16-32-10 perceptron"),
    "resnet18": (lambda: torchvision.models.resnet18(), 13,
                 {"input": image(3, 64)}, ["output"],
                 "64x64: global average pooling takes any size"),
    "mobilenet_v2": (lambda: torchvision.models.mobilenet_v2(), 14,
                     {"input": image(3, 64)}, ["output"],
                     "64x64: global average pooling takes any size"),
    "alexnet": (lambda: torchvision.models.alexnet(), 13,
                {"input": image(3, 224)}, ["output"],
                "224x224: 223 is the smallest size whose features are 6x6, "
                "the output of AdaptiveAvgPool2d((6, 6)); torch 1.13 exports "
                "adaptive pooling only where the output size divides the "
                "input size"),
    "vgg11": (lambda: torchvision.models.vgg11(), 13,
              {"input": image(3, 224)}, ["output"],
              "224x224: the smallest size whose features (size/32) are a "
              "multiple of 7, the output of AdaptiveAvgPool2d((7, 7))"),
    "lstm": (lambda: RecurrentClassifier(nn.LSTM), 14,
             {"sequence": ("f32", (10, 12))}, ["logits"],
             "2 layers, 10 steps of 12 features, 24 hidden"),
    "gru": (lambda: RecurrentClassifier(nn.GRU), 14,
            {"sequence": ("f32", (10, 12))}, ["logits"],
            "2 layers, 10 steps of 12 features, 24 hidden"),
    "bilstm": (lambda: RecurrentClassifier(nn.LSTM, bidirectional=True), 15,
               {"sequence": ("f32", (10, 12))}, ["logits"],
               "2 bidirectional layers, 10 steps of 12 features, 24 hidden"),
    "transformer": (TransformerClassifier, 17,
                    {"tokens": ("i64", (16,))}, ["logits"],
                    "16 tokens of a 100-word vocabulary, width 32, 4 heads"),
    "unet": (SmallUNet, 16, {"image.1": image(3, 30)}, ["mask/logits"],
             "30x30 so that pooling floors (15 -> 7) and the way up pads"),
}


def calibrate_batch_norms(name, model, generator):
    """Draws the affine parameters of every batch norm and sets its running
    statistics to those of the activations on seeded inputs. (PyTorch's
    initial identity statistics let the activations of deep random networks
    such as MobileNetV2 fade until the output no longer depends on the
    input.)"""
    norms = [m for m in model.modules()
             if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    if not norms:
        return
    for norm in norms:
        n = norm.num_features
        with torch.no_grad():
            norm.weight.copy_(torch.rand(n, generator=generator) + 0.5)
            norm.bias.copy_(torch.rand(n, generator=generator) * 0.2 - 0.1)
        norm.reset_running_stats()
        norm.momentum = None  # cumulative average over the calibration batches
    model.train()
    with torch.no_grad():
        for batch in (8, 8):
            model(*(torch.from_numpy(v) for v in make_inputs(name, batch, SEED + 100).values()))


def make_model(name):
    torch.manual_seed(SEED)
    model = MODELS[name][0]()
    calibrate_batch_norms(name, model, torch.Generator().manual_seed(SEED + 1))
    return model.eval()


def make_inputs(name, batch, seed=None):
    rng = np.random.default_rng(SEED + batch if seed is None else seed)
    inputs = {}
    for input_name, (dtype, shape) in MODELS[name][2].items():
        shape = (batch,) + tuple(shape)
        if dtype == "i64":
            inputs[input_name] = rng.integers(0, 100, size=shape).astype(np.int64)
        else:
            inputs[input_name] = rng.uniform(-1, 1, size=shape).astype(np.float32)
    return inputs


def script_digest():
    with open(os.path.abspath(__file__), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def is_current(folder):
    try:
        with open(os.path.join(folder, "export.json")) as f:
            info = json.load(f)
    except (OSError, ValueError):
        return False
    return (info.get("script") == script_digest()
            and info.get("torch") == torch.__version__
            and os.path.exists(os.path.join(folder, "model.onnx")))


def op_types(path):
    import onnx
    graph = onnx.load(path, load_external_data=False).graph
    return sorted(set(node.op_type for node in graph.node))


def export(name, folder, force=False, batches=BATCHES):
    """Exports `name` into `folder` unless a current export is there; returns
    the export's description (export.json). References are computed at each
    of `batches`."""
    if not force and is_current(folder):
        with open(os.path.join(folder, "export.json")) as f:
            return json.load(f)
    os.makedirs(folder, exist_ok=True)
    _, opset, input_specs, output_names, size_note = MODELS[name]
    model = make_model(name)
    input_names = list(input_specs)
    example = tuple(torch.from_numpy(v) for v in make_inputs(name, 1).values())
    dynamic = {n: {0: "batch"} for n in input_names + output_names}
    path = os.path.join(folder, "model.onnx")
    partial = path + ".tmp-export"
    start = time.perf_counter()
    # With gradients enabled: in eval mode under no_grad, torch 1.13 runs
    # TransformerEncoderLayer as one fused aten op that has no ONNX export.
    # PRESERVE exports the eval-mode model like EVAL but keeps each
    # BatchNormalization instead of folding it into the preceding Conv.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "It is recommended that constant folding")
        # The initial states come from the input's (dynamic) batch size.
        warnings.filterwarnings("ignore", "Exporting a model to ONNX with a batch_size")
        warnings.filterwarnings("ignore", "The shape inference of prim::Constant")
        torch.onnx.export(model, example, partial, opset_version=opset,
                          input_names=input_names, output_names=output_names,
                          dynamic_axes=dynamic, do_constant_folding=True,
                          training=torch.onnx.TrainingMode.PRESERVE)
    export_seconds = time.perf_counter() - start
    for batch in batches:
        inputs = make_inputs(name, batch)
        with torch.no_grad():
            outputs = model(*(torch.from_numpy(v) for v in inputs.values()))
        if isinstance(outputs, torch.Tensor):
            outputs = (outputs,)
        np.savez(os.path.join(folder, "inputs_b%d.npz" % batch), **inputs)
        np.savez(os.path.join(folder, "outputs_b%d.npz" % batch),
                 **{n: o.numpy() for n, o in zip(output_names, outputs)})
    os.replace(partial, path)
    info = {
        "model": name,
        "opset": opset,
        "inputs": {n: [d, list(s)] for n, (d, s) in input_specs.items()},
        "outputs": output_names,
        "batches": list(batches),
        "ops": op_types(path),
        "parameters": sum(p.numel() for p in model.parameters()),
        "onnx_bytes": os.path.getsize(path),
        "export_seconds": round(export_seconds, 2),
        "size_note": size_note,
        "torch": torch.__version__,
        "script": script_digest(),
    }
    with open(os.path.join(folder, "export.json"), "w") as f:
        json.dump(info, f, indent=1)
    return info


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("models", nargs="*", help="default: all")
    parser.add_argument("--out", default="onnx-models",
                        help="folder for one subfolder per model")
    parser.add_argument("--force", action="store_true",
                        help="export even if a current export exists")
    parser.add_argument("--list", action="store_true",
                        help="print the model names and exit")
    args = parser.parse_args()
    if args.list:
        print("\n".join(MODELS))
        return 0
    for name in args.models or MODELS:
        if name not in MODELS:
            print("error: unknown model '%s' (known: %s)" % (name, ", ".join(MODELS)))
            return 1
        info = export(name, os.path.join(args.out, name), args.force)
        print("%-13s opset %d  %6.1f MB  %10d parameters  %5.1f s  ops: %s"
              % (name, info["opset"], info["onnx_bytes"] / 1e6, info["parameters"],
                 info["export_seconds"], " ".join(info["ops"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
