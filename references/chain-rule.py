#!/usr/bin/env python3
"""PyTorch reference for scenarios/chain-rule.toml: One node and the chain rule: z = x·w.

The scenario as written in the .toml (data, params, forward, loss, [train], predict); the
training loop, the printing and the options are references/reference_trainer.py's (which
also lists backprop's conventions). Prints the lecture-style transcript (default) or the
per-epoch loss CSV (--csv); --epochs N trains N epochs only.

How the fixtures were made (PyTorch 2.15.0, CPU, float32):
    python3 references/chain-rule.py       > Tests/ScenarioTests/Fixtures/chain-rule.transcript
    python3 references/chain-rule.py --csv > Tests/ScenarioTests/Fixtures/chain-rule.csv
"""
from reference_trainer import param, set_dtype, train

set_dtype("float32")

X = [2.0]
Y = [4.0]

w = param(1.0)
PARAMS = [w]  # order of first use in the model


def forward(x):
    y_pred = x * w
    return y_pred


def loss(y_pred, y):
    return (y_pred - y)**2


if __name__ == "__main__":
    train(X, Y, PARAMS, forward, loss, predict=[3.0],
          epochs=5, lr=0.05, batch_size=1, optimizer="sgd")
