#!/usr/bin/env python3
"""Trains models in train mode on scikit-learn's digits with the compiled
train_step and checks that their loss falls by a stated factor.

`cnn`: conv2d, batch norm, max pooling, dropout and dense, softmax
cross-entropy, Adam; `autoencoder`: 64-32-8-32-64 dense layers with a
sigmoid output, mean squared error, Adam; `vae`: a variational autoencoder
with a 4-D latent drawn by the reparameterization
`mu + exp(0.5 log_var) * random_normal(mu)` (new noise at every step, from
the train step's random state), 64 * binary cross-entropy + KL divergence;
its train step must take and advance the random state. The data are the 1,437 training
digits of examples/train-digits' split (pixels / 16, shuffled with seed 0),
in minibatches of 64 in a fixed order. The initial loss is that of the first
step, the final loss the mean over the last epoch; final / initial must be at
most the model's factor. For the CNN, `eval` (the running statistics of
batch norm, no dropout) must also classify the 360 held-out digits with the
stated accuracy."""
import os
import sys
from functools import partial
import time

import numpy as np
from sklearn.datasets import load_digits

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
from training_check import apply_updates, compile_training, run_checks  # noqa: E402

CNN = """
model cnn(x: f32[N, 1, 8, 8]) -> (logits: f32[N, 10]) seed 1 {
  h = conv2d(x, filters=8, kernel=3, padding="same", use_bias=false)
  h = relu(batch_norm(h, momentum=0.9))
  h = flatten(max_pool2d(h))
  h = dropout(h, 0.25)
  logits = dense(h, 10)
}

train cnn(labels: f32[N, 10]) {
  loss = categorical_crossentropy(logits, labels, from_logits=true)
  optimizer = adam(0.01)
}
"""

AUTOENCODER = """
model autoencoder(x: f32[N, 64]) -> (reconstruction: f32[N, 64]) seed 2 {
  h = dense(x, 32, activation="relu")
  code = dense(h, 8)
  h = dense(code, 32, activation="relu")
  reconstruction = dense(h, 64, activation="sigmoid")
}

train autoencoder(target: f32[N, 64]) {
  loss = mse(reconstruction, target)
  optimizer = adam(0.01)
}
"""

VAE = """
model vae(x: f32[N, 64]) -> (reconstruction: f32[N, 64], mu: f32[N, 4], log_var: f32[N, 4]) seed 4 {
  h = dense(x, 32, activation="relu")
  mu = dense(h, 4)
  log_var = dense(h, 4)
  z = mu + exp(0.5 * log_var) * random_normal(mu)
  h = dense(z, 32, activation="relu")
  reconstruction = dense(h, 64, activation="sigmoid")
}

train vae(target: f32[N, 64]) {
  loss = 64.0 * binary_crossentropy(reconstruction, target) + kl_normal(mu, log_var)
  optimizer = adam(0.01)
}
"""

# name: (source, epochs, largest final / initial loss)
MODELS = {"cnn": (CNN, 10, 0.1), "autoencoder": (AUTOENCODER, 20, 0.2),
          "vae": (VAE, 20, 0.6)}
BATCH = 64
TEST_ACCURACY = 0.9


def digits():
    data = load_digits()
    x = (data.data / 16.0).astype(np.float32)
    y = data.target
    order = np.random.default_rng(0).permutation(len(x))
    x, y = x[order], y[order]
    return x[:-360], y[:-360], x[-360:], y[-360:]


def batches(name, x, y):
    for start in range(0, len(x) - BATCH + 1, BATCH):
        xb, yb = x[start:start + BATCH], y[start:start + BATCH]
        if name == "cnn":
            yield {"x": xb.reshape(-1, 1, 8, 8),
                   "labels": np.eye(10, dtype=np.float32)[yb]}
        else:
            yield {"x": xb, "target": xb}


def train(kilnc, work, name):
    source_text, epochs, factor = MODELS[name]
    art = compile_training(kilnc, work, name, source_text)
    state = dict(zip(art.output_names("init"), art.call("init")))
    x_train, y_train, x_test, y_test = digits()
    start = time.time()
    losses = []
    for epoch in range(epochs):
        epoch_losses = []
        for batch in batches(name, x_train, y_train):
            out = art.call_named("train_step", dict(state, **batch))
            apply_updates(state, out)
            epoch_losses.append(float(out["loss"]))
        losses.append(epoch_losses)
        print(f"{name} epoch {epoch + 1}: mean loss "
              f"{np.mean(epoch_losses):.4f}")
    if name == "vae":
        steps = len(losses) * len(losses[0])
        draws = steps * BATCH * 4 * 2  # two draws per normal number
        good = list(state["rng"]) == [4, draws]
        print(f"{'ok' if good else 'FAIL'} {name}: the random state after "
              f"{steps} steps is {list(state['rng'])} (expected [4, {draws}])")
        if not good:
            return False
    initial, final = losses[0][0], float(np.mean(losses[-1]))
    ratio = final / initial
    ok = ratio <= factor and np.isfinite(final)
    print(f"{'ok' if ok else 'FAIL'} {name}: loss {initial:.4f} -> "
          f"{final:.4f}, final / initial {ratio:.3f} (at most {factor}), "
          f"{time.time() - start:.1f} s of training")
    if name == "cnn":
        inputs = dict(state, x=x_test.reshape(-1, 1, 8, 8))
        (logits,) = art.call("eval", *[inputs[n]
                                       for n in art.input_names("eval")])
        accuracy = float(np.mean(logits.argmax(1) == y_test))
        good = accuracy >= TEST_ACCURACY
        print(f"{'ok' if good else 'FAIL'} {name}: held-out accuracy with "
              f"the running statistics {accuracy:.3f} (at least "
              f"{TEST_ACCURACY})")
        ok &= good
    return ok


if __name__ == "__main__":
    run_checks({name: partial(train, name=name) for name in MODELS})
