#!/usr/bin/env python3
"""PyTorch reference for scenarios/two-paths.toml: one weight used twice, ŷ = w·x + w·w·x.

The lecture's loop written out (as linear.py): w.grad is the sum of what every use of w sends it.

How the fixture was made (PyTorch 2.15.0, CPU, float32):
    python3 references/two_paths.py > Tests/ScenarioTests/Fixtures/two-paths.transcript
"""
import torch

x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]
w = torch.tensor([0.5])
w.requires_grad = True


def forward(x):
    return x * w + w * w * x


def loss(x, y):
    y_pred = forward(x)
    return (y_pred - y)**2


print("predict (before training)", 4.0, forward(4.0).item())
for epoch in range(30):
    for x, y in zip(x_data, y_data):
        l = loss(x, y)
        l.backward()
        print('\tgrad:', x, y, w.grad.item())
        w.data = w.data - 0.01 * w.grad.data
        w.grad.data.zero_()
    print('progress:', epoch, l.item())
print("predict (after training)", 4.0, forward(4.0).item())
