"""Compares the compiled f'(x) of chain-rule.mlir with the analytic one."""
import os
import sys

import numpy as np

x = np.load(sys.argv[1])
got = np.load(os.path.join(sys.argv[2], "grad_x.npy"))
value = np.load(os.path.join(sys.argv[2], "y.npy"))
expected = (1 + 1 / (2 * np.sqrt(np.log(x)))) / x
assert np.allclose(value, np.log(x) + np.sqrt(np.log(x)), rtol=1e-12, atol=0), value
error = np.abs(got - expected) / np.abs(expected)
print("x:", x)
print("f'(x) compiled:", got)
print("f'(x) analytic:", expected)
print("max relative error: %.3g (tolerance 1e-12)" % error.max())
sys.exit(0 if error.max() <= 1e-12 else 1)
