#!/usr/bin/env python3
"""PyTorch reference for scenarios/circle-features.toml: one sigmoid unit on the features x1², x2².

The features are computed as the scenario's [data] features say, in Python floats (float64),
before the samples become float32 tensors; the last quarter of the samples (50 of 200, in file
order) is held out and measured after each epoch. --csv adds accuracy, test_loss, test_accuracy.

How the fixtures were made (PyTorch 2.15.0, CPU, float32):
    python3 references/circle_features.py       > Tests/ScenarioTests/Fixtures/circle-features.transcript
    python3 references/circle_features.py --csv > Tests/ScenarioTests/Fixtures/circle-features.csv
"""
import csv
import os

from reference_trainer import log, param, set_dtype, sigmoid, train

set_dtype("float32")

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scenarios", "circle.csv"), newline="") as f:
    rows = list(csv.DictReader(f))


def features(x1, x2):
    return [x1**2, x2**2]


X = [features(float(r["x1"]), float(r["x2"])) for r in rows]
Y = [float(r["label"]) for r in rows]
TRAIN = 150  # test_fraction = 0.25: round(200 · 0.25) = 50 held out

w = param([[0.1, -0.1]])
b = param(0.0)
PARAMS = [w, b]  # order of first use in the model


def forward(x):
    return sigmoid(w @ x + b)


def loss(y_pred, y):
    return -(y * log(y_pred) + (1 - y) * log(1 - y_pred))


if __name__ == "__main__":
    train(X[:TRAIN], Y[:TRAIN], PARAMS, forward, loss, predict=[features(0.0, 0.0), features(4.0, 0.0)],
          epochs=60, lr=0.1, batch_size=25, optimizer="adam", classify="threshold",
          X_test=X[TRAIN:], Y_test=Y[TRAIN:])
