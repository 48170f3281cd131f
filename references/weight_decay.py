#!/usr/bin/env python3
"""PyTorch reference for [train] weight_decay: the lecture's line with a bias, ŷ = x·w + b, trained
by each optimizer with weight decay (the scenario text is TestScenarios.weightDecay in
Tests/TestSupport): sgd, sgd with momentum and adam add λ·w to the gradient (L2, PyTorch's
`weight_decay`), adamw shrinks w by lr·λ·w before its Adam step (decoupled); adamw-default
leaves weight_decay out, so AdamW's default 0.01 applies; momentum-only has no decay at all
(it pins momentum's update, param.add_(buf, alpha=-lr), one fused rounding).

    python3 references/weight_decay.py OPTIMIZER [--csv]

How the fixtures were made (PyTorch 2.15.0, CPU, float32):
    for o in sgd momentum momentum-only adam adamw adamw-default; do
        python3 references/weight_decay.py $o > Tests/ScenarioTests/Fixtures/weight-decay-$o.transcript
    done
"""
import sys

from reference_trainer import param, set_dtype, train

set_dtype("float32")

X = [1.0, 2.0, 3.0, 4.0]
Y = [3.0, 5.0, 7.0, 9.0]

w = param(1.0)
b = param(0.0)
PARAMS = [w, b]  # order of first use in the model


def forward(x):
    y_pred = x * w + b
    return y_pred


def loss(y_pred, y):
    return (y_pred - y)**2


# OPTIMIZER -> train()'s settings, as TestScenarios.weightDecay writes them in [train].
SETTINGS = {
    "sgd": dict(optimizer="sgd", lr=0.02, weight_decay=0.1),
    "momentum": dict(optimizer="sgd", lr=0.01, momentum=0.9, weight_decay=0.05),
    "momentum-only": dict(optimizer="sgd", lr=0.01, momentum=0.9),
    "adam": dict(optimizer="adam", lr=0.1, weight_decay=0.2),
    "adamw": dict(optimizer="adamw", lr=0.1, weight_decay=0.3),
    "adamw-default": dict(optimizer="adamw", lr=0.1),
}

if __name__ == "__main__":
    name = sys.argv.pop(1)
    train(X, Y, PARAMS, forward, loss, predict=[5.0], epochs=30, batch_size=1, **SETTINGS[name])
