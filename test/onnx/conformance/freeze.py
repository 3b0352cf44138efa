"""Freezing a test's integer inputs into its model.

Kiln's ops take shapes, axes, pads and slice bounds as attributes, so the
importer needs those integers while compiling. Many of ONNX's node tests pass
them as graph inputs fed from the test data. When kilnc says an input must be
known while importing, the harness recompiles the case per data set with its
integer inputs (int32/int64), scalar inputs (a Pad's constant value,
Range's bounds) and small 1-D inputs after the first (Resize's scales)
turned into initializers holding that data set's values, and
runs it with the remaining inputs. Such a pass is reported as
"pass (frozen inputs)" on the coverage page.
"""

import re

import onnx
from onnx import numpy_helper

import cases

# kilnc's messages for an input it needs while compiling.
NEEDS_CONSTANT = re.compile(
    r"must be known while importing|must be a constant integer tensor|"
    r"must be a constant scalar|depends on the dynamic batch size")

INTEGER_TYPES = (onnx.TensorProto.INT32, onnx.TensorProto.INT64)


def needs_frozen_inputs(message):
    return bool(NEEDS_CONSTANT.search(message))


def _is_scalar(value):
    tensor = value.type.tensor_type
    return tensor.HasField("shape") and len(tensor.shape.dim) == 0


def _is_small_vector(value):
    tensor = value.type.tensor_type
    dims = tensor.shape.dim if tensor.HasField("shape") else []
    return len(dims) == 1 and dims[0].HasField("dim_value") and dims[0].dim_value <= 8


def inputs_to_freeze(model):
    """Indices of the graph inputs (initializers excluded) to freeze: those
    with integer types, scalars, and small vectors after the first input."""
    initialized = {tensor.name for tensor in model.graph.initializer}
    inputs = [value for value in model.graph.input if value.name not in initialized]
    return [index for index, value in enumerate(inputs)
            if value.type.tensor_type.elem_type in INTEGER_TYPES
            or _is_scalar(value)
            or (index > 0 and _is_small_vector(value))]


def frozen_model(model, data_set, indices, path):
    """Writes `model` with the inputs at `indices` set from `data_set`."""
    frozen = onnx.ModelProto()
    frozen.CopyFrom(model)
    initialized = {tensor.name for tensor in frozen.graph.initializer}
    inputs = [value for value in frozen.graph.input if value.name not in initialized]
    files = cases.input_files(data_set)
    names = set()
    for index in indices:
        name = inputs[index].name
        names.add(name)
        frozen.graph.initializer.append(
            numpy_helper.from_array(cases.read_tensor(files[index]), name))
    kept = [value for value in frozen.graph.input if value.name not in names]
    del frozen.graph.input[:]
    frozen.graph.input.extend(kept)
    onnx.save(frozen, path)
