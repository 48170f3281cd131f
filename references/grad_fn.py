#!/usr/bin/env python3
"""The grad_fn PyTorch records for each op of backprop's table, as the PyTorch export spells the op
(Tests/AutogradTests/OpTableTests.swift, gradFnNamesArePyTorchs, holds the same list):

    python3 references/grad_fn.py
"""
import torch
import torch.nn.functional as F

a = torch.rand(3, 2, requires_grad=True) + 0.5
b = torch.rand(3, 2, requires_grad=True)
m = torch.rand(2, 4, requires_grad=True)
y = torch.tensor([0, 2])
w = torch.tensor(2.0, requires_grad=True)

cases = {
    "add": a + b, "sub": a - b, "mul": a * b, "div": a / b, "neg": -a, "pow": a**2,
    "matmul": a @ m, "transpose": a.T, "sigmoid": torch.sigmoid(a), "tanh": torch.tanh(a),
    "relu": torch.relu(a), "exp": torch.exp(a), "log": torch.log(a),
    "softplus": F.softplus(a), "abs": torch.abs(a), "sin": torch.sin(a), "cos": torch.cos(a),
    "sum": torch.sum(a), "mean": torch.mean(a), "softmax": torch.softmax(a, dim=0),
    "crossEntropy": F.cross_entropy(a.T, y.long()), "sub after a number": 1 - a, "div after a number": 1 / a,
}
for name, z in cases.items():
    print(f'"{name}": "{type(z.grad_fn).__name__}",')
print(f'"param": "{type((w * 1).grad_fn.next_functions[0][0]).__name__}",')
