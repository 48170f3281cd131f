"""Expected numbers for Tests/AutogradTests/OpTableTests.swift, made by PyTorch.

For each op of the table: inputs a (and b), an arriving gradient g, and what PyTorch computes for
z = op(a, b) and for the gradients g sends back through it (the graph is sum(op(a, b) * g), so the
gradient arriving at the op is g exactly). Prints Swift literals; run with
`python3 references/op_table.py` and paste the output into the test file.
"""
import torch
import torch.nn.functional as F

torch.manual_seed(9)
N = 8  # fewer than 32 elements: PyTorch's CPU kernels take their scalar path


def literal(t):
    return "[" + ", ".join(repr(float(v)) for v in t.tolist()) + "]"


def case(name, fn, a, b=None, dtype=torch.float32):
    a = a.to(dtype).detach().requires_grad_(True)
    if b is not None:
        b = b.to(dtype).detach().requires_grad_(True)
    g = (torch.randn(N) * 2).to(dtype)
    z = fn(a, b) if b is not None else fn(a)
    (z * g).sum().backward()
    fields = [f'op: "{name}"', f"a: {literal(a.detach())}"]
    if b is not None:
        fields.append(f"b: {literal(b.detach())}")
    fields += [f"g: {literal(g)}", f"z: {literal(z.detach())}", f"da: {literal(a.grad)}"]
    if b is not None:
        fields.append(f"db: {literal(b.grad)}")
    print(f"        Case({', '.join(fields)}),")


def spread():
    return torch.randn(N) * 3


for dtype in (torch.float32, torch.float64):
    print(f"    // {dtype}")
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
print("    // reductions")
for dtype in (torch.float32, torch.float64):
    for n in (3, 12, 17, 40, 100, 300):
        x = (torch.randn(n) * 3).to(dtype)
        print(f"        Reduction(float64: {str(dtype == torch.float64).lower()}, x: {literal(x)}, "
              f"sum: {float(x.sum())!r}, mean: {float(x.mean())!r}),")

# sin and cos (the sin(x1) feature of TensorFlow Playground), a block of their own so the numbers
# above stay as they were; fresh inputs from their own seed.
torch.manual_seed(21)
print("    // trigonometric")
for dtype in (torch.float32, torch.float64):
    case("sin", torch.sin, spread(), dtype=dtype)
    case("cos", torch.cos, spread(), dtype=dtype)
    case("sin", torch.sin, torch.tensor([0.0, -0.0, 3.14159265, -1.5707963, 100.0, -250.5, 1e-6, 7.0]), dtype=dtype)
