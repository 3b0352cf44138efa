#!/usr/bin/env python3
"""Checks compiled gradients against central finite differences and PyTorch.

The test file is a kiln-dialect .mlir module. Each function to check carries,
on its `func.func` line, `attributes {kiln.gradient = {name = "<f>_grad",
wrt = array<i64: ...>}}`. The file may be a template: `$N` is replaced by a
size drawn from `// DIM N: lo-hi` (a new draw for each --shapes round), so the
same test runs on several random shapes; `${expr}` is a Python expression
over the drawn sizes (e.g. `${2*M+1}`).

For each round: kiln-opt --kiln-generate-gradients (after the passes that
`// PASSES: --pass-a,--pass-b` names, if any), kilnc --emit=shared, then
for each checked function f:
  * inputs: uniform in [-1, 1) (`// INPUT <f>.<i>: <expr over rng, shape>`
    overrides argument i), float64 unless the function says otherwise;
    dynamic dimensions get the batch size (one draw of `// DIM batch:`,
    default 1-4);
  * seeds: standard normal, one per result of f;
  * the gradient function runs once through kiln-run with .npy inputs;
  * finite differences: dL/dx_j = (L(x + h e_j) - L(x - h e_j)) / 2h for
    every element j of every chosen argument, with L = sum_r <seed_r, f_r>
    and f called through the runtime's C API; h = 1e-6 in float64;
  * PyTorch: `// TORCH <f>: <expr over torch and a0, a1, ...>` computes f's
    results (a tensor or a tuple), compared with Kiln's; then
    torch.autograd.grad with the same seeds;
    `// TORCH_MODULE: <name>` adds the names of test/e2e/lib/<name>.py to
    the expressions' scope (reference layers written with torch);
  * `// NO_FD <f>: <why>` skips finite differences (for ops that define a
    gradient other than the derivative of their value).
A gradient passes when |g - ref| <= tol * max(1, max|ref|) element-wise,
with tol = 1e-6 against finite differences (step h = 1e-6) and 1e-9 against
PyTorch unless `// FD_TOLERANCE:`, `// FD_STEP:` or `// TORCH_TOLERANCE:` say
otherwise (float32 tests need them).
"""
import argparse
import ctypes
import os
import re
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kiln_check import read_manifest  # noqa: E402

DTYPES = {"f32": (np.float32, 0), "f64": (np.float64, 1),
          "i32": (np.int32, 2), "i64": (np.int64, 3), "i1": (np.bool_, 4)}


class KilnTensor(ctypes.Structure):
    _fields_ = [("dtype", ctypes.c_int), ("rank", ctypes.c_int32),
                ("dims", ctypes.c_int64 * 8), ("data", ctypes.c_void_p)]


class Artifact:
    """A compiled artifact called through libkiln_runtime's C API."""

    def __init__(self, runtime, path):
        self.lib = ctypes.CDLL(runtime)
        self.lib.kiln_status_message.restype = ctypes.c_char_p
        self.handle = ctypes.c_void_p()
        self.check(self.lib.kiln_artifact_open(path.encode(), ctypes.byref(self.handle)))
        self.manifest = {fn["name"]: fn for fn in read_manifest(path)}

    def check(self, status):
        if status:
            message = self.lib.kiln_status_message(ctypes.c_void_p(status))
            raise RuntimeError(message.decode())

    def call(self, name, inputs, batch):
        fn = ctypes.c_void_p()
        self.check(self.lib.kiln_artifact_find_function(
            self.handle, name.encode(), ctypes.byref(fn)))
        inputs = [np.ascontiguousarray(x) for x in inputs]
        ins = (KilnTensor * len(inputs))()
        for view, array, (_, dtype, _) in zip(ins, inputs, self.manifest[name]["inputs"]):
            view.dtype = DTYPES[dtype][1]
            view.rank = array.ndim
            for i, d in enumerate(array.shape):
                view.dims[i] = d
            view.data = array.ctypes.data
        outputs = []
        for _, dtype, dims in self.manifest[name]["outputs"]:
            outputs.append(np.zeros([batch if d is None else d for d in dims],
                                    dtype=DTYPES[dtype][0]))
        outs = (KilnTensor * len(outputs))()
        for view, array, (_, dtype, _) in zip(outs, outputs, self.manifest[name]["outputs"]):
            view.dtype = DTYPES[dtype][1]
            view.rank = array.ndim
            for i, d in enumerate(array.shape):
                view.dims[i] = d
            view.data = array.ctypes.data
        self.check(self.lib.kiln_function_call(fn, ins, len(inputs), outs, len(outputs)))
        return outputs


