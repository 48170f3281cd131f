#!/usr/bin/env python3
"""PyTorch reference for scenarios/gauss.toml: Two Gaussian clouds, one neuron.

The data is the CSV the scenario reads (scenarios/gauss.csv, made by playground_datasets.py); the
params, forward, loss, [train] and predict as written in the .toml; the training loop, the
printing and the options are reference_trainer.py's. --csv adds the accuracy column (a sigmoid
output: right when on the label's side of 0.5, counted before each update).

How the fixtures were made (PyTorch 2.15.0, CPU, float32):
    python3 references/gauss.py --csv > Tests/ScenarioTests/Fixtures/gauss.csv
"""
import csv
import os

from reference_trainer import log, param, set_dtype, sigmoid, tanh, train

set_dtype("float32")

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scenarios", "gauss.csv"), newline="") as f:
    rows = list(csv.DictReader(f))
X = [[float(r["x1"]), float(r["x2"])] for r in rows]
Y = [float(r["label"]) for r in rows]

w = param([[-0.5171, 0.4913]])
b = param(0.373)
PARAMS = [w, b]  # order of first use in the model


def forward(x):
    y_pred = sigmoid(w @ x + b)
    return y_pred


def loss(y_pred, y):
    return -(y * log(y_pred) + (1 - y) * log(1 - y_pred))


if __name__ == "__main__":
    train(X, Y, PARAMS, forward, loss, predict=[[2.0, 2.0], [0.0, 0.0], [-2.0, -2.0]],
          epochs=20, lr=0.1, batch_size=20, optimizer="sgd", classify="threshold")
