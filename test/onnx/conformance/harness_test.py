"""Unit tests of the conformance harness's logic: output comparison,
signatures, out-of-scope rules, expected failures and coverage attribution."""

import os
import sys
import tempfile
import time
import unittest

import numpy as np
import onnx
from onnx import helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import case_runner  # noqa: E402
import compare  # noqa: E402
import coverage  # noqa: E402
import expectations  # noqa: E402
import kiln_tools  # noqa: E402
import model_info  # noqa: E402
import run_conformance  # noqa: E402
import scope  # noqa: E402
from case_runner import FAIL, OUT_OF_SCOPE, PASS, CaseResult  # noqa: E402


class CompareTest(unittest.TestCase):
    def test_within_tolerance(self):
        expected = np.array([1.0, 100.0, 0.0], np.float32)
        actual = expected + np.array([1e-3 * 0.9, 0.09, 1e-8], np.float32)
        self.assertIsNone(compare.describe_difference(actual, expected))

    def test_outside_tolerance_reports_errors(self):
        expected = np.array([[1.0, 2.0], [3.0, 4.0]], np.float32)
        actual = expected.copy()
        actual[1, 0] = 3.01
        message = compare.describe_difference(actual, expected)
        self.assertIn("1 of 4 elements differ", message)
        self.assertIn("max abs error 0.01", message)
        self.assertIn("max rel error 0.00333", message)
        self.assertIn("first at [1, 0]", message)

    def test_tolerance_is_relative_to_expected(self):
        # |10 - 10.011| = 0.011 > 1e-7 + 1e-3 * 10, though <= 1e-3 * 10.011.
        self.assertIsNotNone(compare.describe_difference(
            np.array([10.011], np.float32), np.array([10.0], np.float32)))

    def test_nan_equals_nan(self):
        values = np.array([np.nan, 1.0, np.inf, -np.inf], np.float32)
        self.assertIsNone(compare.describe_difference(values.copy(), values))

    def test_nan_against_number(self):
        message = compare.describe_difference(np.array([np.nan, 1.0], np.float32),
                                              np.array([0.0, 1.0], np.float32))
        self.assertIn("1 of 2 elements differ", message)
        self.assertIn("1 NaN mismatches", message)

    def test_infinities_must_match(self):
        self.assertIsNotNone(compare.describe_difference(
            np.array([np.inf], np.float32), np.array([-np.inf], np.float32)))
        self.assertIsNotNone(compare.describe_difference(
            np.array([np.inf], np.float32), np.array([3e38], np.float32)))

    def test_dtype_mismatch(self):
        self.assertEqual(
            compare.describe_difference(np.zeros(3, np.int32), np.zeros(3, np.int64)),
            "element type int32, expected int64")
        self.assertEqual(
            compare.describe_difference(np.zeros(3, np.float64), np.zeros(3, np.float32)),
            "element type float64, expected float32")

    def test_shape_mismatch(self):
        self.assertEqual(
            compare.describe_difference(np.zeros((2, 3), np.float32),
                                        np.zeros((3, 2), np.float32)),
            "shape [2, 3], expected [3, 2]")
        self.assertEqual(
            compare.describe_difference(np.zeros((1,), np.float32),
                                        np.zeros((), np.float32)),
            "shape [1], expected []")

    def test_rank_zero(self):
        self.assertIsNone(compare.describe_difference(np.float32(2.5), np.array(2.5, np.float32)))
        self.assertIn("got 3, expected 2.5", compare.describe_difference(
            np.array(3.0, np.float32), np.array(2.5, np.float32)))

    def test_integers_exact(self):
        expected = np.array([1 << 40, 7], np.int64)
        self.assertIsNone(compare.describe_difference(expected.copy(), expected))
        message = compare.describe_difference(expected + np.array([1, 0]), expected)
        self.assertEqual(message, "1 of 2 elements differ (first at [0]: got 1099511627777, "
                                  "expected 1099511627776)")

    def test_booleans_exact(self):
        message = compare.describe_difference(np.array([True, True]), np.array([True, False]))
        self.assertEqual(message, "1 of 2 elements differ (first at [1]: got True, expected False)")

    def test_empty(self):
        self.assertIsNone(compare.describe_difference(np.zeros((0, 3), np.float32),
                                                      np.zeros((0, 3), np.float32)))


