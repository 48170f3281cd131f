#!/usr/bin/env python3
"""The lecture's script on micrograd (Andrej Karpathy's ~100-line engine: `pip install micrograd`),
for `backprop bench`'s whole-process row: the same model, data, 100 epochs and printout as
`backprop train linear` and references/linear.py. micrograd computes in Python floats (float64),
so its digits differ from float32's after the first steps; the work is the same.
"""
from micrograd.engine import Value

x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]
w = Value(1.0)


def forward(x): return w * x


def loss(x, y): y_pred = forward(x); return (y_pred - y)**2


print("predict (before training)", 4, forward(4).data)
for epoch in range(100):
    for x, y in zip(x_data, y_data):
        l = loss(x, y)
        l.backward()
        print('\tgrad:', x, y, w.grad)
        w.data = w.data - 0.01 * w.grad
        w.grad = 0
    print('progress:', epoch, l.data)
print("predict (after training)", 4, forward(4).data)
