"""Expected numbers for Tests/AutogradTests/ClassificationOpsTests.swift, made by PyTorch.

Our layout: logits K×B, a sample per column. softmax(z) is torch.softmax(z, dim=0);
cross_entropy(z, y) is F.cross_entropy(z.T, y) (mean over the batch). For softmax the graph is
sum(softmax(z) * G), so the gradient arriving is G; for cross_entropy it is loss * g.
Prints Swift literals: `python3 references/softmax_cross_entropy.py`.

One thread: PyTorch's softmax over dim 0 gives each thread a run of columns, and in each run a
register's worth of columns at a time takes the vectorised exp and the rest the C library's — so
its last bits depend on the thread count. With one thread the run is all the columns, as our
engine computes them. (cross_entropy works a sample at a time and does not depend on it.)
"""
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.manual_seed(14)
SHAPES = [(3, 1), (10, 1), (3, 4), (10, 5), (2, 7), (4, 16), (5, 20), (20, 3), (10, 17)]


def literal(t):
    return "[" + ", ".join(repr(float(v)) for v in t.reshape(-1).tolist()) + "]"


for dtype in (torch.float32, torch.float64):
    print(f"    // {dtype}")
    for K, B in SHAPES:
        z = (torch.randn(K, B) * 3).to(dtype).requires_grad_(True)
        G = torch.randn(K, B).to(dtype)
        s = torch.softmax(z, dim=0)
        (s * G).sum().backward()
        print(f"        Softmax(k: {K}, b: {B}, z: {literal(z.detach())}, g: {literal(G)}, "
              f"value: {literal(s.detach())}, grad: {literal(z.grad)}),")
    for K, B in SHAPES:
        z = (torch.randn(K, B) * 3).to(dtype).requires_grad_(True)
        y = torch.randint(0, K, (B,))
        g = torch.tensor(1.0 if B % 2 else 0.75, dtype=dtype)
        loss = F.cross_entropy(z.T, y)
        (loss * g).backward()
        print(f"        CrossEntropy(k: {K}, b: {B}, z: {literal(z.detach())}, y: {literal(y.to(torch.float64))}, "
              f"g: {float(g)!r}, loss: {loss.item()!r}, grad: {literal(z.grad)}),")
