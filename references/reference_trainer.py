"""The trainer shared by the reference scripts (references/NAME.py, all but linear.py and
quadratic.py, which are the lecture's own loop written out).

A scenario script keeps only its scenario as written in scenarios/NAME.toml (data, params,
forward, loss, the [train] settings, the predict inputs) and hands them to train(); it is run
as `python3 references/NAME.py [--csv] [--epochs N]` (Python puts references/ on sys.path, so
`from reference_trainer import ...` finds this file).

Conventions of backprop (see PRODUCT.md):
  * a sample is a number (0-d) or a list (column vector n x 1); a batch stacks samples as
    columns: scalar samples -> (1, B), vector samples -> (n, B); with batch size 1 a sample is
    used as it is (0-d, or n x 1);
  * a number param is 0-d, a list param a column vector (n, 1), a list of rows a matrix;
  * a non-scalar loss is averaged over all its elements (.mean());
  * samples in file order, consecutive batches, no shuffling;
  * plain sgd updates like the lecture: p.data = p.data - lr * p.grad.data, then zero the grad
    (two float32 roundings); sgd with momentum or weight_decay, adam and adamw use torch.optim
    on CPU (single-tensor path, foreach=False, which is also the CPU default);
  * held-out samples (X_test, Y_test: [data] test_fraction or test_file): after each epoch the
    loss (and accuracy) of the whole test set as one batch, under torch.no_grad(), on the
    parameters as the epoch left them;
  * transcript: the lecture's printout; --csv: "epoch,loss" with the mean (in double, summed
    left to right, divided by the step count) of the epoch's step losses, then accuracy,
    test_loss and test_accuracy where the scenario has them.
"""
import sys

import torch

# The functions a scenario's forward and loss may call.
sigmoid, tanh, relu, exp, log = torch.sigmoid, torch.tanh, torch.relu, torch.exp, torch.log

DTYPE = torch.float32
_kinds = {}


def set_dtype(name):
    """The scenario's [train] dtype ("float32" or "float64"); call it before the first param()."""
    global DTYPE
    DTYPE = torch.float64 if name == "float64" else torch.float32


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


def batch(values, size):
    """The samples of one step; with batch size 1 the sample itself."""
    if size == 1:
        return sample(values[0])
    return torch.cat([sample(v).reshape(-1, 1) for v in values], dim=1)


def as_written(values, size):
    return str(values[0]) if size == 1 else str(list(values))


def show(t, kind=None):
    """Python's print of a float32 value widened to double, or a list of them."""
    if kind is None:
        kind = "scalar" if t.dim() == 0 else ("vector" if t.shape[-1] == 1 else "matrix")
    if kind == "scalar":
        return repr(t.item())
    if kind == "vector":
        return str(t.detach().flatten().tolist())
    return str(t.detach().tolist())


def step_loss(forward, loss, xb, yb):
    l = loss(forward(xb), yb)
    if l.dim() > 0:
        l = l.mean()
    return l


def right_answers(y_pred, y, classify):
    """How many samples of the batch the prediction gets right: "threshold" for a sigmoid output
    (y_pred > 0.5 says 1), "argmax" for logits (rows are classes, samples are columns)."""
    if classify == "threshold":
        return int(((y_pred > 0.5).to(y.dtype) == y).sum().item())
    return int((y_pred.argmax(0).to(y.dtype) == y.reshape(-1)).sum().item())


def test_measures(X_test, Y_test, forward, loss, classify):
    """The test set's loss (and accuracy) as one batch, without building a graph."""
    with torch.no_grad():
        n = len(X_test)
        xb, yb = batch(X_test, n), batch(Y_test, n)
        l = step_loss(forward, loss, xb, yb).item()
        if classify:
            return l, right_answers(forward(xb), yb, classify) / n
        return l, None


def train(X, Y, params, forward, loss, *, predict, epochs, lr, batch_size, optimizer="sgd",
          momentum=0.0, betas=(0.9, 0.999), eps=1e-08, weight_decay=None, classify=None,
          X_test=None, Y_test=None):
    """Trains the scenario and prints the transcript, or the loss CSV with --csv.

    params in their order of first use in the model (the order of the grad line);
    --epochs N on the command line trains N epochs instead of `epochs`; with classify
    ("threshold" or "argmax") --csv adds the epoch's accuracy, counted before each update.
    --lr-at STEP LR (repeatable) sets lr to LR from update step STEP on (counted from 0 over the
    whole run), as the screen's `<` / `>` fork does: for torch.optim by setting the param
    group's lr, so momentum buffers and Adam's moments and step count carry on.
    """
    args = sys.argv[1:]
    csv = "--csv" in args
    epochs = int(args[args.index("--epochs") + 1]) if "--epochs" in args else epochs
    lr_at = {int(args[i + 1]): float(args[i + 2]) for i, a in enumerate(args) if a == "--lr-at"}
    step = 0
    n = len(X)
    size = n if batch_size == "all" else batch_size
    if optimizer == "sgd" and (momentum or weight_decay):
        opt = torch.optim.SGD(params, lr=lr, momentum=momentum, weight_decay=weight_decay or 0.0, foreach=False)
    elif optimizer == "adam":
        opt = torch.optim.Adam(params, lr=lr, betas=betas, eps=eps, weight_decay=weight_decay or 0.0, foreach=False)
    elif optimizer == "adamw":  # PyTorch's default weight_decay for AdamW is 0.01
        opt = torch.optim.AdamW(params, lr=lr, betas=betas, eps=eps,
                                weight_decay=0.01 if weight_decay is None else weight_decay, foreach=False)
    else:
        opt = None
    tested = X_test is not None
    if csv:
        print("epoch,loss" + (",accuracy" if classify else "")
              + (",test_loss" if tested else "") + (",test_accuracy" if tested and classify else ""))
    else:
        for xp in predict:
            print("predict (before training)", xp, show(forward(sample(xp))))
    for epoch in range(epochs):
        losses = []
        right = 0
        for start in range(0, n, size):
            xs, ys = X[start:start + size], Y[start:start + size]
            if step in lr_at:
                lr = lr_at[step]
                if opt is not None:
                    for group in opt.param_groups:
                        group["lr"] = lr
            step += 1
            l = step_loss(forward, loss, batch(xs, size), batch(ys, size))
            if classify:
                with torch.no_grad():
                    right += right_answers(forward(batch(xs, size)), batch(ys, size), classify)
            l.backward()
            if not csv:
                print("\tgrad:", as_written(xs, size), as_written(ys, size),
                      *[show(p.grad, _kinds[id(p)]) for p in params])
            losses.append(l.item())
            if opt is None:
                for p in params:
                    p.data = p.data - lr * p.grad.data
                    p.grad.data.zero_()
            else:
                opt.step()
                opt.zero_grad()
        if csv:
            total = 0.0
            for v in losses:
                total += v
            line = f"{epoch},{total / len(losses)!r}" + (f",{right / n!r}" if classify else "")
            if tested:
                test_loss, test_accuracy = test_measures(X_test, Y_test, forward, loss, classify)
                line += f",{test_loss!r}" + (f",{test_accuracy!r}" if classify else "")
            print(line)
        else:
            print("progress:", epoch, l.item())
            if tested:
                print("test loss:", epoch, test_measures(X_test, Y_test, forward, loss, classify)[0])
    if not csv:
        for xp in predict:
            print("predict (after training)", xp, show(forward(sample(xp))))
