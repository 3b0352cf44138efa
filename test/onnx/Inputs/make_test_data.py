"""Writes a small ONNX backend test data folder for the harness's own tests.

  make_test_data.py ROOT

ROOT gets the four suite folders and three cases:
  node/test_custom_op     an op of a domain no importer knows, so kilnc fails
  node/test_uses_double   double inputs and outputs (out of scope)
  simple/test_sequence_io a sequence output (out of scope)
"""

import os
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper

SUITES = ("node", "pytorch-converted", "pytorch-operator", "simple")


def write_case(root, suite, name, graph, inputs, outputs, opset_imports):
    folder = os.path.join(root, suite, name)
    data_set = os.path.join(folder, "test_data_set_0")
    os.makedirs(data_set)
    model = helper.make_model(graph, opset_imports=opset_imports)
    onnx.save(model, os.path.join(folder, "model.onnx"))
    for kind, arrays in (("input", inputs), ("output", outputs)):
        for index, array in enumerate(arrays):
            with open(os.path.join(data_set, f"{kind}_{index}.pb"), "wb") as file:
                file.write(numpy_helper.from_array(array).SerializeToString())


def main(root):
    for suite in SUITES:
        os.makedirs(os.path.join(root, suite))
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    default = helper.make_opsetid("", 17)

    custom = helper.make_graph(
        [helper.make_node("NoSuchOp", ["x"], ["y"], domain="com.example.kiln")],
        "custom",
        [helper.make_tensor_value_info("x", onnx.TensorProto.FLOAT, [2, 3])],
        [helper.make_tensor_value_info("y", onnx.TensorProto.FLOAT, [2, 3])])
    write_case(root, "node", "test_custom_op", custom, [x], [x],
               [default, helper.make_opsetid("com.example.kiln", 1)])

    double = helper.make_graph(
        [helper.make_node("Abs", ["x"], ["y"])], "double",
        [helper.make_tensor_value_info("x", onnx.TensorProto.DOUBLE, [2, 3])],
        [helper.make_tensor_value_info("y", onnx.TensorProto.DOUBLE, [2, 3])])
    write_case(root, "node", "test_uses_double", double, [x.astype(np.float64)],
               [x.astype(np.float64)], [default])

    sequence = helper.make_graph(
        [helper.make_node("SplitToSequence", ["x"], ["s"])], "sequence",
        [helper.make_tensor_value_info("x", onnx.TensorProto.FLOAT, [2, 3])],
        [helper.make_value_info("s", helper.make_sequence_type_proto(
            helper.make_tensor_type_proto(onnx.TensorProto.FLOAT, None)))])
    write_case(root, "simple", "test_sequence_io", sequence, [x], [], [default])


if __name__ == "__main__":
    main(sys.argv[1])
