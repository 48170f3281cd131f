#!/usr/bin/env python3
"""PyTorch reference for scenarios/spiral.toml: Two spirals: a 2-8-8-1 tanh network.

The data is the CSV the scenario reads (scenarios/spiral.csv, made by playground_datasets.py); the
params, forward, loss, [train] and predict as written in the .toml; the training loop, the
printing and the options are reference_trainer.py's. --csv adds the accuracy column (a sigmoid
output: right when on the label's side of 0.5, counted before each update).

How the fixtures were made (PyTorch 2.15.0, CPU, float32):
    python3 references/spiral.py --csv > Tests/ScenarioTests/Fixtures/spiral.csv
"""
import csv
import os

from reference_trainer import log, param, set_dtype, sigmoid, tanh, train

set_dtype("float32")

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scenarios", "spiral.csv"), newline="") as f:
    rows = list(csv.DictReader(f))
X = [[float(r["x1"]), float(r["x2"])] for r in rows]
Y = [float(r["label"]) for r in rows]

W1 = param([
    [0.6449, 0.6333],
    [-0.6271, -0.5871],
    [0.4745, 0.3337],
    [0.24, -0.2713],
    [0.1498, 0.151],
    [0.1148, -0.4831],
    [-0.098, -0.1506],
    [0.3154, 0.6998],
])
b1 = param([0.6355, 0.0625, -0.078, -0.3278, -0.6563, -0.6683, -0.0496, -0.2567])
W2 = param([
    [-0.0848, 0.277, 0.0182, 0.0428, -0.1866, -0.3367, -0.1236, -0.2569],
    [0.0072, 0.3526, 0.1234, -0.225, 0.2783, 0.2098, 0.1657, 0.2875],
    [0.1859, 0.2049, -0.1034, 0.3401, 0.3266, -0.2396, 0.1796, 0.1521],
    [-0.0273, 0.0215, -0.0071, 0.3004, 0.0006, 0.2344, -0.1033, 0.2707],
    [0.2826, -0.0276, 0.0479, 0.2972, 0.1582, -0.0095, -0.1967, -0.124],
    [0.1411, -0.2361, 0.2885, -0.164, 0.2909, -0.1347, 0.3234, 0.1458],
    [0.003, 0.0125, 0.1071, 0.0622, -0.133, -0.2066, 0.0084, 0.307],
    [0.0872, -0.3003, 0.2266, 0.1598, 0.2883, -0.2182, 0.1731, -0.312],
])
b2 = param([0.1081, -0.1604, -0.1933, 0.2655, -0.2784, 0.0158, 0.2503, -0.1804])
W3 = param([[-0.2047, 0.2691, -0.0545, 0.1534, -0.331, -0.0973, -0.232, 0.1222]])
b3 = param(-0.2949)
PARAMS = [W1, b1, W2, b2, W3, b3]  # order of first use in the model


def forward(x):
    h1 = tanh(W1 @ x + b1)
    h2 = tanh(W2 @ h1 + b2)
    y_pred = sigmoid(W3 @ h2 + b3)
    return y_pred


def loss(y_pred, y):
    return -(y * log(y_pred) + (1 - y) * log(1 - y_pred))


if __name__ == "__main__":
    train(X, Y, PARAMS, forward, loss, predict=[[0.0, 1.0], [0.0, -1.0]],
          epochs=300, lr=0.03, batch_size=20, optimizer="adam", classify="threshold")
