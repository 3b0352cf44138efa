"""Running one case: classify its model, compile it with kilnc, run every
test data set with kiln-run and compare the outputs."""

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field

import numpy as np
import onnx

import cases
import compare
import freeze
import kiln_tools
import model_info
import scope

PASS = "pass"
FAIL = "fail"
OUT_OF_SCOPE = "out-of-scope"

# The NumPy element type of each kiln-run element type.
NUMPY_TYPES = {"f32": np.float32, "f64": np.float64, "i32": np.int32,
               "i64": np.int64, "i1": np.bool_}


@dataclass
class CaseResult:
    name: str
    suite: str
    status: str
    reason: str = ""
    ops: list = field(default_factory=list)  # sorted "domain:Op" or "Op"
    top_level_ops: list = field(default_factory=list)
    opset: int = None
    seconds: float = 0.0
    # Whether integer inputs were frozen into the model (see freeze.py).
    frozen: bool = False


@dataclass(frozen=True)
class Tools:
    kilnc: str
    kiln_run: str
    timeout: float
    work_root: str
    keep: bool = False


def _op_names(info):
    return sorted(f"{domain}:{op}" if domain else op for domain, op in info.ops)


def _save_input(array, argument, path):
    expected = NUMPY_TYPES.get(argument.dtype)
    if expected is None or array.dtype != expected:
        raise kiln_tools.CaseFailure(
            f"input '{argument.name}' is {argument.dtype} in the signature but "
            f"{array.dtype} in the test data")
    # np.ascontiguousarray would make a rank-0 array rank 1.
    np.save(path, np.require(array, requirements="C"))


def _run_data_set(case, data_set, signature, library, folder, tools, deadline,
                  skipped_inputs=()):
    inputs = [path for index, path in enumerate(cases.input_files(data_set))
              if index not in skipped_inputs]
    outputs = cases.output_files(data_set)
    label = os.path.basename(data_set)
    if len(inputs) != len(signature.inputs) or len(outputs) != len(signature.outputs):
        raise kiln_tools.CaseFailure(
            f"{label}: the signature has {len(signature.inputs)} inputs and "
            f"{len(signature.outputs)} outputs, the test data {len(inputs)} and {len(outputs)}")
    os.makedirs(folder)
    argv = [tools.kiln_run, library, "--output-dir", os.path.join(folder, "out")]
    for index, (path, argument) in enumerate(zip(inputs, signature.inputs)):
        npy = os.path.join(folder, f"input_{index}.npy")
        _save_input(cases.read_tensor(path), argument, npy)
        argv += ["--input", f"{argument.name}={npy}"]
    kiln_tools.run_tool("kiln-run", argv, deadline)
    for index, (path, argument) in enumerate(zip(outputs, signature.outputs)):
        try:
            actual = np.load(os.path.join(folder, "out", argument.name + ".npy"))
        except (OSError, ValueError) as error:
            raise kiln_tools.CaseFailure(f"{label}: cannot read output {index}: {error}")
        difference = compare.describe_difference(actual, cases.read_tensor(path))
        if difference:
            raise kiln_tools.CaseFailure(
                f"{label}: output {index} ({argument.name}): {difference}")


def _compile(tools, case, model_path, library, deadline):
    try:
        kiln_tools.run_tool("kilnc", [tools.kilnc, model_path,
                                      "--emit=shared", "-o", library], deadline)
    except kiln_tools.CaseFailure as failure:
        # Diagnostics name the model by its full path; the case names it.
        raise kiln_tools.CaseFailure(str(failure).replace(model_path, "model.onnx"))
    listing = kiln_tools.run_tool("kiln-run", [tools.kiln_run, library, "--list"], deadline)
    lines = listing.strip().splitlines()
    if len(lines) != 1:
        raise kiln_tools.CaseFailure(
            f"kiln-run --list: expected one function, got {len(lines)}")
    return kiln_tools.parse_signature(lines[0])


def _compile_and_run(case, tools, folder, deadline):
    """Runs the case; returns whether its integer inputs had to be frozen."""
    data_sets = cases.data_sets(case)
    if not data_sets:
        raise kiln_tools.CaseFailure("the case has no test_data_set folder")
    library = os.path.join(folder, "model.so")
    try:
        signature = _compile(tools, case, case.model_path, library, deadline)
    except kiln_tools.CaseFailure as failure:
        if not freeze.needs_frozen_inputs(str(failure)):
            raise
        model = onnx.load(case.model_path)
        frozen = freeze.inputs_to_freeze(model)
        if not frozen:
            raise
        for data_set in data_sets:
            label = os.path.basename(data_set)
            model_path = os.path.join(folder, label + ".onnx")
            freeze.frozen_model(model, data_set, frozen, model_path)
            library = os.path.join(folder, label + ".so")
            signature = _compile(tools, case, model_path, library, deadline)
            _run_data_set(case, data_set, signature, library,
                          os.path.join(folder, label), tools, deadline,
                          skipped_inputs=set(frozen))
        return True
    for data_set in data_sets:
        _run_data_set(case, data_set, signature, library,
                      os.path.join(folder, os.path.basename(data_set)), tools, deadline)
    return False


def run_case(case, rules, tools):
    """The CaseResult of one case."""
    start = time.monotonic()
    model = onnx.load(case.model_path)
    info = model_info.inspect_model(model)
    result = CaseResult(case.name, case.suite, FAIL, ops=_op_names(info),
                        top_level_ops=info.top_level_ops, opset=info.opset)
    reason = scope.out_of_scope_reason(rules, case.name, info)
    if reason:
        result.status, result.reason = OUT_OF_SCOPE, reason
        return result
    folder = tempfile.mkdtemp(prefix=case.name + ".", dir=tools.work_root)
    try:
        result.frozen = _compile_and_run(case, tools, folder, start + tools.timeout)
        result.status = PASS
    except kiln_tools.CaseFailure as failure:
        reason = str(failure)
        if reason.startswith("timeout"):
            reason += f" (the case's limit is {tools.timeout:g} s)"
        result.reason = reason
    finally:
        if not tools.keep:
            shutil.rmtree(folder, ignore_errors=True)
    result.seconds = time.monotonic() - start
    return result
