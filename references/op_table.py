"""Expected numbers for Tests/AutogradTests/OpTableTests.swift, made by PyTorch.

For each op of the table: inputs a (and b), an arriving gradient g, and what PyTorch computes for
z = op(a, b) and for the gradients g sends back through it (the graph is sum(op(a, b) * g), so the
gradient arriving at the op is g exactly). Writes Tests/AutogradTests/Fixtures/op_table.json, which
the tests read: run `python3 references/op_table.py` after adding an op's cases here.
"""
import json
import os
import sys

import torch
import torch.nn.functional as F

torch.manual_seed(9)
N = 8  # fewer than 32 elements: PyTorch's CPU kernels take their scalar path


OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "AutogradTests", "Fixtures", "op_table.json")
block = "elementwise"
data = {"elementwise": [], "reductions": [], "trigonometric": []}


def values(t):
    return [float(v) for v in t.tolist()]


def case(name, fn, a, b=None, dtype=torch.float32):
    a = a.to(dtype).detach().requires_grad_(True)
    if b is not None:
        b = b.to(dtype).detach().requires_grad_(True)
    g = (torch.randn(N) * 2).to(dtype)
    z = fn(a, b) if b is not None else fn(a)
    (z * g).sum().backward()
    row = {"op": name, "float64": dtype == torch.float64, "a": values(a.detach())}
    if b is not None:
        row["b"] = values(b.detach())
    row.update(g=values(g), z=values(z.detach()), da=values(a.grad))
    if b is not None:
        row["db"] = values(b.grad)
    data[block].append(row)


def spread():
    return torch.randn(N) * 3


for dtype in (torch.float32, torch.float64):
    case("add", torch.add, spread(), spread(), dtype)
    case("sub", torch.sub, spread(), spread(), dtype)
    case("mul", torch.mul, spread(), spread(), dtype)
    case("div", torch.div, spread(), spread(), dtype)
    case("neg", torch.neg, spread(), dtype=dtype)
    for p in (2, 3, 0.5, -1, -2, 0, 1.5):
        base = spread().abs() + 0.1 if p in (0.5, 1.5) else spread()
        case(f"pow{p}", lambda x, p=p: x ** p, base, dtype=dtype)
    case("sigmoid", torch.sigmoid, spread(), dtype=dtype)
    case("tanh", torch.tanh, spread(), dtype=dtype)
    case("relu", torch.relu, torch.tensor([-1.5, 0.0, 2.25, -0.0, 3.0, -4.0, 0.5, 7.0]), dtype=dtype)
    case("exp", torch.exp, spread(), dtype=dtype)
    case("log", torch.log, spread().abs() + 0.01, dtype=dtype)
    case("softplus", F.softplus, torch.tensor([-3.5, -0.25, 0.0, 0.75, 2.5, 19.5, 20.0, 23.0]), dtype=dtype)
    case("softplus", F.softplus, spread(), dtype=dtype)
    case("abs", torch.abs, torch.tensor([-1.5, 0.0, 2.25, -0.0, 3.0, -4.0, 0.5, -7.0]), dtype=dtype)
    case("abs", torch.abs, spread(), dtype=dtype)

# Reductions: sum and mean of n numbers (PyTorch's cascade sum), printed as a second block.
for dtype in (torch.float32, torch.float64):
    for n in (3, 12, 17, 40, 100, 300):
        x = (torch.randn(n) * 3).to(dtype)
        data["reductions"].append({"float64": dtype == torch.float64, "x": values(x),
                                   "sum": float(x.sum()), "mean": float(x.mean())})

# sin and cos (the sin(x1) feature of TensorFlow Playground), a block of their own so the numbers
# above stay as they were; fresh inputs from their own seed.
torch.manual_seed(21)
block = "trigonometric"
for dtype in (torch.float32, torch.float64):
    case("sin", torch.sin, spread(), dtype=dtype)
    case("cos", torch.cos, spread(), dtype=dtype)
    case("sin", torch.sin, torch.tensor([0.0, -0.0, 3.14159265, -1.5707963, 100.0, -250.5, 1e-6, 7.0]), dtype=dtype)

with open(OUT, "w") as f:
    json.dump(data, f, indent=1, allow_nan=False)
    f.write("\n")
print(f"wrote {os.path.normpath(OUT)}: {sum(len(v) for v in data.values())} cases", file=sys.stderr)
