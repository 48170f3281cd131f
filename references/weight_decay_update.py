#!/usr/bin/env python3
"""PyTorch reference for the update line with weight decay: the numbers the inspector writes at
one update of w in TestScenarios.weightDecay (ŷ = x·w + b, the settings of weight_decay.py), for
each optimizer: the grad g, g + λ·w as the optimizer steps with it (sgd, momentum, adam), the
velocity or Adam's moments, AdamW's w·(1 − lr·λ), and w before and after. Numbers are float32,
printed in their shortest form (as the screen prints them).

    python3 references/weight_decay_update.py

Tests/ScreenTests/WeightDecayUpdateLineTests.swift holds what it printed (PyTorch 2.15.0, CPU).
"""
import numpy as np
import torch

from weight_decay import SETTINGS, X, Y

STEP = 5  # the second epoch's second sample (update steps from 0)


def f32(v):
    return str(np.float32(v))


def run(name):
    s = SETTINGS[name]
    w = torch.tensor([1.0], requires_grad=True)
    b = torch.tensor([0.0], requires_grad=True)
    if s["optimizer"] == "sgd":
        opt = torch.optim.SGD([w, b], lr=s["lr"], momentum=s.get("momentum", 0), weight_decay=s.get("weight_decay", 0))
    elif s["optimizer"] == "adam":
        opt = torch.optim.Adam([w, b], lr=s["lr"], weight_decay=s.get("weight_decay", 0))
    else:
        opt = torch.optim.AdamW([w, b], lr=s["lr"], weight_decay=s.get("weight_decay", 0.01))
    lam = opt.param_groups[0]["weight_decay"]
    step = 0
    for epoch in range(30):
        for x, y in zip(X, Y):
            loss = (x * w + b - y) ** 2
            loss.backward()
            if step == STEP:
                g = w.grad.clone()
                before = w.detach().clone()
                out = [f"{name} g {f32(g.item())}", f"{name} before {f32(before.item())}"]
                if s["optimizer"] != "adamw":
                    out.append(f"{name} decayed {f32(g.add(before, alpha=lam).item())}")
                else:
                    out.append(f"{name} shrunk {f32(before.mul(1 - s['lr'] * lam).item())}")
                opt.step()
                state = opt.state[w]
                if "momentum_buffer" in state and state["momentum_buffer"] is not None:
                    out.append(f"{name} velocity {f32(state['momentum_buffer'].item())}")
                if "exp_avg" in state:
                    out.append(f"{name} m {f32(state['exp_avg'].item())}")
                    out.append(f"{name} v {f32(state['exp_avg_sq'].item())}")
                out.append(f"{name} after {f32(w.item())}")
                print("\n".join(out))
                return
            opt.step()
            opt.zero_grad()
            step += 1


for name in ["sgd", "momentum", "adam", "adamw"]:
    run(name)
