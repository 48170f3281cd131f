#!/usr/bin/env python3
"""PyTorch reference for scenarios/collapse.toml: Two linear layers collapse into one.

The scenario as written in the .toml (data, params, forward, loss, [train], predict); the
training loop, the printing and the options are references/reference_trainer.py's (which
also lists backprop's conventions). Prints the lecture-style transcript (default) or the
per-epoch loss CSV (--csv); --epochs N trains N epochs only.

How the fixtures were made (PyTorch 2.15.0, CPU, float32):
    python3 references/collapse.py       > Tests/ScenarioTests/Fixtures/collapse.transcript
    python3 references/collapse.py --csv > Tests/ScenarioTests/Fixtures/collapse.csv
"""
from activation import X, Y  # the band problem
from reference_trainer import param, set_dtype, train

set_dtype("float32")

W1 = param([[-0.5241, 0.0885], [-0.2601, 0.2078], [0.2514, -0.8689]])
b1 = param([0.0, 0.0, 0.0])
W2 = param([[-0.9737, 0.6749, -0.4813]])
b2 = param(0.0)
W = param([[0.2138, 0.4723]])
b = param(0.0)
PARAMS = [W1, b1, W2, b2, W, b]  # order of first use in the model
_one = {}


def forward(x):
    h = W1 @ x + b1
    y_pred = W2 @ h + b2
    _one["y_one"] = W @ x + b  # the single layer, trained beside the two
    return y_pred


def loss(y_pred, y):
    y_one = _one["y_one"]
    return ((y_pred - y)**2 + (y_one - y)**2) / 2


if __name__ == "__main__":
    train(X, Y, PARAMS, forward, loss, predict=[[0.5, 0.5], [1.5, -0.5]],
          epochs=300, lr=0.1, batch_size="all", optimizer="sgd")
