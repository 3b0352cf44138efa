"""NumPy references of the example models, from their exported parameters."""
import numpy as np

from reference import (batch_norm, conv2d, conv2d_transpose, max_pool2d, relu,
                       same_pads, softmax)


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


def residual_net(x, P):
    """test/e2e/models/residual.kiln, in NCHW."""
    def conv(h, name, act=True):
        out = conv2d(h, P[name + ".weight"], P[name + ".bias"], pads=(1, 1, 1, 1))
        return relu(out) if act else out

    def residual(h, block):
        y = conv(h, block + ".conv2d")
        y = conv(y, block + ".conv2d_1", act=False)
        return relu(h + y)

    h = conv(x, "conv2d")
    h = residual(h, "residual")
    h = residual(h, "residual_1")
    h = batch_norm(h, P["batch_norm.scale"], P["batch_norm.offset"],
                   P["batch_norm.moving_mean"], P["batch_norm.moving_variance"], 1e-3)
    h = conv2d(h, P["depthwise_conv2d.weight"], P["depthwise_conv2d.bias"],
               pads=(1, 1, 1, 1), groups=h.shape[1])
    h = max_pool2d(h, (2, 2))
    return conv2d_transpose(h, P["conv2d_transpose.weight"], P["conv2d_transpose.bias"],
                            strides=(2, 2))
