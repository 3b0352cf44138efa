"""The ONNX backend test cases: where they are and how their data is read.

A case is a folder holding model.onnx and test_data_set_N folders of
input_K.pb and output_K.pb protobufs. Case names are unique across the
suites, so a case is named by its folder's name alone.
"""

import os
import re
from dataclasses import dataclass

import onnx
from onnx import numpy_helper

DEFAULT_DATA_ROOT = "/usr/share/libonnx-testdata/data"

# The suites of ONNX's backend tests that come with their data. The `real`
# suite only names models to download and is left out.
SUITES = ("node", "pytorch-converted", "pytorch-operator", "simple")


class MissingDataError(Exception):
    """The test data is not installed, or not where it was looked for."""


@dataclass(frozen=True)
class Case:
    name: str
    suite: str
    path: str

    @property
    def model_path(self):
        return os.path.join(self.path, "model.onnx")


def discover_cases(data_root):
    """All cases under `data_root`, sorted by name."""
    if not os.path.isdir(data_root):
        raise MissingDataError(
            f"ONNX backend test data not found at {data_root} "
            "(install Debian's libonnx-testdata, or pass --data-root)")
    cases = []
    for suite in SUITES:
        folder = os.path.join(data_root, suite)
        if not os.path.isdir(folder):
            raise MissingDataError(f"ONNX backend test suite folder {folder} is missing")
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            if os.path.isfile(os.path.join(path, "model.onnx")):
                cases.append(Case(name, suite, path))
    return sorted(cases, key=lambda case: case.name)


def _numbered(folder, prefix, suffix=""):
    pattern = re.compile(re.escape(prefix) + r"(\d+)" + re.escape(suffix) + "$")
    numbered = []
    for entry in os.listdir(folder):
        match = pattern.match(entry)
        if match:
            numbered.append((int(match.group(1)), os.path.join(folder, entry)))
    return [path for _, path in sorted(numbered)]


def data_sets(case):
    """The case's test_data_set_N folders, in order of N."""
    return _numbered(case.path, "test_data_set_")


def input_files(data_set):
    return _numbered(data_set, "input_", ".pb")


def output_files(data_set):
    return _numbered(data_set, "output_", ".pb")


def read_tensor(path):
    """The NumPy array that a TensorProto file holds."""
    tensor = onnx.TensorProto()
    with open(path, "rb") as file:
        tensor.ParseFromString(file.read())
    return numpy_helper.to_array(tensor)