def directives(source, key):
    found = {}
    for m in re.finditer(r"^//\s*" + key + r"\s+([\w.]+)\s*:\s*(.+)$", source, re.M):
        found[m.group(1)] = m.group(2).strip()
    return found


def setting(source, key, default):
    m = re.search(r"^//\s*" + key + r":\s*(\S+)", source, re.M)
    return m.group(1) if m else default


def requests(source):
    """(function, gradient name, wrt indices) for each kiln.gradient."""
    found = []
    for m in re.finditer(r"func\.func @(\w+)\(.*kiln\.gradient = \{([^}]*)\}", source):
        name = re.search(r'name = "(\w+)"', m.group(2))
        wrt = re.search(r"wrt = array<i64(?::\s*([\d,\s]*))?>", m.group(2))
        indices = [int(i) for i in wrt.group(1).split(",")] if wrt and wrt.group(1) else []
        found.append((m.group(1), name.group(1) if name else m.group(1) + "_grad", indices))
    return found


def compare(what, got, ref, tol):
    scale = max(1.0, float(np.abs(ref).max(initial=0.0)))
    error = float(np.abs(got - ref).max(initial=0.0))
    ok = got.shape == ref.shape and error <= tol * scale
    print("%s %s: max error %.3g (tolerance %.3g)" % ("ok" if ok else "FAIL", what, error, tol * scale))
    return ok


def torch_reference(expr, inputs, wrt, seeds, module=None):
    """f's results and the gradients, from PyTorch."""
    import importlib
    import torch
    args = [torch.tensor(x, requires_grad=(i in wrt)) for i, x in enumerate(inputs)]
    scope = {"torch": torch, "F": torch.nn.functional, "np": np}
    if module:
        helpers = importlib.import_module(module)
        scope.update({k: v for k, v in vars(helpers).items() if not k.startswith("_")})
    scope.update({"a%d" % i: a for i, a in enumerate(args)})
    results = eval(expr, scope)
    if not isinstance(results, (tuple, list)):
        results = (results,)
    grads = torch.autograd.grad(results, [args[i] for i in wrt],
                                grad_outputs=[torch.tensor(s) for s in seeds],
                                allow_unused=True)
    return ([r.detach().numpy() for r in results],
            [np.zeros_like(inputs[i]) if g is None else g.detach().numpy()
             for i, g in zip(wrt, grads)])


