"""ONNX LSTM, GRU and RNN in PyTorch, differentiable in every input.

`torch_lstm`, `torch_gru` and `torch_rnn` run PyTorch's own fused layers
(torch.lstm, torch.gru, torch.rnn_tanh) on ONNX-layout tensors, reordering the
gate blocks (ONNX LSTM iofc -> PyTorch ifgo, GRU zrh -> rzn) with
differentiable indexing, so autograd gives the gradients of the ONNX-layout
arguments. They cover what PyTorch's layers compute: default activations, no
clip, no peepholes, GRU with linear_before_reset.

`onnx_lstm`, `onnx_gru` and `onnx_rnn` write ONNX's equations step by step
with torch ops, for the rest (peepholes, clip, other activations, GRU
without linear_before_reset).

All return (Y [seq, dirs, batch, hidden], Y_h[, Y_c]) like the kiln ops.
"""
import torch

PYTORCH_ORDER = {"lstm": [0, 2, 3, 1], "gru": [1, 0, 2], "rnn": [0]}


def _blocks(t, order, hidden, axis=0):
    return torch.cat([t.narrow(axis, g * hidden, hidden) for g in order], axis)


def _pytorch_layer(kind, x, w, r, b, h0, c0=None):
    dirs, hidden = r.shape[0], r.shape[2]
    order = PYTORCH_ORDER[kind]
    gates = len(order)
    batch = x.shape[1]
    if h0 is None:
        h0 = x.new_zeros(dirs, batch, hidden)
    if kind == "lstm" and c0 is None:
        c0 = x.new_zeros(dirs, batch, hidden)
    params = []
    for d in range(dirs):
        params += [_blocks(w[d], order, hidden), _blocks(r[d], order, hidden)]
        if b is not None:
            params += [_blocks(b[d, :gates * hidden], order, hidden),
                       _blocks(b[d, gates * hidden:], order, hidden)]
    has_bias, bidirectional = b is not None, dirs == 2
    args = (params, has_bias, 1, 0.0, False, bidirectional, False)
    if kind == "lstm":
        y, hn, cn = torch.lstm(x, (h0, c0), *args)
    elif kind == "gru":
        y, hn = torch.gru(x, h0, *args)
    else:
        y, hn = torch.rnn_tanh(x, h0, *args)
    y = y.reshape(x.shape[0], batch, dirs, hidden).permute(0, 2, 1, 3)
    return (y, hn, cn) if kind == "lstm" else (y, hn)


def torch_lstm(x, w, r, b=None, h0=None, c0=None):
    return _pytorch_layer("lstm", x, w, r, b, h0, c0)


def torch_gru(x, w, r, b=None, h0=None):
    return _pytorch_layer("gru", x, w, r, b, h0)


def torch_rnn(x, w, r, b=None, h0=None):
    return _pytorch_layer("rnn", x, w, r, b, h0)


ACTIVATIONS = {
    "sigmoid": lambda x, a, b: torch.sigmoid(x),
    "tanh": lambda x, a, b: torch.tanh(x),
    "relu": lambda x, a, b: torch.relu(x),
    "leaky_relu": lambda x, a, b: torch.nn.functional.leaky_relu(x, a),
    "elu": lambda x, a, b: torch.nn.functional.elu(x, a),
    "softsign": lambda x, a, b: x / (1 + x.abs()),
    "softplus": lambda x, a, b: torch.nn.functional.softplus(x),
    "affine": lambda x, a, b: a * x + b,
    "hard_sigmoid": lambda x, a, b: torch.clamp(a * x + b, 0, 1),
    "scaled_tanh": lambda x, a, b: a * torch.tanh(b * x),
}
DEFAULT_PARAMETERS = {"leaky_relu": (0.01, 0), "elu": (1.0, 0),
                      "hard_sigmoid": (0.2, 0.5), "affine": (1.0, 0.0),
                      "scaled_tanh": (1.0, 1.0)}