class SignatureTest(unittest.TestCase):
    def test_parse(self):
        signature = kiln_tools.parse_signature(
            "model(x: f32[?,4], b: i64[3], s: i1[]) -> (y: f32[?,4], n_0: i32[2,3])")
        self.assertEqual(signature.name, "model")
        self.assertEqual(signature.inputs, (
            kiln_tools.Argument("x", "f32", (None, 4)),
            kiln_tools.Argument("b", "i64", (3,)),
            kiln_tools.Argument("s", "i1", ())))
        self.assertEqual(signature.outputs, (
            kiln_tools.Argument("y", "f32", (None, 4)),
            kiln_tools.Argument("n_0", "i32", (2, 3))))

    def test_no_inputs(self):
        signature = kiln_tools.parse_signature("main() -> (y: f32[2])")
        self.assertEqual(signature.inputs, ())

    def test_not_a_signature(self):
        with self.assertRaises(ValueError):
            kiln_tools.parse_signature("wrote out/y.npy")


class SaveInputTest(unittest.TestCase):
    def test_rank_zero_and_bool_keep_their_shape_and_type(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "x.npy")
            case_runner._save_input(np.array(2.5, np.float32),
                                    kiln_tools.Argument("x", "f32", ()), path)
            saved = np.load(path)
            self.assertEqual((saved.shape, saved.dtype, float(saved)), ((), np.float32, 2.5))
            case_runner._save_input(np.array([[True, False]]),
                                    kiln_tools.Argument("x", "i1", (1, 2)), path)
            with open(path, "rb") as file:
                np.lib.format.read_magic(file)
                header = np.lib.format.read_array_header_1_0(file)
            self.assertEqual(header, ((1, 2), False, np.dtype("|b1")))

    def test_element_type_mismatch(self):
        with self.assertRaisesRegex(kiln_tools.CaseFailure,
                                    "input 'x' is i64 in the signature but int32 in the test data"):
            case_runner._save_input(np.zeros(2, np.int32), kiln_tools.Argument("x", "i64", (2,)),
                                    "/nonexistent/x.npy")


class RunToolTest(unittest.TestCase):
    def run_shell(self, script, seconds=30.0):
        return kiln_tools.run_tool("tool", ["/bin/sh", "-c", script], time.monotonic() + seconds)

    def test_output(self):
        self.assertEqual(self.run_shell("echo hello"), "hello\n")

    def test_error_line(self):
        with self.assertRaisesRegex(kiln_tools.CaseFailure,
                                    "^tool: m.onnx:3: error: no Foo$"):
            self.run_shell("echo note >&2; echo 'tool: m.onnx:3: error: no Foo' >&2; exit 1")
        with self.assertRaisesRegex(kiln_tools.CaseFailure, "^tool: exit status 3$"):
            self.run_shell("exit 3")

    def test_crash(self):
        with self.assertRaisesRegex(kiln_tools.CaseFailure, "^tool crashed: SIGSEGV$"):
            self.run_shell("kill -SEGV $$")

    def test_timeout_ends_helper_processes(self):
        with tempfile.TemporaryDirectory() as folder:
            pid_file = os.path.join(folder, "pid")
            with self.assertRaisesRegex(kiln_tools.CaseFailure, "^timeout in tool$"):
                self.run_shell(f"sleep 60 & echo $! > {pid_file}; wait", seconds=1.0)
            with open(pid_file) as file:
                helper_pid = int(file.read())
        # The helper was killed with its group; it may linger as a zombie of
        # init for a moment, so wait until it is gone.
        for _ in range(100):
            try:
                with open(f"/proc/{helper_pid}/stat") as file:
                    if file.read().split(")")[-1].split()[0] == "Z":
                        break
            except FileNotFoundError:
                break
            time.sleep(0.05)
        else:
            self.fail(f"helper process {helper_pid} still runs")


def _model(nodes, inputs, outputs, opset=13, initializers=()):
    graph = helper.make_graph(nodes, "g", inputs, outputs, initializer=list(initializers))
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])


