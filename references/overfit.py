#!/usr/bin/env python3
"""PyTorch reference for scenarios/overfit.toml: a 1-16-1 tanh network overfits ten noisy points.

The scenario as written in the .toml; test_fraction = 0.375 holds out the last 6 of the 16 samples
in file order, and the trainer prints their loss after each epoch (under torch.no_grad(), the
whole test set as one batch). The training loop, the printing and the options are
references/reference_trainer.py's.

How the fixture was made (PyTorch 2.15.0, CPU, float32):
    python3 references/overfit.py --csv > Tests/ScenarioTests/Fixtures/overfit.csv
"""
from reference_trainer import param, set_dtype, tanh, train

set_dtype("float32")

X = [1.76, 1.93, -0.09, -1.43, -3.0, 0.98, -0.18, 1.56, -0.76, 1.62, -1.36, 1.81, 1.38, -0.52, 0.23, 1.09]
Y = [1.1, 1.56, 0.09, -1.08, -1.25, -0.23, 0.16, 0.4, 0.37, 1.31, -0.5, 0.39, 0.97, -0.08, -0.16, 0.23]
TRAIN = 10  # test_fraction = 0.375: round(16 · 0.375) = 6 held out

W1 = param([[-0.7313], [0.6949], [0.5275], [-0.4899], [-0.0091], [-0.101], [0.3032], [0.5774], [-0.8123], [-0.9433], [0.6715], [-0.1345], [0.5246], [-0.9958], [-0.1092], [0.4431]])
b1 = param([-0.5425, 0.8905, 0.8029, -0.9388, -0.9491, 0.0828, 0.8783, -0.2376, -0.5668, -0.1558, -0.9419, -0.5566, -0.1242, -0.0084, -0.5338, -0.5383])
W2 = param([[-0.1406, -0.0202, -0.1051, -0.2393, 0.1688, 0.0282, 0.0711, -0.157, 0.2463, 0.18, -0.1896, -0.0837, 0.1107, 0.1056, 0.2182, -0.0389]])
b2 = param(0.066)
PARAMS = [W1, b1, W2, b2]  # order of first use in the model


def forward(x):
    h = tanh(W1 @ x + b1)
    return W2 @ h + b2


def loss(y_pred, y):
    return (y_pred - y)**2


if __name__ == "__main__":
    train(X[:TRAIN], Y[:TRAIN], PARAMS, forward, loss, predict=[], epochs=600, lr=0.01, batch_size="all",
          optimizer="adam", X_test=X[TRAIN:], Y_test=Y[TRAIN:])
