# The optimizer's own numbers for the first two update steps of the shipped 'momentum' and 'adam'
# scenarios, as PyTorch computes them: torch.optim.SGD's momentum_buffer, torch.optim.Adam's
# exp_avg and exp_avg_sq, the bias-corrected m̂ = m/(1−β1ᵗ) and v̂ = v/(1−β2ᵗ) (float64 from the
# stored float32 moments, shown as float32), Adam's step as addcdiv_ forms it, and the params after.
# Printed as the screen prints numbers (the shortest float32 digits); the literals in
# Tests/ScreenTests/OptimizerUpdateTests.swift come from this output.
# Model, data and initial weights as `backprop export momentum --to pytorch` writes them.
import math

import numpy
import torch

dtype = torch.float32
x_data = [[0.0, 0.0], [1.0, 1.0], [-1.0, -1.0], [2.0, 2.0], [1.0, -1.0], [-1.0, 1.0], [2.0, 0.0], [0.0, 2.0]]
y_data = [1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0]


def f(v):
    return str(numpy.float32(v))


def run(name, make_optimizer, lr):
    W1 = torch.tensor([[-0.5241, 0.0885], [-0.2601, 0.2078], [0.2514, -0.8689]], dtype=dtype, requires_grad=True)
    b1 = torch.tensor([[0.0], [0.0], [0.0]], dtype=dtype, requires_grad=True)
    W2 = torch.tensor([[-0.9737, 0.6749, -0.4813]], dtype=dtype, requires_grad=True)
    b2 = torch.tensor([0.0], dtype=dtype, requires_grad=True)
    params = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    optimizer = make_optimizer(list(params.values()))
    x = torch.tensor(x_data, dtype=dtype).T
    y = torch.tensor(y_data, dtype=dtype).reshape(1, -1)
    for t in (1, 2):
        loss = ((W2 @ torch.sigmoid(W1 @ x + b1) + b2 - y) ** 2).mean()
        loss.backward()
        before = {k: p.detach().clone() for k, p in params.items()}
        optimizer.step()
        for k in ("W1", "b2"):
            p = params[k]
            state = optimizer.state[p]
            entry = (0, 0) if p.dim() == 2 else (0,)
            out = [f"{name} t={t} {k}{list(entry)}: g {f(p.grad[entry].item())}",
                   f"before {f(before[k][entry].item())}", f"after {f(p[entry].item())}"]
            if "momentum_buffer" in state:
                out.append(f"v {f(state['momentum_buffer'][entry].item())}")
            if "exp_avg" in state:
                beta1, beta2 = optimizer.defaults["betas"]
                eps = optimizer.defaults["eps"]
                m, v = state["exp_avg"], state["exp_avg_sq"]
                step_size = lr / (1 - beta1 ** t)
                denom = (v.sqrt() / math.sqrt(1 - beta2 ** t)).add_(eps)
                step = ((-step_size) * m) / denom  # addcdiv_(m, denom, value=-step_size) before the add: value·m, then / denom
                m_hat = m[entry].item() / (1 - beta1 ** t)
                v_hat = v[entry].item() / (1 - beta2 ** t)
                out += [f"m {f(m[entry].item())}", f"v {f(v[entry].item())}", f"m_hat {f(m_hat)}",
                        f"v_hat {f(v_hat)}", f"sqrt_v_hat {f(math.sqrt(v_hat))}", f"step {f(step[entry].item())}"]
            print("  ".join(out))
        optimizer.zero_grad(set_to_none=False)


torch.set_num_threads(1)
run("momentum", lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9), 0.1)
run("adam", lambda ps: torch.optim.Adam(ps, lr=0.05, betas=(0.9, 0.999), eps=1e-08), 0.05)
