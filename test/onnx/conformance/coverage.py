"""The coverage page: counts of a run and a table per ONNX operator."""

import collections

from case_runner import FAIL, OUT_OF_SCOPE, PASS

ATTRIBUTION_RULE = """\
Each case counts for one operator, its main one, where it has one:
a case `X_expanded` (ONNX's test of the function body of an operator) counts
for the operator of case `X`; otherwise a case whose main graph has a single
op type besides Constant counts for that op type (ops inside its subgraphs,
such as a Loop body, are not counted). Any other case (models with several
operators, mostly the pytorch-converted suite) counts for every op type it
uses, subgraphs included. Op types outside the default domain are written
`domain:Op`."""


def _main_ops(result, by_name):
    if result.name.endswith("_expanded"):
        unexpanded = by_name.get(result.name[: -len("_expanded")])
        if unexpanded is not None:
            return _main_ops(unexpanded, by_name)
    distinct = set(result.top_level_ops) - {"Constant"}
    if len(distinct) == 1:
        op = distinct.pop()
        # The domain-qualified name, if the op is not in the default domain.
        return [name for name in result.ops if name.split(":")[-1] == op][:1] or [op]
    return list(result.ops)


def _percent(part, whole):
    return f"{100.0 * part / whole:.1f}%" if whole else "n/a"


def _counts(results):
    counter = collections.Counter(result.status for result in results)
    return counter[PASS], counter[FAIL], counter[OUT_OF_SCOPE]


def _summary_table(results):
    lines = ["| Suite | Cases | Pass | Fail | Out of scope |",
             "|---|---:|---:|---:|---:|"]
    suites = sorted({result.suite for result in results})
    for suite in suites + ["all"]:
        chosen = [r for r in results if suite == "all" or r.suite == suite]
        passed, failed, out = _counts(chosen)
        name = "**all**" if suite == "all" else suite
        lines.append(f"| {name} | {len(chosen)} | {passed} | {failed} | {out} |")
    return lines


def _out_of_scope_table(results):
    reasons = collections.Counter(result.reason.split(": ", 1)[-1]
                                  for result in results if result.status == OUT_OF_SCOPE)
    lines = ["| Cases | Reason |", "|---:|---|"]
    for reason, count in sorted(reasons.items(), key=lambda item: (-item[1], item[0])):
        lines.append(f"| {count} | {reason} |")
    return lines


def _operator_table(results):
    by_name = {result.name: result for result in results}
    per_op = collections.defaultdict(list)
    for result in results:
        for op in _main_ops(result, by_name):
            per_op[op].append(result)
    lines = ["| Operator | Opsets | Cases | Pass | Fail | Out of scope |",
             "|---|---|---:|---:|---:|---:|"]
    for op in sorted(per_op, key=lambda name: (":" in name, name.lower())):
        chosen = per_op[op]
        opsets = sorted({r.opset for r in chosen if r.opset is not None})
        passed, failed, out = _counts(chosen)
        lines.append(f"| {op} | {', '.join(map(str, opsets))} | {len(chosen)} | "
                     f"{passed} | {failed} | {out} |")
    return lines


def coverage_page(results, command):
    """The Markdown text of the coverage page for `results`, a run made with
    `command`."""
    passed, failed, out = _counts(results)
    in_scope = passed + failed
    lines = [
        "# ONNX conformance coverage",
        "",
        "Generated from a run of the ONNX 1.12 backend tests (Debian's libonnx-testdata)",
        "by the conformance harness; do not edit by hand. Regenerate it with:",
        "",
        "```sh",
        command,
        "```",
        "",
        "How cases are run, compared and classified is described in",
        "[test/onnx/conformance/README.md](../test/onnx/conformance/README.md).",
        "",
        "## Summary",
        "",
        f"- Cases: {len(results)}; pass {passed}, fail {failed}, out of scope {out}.",
        f"- Pass rate over all cases: {_percent(passed, len(results))}.",
        f"- Pass rate over in-scope cases: {_percent(passed, in_scope)}.",
        f"- Of the passing cases, {sum(r.frozen for r in results if r.status == PASS)} "
        "pass with some inputs (shapes, axes, pads, bounds, scales) frozen into",
        "  the model, because Kiln needs them while compiling "
        "(see [freeze.py](../test/onnx/conformance/freeze.py)).",
        "",
    ]
    lines += _summary_table(results)
    lines += ["", "## Out of scope", ""] + _out_of_scope_table(results)
    lines += ["", "## Operators", "", ATTRIBUTION_RULE, ""] + _operator_table(results)
    return "\n".join(lines) + "\n"
