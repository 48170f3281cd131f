#!/usr/bin/env python3
"""PyTorch reference for scenarios/quadratic.toml: the lecture's homework, y = w1*x^2 + w2*x + b.

Written in the lecture's exact loop style: python floats for x and y, each param a float32
tensor, the manual update p.data = p.data - 0.01 * p.grad.data then p.grad.data.zero_(), one
update per sample. The grad line prints w1, w2, b's gradients (their order of first use).
--csv prints "epoch,loss" with the mean (in double, summed left to right) of the epoch's step
losses, each taken before its update.

How the fixtures were made (PyTorch 2.15.0, CPU):
    python3 references/quadratic.py       > Tests/ScenarioTests/Fixtures/quadratic.transcript
    python3 references/quadratic.py --csv > Tests/ScenarioTests/Fixtures/quadratic.csv
"""
import sys

import torch

CSV = "--csv" in sys.argv[1:]

x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]
w1 = torch.tensor([1.0]); w1.requires_grad = True
w2 = torch.tensor([1.0]); w2.requires_grad = True
b = torch.tensor([1.0]); b.requires_grad = True


def forward(x): return w1 * x**2 + w2 * x + b


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
            print('\tgrad:', x, y, w1.grad.item(), w2.grad.item(), b.grad.item())
        losses.append(l.item())
        for p in (w1, w2, b):
            p.data = p.data - 0.01 * p.grad.data
            p.grad.data.zero_()
    if CSV:
        total = 0.0
        for v in losses:
            total += v
        print(f"{epoch},{total / len(losses)!r}")
    else:
        print('progress:', epoch, l.item())
if not CSV:
    print("predict (after training)", 4, forward(4).item())
