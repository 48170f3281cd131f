#!/usr/bin/env python3
"""PyTorch reference for scenarios/adam.toml: Adam on the band problem.

The band problem (data, params, model, predict) is activation.py's, as the .toml says; the
training loop, the printing and the options are references/reference_trainer.py's (which
also lists backprop's conventions). Prints the lecture-style transcript (default) or the
per-epoch loss CSV (--csv); --epochs N trains N epochs only.

How the fixtures were made (PyTorch 2.15.0, CPU, float32):
    python3 references/adam.py       > Tests/ScenarioTests/Fixtures/adam.transcript
    python3 references/adam.py --csv > Tests/ScenarioTests/Fixtures/adam.csv
"""
from activation import PARAMS, PREDICT, X, Y, forward, loss
from reference_trainer import train


if __name__ == "__main__":
    train(X, Y, PARAMS, forward, loss, predict=PREDICT,
          epochs=200, lr=0.05, batch_size="all", optimizer="adam")
