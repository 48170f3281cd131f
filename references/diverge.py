#!/usr/bin/env python3
"""PyTorch reference for scenarios/diverge.toml: Too large a learning rate: divergence.

The scenario as written in the .toml (data, params, forward, loss, [train], predict); the
training loop, the printing and the options are references/reference_trainer.py's (which
also lists backprop's conventions). Prints the lecture-style transcript (default) or the
per-epoch loss CSV (--csv); --epochs N trains N epochs only.

How the fixtures were made (PyTorch 2.15.0, CPU, float32):
    python3 references/diverge.py       > Tests/ScenarioTests/Fixtures/diverge.transcript
    python3 references/diverge.py --csv > Tests/ScenarioTests/Fixtures/diverge.csv
"""
from reference_trainer import param, set_dtype, train

set_dtype("float32")

X = [1.0, 2.0, 3.0]
Y = [2.0, 4.0, 6.0]

w = param(1.0)
PARAMS = [w]  # order of first use in the model


def forward(x):
    y_pred = x * w
    return y_pred


def loss(y_pred, y):
    return (y_pred - y)**2


if __name__ == "__main__":
    train(X, Y, PARAMS, forward, loss, predict=[4],
          epochs=30, lr=1.0, batch_size=1, optimizer="sgd")