def check_round(args, source, work, rng, round_index):
    dims = {k: tuple(int(v) for v in r.split("-")) for k, r in directives(source, "DIM").items()}
    batch_range = dims.pop("batch", (1, 4))
    values = {}
    for key in dims:
        lo, hi = dims[key]
        values[key] = int(rng.integers(lo, hi + 1))
    text = re.sub(r"\$\{([^}]*)\}", lambda m: str(eval(m.group(1), {}, dict(values))), source)
    for key in sorted(values, key=len, reverse=True):
        text = text.replace("$" + key, str(values[key]))
    batch = int(rng.integers(batch_range[0], batch_range[1] + 1))
    # A new file name per round: a path already loaded would be reused.
    work = os.path.join(work, "round%d" % round_index)
    os.makedirs(work, exist_ok=True)
    mlir = os.path.join(work, "module.mlir")
    with open(mlir, "w") as f:
        f.write(text)
    grad_mlir = os.path.join(work, "gradients.mlir")
    library = os.path.join(work, "gradients%d.so" % round_index)
    passes = [p for p in setting(text, "PASSES", "").split(",") if p]
    subprocess.run([args.kiln_opt, mlir] + passes + ["--kiln-generate-gradients", "-o", grad_mlir],
                   check=True)
    subprocess.run([args.kilnc, grad_mlir, "--emit=shared", "-o", library], check=True)
    artifact = Artifact(args.runtime, library)

    fd_tol = float(setting(text, "FD_TOLERANCE", 1e-6))
    torch_tol = float(setting(text, "TORCH_TOLERANCE", 1e-9))
    h = float(setting(text, "FD_STEP", args.step))
    overrides = directives(text, "INPUT")
    torch_exprs = directives(text, "TORCH")
    no_fd = directives(text, "NO_FD")
    ok = True
    for fname, gname, wrt in requests(text):
        fn = artifact.manifest[fname]
        print("== %s, batch %d" % (fname, batch))
        inputs = []
        for i, (_, dtype, shape) in enumerate(fn["inputs"]):
            shape = [batch if d is None else d for d in shape]
            expr = overrides.get("%s.%d" % (fname, i))
            if expr:
                value = eval(expr, {"np": np}, {"rng": rng, "shape": shape})
            elif dtype in ("i32", "i64"):
                value = rng.integers(0, 3, size=shape)
            else:
                value = rng.uniform(-1, 1, size=shape)
            inputs.append(np.asarray(value, dtype=DTYPES[dtype][0]).reshape(shape))
        seeds = [rng.standard_normal([batch if d is None else d for d in shape]).astype(DTYPES[dtype][0])
                 for _, dtype, shape in fn["outputs"]]

        # The gradient function, through kiln-run and .npy files.
        command = [args.kiln_run, library, "--function", gname, "--output-dir", work]
        gfn = artifact.manifest[gname]
        for (name, _, _), value in zip(gfn["inputs"], inputs + seeds):
            path = os.path.join(work, "in_%s.npy" % name)
            np.save(path, value)
            command += ["--input", "%s=%s" % (name, path)]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        outputs = [np.load(os.path.join(work, name + ".npy")) for name, _, _ in gfn["outputs"]]
        primal, grads = outputs[:len(seeds)], outputs[len(seeds):]
        expected = artifact.call(fname, inputs, batch)
        for r, (p, e) in enumerate(zip(primal, expected)):
            ok &= compare("%s result %d recomputed" % (gname, r), p, e,
                          1e-10 if p.dtype == np.float64 else 1e-6)

        def loss(values):
            return sum(float(np.sum(s.astype(np.float64) * o.astype(np.float64)))
                       for s, o in zip(seeds, artifact.call(fname, values, batch)))

        for k, i in enumerate(wrt if fname not in no_fd else []):
            fd = np.zeros(inputs[i].shape)
            for j in np.ndindex(inputs[i].shape):
                plus = [x.copy() for x in inputs]
                minus = [x.copy() for x in inputs]
                plus[i][j] += h
                minus[i][j] -= h
                fd[j] = (loss(plus) - loss(minus)) / (2 * h)
            ok &= compare("%s d/d arg%d vs finite differences" % (fname, i), grads[k], fd, fd_tol)
        if fname in torch_exprs:
            values, refs = torch_reference(torch_exprs[fname], inputs, wrt, seeds,
                                           setting(text, "TORCH_MODULE", None))
            for r, (p, v) in enumerate(zip(primal, values)):
                ok &= compare("%s result %d vs PyTorch" % (fname, r), p, v, torch_tol)
            for k, i in enumerate(wrt):
                ok &= compare("%s d/d arg%d vs PyTorch" % (fname, i), grads[k], refs[k], torch_tol)
    return ok


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("test")
    parser.add_argument("--work", required=True)
    parser.add_argument("--tools", default=None, help="folder of kiln-opt, kilnc, kiln-run")
    parser.add_argument("--runtime", default=None, help="path of libkiln_runtime.so")
    parser.add_argument("--shapes", type=int, default=2, help="random shape rounds")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--step", type=float, default=1e-6)
    args = parser.parse_args()
    which = lambda tool: os.path.join(args.tools, tool) if args.tools else tool
    args.kiln_opt, args.kilnc, args.kiln_run = which("kiln-opt"), which("kilnc"), which("kiln-run")
    if args.runtime is None:
        for folder in os.environ.get("LD_LIBRARY_PATH", "").split(os.pathsep):
            candidate = os.path.join(folder, "libkiln_runtime.so")
            if os.path.exists(candidate):
                args.runtime = candidate
    os.makedirs(args.work, exist_ok=True)
    with open(args.test) as f:
        source = f.read()
    rng = np.random.default_rng(args.seed)
    rounds = args.shapes if re.search(r"^//\s*DIM\s", source, re.M) else 1
    ok = True
    for index in range(rounds):
        ok &= check_round(args, source, args.work, rng, index)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
