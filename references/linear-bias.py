#!/usr/bin/env python3
"""PyTorch reference for scenarios/linear-bias.toml: Linear model with a bias ŷ = x·w + b.

The scenario as written in the .toml (data, params, forward, loss, [train], predict); the
training loop, the printing and the options are references/reference_trainer.py's (which
also lists backprop's conventions). Prints the lecture-style transcript (default) or the
per-epoch loss CSV (--csv); --epochs N trains N epochs only.

How the fixtures were made (PyTorch 2.15.0, CPU, float32):
    python3 references/linear-bias.py       > Tests/ScenarioTests/Fixtures/linear-bias.transcript
    python3 references/linear-bias.py --csv > Tests/ScenarioTests/Fixtures/linear-bias.csv
"""
from reference_trainer import param, set_dtype, train

set_dtype("float32")

X = [1.0, 2.0, 3.0]
Y = [3.0, 5.0, 7.0]

w = param(1.0)
b = param(0.0)
PARAMS = [w, b]  # order of first use in the model


def forward(x):
    y_pred = x * w + b
    return y_pred


def loss(y_pred, y):
    return (y_pred - y)**2


if __name__ == "__main__":
    train(X, Y, PARAMS, forward, loss, predict=[4.0],
          epochs=200, lr=0.05, batch_size=1, optimizer="sgd")