def _tensor(name, element_type, shape):
    return helper.make_tensor_value_info(name, element_type, shape)


class ScopeTest(unittest.TestCase):
    RULES = scope.parse_rules("""
        # comment
        value-kind sequence  # no sequences
        domain ai.onnx.preview.training  # training
        op Random*  # random numbers
        case test_named  # by hand
        element-types float int64 int32 bool  # Kiln's element types
    """)

    def reason(self, model, name="test_x"):
        return scope.out_of_scope_reason(self.RULES, name, model_info.inspect_model(model))

    def test_in_scope(self):
        model = _model([helper.make_node("Relu", ["x"], ["y"])],
                       [_tensor("x", onnx.TensorProto.FLOAT, [2])],
                       [_tensor("y", onnx.TensorProto.FLOAT, [2])])
        self.assertIsNone(self.reason(model))
        self.assertEqual(self.reason(model, "test_named"), "listed by name: by hand")

    def test_element_types(self):
        model = _model([helper.make_node("Cast", ["x"], ["y"], to=onnx.TensorProto.FLOAT16)],
                       [_tensor("x", onnx.TensorProto.FLOAT, [2])],
                       [_tensor("y", onnx.TensorProto.FLOAT16, [2])])
        self.assertEqual(self.reason(model), "element type float16: Kiln's element types")

    def test_element_type_of_a_constant_inside_a_subgraph(self):
        body = helper.make_graph(
            [helper.make_node("Constant", [], ["c"], value=helper.make_tensor(
                "c", onnx.TensorProto.DOUBLE, [1], [1.0]))],
            "body", [], [_tensor("c", onnx.TensorProto.DOUBLE, [1])])
        model = _model([helper.make_node("If", ["b"], ["y"], then_branch=body, else_branch=body)],
                       [_tensor("b", onnx.TensorProto.BOOL, [])],
                       [_tensor("y", onnx.TensorProto.FLOAT, [1])])
        self.assertEqual(self.reason(model), "element type double: Kiln's element types")

    def test_sequence_output(self):
        sequence = helper.make_sequence_type_proto(
            helper.make_tensor_type_proto(onnx.TensorProto.FLOAT, None))
        model = _model([helper.make_node("SplitToSequence", ["x"], ["s"])],
                       [_tensor("x", onnx.TensorProto.FLOAT, [2])],
                       [helper.make_value_info("s", sequence)])
        self.assertEqual(self.reason(model), "sequence values: no sequences")

    def test_op_pattern_and_domain(self):
        random = _model([helper.make_node("RandomUniformLike", ["x"], ["y"])],
                        [_tensor("x", onnx.TensorProto.FLOAT, [2])],
                        [_tensor("y", onnx.TensorProto.FLOAT, [2])])
        self.assertEqual(self.reason(random), "op RandomUniformLike: random numbers")
        training = _model(
            [helper.make_node("Momentum", ["x"], ["y"], domain="ai.onnx.preview.training")],
            [_tensor("x", onnx.TensorProto.FLOAT, [2])],
            [_tensor("y", onnx.TensorProto.FLOAT, [2])])
        self.assertEqual(self.reason(training), "domain ai.onnx.preview.training: training")

    def test_bad_rules(self):
        with self.assertRaisesRegex(scope.RulesError, "unknown kind 'ops'"):
            scope.parse_rules("ops Foo  # x")
        with self.assertRaisesRegex(scope.RulesError, "needs a reason"):
            scope.parse_rules("op Foo")

    def test_model_info(self):
        info = model_info.inspect_model(_model(
            [helper.make_node("Add", ["x", "w"], ["y"])],
            [_tensor("x", onnx.TensorProto.FLOAT, [2])],
            [_tensor("y", onnx.TensorProto.FLOAT, [2])], opset=11,
            initializers=[helper.make_tensor("w", onnx.TensorProto.INT32, [2], [1, 2])]))
        self.assertEqual(info.opset, 11)
        self.assertEqual(info.ops, {("", "Add")})
        self.assertEqual(info.element_types, {"float", "int32"})
        self.assertEqual(info.value_kinds, {"tensor"})


def _result(name, status, reason="", top=("Relu",), ops=("Relu",), opset=13, suite="node"):
    return CaseResult(name, suite, status, reason, list(ops), list(top), opset)


