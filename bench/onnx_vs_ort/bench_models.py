"""The models of the Kiln vs ONNX Runtime benchmark, and their FLOP counts.

Importing this module adds to test/e2e/onnx/export_models.MODELS the
benchmark's models at the sizes users run them (224x224 ImageNet
classifiers, a 784-512-256-10 MLP, a one-layer LSTM, a 1024^3 GEMM), with
the batch sizes they are measured at in BENCH_BATCHES. DEFAULT is the list
that `onnx_vs_ort.py` runs when no model is named.
"""
import os
import sys

import numpy as np
import torch.nn as nn
import torchvision

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "test", "e2e", "onnx"))
import export_models  # noqa: E402


class PerceptronMLP(nn.Module):
    """784-512-256-10 with ReLUs: MNIST-sized."""

    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(784, 512), nn.ReLU(),
                                    nn.Linear(512, 256), nn.ReLU(),
                                    nn.Linear(256, 10))

    def forward(self, x):
        return self.layers(x)


class SequenceLSTM(nn.Module):
    """One LSTM layer, 64 features to 128 hidden over 50 steps, then a
    linear layer on the last step."""

    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(64, 128, batch_first=True)
        self.classifier = nn.Linear(128, 10)

    def forward(self, x):
        sequence, _ = self.rnn(x)
        return self.classifier(sequence[:, -1, :])


class Gemm(nn.Module):
    """x @ W for a 1024 x 1024 W: at batch 1024, a 1024^3 GEMM."""

    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(1024, 1024, bias=False)

    def forward(self, x):
        return self.linear(x)


def imagenet(constructor):
    return (constructor, 14, {"input": ("f32", (3, 224, 224))}, ["output"],
            "224x224 ImageNet classifier")


BENCH_MODELS = {
    "resnet18_224": imagenet(lambda: torchvision.models.resnet18()),
    "resnet50_224": imagenet(lambda: torchvision.models.resnet50()),
    "mobilenet_v2_224": imagenet(lambda: torchvision.models.mobilenet_v2()),
    "mobilenet_v3_small_224": imagenet(
        lambda: torchvision.models.mobilenet_v3_small()),
    "efficientnet_b0_224": imagenet(
        lambda: torchvision.models.efficientnet_b0()),
    "regnet_y_400mf_224": imagenet(
        lambda: torchvision.models.regnet_y_400mf()),
    "mlp_784": (PerceptronMLP, 13, {"x": ("f32", (784,))}, ["logits"],
                "784-512-256-10"),
    "lstm_64_128": (SequenceLSTM, 14, {"sequence": ("f32", (50, 64))},
                    ["logits"], "64 -> 128 hidden, 50 steps"),
    "gemm_1024": (Gemm, 13, {"x": ("f32", (1024,))}, ["y"],
                  "1024 x 1024 weight; batch 1024 makes a 1024^3 GEMM"),
}
BENCH_BATCHES = {"mlp_784": [32], "lstm_64_128": [8], "gemm_1024": [1024]}
DEFAULT = list(BENCH_MODELS)

export_models.MODELS.update(BENCH_MODELS)


def batches_of(name, default):
    return BENCH_BATCHES.get(name, default)


def flop_count(model_path, batch):
    """2 x multiply-adds of the Conv, ConvTranspose, Gemm and MatMul nodes
    at `batch`, from ONNX shape inference; None if a shape is unknown or the
    model has recurrent nodes."""
    import onnx
    model = onnx.load(model_path, load_external_data=False)
    for value in model.graph.input:
        dims = value.type.tensor_type.shape.dim
        if dims and not dims[0].HasField("dim_value"):
            dims[0].dim_value = batch
    model = onnx.shape_inference.infer_shapes(model)
    shapes = {}
    for value in list(model.graph.input) + list(model.graph.value_info) + \
            list(model.graph.output):
        dims = value.type.tensor_type.shape.dim
        if all(d.HasField("dim_value") for d in dims):
            shapes[value.name] = [d.dim_value for d in dims]
    for init in model.graph.initializer:
        shapes[init.name] = list(init.dims)
    total = 0
    for node in model.graph.node:
        if node.op_type in ("LSTM", "GRU", "RNN"):
            return None  # not counted: no GFLOP/s rather than a wrong one
        if node.op_type not in ("Conv", "ConvTranspose", "Gemm", "MatMul"):
            continue
        if node.input[0] not in shapes or node.input[1] not in shapes or \
                node.output[0] not in shapes:
            return None
        a, b, y = shapes[node.input[0]], shapes[node.input[1]], shapes[node.output[0]]
        if node.op_type == "Conv":
            # y: [N, M, ...spatial], w: [M, C/group, ...kernel]
            total += 2 * int(np.prod(y)) * int(np.prod(b[1:]))
        elif node.op_type == "ConvTranspose":
            total += 2 * int(np.prod(a)) * int(np.prod(b[1:]))
        else:
            # Contraction over a's last dim.
            total += 2 * int(np.prod(y)) * a[-1]
    return total
