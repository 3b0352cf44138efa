#!/usr/bin/python3
"""Runs ONNX's backend test cases through kilnc and kiln-run.

Every case of the ONNX backend test data is classified from its model
(out-of-scope.txt), compiled with `kilnc model.onnx --emit=shared`, run on
each of its test data sets with kiln-run, and its outputs compared with the
expected ones. The run fails (exit status 1) when an in-scope case not listed
in expected-failures.txt fails, or when a listed case passes or is out of
scope. Exit status 2 reports a usage or data error, 77 that the test data is
not installed (ctest reports the test as skipped).

  run_conformance.py --kilnc build/bin/kilnc --kiln-run build/bin/kiln-run
      [--filter REGEX] [--update-expected] [--coverage docs/onnx-coverage.md]
"""

import argparse
import multiprocessing
import os
import re
import shlex
import shutil
import sys
import tempfile
import time

import case_runner
import cases
import coverage
import expectations
import scope

HERE = os.path.dirname(os.path.abspath(__file__))
EXIT_UNEXPECTED = 1
EXIT_ERROR = 2
EXIT_NO_DATA = 77


class UsageError(Exception):
    pass


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        description="Run ONNX's backend test cases through kilnc and kiln-run.")
    parser.add_argument("--kilnc", required=True,
                        help="the kilnc to test (a path, or a name on PATH)")
    parser.add_argument("--kiln-run", required=True,
                        help="the kiln-run to run models with (a path, or a name on PATH)")
    parser.add_argument("--data-root", default=cases.DEFAULT_DATA_ROOT,
                        help="folder of the suites node, pytorch-converted, ... "
                             "(default: %(default)s)")
    parser.add_argument("--filter", metavar="REGEX",
                        help="run only the cases whose name REGEX matches (re.search)")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count(),
                        help="cases run in parallel (default: the number of CPUs, %(default)s)")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="seconds one case may take, compiling included (default: %(default)s)")
    parser.add_argument("--expected", default=os.path.join(HERE, "expected-failures.txt"),
                        help="the expected-failures list (default: beside this script)")
    parser.add_argument("--out-of-scope", default=os.path.join(HERE, "out-of-scope.txt"),
                        help="the out-of-scope rules (default: beside this script)")
    parser.add_argument("--update-expected", action="store_true",
                        help="rewrite the expected-failures list from this run")
    parser.add_argument("--coverage", metavar="FILE.md",
                        help="write the coverage page of this run to FILE.md")
    parser.add_argument("--results", metavar="FILE.tsv",
                        help="write every case's status and reason to FILE.tsv")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary folder of compiled models and outputs")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="print every case's status as it finishes")
    return parser.parse_args(argv)


# The state of a worker process, set once by _start_worker.
_worker = {}


def _start_worker(rules, tools):
    _worker["rules"] = rules
    _worker["tools"] = tools


def _run_one(case):
    return case_runner.run_case(case, _worker["rules"], _worker["tools"])


def run_cases(selected, rules, tools, jobs, verbose):
    """The CaseResults of `selected`, run by `jobs` processes; the biggest
    models start first so that they do not finish last."""
    ordered = sorted(selected, key=lambda case: -os.path.getsize(case.model_path))
    results = []
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_start_worker, initargs=(rules, tools)) as pool:
        for result in pool.imap_unordered(_run_one, ordered, chunksize=1):
            results.append(result)
            if verbose:
                detail = f"  ({result.reason})" if result.reason else ""
                print(f"[{len(results)}/{len(ordered)}] {result.status:12} {result.name}{detail}",
                      flush=True)
    return sorted(results, key=lambda result: result.name)


def write_results(path, results):
    with open(path, "w", encoding="utf-8") as file:
        file.write("case\tsuite\tstatus\tfrozen\tseconds\treason\n")
        for r in results:
            file.write(f"{r.name}\t{r.suite}\t{r.status}\t{int(r.frozen)}\t"
                       f"{r.seconds:.2f}\t{r.reason}\n")