class ExpectationsTest(unittest.TestCase):
    def test_verdict(self):
        results = [_result("a", PASS), _result("b", FAIL, "kilnc: error: x"),
                   _result("c", FAIL, "timeout in kilnc"), _result("d", PASS),
                   _result("e", OUT_OF_SCOPE, "op Foo: bar")]
        verdict = expectations.evaluate(results, {"b": "known", "d": "was broken",
                                                  "e": "listed", "z": "not run"})
        self.assertEqual([r.name for r in verdict.unexpected_failures], ["c"])
        self.assertEqual(verdict.unexpected_passes, ["d"])
        self.assertEqual([r.name for r in verdict.listed_out_of_scope], ["e"])
        self.assertFalse(verdict.ok)
        good = expectations.evaluate(results[:3], {"b": "", "c": ""})
        self.assertTrue(good.ok)

    def test_update_keeps_reasons_and_unrun_cases(self):
        results = [_result("a", PASS), _result("b", FAIL, "new reason"),
                   _result("c", FAIL, "fresh")]
        entries = expectations.updated_entries(
            results, {"a": "fixed now", "b": "old reason", "z": "not run"})
        self.assertEqual(entries, {"b": "old reason", "c": "fresh", "z": "not run"})

    def test_round_trip(self):
        text = expectations.format_expected({"test_b": "why # with a hash", "test_a": ""})
        self.assertTrue(text.startswith(expectations.HEADER))
        self.assertIn("test_a\ntest_b  # why # with a hash\n", text)
        self.assertEqual(expectations.parse_expected(text),
                         {"test_a": "", "test_b": "why # with a hash"})

    def test_bad_lists(self):
        with self.assertRaisesRegex(expectations.ExpectationsError, "listed twice"):
            expectations.parse_expected("a # x\na # y\n")
        with self.assertRaisesRegex(expectations.ExpectationsError, "case_name  # reason"):
            expectations.parse_expected("a b # x\n")

    def test_unknown_cases(self):
        self.assertEqual(expectations.unknown_cases(["b", "x", "a"], ["a", "b"]), ["x"])


class CoverageTest(unittest.TestCase):
    def test_attribution(self):
        results = [
            _result("test_softmax", PASS, top=["Softmax"], ops=["Softmax"]),
            _result("test_softmax_expanded", FAIL, "x", top=["Constant", "ReduceMax", "Exp"],
                    ops=["Constant", "Exp", "ReduceMax"]),
            _result("test_resize_nn", FAIL, "x", top=["Constant", "Constant", "Resize"],
                    ops=["Constant", "Resize"], opset=11),
            _result("test_net", OUT_OF_SCOPE, "op X: y", top=["Conv", "Relu"],
                    ops=["Conv", "Relu"], suite="pytorch-converted", opset=9),
        ]
        page = coverage.coverage_page(results, "CMD")
        self.assertIn("```sh\nCMD\n```", page)
        self.assertIn("- Cases: 4; pass 1, fail 2, out of scope 1.", page)
        self.assertIn("- Pass rate over all cases: 25.0%.", page)
        self.assertIn("- Pass rate over in-scope cases: 33.3%.", page)
        self.assertIn("| Softmax | 13 | 2 | 1 | 1 | 0 |", page)
        self.assertIn("| Resize | 11 | 1 | 0 | 1 | 0 |", page)
        self.assertIn("| Conv | 9 | 1 | 0 | 0 | 1 |", page)
        self.assertIn("| Relu | 9 | 1 | 0 | 0 | 1 |", page)
        self.assertNotIn("| Exp |", page)
        self.assertNotIn("| Constant |", page)
        self.assertIn("| 1 | y |", page)


class MainTest(unittest.TestCase):
    def test_missing_data_is_a_skip(self):
        with tempfile.TemporaryDirectory() as folder:
            status = run_conformance.main(["--kilnc", "kilnc", "--kiln-run", "kiln-run",
                                           "--data-root", os.path.join(folder, "none")])
        self.assertEqual(status, run_conformance.EXIT_NO_DATA)


if __name__ == "__main__":
    unittest.main()
