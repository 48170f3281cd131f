#!/usr/bin/env python3
"""PyTorch reference for the screen's live forks (`A`, `O`): scenarios/activation.toml trained as
written up to epoch FROM, then from there on with the hidden activation or the optimizer changed
— the parameters carried on as they are, a new torch.optim object where the optimizer changed
(its momentum buffer or Adam's moments start empty). Prints the per-epoch loss CSV.

    python3 references/forks.py activation|optimizer FROM

activation: sigmoid → tanh at FROM; optimizer: sgd → sgd with momentum 0.9 at FROM, then → adam
at 2·FROM. How the fixtures were made (PyTorch 2.15.0, CPU, float32):
    python3 references/forks.py activation 100 > Tests/ScenarioTests/Fixtures/fork-activation.csv
    python3 references/forks.py optimizer 100 > Tests/ScenarioTests/Fixtures/fork-optimizer.csv
"""
import sys

import torch

import activation as scenario

torch.set_default_dtype(torch.float32)
kind, start = sys.argv[1], int(sys.argv[2])
X = torch.tensor(scenario.X).T            # a sample is a column
Y = torch.tensor(scenario.Y)[None, :]
W1, b1, W2, b2 = scenario.PARAMS

LR = 0.5


def optimizer(name):
    if name == "sgd":
        return torch.optim.SGD(scenario.PARAMS, lr=LR)
    if name == "momentum":
        return torch.optim.SGD(scenario.PARAMS, lr=LR, momentum=0.9)
    return torch.optim.Adam(scenario.PARAMS, lr=LR)


opt = optimizer("sgd")
act = torch.sigmoid
print("epoch,loss")
for epoch in range(300):
    if kind == "activation" and epoch == start:
        act = torch.tanh
    if kind == "optimizer" and epoch == start:
        opt = optimizer("momentum")
    if kind == "optimizer" and epoch == 2 * start:
        opt = optimizer("adam")
    h = act(W1 @ X + b1)
    y_pred = W2 @ h + b2
    loss = ((y_pred - Y) ** 2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(f"{epoch},{loss.item()}")
