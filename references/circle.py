#!/usr/bin/env python3
"""PyTorch reference for scenarios/circle.toml: A circle inside a ring: a 2-4-1 tanh network.

The data is the CSV the scenario reads (scenarios/circle.csv, made by playground_datasets.py); the
params, forward, loss, [train] and predict as written in the .toml; the training loop, the
printing and the options are reference_trainer.py's. --csv adds the accuracy column (a sigmoid
output: right when on the label's side of 0.5, counted before each update).

How the fixtures were made (PyTorch 2.15.0, CPU, float32):
    python3 references/circle.py --csv > Tests/ScenarioTests/Fixtures/circle.csv
"""
import csv
import os

from reference_trainer import log, param, set_dtype, sigmoid, tanh, train

set_dtype("float32")

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scenarios", "circle.csv"), newline="") as f:
    rows = list(csv.DictReader(f))
X = [[float(r["x1"]), float(r["x2"])] for r in rows]
Y = [float(r["label"]) for r in rows]

W1 = param([
    [-0.5171, 0.4913],
    [0.373, -0.3464],
    [-0.0065, -0.0714],
    [0.2144, 0.4083],
])
b1 = param([-0.5744, -0.667, 0.4748, -0.0951])
W2 = param([[0.2623, -0.4979, -0.0546, 0.2215]])
b2 = param(-0.2712)
PARAMS = [W1, b1, W2, b2]  # order of first use in the model


def forward(x):
    h = tanh(W1 @ x + b1)
    y_pred = sigmoid(W2 @ h + b2)
    return y_pred


def loss(y_pred, y):
    return -(y * log(y_pred) + (1 - y) * log(1 - y_pred))


if __name__ == "__main__":
    train(X, Y, PARAMS, forward, loss, predict=[[0.0, 0.0], [4.0, 0.0]],
          epochs=100, lr=0.05, batch_size=20, optimizer="adam", classify="threshold")
