#!/usr/bin/env python3
"""PyTorch reference for scenarios/logistic.toml: Logistic regression ŷ = σ(x·w + b).

The scenario as written in the .toml (data, params, forward, loss, [train], predict); the
training loop, the printing and the options are references/reference_trainer.py's (which
also lists backprop's conventions). Prints the lecture-style transcript (default) or the
per-epoch loss CSV (--csv); --epochs N trains N epochs only.

How the fixtures were made (PyTorch 2.15.0, CPU, float32):
    python3 references/logistic.py       > Tests/ScenarioTests/Fixtures/logistic.transcript
    python3 references/logistic.py --csv > Tests/ScenarioTests/Fixtures/logistic.csv
"""
from reference_trainer import log, param, set_dtype, sigmoid, train

set_dtype("float32")

X = [1.0, 2.0, 3.0]
Y = [0.0, 0.0, 1.0]

w = param(0.0)
b = param(0.0)
PARAMS = [w, b]  # order of first use in the model


def forward(x):
    y_pred = sigmoid(x * w + b)
    return y_pred


def loss(y_pred, y):
    return -(y * log(y_pred) + (1 - y) * log(1 - y_pred))


if __name__ == "__main__":
    train(X, Y, PARAMS, forward, loss, predict=[2.5, 4.0],
          epochs=1000, lr=0.1, batch_size="all", optimizer="sgd")
