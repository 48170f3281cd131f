#!/usr/bin/env python3
"""PyTorch reference for scenarios/sine.toml: a 1-6-1 tanh network fits sin x.

How the fixture was made (PyTorch 2.15.0, CPU, float32):
    python3 references/sine.py --csv > Tests/ScenarioTests/Fixtures/sine.csv
"""
from reference_trainer import param, set_dtype, tanh, train

set_dtype("float32")

X = [-3.0, -2.68, -2.37, -2.05, -1.74, -1.42, -1.11, -0.79, -0.47, -0.16, 0.16, 0.47, 0.79, 1.11, 1.42, 1.74, 2.05, 2.37, 2.68, 3.0]
Y = [-0.1411, -0.4454, -0.6973, -0.8874, -0.9857, -0.9887, -0.8957, -0.7104, -0.4529, -0.1593, 0.1593, 0.4529, 0.7104, 0.8957, 0.9887, 0.9857, 0.8874, 0.6973, 0.4454, 0.1411]

W1 = param([[-0.5241], [0.0885], [-0.2601], [0.2078], [0.2514], [-0.8689]])
b1 = param([-0.9737, 0.6749, -0.4813, -0.5313, 0.9913, -0.0595])
W2 = param([[0.2747, -0.0193, 0.1135, -0.2853, 0.1101, 0.3005]])
b2 = param(0.0046)
PARAMS = [W1, b1, W2, b2]  # order of first use in the model


def forward(x):
    h = tanh(W1 @ x + b1)
    return W2 @ h + b2


def loss(y_pred, y):
    return (y_pred - y)**2


if __name__ == "__main__":
    train(X, Y, PARAMS, forward, loss, predict=[], epochs=300, lr=0.05, batch_size="all", optimizer="adam")
