"""Comparison of a Kiln output with an ONNX test case's expected output.

The tolerance is the one ONNX's backend test runner uses for node tests:
an element matches when |actual - expected| <= atol + rtol * |expected|,
with rtol = 1e-3 and atol = 1e-7. NaN matches NaN, an infinity matches the
same infinity, and integer and boolean outputs must match exactly. The
element type and the shape must match as well.
"""

import numpy as np

RTOL = 1e-3
ATOL = 1e-7


def _first_index(mask):
    index = np.unravel_index(int(np.argmax(mask)), mask.shape)
    return tuple(int(i) for i in index)


def _floating_difference(actual, expected, rtol, atol):
    a = actual.astype(np.float64)
    e = expected.astype(np.float64)
    a_nan = np.isnan(a)
    e_nan = np.isnan(e)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        difference = np.abs(a - e)
        # Infinities match only the same infinity.
        finite = np.isfinite(a) & np.isfinite(e)
        close = ((a == e) | (finite & (difference <= atol + rtol * np.abs(e))) |
                 (a_nan & e_nan))
        bad = ~close
        if not bad.any():
            return None
        measurable = ~a_nan & ~e_nan & np.isfinite(difference)
        max_abs = float(difference[measurable].max()) if measurable.any() else 0.0
        relative = np.where(e != 0, difference / np.abs(e), np.where(difference > 0, np.inf, 0.0))
        max_rel = float(relative[measurable].max()) if measurable.any() else 0.0
    where = _first_index(bad)
    message = (f"{int(bad.sum())} of {bad.size} elements differ, max abs error "
               f"{max_abs:.3g}, max rel error {max_rel:.3g} (first at {list(where)}: got "
               f"{a[where]:.7g}, expected {e[where]:.7g})")
    nan_mismatches = int((a_nan != e_nan).sum())
    if nan_mismatches:
        message += f"; {nan_mismatches} NaN mismatches"
    return message


def _exact_difference(actual, expected):
    bad = actual != expected
    if not bad.any():
        return None
    where = _first_index(bad)
    return (f"{int(bad.sum())} of {bad.size} elements differ (first at {list(where)}: "
            f"got {actual[where]}, expected {expected[where]})")


def describe_difference(actual, expected, rtol=RTOL, atol=ATOL):
    """None when `actual` matches `expected`, else a one-line description of
    how it differs."""
    actual = np.asarray(actual)
    expected = np.asarray(expected)
    if actual.dtype != expected.dtype:
        return f"element type {actual.dtype}, expected {expected.dtype}"
    if actual.shape != expected.shape:
        return f"shape {list(actual.shape)}, expected {list(expected.shape)}"
    if expected.size == 0:
        return None
    if np.issubdtype(expected.dtype, np.inexact):
        return _floating_difference(actual, expected, rtol, atol)
    return _exact_difference(actual, expected)
