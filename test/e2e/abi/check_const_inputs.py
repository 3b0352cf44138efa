#!/usr/bin/env python3
"""Checks that compiled functions never write into their input buffers.

The ABI declares inputs const (docs/abi.md), so a caller may pass the same
buffer to many calls, or read-only memory. One-shot bufferization would
otherwise reuse an input's buffer for a value computed from it when the
input is not read afterwards: an ONNX recurrent layer's initial state is the
first value of the loop that carries the state. Each model below is written
with onnx.helper, compiled with kilnc --emit=shared and called with inputs
whose bytes must be unchanged afterwards."""
import os
import subprocess
import sys
from functools import partial

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from kiln_artifact import Artifact  # noqa: E402
from training_check import run_checks  # noqa: E402

HIDDEN, SEQ, SIZE, BATCH = 5, 4, 3, 2


def recurrent_model(op, path):
    """An `op` layer whose initial states are graph inputs."""
    gates = {"LSTM": 4, "GRU": 3, "RNN": 1}[op]
    rng = np.random.default_rng(0)
    weights = {
        "W": rng.normal(0, 0.5, (1, gates * HIDDEN, SIZE)),
        "R": rng.normal(0, 0.5, (1, gates * HIDDEN, HIDDEN)),
        "B": rng.normal(0, 0.5, (1, 2 * gates * HIDDEN)),
    }
    f32 = TensorProto.FLOAT
    state = [1, "N", HIDDEN]
    inputs = [helper.make_tensor_value_info("X", f32, [SEQ, "N", SIZE]),
              helper.make_tensor_value_info("initial_h", f32, state)]
    node_inputs = ["X", "W", "R", "B", "", "initial_h"]
    names = ["Y", "Y_h"]
    if op == "LSTM":
        inputs.append(helper.make_tensor_value_info("initial_c", f32, state))
        node_inputs.append("initial_c")
        names.append("Y_c")
    node = helper.make_node(op, node_inputs, names, hidden_size=HIDDEN)
    outputs = [helper.make_tensor_value_info("Y", f32, [SEQ, 1, "N", HIDDEN])]
    outputs += [helper.make_tensor_value_info(n, f32, state) for n in names[1:]]
    initializers = [numpy_helper.from_array(v.astype(np.float32), k)
                    for k, v in weights.items()]
    graph = helper.make_graph([node], op.lower(), inputs, outputs,
                              initializers)
    model = helper.make_model(graph,
                              opset_imports=[helper.make_opsetid("", 14)])
    onnx.checker.check_model(model)
    onnx.save(model, path)


def check(kilnc, work, op):
    model = os.path.join(work, op.lower() + ".onnx")
    library = os.path.join(work, op.lower() + ".so")
    recurrent_model(op, model)
    subprocess.run([kilnc, "--emit=shared", model, "-o", library], check=True)
    art = Artifact(library)
    (name,) = art.functions
    rng = np.random.default_rng(1)
    inputs = []
    for _, _, dims in art.functions[name]["inputs"]:
        shape = [BATCH if d is None else d for d in dims]
        inputs.append(rng.normal(0, 1, shape).astype(np.float32))
    before = [a.copy() for a in inputs]
    outputs = [np.zeros([BATCH if d is None else d for d in dims], np.float32)
               for _, _, dims in art.functions[name]["outputs"]]
    art.call_into(name, inputs, outputs)
    changed = [n for n, a, b in zip(art.input_names(name), inputs, before)
               if a.tobytes() != b.tobytes()]
    if changed:
        print(f"FAIL {op}: the call wrote into input(s) {', '.join(changed)}")
        return False
    if not np.isfinite(outputs[1]).all() or not outputs[1].any():
        print(f"FAIL {op}: Y_h was not computed")
        return False
    print(f"ok {op}: {len(inputs)} inputs unchanged")
    return True


if __name__ == "__main__":
    run_checks({op: partial(check, op=op) for op in ("GRU", "LSTM", "RNN")})
