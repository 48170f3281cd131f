#!/usr/bin/env python3
"""Times PyTorch eager on this machine, for comparison with backprop's own engine.

(a) one training step of the lecture's model (scenarios/linear.toml): forward x*w, loss
    (y_pred - y)**2, backward, the manual update w.data = w.data - 0.01 * w.grad.data, zero grad;
(b) one full-batch epoch (= one step) of scenarios/deep193.toml: 8 samples of 5-vectors through
    W1..W5 with sigmoid after each layer, MSE mean, backward, the manual update of the 5 matrices.
(c) one epoch of the lecture with its csv line, as `backprop train linear --format csv` does:
    three steps, each loss read with .item(), then "epoch,mean" printed (to a buffer);
(d) one full-batch epoch of the MLP `backprop bench` times at each width W: 64 samples of
    W-vectors, h = relu(W1 @ x), y_pred = W2 @ h, MSE mean, backward, manual SGD (W×W weights);
(e) repr() of a float: how fast Python prints a number.

--machine prints one line per figure, `name seconds`, for `backprop bench` to read: the least
CPU time of this thread per operation over five rounds of many operations, the statistic
`backprop bench` reports for itself (the machine is shared: other work only ever adds).

Median (and min / p90) microseconds over many repetitions, time.perf_counter around each step.
Run: python3 references/bench_pytorch.py [--threads N]   (default: PyTorch's default thread count)

Measured on the dev container (2 vCPU, AVX512, torch 2.15.0 CPU/MKL): (a) median ~60 us,
(b) median ~200-215 us (threads 1 or 2 alike).
"""
import random
import statistics
import sys
import time

import torch

if "--threads" in sys.argv:
    torch.set_num_threads(int(sys.argv[sys.argv.index("--threads") + 1]))


def measure(step, reps, warmup=1000):
    for _ in range(warmup):
        step()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1e6)
    times.sort()
    return statistics.median(times), times[0], times[int(0.9 * len(times))]


# (a) the lecture's step
w = torch.tensor([1.0]); w.requires_grad = True
samples = [(1.0, 2.0), (2.0, 4.0), (3.0, 6.0)]
k = [0]


def lecture_step():
    x, y = samples[k[0] % 3]; k[0] += 1
    l = (x * w - y) ** 2
    l.backward()
    w.data = w.data - 0.01 * w.grad.data
    w.grad.data.zero_()
    return l


# (b) deep193: same shapes as the scenario; weights random.Random(2).uniform(-1, 1) rounded
sizes = [5, 6, 7, 7, 6, 5]
r = random.Random(2)
Ws = [torch.tensor([[round(r.uniform(-1, 1), 4) for _ in range(sizes[i])] for _ in range(sizes[i + 1])],
                   requires_grad=True) for i in range(5)]
X = [[1.0, 0.0, 0.0, 1.0, 0.0], [0.0, 1.0, 0.0, 0.0, 1.0], [1.0, 1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 1.0, 1.0, 0.0],
     [0.0, 1.0, 1.0, 0.0, 1.0], [1.0, 0.0, 1.0, 0.0, 1.0], [0.0, 0.0, 0.0, 1.0, 1.0], [1.0, 1.0, 1.0, 0.0, 0.0]]
xb = torch.tensor(X).T.contiguous()
yb = xb.clone()


def deep_step():
    h = xb
    for W in Ws:
        h = torch.sigmoid(W @ h)
    l = ((h - yb) ** 2).mean()
    l.backward()
    for W in Ws:
        W.data = W.data - 5.0 * W.grad.data
        W.grad.data.zero_()
    return l


def lecture_epoch_csv(out, epoch):
    losses = []
    for _ in range(3):
        losses.append(lecture_step().item())
    out.write(f"{epoch},{sum(losses) / 3!r}\n")


def mlp_step_for(width):
    g = torch.Generator().manual_seed(width)
    x = torch.rand(width, 64, generator=g) * 2 - 1
    y = torch.rand(width, 64, generator=g) * 2 - 1
    W1 = ((torch.rand(width, width, generator=g) * 2 - 1) / width ** 0.5).requires_grad_()
    W2 = ((torch.rand(width, width, generator=g) * 2 - 1) / width ** 0.5).requires_grad_()

    def step():
        h = torch.relu(W1 @ x)
        l = ((W2 @ h - y) ** 2).mean()
        l.backward()
        for W in (W1, W2):
            W.data = W.data - 0.01 * W.grad.data
            W.grad.data.zero_()
        return l
    return step


MLP_WIDTHS = [8, 16, 32, 64, 128, 256, 512]


def least_cpu(step, count, rounds=5, warmup=1000):
    """Seconds per call: the least thread CPU time over `rounds` runs of `count` calls."""
    for _ in range(warmup):
        step()
    best = float("inf")
    for _ in range(rounds):
        t0 = time.thread_time()
        for _ in range(count):
            step()
        best = min(best, (time.thread_time() - t0) / count)
    return best


def machine():
    import io
    out = io.StringIO()
    epoch = [0]

    def csv_epoch():
        epoch[0] += 1
        lecture_epoch_csv(out, epoch[0])
        if out.tell() > 1 << 16:
            out.seek(0); out.truncate()
    print("torch", torch.__version__, "threads", torch.get_num_threads())
    print("lecture_step", least_cpu(lecture_step, 5000))
    print("lecture_epoch_csv", least_cpu(csv_epoch, 3000))
    print("deep193_epoch", least_cpu(deep_step, 1000))
    for width in MLP_WIDTHS:
        reps = max(5, min(1000, 1_000_000 // (width * width)))
        print(f"mlp{width}_epoch", least_cpu(mlp_step_for(width), reps, warmup=10))
    values = [random.Random(5).uniform(-10, 10) for _ in range(10000)]
    print("repr_float", least_cpu(lambda: [repr(v) for v in values], 1, rounds=20, warmup=2) / len(values))


if __name__ == "__main__" and "--machine" in sys.argv:
    machine()
elif __name__ == "__main__":
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}")
    med, lo, p90 = measure(lecture_step, 100000)
    print(f"(a) lecture step (forward, backward, manual update, zero grad): median {med:.1f} us  (min {lo:.1f}, p90 {p90:.1f}) over 100000 steps")
    med, lo, p90 = measure(deep_step, 20000)
    print(f"(b) deep193 full-batch epoch (8 samples, 193 weights): median {med:.1f} us  (min {lo:.1f}, p90 {p90:.1f}) over 20000 epochs")
