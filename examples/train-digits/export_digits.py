#!/usr/bin/env python3
"""Writes scikit-learn's digits data set for the train-digits example.

The 1,797 8x8 images are shuffled with a fixed seed and split into 1,437
training and 360 test images. The file holds, little-endian: int32 n_train,
int32 n_test, then float32 x_train [n_train, 64] (pixels / 16), int32
y_train [n_train], float32 x_test [n_test, 64], int32 y_test [n_test]."""
import sys

import numpy as np
from sklearn.datasets import load_digits


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: export_digits.py OUTPUT")
    digits = load_digits()
    x = (digits.data / 16.0).astype("<f4")
    y = digits.target.astype("<i4")
    order = np.random.default_rng(0).permutation(len(x))
    x, y = x[order], y[order]
    n_test = 360
    n_train = len(x) - n_test
    with open(sys.argv[1], "wb") as f:
        np.array([n_train, n_test], dtype="<i4").tofile(f)
        x[:n_train].tofile(f)
        y[:n_train].tofile(f)
        x[n_train:].tofile(f)
        y[n_train:].tofile(f)


if __name__ == "__main__":
    main()
