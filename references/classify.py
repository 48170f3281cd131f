#!/usr/bin/env python3
"""PyTorch reference for the classification fixtures of Tests/ScenarioTests/ClassificationFixtureTests:
three classes of a one-number input, logits = w * x + b (K×B, a sample per column), trained with
cross_entropy (float32 and float64, batches of 4 of 10 samples: the last has 2) and with a squared
error on softmax (float32, batches of 4). The scenarios are written out in the test as TOML.

How the fixtures were made (PyTorch 2.15.0, CPU):
    python3 references/classify.py ce32      > Tests/ScenarioTests/Fixtures/classify-ce32.transcript
    python3 references/classify.py ce64      > Tests/ScenarioTests/Fixtures/classify-ce64.transcript
    python3 references/classify.py softmax32 > Tests/ScenarioTests/Fixtures/classify-softmax32.transcript

One thread: PyTorch's softmax over columns depends on its thread count in the last bit (see
softmax_cross_entropy.py); these batches are too small for it to matter, but the fixture is fixed.
"""
import sys

import torch
import torch.nn.functional as F

from reference_trainer import param, set_dtype, train

torch.set_num_threads(1)
variant = sys.argv.pop(1) if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else "ce32"
set_dtype("float64" if variant == "ce64" else "float32")

X = [0.5, -1.0, 2.0, 1.5, -0.5, 3.0, -2.0, 0.0, 1.0, 2.5]
Y = [1, 0, 2, 2, 0, 2, 0, 1, 1, 2]
T = [[1.0 if k == y else 0.0 for k in range(3)] for y in Y]  # one-hot, for the softmax variant

w = param([0.5, -0.25, 1.0])
b = param([0.0, 0.1, -0.1])
PARAMS = [w, b]


def forward(x):
    return w * x + b


def cross_entropy(y_pred, y):
    return F.cross_entropy(y_pred.T, torch.as_tensor(y).reshape(-1).long())


def squared_softmax_error(y_pred, t):
    return ((torch.softmax(y_pred, dim=0) - t) ** 2).mean()


if __name__ == "__main__":
    if variant == "softmax32":
        train(X, T, PARAMS, forward, squared_softmax_error, predict=[1.25],
              epochs=25, lr=0.5, batch_size=4, optimizer="sgd")
    else:
        train(X, Y, PARAMS, forward, cross_entropy, predict=[1.25],
              epochs=25, lr=0.5, batch_size=4, optimizer="sgd")
