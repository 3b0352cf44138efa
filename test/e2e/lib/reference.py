"""NumPy reference implementations of Kiln's ops, in float64.

Images are NCHW; convolution weights are [F, C/groups, KH, KW]; transposed
convolution weights are [C, F/groups, KH, KW]; pads are [top, left, bottom,
right], as in the kiln dialect.
"""
import math

import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def log_softmax(x, axis=-1):
    s = x - x.max(axis=axis, keepdims=True)
    return s - np.log(np.exp(s).sum(axis=axis, keepdims=True))


def relu(x):
    return np.maximum(x, 0)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def softplus(x):
    return np.maximum(x, 0) + np.log1p(np.exp(-np.abs(x)))


def leaky_relu(x, alpha=0.01):
    return np.where(x > 0, x, alpha * x)


def elu(x, alpha=1.0):
    return np.where(x > 0, x, alpha * np.expm1(x))


def pad_spatial(x, pads, value=0.0):
    t, l, b, r = pads
    return np.pad(x, ((0, 0), (0, 0), (t, b), (l, r)), constant_values=value)


def _windows(x, kh, kw, strides, dilations=(1, 1)):
    """Yields (i, j, window) with window [N, C, kh, kw] for each output."""
    n, c, h, w = x.shape
    oh = (h - dilations[0] * (kh - 1) - 1) // strides[0] + 1
    ow = (w - dilations[1] * (kw - 1) - 1) // strides[1] + 1
    for i in range(oh):
        for j in range(ow):
            y0, x0 = i * strides[0], j * strides[1]
            yield i, j, x[:, :, y0:y0 + dilations[0] * (kh - 1) + 1:dilations[0],
                          x0:x0 + dilations[1] * (kw - 1) + 1:dilations[1]], oh, ow


def conv2d(x, w, b=None, strides=(1, 1), pads=(0, 0, 0, 0), dilations=(1, 1), groups=1):
    x = pad_spatial(x, pads)
    f, cg, kh, kw = w.shape
    out = None
    for i, j, win, oh, ow in _windows(x, kh, kw, strides, dilations):
        if out is None:
            out = np.zeros((x.shape[0], f, oh, ow))
        fg = f // groups
        for g in range(groups):
            part = win[:, g * cg:(g + 1) * cg]  # [N, cg, kh, kw]
            out[:, g * fg:(g + 1) * fg, i, j] = np.einsum(
                "nchw,fchw->nf", part, w[g * fg:(g + 1) * fg])
    if b is not None:
        out += b.reshape(1, -1, 1, 1)
    return out


def conv2d_transpose(x, w, b=None, strides=(1, 1), pads=(0, 0, 0, 0),
                     dilations=(1, 1), output_padding=(0, 0)):
    n, c, h, wd = x.shape
    _, f, kh, kw = w.shape
    full_h = (h - 1) * strides[0] + dilations[0] * (kh - 1) + 1 + output_padding[0]
    full_w = (wd - 1) * strides[1] + dilations[1] * (kw - 1) + 1 + output_padding[1]
    out = np.zeros((n, f, full_h, full_w))
    for i in range(h):
        for j in range(wd):
            contrib = np.einsum("nc,cfhw->nfhw", x[:, :, i, j], w)
            for a in range(kh):
                for bb in range(kw):
                    out[:, :, i * strides[0] + a * dilations[0],
                        j * strides[1] + bb * dilations[1]] += contrib[:, :, a, bb]
    t, l, bo, r = pads
    out = out[:, :, t:full_h - bo, l:full_w - r]
    if b is not None:
        out += b.reshape(1, -1, 1, 1)
    return out


def max_pool2d(x, kernel, strides=None, pads=(0, 0, 0, 0)):
    strides = strides or kernel
    x = pad_spatial(x, pads, -np.inf)
    out = None
    for i, j, win, oh, ow in _windows(x, kernel[0], kernel[1], strides):
        if out is None:
            out = np.zeros(x.shape[:2] + (oh, ow))
        out[:, :, i, j] = win.max(axis=(2, 3))
    return out


def avg_pool2d(x, kernel, strides=None, pads=(0, 0, 0, 0), count_include_pad=False):
    strides = strides or kernel
    ones = np.ones((1, 1) + x.shape[2:])
    xs = pad_spatial(x, pads)
    counts = pad_spatial(ones, pads)
    out = None
    for i, j, win, oh, ow in _windows(xs, kernel[0], kernel[1], strides):
        if out is None:
            out = np.zeros(x.shape[:2] + (oh, ow))
            cnt = np.zeros((1, 1, oh, ow))
        out[:, :, i, j] = win.sum(axis=(2, 3))
    for i, j, win, _, _ in _windows(counts, kernel[0], kernel[1], strides):
        cnt[:, :, i, j] = win.sum(axis=(2, 3))
    if count_include_pad:
        return out / (kernel[0] * kernel[1])
    return out / cnt


def batch_norm(x, scale, offset, mean, var, epsilon=1e-5):
    shape = (1, -1) + (1,) * (x.ndim - 2)
    return ((x - mean.reshape(shape)) / np.sqrt(var.reshape(shape) + epsilon)
            * scale.reshape(shape) + offset.reshape(shape))


def same_pads(size, kernel, stride, dilation=1):
    """TF/Keras 'same' padding: (before, after)."""
    out = -(-size // stride)
    total = max((out - 1) * stride + (kernel - 1) * dilation + 1 - size, 0)
    return total // 2, total - total // 2


def erf(x):
    return np.vectorize(math.erf, otypes=[np.float64])(x)
