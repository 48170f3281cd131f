#!/usr/bin/env python3
"""PyTorch reference for scenarios/linear.toml: the lecture's script (lecture 4, backpropagation).

The transcript is the lecture's script line for line (python floats for x and y, w a float32
tensor, the manual update w.data = w.data - 0.01 * w.grad.data, then w.grad.data.zero_()).
It equals /work/shared/golden/seed_linear.out byte for byte. --csv prints "epoch,loss" with the
mean (in double, summed left to right) of the epoch's step losses, each taken before its update.

How the fixtures were made (PyTorch 2.15.0, CPU):
    python3 references/linear.py       > Tests/ScenarioTests/Fixtures/linear.transcript
    python3 references/linear.py --csv > Tests/ScenarioTests/Fixtures/linear.csv
"""
import sys

import torch

CSV = "--csv" in sys.argv[1:]

x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]
w = torch.tensor([1.0]); w.requires_grad = True


def forward(x): return x*w


def loss(x, y): y_pred = forward(x); return (y_pred - y)**2


if CSV:
    print("epoch,loss")
else:
    print("predict (before training)", 4, forward(4).item())
for epoch in range(100):
    losses = []
    for x, y in zip(x_data, y_data):
        l = loss(x, y); l.backward()
        if not CSV:
            print('\tgrad:', x, y, w.grad.item())
        losses.append(l.item())
        w.data = w.data - 0.01 * w.grad.data
        w.grad.data.zero_()
    if CSV:
        total = 0.0
        for v in losses:
            total += v
        print(f"{epoch},{total / len(losses)!r}")
    else:
        print('progress:', epoch, l.item())
if not CSV:
    print("predict (after training)", 4, forward(4).item())
