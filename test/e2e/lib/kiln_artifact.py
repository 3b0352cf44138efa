"""Calls the functions of a compiled Kiln shared library from Python.

Artifact(path) reads the library's manifest (docs/abi.md); artifact.call(
name, *inputs) checks each NumPy input against the manifest, allocates the
outputs and calls `<name>_packed` through ctypes. Dynamic dimensions take
their size from the inputs (the batch size)."""
import ctypes

import numpy as np

DTYPES = {"f32": np.float32, "f64": np.float64, "i32": np.int32,
          "i64": np.int64, "i1": np.bool_}


def parse_manifest(text):
    functions, current = {}, None
    for line in text.splitlines():
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        if parts[0] == "function":
            current = {"name": parts[1], "inputs": [], "outputs": []}
            functions[parts[1]] = current
        elif parts[0] in ("input", "output"):
            dims = [] if parts[3] == "scalar" else [
                None if d == "?" else int(d) for d in parts[3].split("x")]
            current[parts[0] + "s"].append((parts[1], parts[2], dims))
    return functions


class Artifact:
    def __init__(self, path):
        self.lib = ctypes.CDLL(path)
        symbol = ctypes.c_char.in_dll(self.lib, "__kiln_manifest")
        self.functions = parse_manifest(
            ctypes.string_at(ctypes.addressof(symbol)).decode())

    def input_names(self, name):
        return [n for n, _, _ in self.functions[name]["inputs"]]

    def output_names(self, name):
        return [n for n, _, _ in self.functions[name]["outputs"]]

    def call(self, name, *inputs):
        fn = self.functions[name]
        if len(inputs) != len(fn["inputs"]):
            raise ValueError(f"{name} takes {len(fn['inputs'])} inputs, "
                             f"got {len(inputs)}")
        batch = None
        arrays = []
        for value, (arg, dtype, dims) in zip(inputs, fn["inputs"]):
            # (np.ascontiguousarray would make a scalar one-dimensional.)
            array = np.require(np.asarray(value, dtype=DTYPES[dtype]),
                               requirements="C")
            if array.ndim != len(dims):
                raise ValueError(f"{name}.{arg}: rank {array.ndim}, "
                                 f"expected {len(dims)}")
            for size, dim in zip(array.shape, dims):
                if dim is None:
                    if batch not in (None, size):
                        raise ValueError(f"{name}.{arg}: batch {size} "
                                         f"differs from {batch}")
                    batch = size
                elif size != dim:
                    raise ValueError(f"{name}.{arg}: shape {array.shape} "
                                     f"does not match {dims}")
            arrays.append(array)
        outputs = [np.zeros([batch if d is None else d for d in dims],
                            dtype=DTYPES[dtype])
                   for _, dtype, dims in fn["outputs"]]
        buffers = (ctypes.c_void_p * (len(arrays) + len(outputs)))(
            *[a.ctypes.data for a in arrays + outputs])
        dims = (ctypes.c_int64 * 1)(batch or 0)
        getattr(self.lib, name + "_packed")(dims, buffers)
        return outputs

    def call_into(self, name, inputs, outputs):
        """Calls `name` with caller-owned C-contiguous NumPy buffers: the
        outputs are written into `outputs`, which may share memory with
        inputs where the ABI allows it (an output `new_X` and its input
        `X`). Shapes are the caller's responsibility."""
        arrays = list(inputs) + list(outputs)
        for a in arrays:
            if not a.flags["C_CONTIGUOUS"]:
                raise ValueError(f"{name}: buffers must be C-contiguous")
        batch = 0
        for a, (_, _, dims) in zip(inputs, self.functions[name]["inputs"]):
            for size, dim in zip(a.shape, dims):
                if dim is None:
                    batch = size
        buffers = (ctypes.c_void_p * len(arrays))(
            *[a.ctypes.data for a in arrays])
        dims = (ctypes.c_int64 * 1)(batch)
        getattr(self.lib, name + "_packed")(dims, buffers)

    def call_named(self, name, values):
        """Calls `name` with inputs taken from the dict `values` by name;
        returns a dict of the outputs by name."""
        outputs = self.call(name, *[values[n] for n in self.input_names(name)])
        return dict(zip(self.output_names(name), outputs))
