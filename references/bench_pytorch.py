#!/usr/bin/env python3
"""PyTorch's side of `backprop bench`: a child process that times one round when asked, so the
bench can interleave the two sides round by round (ours, PyTorch, ours, ...) and give them the
same number of draws.

It trains what `backprop export SCENARIO --to pytorch` wrote for the very scenario the bench
trains: the same model, data and initial weights. From that script it keeps everything before
the training loop (minus the printing of predictions) and, as one epoch, the body of
`for epoch in range(...)` minus its print() lines, run at module level (exec of one compiled
code object per epoch, so the script's own names and optimizer work as written).

Protocol, one line in and one line out (stdin/stdout):
  load NAME PATH              -> "ok LOSS": PATH is the exported script; one epoch is trained
                                 and LOSS is its last step's loss (the bench checks it against
                                 its own first epoch: the same model)
  time NAME COUNT THREADS     -> "SECONDS": COUNT epochs of NAME with torch.set_num_threads(THREADS)
                                 (0: PyTorch's default), wall seconds per epoch (time.perf_counter)
  repr COUNT                  -> "SECONDS": per repr() of a float (Python printing a number)
  quit
The first line it prints: "torch VERSION threads N capability CAP".
A failure answers "error MESSAGE" and the child goes on.

Run by hand: python3 references/bench_pytorch.py < commands.txt
"""
import random
import sys
import textwrap
import time

import torch

DEFAULT_THREADS = torch.get_num_threads()


class Epochs:
    """One scenario's exported script, cut into its set-up and one epoch of its training loop."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        start = next(i for i, line in enumerate(lines) if line.startswith("for epoch in range("))
        body = []
        for line in lines[start + 1:]:
            if line.strip() and not line.startswith(" "):
                break
            body.append(line)
        setup = [line for line in lines[:start] if not line.startswith(("predict(", "print("))]
        body = [line for line in body if not line.strip().startswith("print(")]
        # print() answers nothing: this process's output is the protocol.
        self.names = {"__name__": "bench", "print": lambda *args, **kwargs: None}
        exec(compile("\n".join(setup), path, "exec"), self.names)
        self.epoch = compile(textwrap.dedent("\n".join(body)), path + " (one epoch)", "exec")

    def run(self, count):
        epoch, names = self.epoch, self.names
        for _ in range(count):
            exec(epoch, names)

    def loss(self):
        return float(self.names["l"].item())


def main():
    cap = torch.backends.cpu.get_cpu_capability() if hasattr(torch.backends, "cpu") else "unknown"
    print("torch", torch.__version__, "threads", DEFAULT_THREADS, "capability", cap, flush=True)
    scenarios = {}
    values = [random.Random(5).uniform(-10, 10) for _ in range(10000)]
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        try:
            if words[0] == "quit":
                break
            if words[0] == "load":
                e = Epochs(" ".join(words[2:]))
                e.run(1)
                scenarios[words[1]] = e
                print("ok", repr(e.loss()), flush=True)
            elif words[0] == "time":
                e, count, threads = scenarios[words[1]], int(words[2]), int(words[3])
                torch.set_num_threads(threads if threads > 0 else DEFAULT_THREADS)
                t0 = time.perf_counter()
                e.run(count)
                print(repr((time.perf_counter() - t0) / count), flush=True)
            elif words[0] == "repr":
                count = int(words[1])
                t0 = time.perf_counter()
                for _ in range(count):
                    for v in values:
                        repr(v)
                print(repr((time.perf_counter() - t0) / (count * len(values))), flush=True)
            else:
                print("error unknown command", words[0], flush=True)
        except Exception as error:  # the bench prints it and goes on without this row
            print("error", type(error).__name__, str(error).replace("\n", " "), flush=True)


if __name__ == "__main__":
    main()
