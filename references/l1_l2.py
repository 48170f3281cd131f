#!/usr/bin/env python3
"""PyTorch reference for scenarios/l1-l2.toml: L1 against L2 on the same data.

Two linear models side by side on 8 inputs of which only x1 and x3 matter (y = 2·x1 − 1.5·x3 plus
noise), and x5 is a noisy copy of x1 (x1 plus noise of σ 0.3, within [-1, 1]): W_L1 pays 0.2·Σ|w|
(L1), W_L2 pays 0.2·Σw² (L2), each added to its squared error. L1 keeps x1 and drops its copy;
L2 shares the weight between them. With --write-data it writes the data (Python
random.Random(8), 2 decimals) to scenarios/l1-l2.csv.

How the fixture was made (PyTorch 2.15.0, CPU, float32):
    python3 references/l1_l2.py --csv > Tests/ScenarioTests/Fixtures/l1-l2.csv
"""
import csv
import os
import random
import sys

from reference_trainer import param, set_dtype, train

CSV = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scenarios", "l1-l2.csv")

if "--write-data" in sys.argv:
    rng = random.Random(8)
    with open(CSV, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow([f"x{i}" for i in range(1, 9)] + ["y"])
        for _ in range(40):
            x = [round(rng.uniform(-1, 1), 2) for _ in range(8)]
            x[4] = round(max(-1.0, min(1.0, x[0] + rng.gauss(0, 0.3))), 2)
            out.writerow(x + [round(2 * x[0] - 1.5 * x[2] + rng.gauss(0, 0.2), 2)])
    sys.exit(0)

set_dtype("float32")
with open(CSV, newline="") as f:
    rows = list(csv.DictReader(f))
X = [[float(r[f"x{i}"]) for i in range(1, 9)] for r in rows]
Y = [float(r["y"]) for r in rows]

W_L1 = param([[0.5] * 8])
W_L2 = param([[0.5] * 8])
PARAMS = [W_L1, W_L2]  # order of first use in the model


def forward(x):
    return W_L1 @ x


def loss(y_pred, y):
    # y_L2, the second model's output, is computed here from the batch forward() saw.
    y_L2 = W_L2 @ loss.x
    return (y_pred - y)**2 + (y_L2 - y)**2 + 0.2 * (W_L1.abs().sum()) + 0.2 * ((W_L2**2).sum())


def forward_keeping_x(x):
    loss.x = x
    return forward(x)


if __name__ == "__main__":
    train(X, Y, PARAMS, forward_keeping_x, loss, predict=[],
          epochs=300, lr=0.1, batch_size="all", optimizer="sgd")
