#!/usr/bin/env python3
"""PyTorch reference for scenarios/deep193.toml: The 5-6-7-7-6-5 network: 193 weights.

Trains the scenario exactly as backprop's conventions say and prints the lecture-style
transcript (default) or the per-epoch loss CSV (--csv); --epochs N trains N epochs only.

How the fixtures were made (PyTorch 2.15.0, CPU, float32):
    python3 references/deep193.py --epochs 3 > Tests/ScenarioTests/Fixtures/deep193.epochs3.transcript
    python3 references/deep193.py --csv > Tests/ScenarioTests/Fixtures/deep193.csv
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

X = [[1.0, 0.0, 0.0, 1.0, 0.0], [0.0, 1.0, 0.0, 0.0, 1.0], [1.0, 1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 1.0, 1.0, 0.0], [0.0, 1.0, 1.0, 0.0, 1.0], [1.0, 0.0, 1.0, 0.0, 1.0], [0.0, 0.0, 0.0, 1.0, 1.0], [1.0, 1.0, 1.0, 0.0, 0.0]]
Y = [[1.0, 0.0, 0.0, 1.0, 0.0], [0.0, 1.0, 0.0, 0.0, 1.0], [1.0, 1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 1.0, 1.0, 0.0], [0.0, 1.0, 1.0, 0.0, 1.0], [1.0, 0.0, 1.0, 0.0, 1.0], [0.0, 0.0, 0.0, 1.0, 1.0], [1.0, 1.0, 1.0, 0.0, 0.0]]

W1 = param([[0.9121, 0.8957, -0.8869, -0.8303, 0.671], [0.4719, 0.3395, -0.3837, 0.2119, 0.2136], [0.1624, -0.6832, -0.1387, -0.2129, 0.446], [0.9896, 0.8988, 0.0884, -0.1103, -0.4635], [-0.9282, -0.9451, -0.0702, -0.3631, -0.24], [0.7836, 0.0515, 0.121, -0.5278, -0.9523]])
W2 = param([[-0.3497, -0.7266, 0.0204, 0.9974, 0.349, -0.6363], [0.7871, 0.5935, 0.4688, 0.8132, 0.5258, 0.5795], [-0.2924, 0.962, 0.9238, -0.6776, 0.508, 0.4303], [-0.0772, 0.0607, -0.02, 0.8497, 0.0017, 0.663], [-0.2922, 0.7657, 0.7994, -0.078, 0.1354, 0.8407], [0.4475, -0.0268, -0.5564, -0.3507, 0.3991, -0.6679], [0.8159, -0.4637, 0.8228, -0.3809, 0.9147, 0.4124]])
W3 = param([[0.0085, 0.0355, 0.3028, 0.1759, -0.3763, -0.5844, 0.0238], [0.8683, 0.2465, -0.8492, 0.6408, 0.4519, 0.8153, -0.6172], [0.4896, -0.8825, 0.3058, -0.4538, -0.5468, 0.751, -0.7875], [0.0447, 0.7079, -0.5103, -0.579, 0.7612, -0.1542, 0.4339], [-0.9363, -0.2753, -0.6562, 0.3455, -0.8342, 0.9091, -0.9493], [0.4588, -0.9577, -0.4886, 0.6267, -0.6858, -0.6325, 0.383], [-0.2289, -0.9137, 0.98, -0.6972, -0.9275, -0.3116, 0.2305]])
W4 = param([[0.4849, -0.7738, -0.3256, -0.9384, -0.1027, 0.5319, 0.4799], [0.804, 0.5113, 0.7249, 0.4107, -0.0544, -0.5489, 0.3217], [-0.3674, -0.7959, -0.1044, 0.7495, -0.7449, 0.1699, -0.2141], [0.0296, -0.7123, 0.9195, -0.4818, 0.2122, -0.1605, -0.9639], [0.1159, -0.7189, -0.8864, -0.9329, -0.6777, -0.8083, 0.2702], [0.0165, 0.9669, 0.8683, 0.9891, -0.5351, -0.1106, -0.4984]])
W5 = param([[0.1825, 0.2483, 0.6004, 0.419, -0.4868, -0.154], [0.0524, -0.9904, -0.929, -0.1825, -0.7777, 0.4475], [-0.5183, -0.8005, -0.6365, -0.5369, -0.5653, 0.0415], [-0.0712, -0.3805, 0.2835, -0.5751, 0.8131, 0.9262], [0.4579, -0.1325, 0.023, 0.1622, -0.8975, -0.164]])
PARAMS = [W1, W2, W3, W4, W5]  # order of first use in the model


def forward(x):
    h1 = sigmoid(W1 @ x)
    h2 = sigmoid(W2 @ h1)
    h3 = sigmoid(W3 @ h2)
    h4 = sigmoid(W4 @ h3)
    y_pred = sigmoid(W5 @ h4)
    return y_pred


def loss(y_pred, y):
    return (y_pred - y)**2


EPOCHS = 3000
LR = 5.0
BATCH = 'all'
OPTIMIZER = 'sgd'
MOMENTUM = 0.0
BETAS = (0.9, 0.999)
EPS = 1e-08
PREDICT = [[1.0, 0.0, 0.0, 1.0, 0.0]]

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
