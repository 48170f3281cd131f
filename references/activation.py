#!/usr/bin/env python3
"""PyTorch reference for scenarios/activation.toml: An activation breaks the collapse.

The scenario as written in the .toml (data, params, forward, loss, [train], predict); the
training loop, the printing and the options are references/reference_trainer.py's (which
also lists backprop's conventions). Prints the lecture-style transcript (default) or the
per-epoch loss CSV (--csv); --epochs N trains N epochs only.

How the fixtures were made (PyTorch 2.15.0, CPU, float32):
    python3 references/activation.py       > Tests/ScenarioTests/Fixtures/activation.transcript
    python3 references/activation.py --csv > Tests/ScenarioTests/Fixtures/activation.csv
"""
from reference_trainer import param, set_dtype, sigmoid, train

set_dtype("float32")

X = [[0.0, 0.0], [1.0, 1.0], [-1.0, -1.0], [2.0, 2.0], [1.0, -1.0], [-1.0, 1.0], [2.0, 0.0], [0.0, 2.0]]
Y = [1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0]

W1 = param([[-0.5241, 0.0885], [-0.2601, 0.2078], [0.2514, -0.8689]])
b1 = param([0.0, 0.0, 0.0])
W2 = param([[-0.9737, 0.6749, -0.4813]])
b2 = param(0.0)
PARAMS = [W1, b1, W2, b2]  # order of first use in the model
PREDICT = [[0.5, 0.5], [1.5, -0.5]]  # momentum.py and adam.py train this same problem


def forward(x):
    h = sigmoid(W1 @ x + b1)
    y_pred = W2 @ h + b2
    return y_pred


def loss(y_pred, y):
    return (y_pred - y)**2


if __name__ == "__main__":
    train(X, Y, PARAMS, forward, loss, predict=PREDICT,
          epochs=300, lr=0.5, batch_size="all", optimizer="sgd")
