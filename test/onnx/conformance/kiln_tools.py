"""Running kilnc and kiln-run on one case, within a deadline."""

import os
import re
import signal
import subprocess
import time
from dataclasses import dataclass

# One argument of a `kiln-run --list` signature: `name: f32[?,4]`.
_ARGUMENT = re.compile(r"(\w+): (\w+)\[([^\]]*)\]")


class CaseFailure(Exception):
    """The case fails; the message is its one-line reason."""


@dataclass(frozen=True)
class Argument:
    name: str
    dtype: str  # f32, f64, i32, i64, i1
    dims: tuple  # ints, None for a dynamic dimension


@dataclass(frozen=True)
class Signature:
    name: str
    inputs: tuple
    outputs: tuple


def _parse_arguments(text):
    arguments = []
    for match in _ARGUMENT.finditer(text):
        dims = tuple(None if d == "?" else int(d)
                     for d in match.group(3).split(",") if d)
        arguments.append(Argument(match.group(1), match.group(2), dims))
    return tuple(arguments)


def parse_signature(line):
    """The Signature of a `kiln-run --list` line such as
    `model(x: f32[?,4], b: i64[3]) -> (y: f32[?,4])`."""
    match = re.fullmatch(r"\s*(\w+)\((.*)\) -> \((.*)\)\s*", line)
    if not match:
        raise ValueError(f"not a kiln-run signature: '{line}'")
    return Signature(match.group(1), _parse_arguments(match.group(2)),
                     _parse_arguments(match.group(3)))


def _first_line(text, containing=""):
    for line in text.splitlines():
        line = line.strip()
        if line and containing in line:
            return line
    return ""


def _signal_name(returncode):
    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return f"signal {-returncode}"


def _run_in_own_group(argv, timeout):
    """subprocess.run with a timeout that ends the whole process group, so
    that no helper process a tool started outlives it."""
    with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, errors="replace", start_new_session=True) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
        return process.returncode, stdout, stderr


def run_tool(tool_name, argv, deadline):
    """Runs argv, returning its stdout; raises CaseFailure when it crashes,
    fails or runs past `deadline` (a time.monotonic() value)."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise CaseFailure(f"timeout before {tool_name}")
    try:
        returncode, stdout, stderr = _run_in_own_group(argv, remaining)
    except subprocess.TimeoutExpired:
        raise CaseFailure(f"timeout in {tool_name}")
    if returncode < 0:
        raise CaseFailure(f"{tool_name} crashed: {_signal_name(returncode)}")
    if returncode != 0:
        message = (_first_line(stderr, "error:") or _first_line(stderr) or
                   f"exit status {returncode}")
        message = message.removeprefix(tool_name + ": ")
        raise CaseFailure(f"{tool_name}: {message}")
    return stdout
