#!/usr/bin/env python3
"""PyTorch reference for scenarios/digits.toml: Handwritten digits, a 64-16-10 network.

The data is the CSV the scenario reads (scenarios/digits.csv, made by digits_dataset.py); the params
are the .toml's (parsed from it, 1200 numbers); forward, loss and [train] as written there; the loop
and printing are reference_trainer.py's. The loss is F.cross_entropy on the logits with samples as
columns (so logits.T), labels as class indices; --csv adds the accuracy (argmax, before each update).

How the fixture was made (PyTorch 2.15.0, CPU, float32):
    python3 references/digits.py --csv > Tests/ScenarioTests/Fixtures/digits.csv
"""
import csv
import os
import tomllib

import torch

import reference_trainer
from reference_trainer import param, set_dtype, tanh, train

set_dtype("float32")
HERE = os.path.dirname(os.path.abspath(__file__))

with open(os.path.join(HERE, "..", "scenarios", "digits.csv"), newline="") as f:
    rows = list(csv.DictReader(f))
X = [[float(r[f"p{i}"]) for i in range(64)] for r in rows]
Y = [float(r["label"]) for r in rows]

with open(os.path.join(HERE, "..", "scenarios", "digits.toml"), "rb") as f:
    written = tomllib.load(f)["params"]
W1, b1, W2, b2 = (param(written[name]) for name in ["W1", "b1", "W2", "b2"])
PARAMS = [W1, b1, W2, b2]  # order of first use in the model


def forward(x):
    h = tanh(W1 @ x + b1)
    y_pred = W2 @ h + b2
    return y_pred


def loss(y_pred, y):
    return torch.nn.functional.cross_entropy(y_pred.T, y.reshape(-1).long())


if __name__ == "__main__":
    train(X, Y, PARAMS, forward, loss, predict=[], epochs=10, lr=0.01, batch_size=30, optimizer="adam",
          classify="argmax")
