#!/usr/bin/env python3
"""PyTorch reference for scenarios/xor.toml: XOR with a 2-2-1 sigmoid network.

The scenario as written in the .toml (data, params, forward, loss, [train], predict); the
training loop, the printing and the options are references/reference_trainer.py's (which
also lists backprop's conventions). Prints the lecture-style transcript (default) or the
per-epoch loss CSV (--csv); --epochs N trains N epochs only.

How the fixtures were made (PyTorch 2.15.0, CPU, float32):
    python3 references/xor.py --epochs 5 > Tests/ScenarioTests/Fixtures/xor.epochs5.transcript
    python3 references/xor.py --csv > Tests/ScenarioTests/Fixtures/xor.csv
"""
from reference_trainer import log, param, set_dtype, sigmoid, train

set_dtype("float32")

X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
Y = [0.0, 1.0, 1.0, 0.0]

W1 = param([[-0.7313, 0.6949], [0.5275, -0.4899]])
b1 = param([-0.0091, -0.101])
W2 = param([[0.3032, 0.5774]])
b2 = param(-0.8123)
PARAMS = [W1, b1, W2, b2]  # order of first use in the model


def forward(x):
    h = sigmoid(W1 @ x + b1)
    y_pred = sigmoid(W2 @ h + b2)
    return y_pred


def loss(y_pred, y):
    return -(y * log(y_pred) + (1 - y) * log(1 - y_pred))


if __name__ == "__main__":
    train(X, Y, PARAMS, forward, loss, predict=[[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]],
          epochs=2000, lr=1.0, batch_size="all", optimizer="sgd")