def _functions(names, count, dirs, alphas, betas):
    names = names or []
    functions = []
    for i in range(count * dirs):
        name = names[i] if names else None
        a, b = DEFAULT_PARAMETERS.get(name, (0, 0))
        if alphas:
            a = alphas[i]
        if betas:
            b = betas[i]
        functions.append((ACTIVATIONS[name], a, b) if name else None)
    return functions


def _run(kind, x, w, r, b, h0, c0, p, direction, activations, alpha, beta,
         clip, linear_before_reset):
    dirs = 2 if direction == "bidirectional" else 1
    seq, batch, hidden = x.shape[0], x.shape[1], r.shape[2]
    gates = {"lstm": 4, "gru": 3, "rnn": 1}[kind]
    defaults = {"lstm": ["sigmoid", "tanh", "tanh"], "gru": ["sigmoid", "tanh"],
                "rnn": ["tanh"]}[kind]
    names = activations or defaults * dirs
    fns = _functions(names, len(defaults), dirs, alpha, beta)

    def act(d, i, v, clipped=True):
        if clip is not None and clipped:
            v = torch.clamp(v, -clip, clip)
        fn, a, bb = fns[d * len(defaults) + i]
        return fn(v, a, bb)

    ys, hs, cs = [], [], []
    for d in range(dirs):
        reverse = direction == "reverse" or d == 1
        h = h0[d] if h0 is not None else x.new_zeros(batch, hidden)
        c = c0[d] if c0 is not None else x.new_zeros(batch, hidden)
        wb = b[d, :gates * hidden] if b is not None else x.new_zeros(gates * hidden)
        rb = b[d, gates * hidden:] if b is not None else x.new_zeros(gates * hidden)
        blk = lambda t, g: t[..., g * hidden:(g + 1) * hidden]
        out = [None] * seq
        for s in range(seq):
            t = seq - 1 - s if reverse else s
            xw = x[t] @ w[d].T + wb
            if kind == "lstm":
                g_ = xw + h @ r[d].T + rb
                i_, o_, f_, c_ = (blk(g_, k) for k in range(4))
                if p is not None:
                    i_ = i_ + blk(p[d], 0) * c
                    f_ = f_ + blk(p[d], 2) * c
                i_, f_, c_ = act(d, 0, i_), act(d, 0, f_), act(d, 1, c_)
                c = f_ * c + i_ * c_
                if p is not None:
                    o_ = o_ + blk(p[d], 1) * c
                h = act(d, 0, o_) * act(d, 2, c, clipped=False)
            elif kind == "gru":
                hr = h @ r[d].T
                z = act(d, 0, blk(xw, 0) + blk(hr, 0) + blk(rb, 0))
                rr = act(d, 0, blk(xw, 1) + blk(hr, 1) + blk(rb, 1))
                if linear_before_reset:
                    n = act(d, 1, blk(xw, 2) + rr * (blk(hr, 2) + blk(rb, 2)))
                else:
                    rh = r[d][2 * hidden:3 * hidden]
                    n = act(d, 1, blk(xw, 2) + (rr * h) @ rh.T + blk(rb, 2))
                h = (1 - z) * n + z * h
            else:
                h = act(d, 0, xw + h @ r[d].T + rb)
            out[t] = h
        ys.append(torch.stack(out))
        hs.append(h)
        cs.append(c)
    y = torch.stack(ys, 1)
    if kind == "lstm":
        return y, torch.stack(hs), torch.stack(cs)
    return y, torch.stack(hs)


def onnx_lstm(x, w, r, b=None, h0=None, c0=None, p=None, direction="forward",
              activations=None, alpha=None, beta=None, clip=None):
    return _run("lstm", x, w, r, b, h0, c0, p, direction, activations, alpha,
                beta, clip, False)


def onnx_gru(x, w, r, b=None, h0=None, direction="forward", activations=None,
             alpha=None, beta=None, clip=None, linear_before_reset=False):
    return _run("gru", x, w, r, b, h0, None, None, direction, activations,
                alpha, beta, clip, linear_before_reset)


def onnx_rnn(x, w, r, b=None, h0=None, direction="forward", activations=None,
             alpha=None, beta=None, clip=None):
    return _run("rnn", x, w, r, b, h0, None, None, direction, activations,
                alpha, beta, clip, False)
