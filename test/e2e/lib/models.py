"""NumPy references of the example models, from their exported parameters."""
import numpy as np

from reference import conv2d, max_pool2d, relu, same_pads, softmax


def mlp(x, P):
    h = relu(x @ P["dense.weight"] + P["dense.bias"])
    h = relu(h @ P["dense_1.weight"] + P["dense_1.bias"])
    return softmax(h @ P["dense_2.weight"] + P["dense_2.bias"])


def _same_conv(x, w, b):
    kh, kw = w.shape[2:]
    top, bottom = same_pads(x.shape[2], kh, 1)
    left, right = same_pads(x.shape[3], kw, 1)
    return relu(conv2d(x, w, b, pads=(top, left, bottom, right)))


def cnn(image, P):
    """The patch classifier; `image` is NHWC, dropout is the identity."""
    x = image.transpose(0, 3, 1, 2)
    x = _same_conv(x, P["conv2d.weight"], P["conv2d.bias"])
    x = max_pool2d(x, (2, 2))
    x = _same_conv(x, P["conv2d_1.weight"], P["conv2d_1.bias"])
    x = _same_conv(x, P["conv2d_2.weight"], P["conv2d_2.bias"])
    x = max_pool2d(x, (2, 2))
    x = _same_conv(x, P["conv2d_3.weight"], P["conv2d_3.bias"])
    x = _same_conv(x, P["conv2d_4.weight"], P["conv2d_4.bias"])
    x = max_pool2d(x, (2, 2))
    x = x.mean(axis=(2, 3))
    x = relu(x @ P["dense.weight"] + P["dense.bias"])
    x = relu(x @ P["dense_1.weight"] + P["dense_1.bias"])
    return softmax(x @ P["dense_2.weight"] + P["dense_2.bias"])
