#!/usr/bin/env python3
"""PyTorch reference for scenarios/collapse.toml: Two linear layers collapse into one.

Trains the scenario exactly as backprop's conventions say and prints the lecture-style
transcript (default) or the per-epoch loss CSV (--csv); --epochs N trains N epochs only.

How the fixtures were made (PyTorch 2.15.0, CPU, float32):
    python3 references/collapse.py       > Tests/ScenarioTests/Fixtures/collapse.transcript
    python3 references/collapse.py --csv > Tests/ScenarioTests/Fixtures/collapse.csv
"""
DTYPE_NAME = "float32"
# ---------------------------------------------------------------------------------------------
# The trainer: the same for every reference script (copied, so that each script stands alone).
# Conventions of backprop (see PRODUCT.md):
#   * a sample is a number (0-d) or a list (column vector n x 1); a batch stacks samples as
#     columns: scalar samples -> (1, B), vector samples -> (n, B); with batch size 1 a sample is
#     used as it is (0-d, or n x 1);
#   * a number param is 0-d, a list param a column vector (n, 1), a list of rows a matrix;
#   * a non-scalar loss is averaged over all its elements (.mean());
#   * samples in file order, consecutive batches, no shuffling;
#   * plain sgd updates like the lecture: p.data = p.data - lr * p.grad.data, then zero the grad
#     (two float32 roundings); sgd with momentum / adam use torch.optim on CPU (single-tensor
#     path, foreach=False, which is also the CPU default);
#   * transcript: the lecture's printout; --csv: "epoch,loss" with the mean (in double, summed
#     left to right, divided by the step count) of the epoch's step losses.
# ---------------------------------------------------------------------------------------------
import sys

import torch

DTYPE = torch.float64 if DTYPE_NAME == "float64" else torch.float32
_kinds = {}


def param(value):
    """A parameter from its literal: number -> 0-d, list -> (n, 1), list of rows -> matrix."""
    t = torch.tensor(value, dtype=DTYPE)
    kind = "scalar" if t.dim() == 0 else ("vector" if t.dim() == 1 else "matrix")
    if t.dim() == 1:
        t = t.reshape(-1, 1)
    t.requires_grad_(True)
    _kinds[id(t)] = kind
    return t


def sample(value):
    t = torch.tensor(value, dtype=DTYPE)
    return t.reshape(-1, 1) if t.dim() == 1 else t


def batch(values):
    """The samples of one step; with batch size 1 the sample itself."""
    if BATCH == 1:
        return sample(values[0])
    return torch.cat([sample(v).reshape(-1, 1) for v in values], dim=1)


def as_written(values):
    return str(values[0]) if BATCH == 1 else str(list(values))


def show(t, kind=None):
    """Python's print of a float32 value widened to double, or a list of them."""
    if kind is None:
        kind = "scalar" if t.dim() == 0 else ("vector" if t.shape[-1] == 1 else "matrix")
    if kind == "scalar":
        return repr(t.item())
    if kind == "vector":
        return str(t.detach().flatten().tolist())
    return str(t.detach().tolist())



# ---- the scenario (as written in the .toml) ---------------------------------------------------

sigmoid, tanh, relu, exp, log = torch.sigmoid, torch.tanh, torch.relu, torch.exp, torch.log

X = [[0.0, 0.0], [1.0, 1.0], [-1.0, -1.0], [2.0, 2.0], [1.0, -1.0], [-1.0, 1.0], [2.0, 0.0], [0.0, 2.0]]
Y = [1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0]

W1 = param([[-0.5241, 0.0885], [-0.2601, 0.2078], [0.2514, -0.8689]])
b1 = param([0.0, 0.0, 0.0])
W2 = param([[-0.9737, 0.6749, -0.4813]])
b2 = param(0.0)
W = param([[0.2138, 0.4723]])
b = param(0.0)
PARAMS = [W1, b1, W2, b2, W, b]  # order of first use in the model
_one = {}


def forward(x):
    h = W1 @ x + b1
    y_pred = W2 @ h + b2
    _one["y_one"] = W @ x + b  # the single layer, trained beside the two
    return y_pred


def loss(y_pred, y):
    y_one = _one["y_one"]
    return ((y_pred - y)**2 + (y_one - y)**2) / 2


EPOCHS = 300
LR = 0.1
BATCH = 'all'
OPTIMIZER = 'sgd'
MOMENTUM = 0.0
BETAS = (0.9, 0.999)
EPS = 1e-08
PREDICT = [[0.5, 0.5], [1.5, -0.5]]

# ---- the training loop ----------------------------------------------------------------------

def step_loss(xb, yb):
    l = loss(forward(xb), yb)
    if l.dim() > 0:
        l = l.mean()
    return l


def main():
    global BATCH
    args = sys.argv[1:]
    csv = "--csv" in args
    epochs = int(args[args.index("--epochs") + 1]) if "--epochs" in args else EPOCHS
    n = len(X)
    BATCH = n if BATCH == "all" else BATCH
    if OPTIMIZER == "sgd" and MOMENTUM:
        opt = torch.optim.SGD(PARAMS, lr=LR, momentum=MOMENTUM, foreach=False)
    elif OPTIMIZER == "adam":
        opt = torch.optim.Adam(PARAMS, lr=LR, betas=BETAS, eps=EPS, foreach=False)
    else:
        opt = None
    if csv:
        print("epoch,loss")
    else:
        for xp in PREDICT:
            print("predict (before training)", xp, show(forward(sample(xp))))
    for epoch in range(epochs):
        losses = []
        for start in range(0, n, BATCH):
            xs, ys = X[start:start + BATCH], Y[start:start + BATCH]
            l = step_loss(batch(xs), batch(ys))
            l.backward()
            if not csv:
                print("\tgrad:", as_written(xs), as_written(ys),
                      *[show(p.grad, _kinds[id(p)]) for p in PARAMS])
            losses.append(l.item())
            if opt is None:
                for p in PARAMS:
                    p.data = p.data - LR * p.grad.data
                    p.grad.data.zero_()
            else:
                opt.step()
                opt.zero_grad()
        if csv:
            total = 0.0
            for v in losses:
                total += v
            print(f"{epoch},{total / len(losses)!r}")
        else:
            print("progress:", epoch, l.item())
    if not csv:
        for xp in PREDICT:
            print("predict (after training)", xp, show(forward(sample(xp))))


if __name__ == "__main__":
    main()
