"""expected-failures.txt: the in-scope cases Kiln is known to fail.

Each line is `case_name  # reason`; lines starting with '#' are comments.
A run is good when every in-scope case that fails is listed and every
listed case that was run fails (so the list stays true).
"""

from dataclasses import dataclass, field

from case_runner import FAIL, OUT_OF_SCOPE, PASS

HEADER = """\
# ONNX backend test cases that Kiln is known to fail, one a line:
# `case_name  # reason`. run_conformance.py fails when an in-scope case that
# is not listed fails, and when a listed case passes or is out of scope.
# Regenerate it with `run_conformance.py ... --update-expected`, which keeps
# the reasons of cases already listed.
"""


class ExpectationsError(Exception):
    pass


def parse_expected(text, source="expected-failures.txt"):
    """The listed cases, as a dict from case name to reason."""
    entries = {}
    for number, line in enumerate(text.splitlines(), 1):
        content, _, reason = line.partition("#")
        words = content.split()
        if not words:
            continue
        if len(words) != 1:
            raise ExpectationsError(
                f"{source}:{number}: expected `case_name  # reason`, got '{line.strip()}'")
        if words[0] in entries:
            raise ExpectationsError(f"{source}:{number}: '{words[0]}' is listed twice")
        entries[words[0]] = reason.strip()
    return entries


def read_expected(path):
    with open(path, encoding="utf-8") as file:
        return parse_expected(file.read(), path)


def format_expected(entries):
    width = max((len(name) for name in entries), default=0)
    lines = [f"{name.ljust(width)}  # {reason}".rstrip() if reason else name
             for name, reason in sorted(entries.items())]
    return HEADER + "".join(line + "\n" for line in lines)


@dataclass
class Verdict:
    unexpected_failures: list = field(default_factory=list)  # CaseResults
    unexpected_passes: list = field(default_factory=list)  # case names
    listed_out_of_scope: list = field(default_factory=list)  # CaseResults

    @property
    def ok(self):
        return not (self.unexpected_failures or self.unexpected_passes or
                    self.listed_out_of_scope)


def evaluate(results, expected):
    """The Verdict on `results` (the CaseResults of the cases run) against
    `expected` (case name -> reason)."""
    verdict = Verdict()
    for result in sorted(results, key=lambda r: r.name):
        listed = result.name in expected
        if result.status == FAIL and not listed:
            verdict.unexpected_failures.append(result)
        elif result.status == PASS and listed:
            verdict.unexpected_passes.append(result.name)
        elif result.status == OUT_OF_SCOPE and listed:
            verdict.listed_out_of_scope.append(result)
    return verdict


def updated_entries(results, expected):
    """`expected` brought up to date with `results`: failing cases listed,
    with their old reason if they had one, and cases that were run and did
    not fail removed. Cases not run keep their entries."""
    run = {result.name: result for result in results}
    entries = {name: reason for name, reason in expected.items() if name not in run}
    for name, result in run.items():
        if result.status == FAIL:
            entries[name] = expected.get(name) or result.reason
    return entries


def unknown_cases(names, known):
    """The names in `names` that are not cases of the test data."""
    return sorted(set(names) - set(known))