def coverage_command(arguments):
    command = ["test/onnx/conformance/run_conformance.py", "--kilnc", "build/bin/kilnc",
               "--kiln-run", "build/bin/kiln-run"]
    if arguments.filter:
        command += ["--filter", arguments.filter]
    command += ["--coverage", os.path.relpath(arguments.coverage)]
    return " ".join(shlex.quote(word) for word in command)


def print_summary(results, verdict, seconds):
    counts = {status: sum(1 for r in results if r.status == status)
              for status in (case_runner.PASS, case_runner.FAIL, case_runner.OUT_OF_SCOPE)}
    in_scope = counts[case_runner.PASS] + counts[case_runner.FAIL]
    print(f"{len(results)} cases in {seconds:.1f} s: {counts[case_runner.PASS]} pass, "
          f"{counts[case_runner.FAIL]} fail, {counts[case_runner.OUT_OF_SCOPE]} out of scope "
          f"({counts[case_runner.PASS]} of {in_scope} in-scope cases pass)")
    for result in verdict.unexpected_failures:
        print(f"UNEXPECTED FAILURE: {result.name}: {result.reason}")
    for name in verdict.unexpected_passes:
        print(f"UNEXPECTED PASS: {name} (listed as an expected failure)")
    for result in verdict.listed_out_of_scope:
        print(f"LISTED BUT OUT OF SCOPE: {result.name} ({result.reason})")


def find_tool(option, name):
    """The absolute path of the program `name` (a path, or a name on PATH)."""
    found = shutil.which(name)
    if not found:
        raise UsageError(f"{option} {name}: no such executable")
    return os.path.abspath(found)


def main(argv):
    arguments = parse_arguments(argv)
    try:
        all_cases = cases.discover_cases(arguments.data_root)
    except cases.MissingDataError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_NO_DATA
    try:
        kilnc = find_tool("--kilnc", arguments.kilnc)
        kiln_run = find_tool("--kiln-run", arguments.kiln_run)
        rules = scope.read_rules(arguments.out_of_scope)
        expected = expectations.read_expected(arguments.expected)
        known = [case.name for case in all_cases]
        for source, names in ((arguments.out_of_scope, scope.named_cases(rules)),
                              (arguments.expected, expected)):
            unknown = expectations.unknown_cases(names, known)
            if unknown:
                raise UsageError(
                    f"{source} names cases missing from the test data at {arguments.data_root} "
                    f"(is ONNX 1.12's libonnx-testdata installed?): {', '.join(unknown)}")
        pattern = re.compile(arguments.filter) if arguments.filter else None
    except (OSError, re.error, UsageError, scope.RulesError,
            expectations.ExpectationsError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    selected = [case for case in all_cases if not pattern or pattern.search(case.name)]
    if not selected:
        print(f"error: no case matches --filter {arguments.filter}", file=sys.stderr)
        return EXIT_ERROR

    work_root = tempfile.mkdtemp(prefix="kiln-onnx-conformance.")
    tools = case_runner.Tools(kilnc, kiln_run, arguments.timeout, work_root, arguments.keep)
    start = time.monotonic()
    try:
        results = run_cases(selected, rules, tools, max(1, arguments.jobs), arguments.verbose)
    finally:
        if arguments.keep:
            print(f"kept the compiled models and outputs in {work_root}")
        else:
            shutil.rmtree(work_root, ignore_errors=True)
    seconds = time.monotonic() - start

    verdict = expectations.evaluate(results, expected)
    print_summary(results, verdict, seconds)
    if arguments.results:
        write_results(arguments.results, results)
    if arguments.coverage:
        with open(arguments.coverage, "w", encoding="utf-8") as file:
            file.write(coverage.coverage_page(results, coverage_command(arguments)))
        print(f"wrote {arguments.coverage}")
    if arguments.update_expected:
        entries = expectations.updated_entries(results, expected)
        with open(arguments.expected, "w", encoding="utf-8") as file:
            file.write(expectations.format_expected(entries))
        print(f"wrote {arguments.expected} ({len(entries)} expected failures)")
        return 0
    return 0 if verdict.ok else EXIT_UNEXPECTED


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
