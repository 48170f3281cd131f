#!/usr/bin/env python3
"""The 8×8 handwritten digits, as the CSV the shipped `digits` scenario reads.

Source: "Optical Recognition of Handwritten Digits" (E. Alpaydin, C. Kaynak, 1998), UCI Machine
Learning Repository, https://doi.org/10.24432/C50P49, licensed CC BY 4.0. scikit-learn ships the
test part of it (1797 images) as sklearn.datasets.load_digits; we keep its first 300 images
(29 to 32 of each digit), in its order. Each image is 8×8 cells counting the dark pixels of a
4×4 block of the 32×32 scan, 0…16; p0…p63 are the cells row by row from the top left.

Run from the repository's root (pip install scikit-learn):
    python3 references/digits_dataset.py
writes Sources/Scenario/Builtin/digits.csv (the scenarios/ folder is a link there), and prints the
scenario's initial weights (Python random.Random(1).uniform(±1/√fan_in), rounded to 4 decimals).
"""
import math
import os
import random

from sklearn.datasets import load_digits

SAMPLES = 300
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "Scenario", "Builtin", "digits.csv")


def weights(sizes, seed):
    rng = random.Random(seed)
    lines = []
    for k, (a, b) in enumerate(zip(sizes, sizes[1:]), 1):
        bound = 1 / math.sqrt(a)
        rows = [[round(rng.uniform(-bound, bound), 4) for _ in range(a)] for _ in range(b)]
        bias = [round(rng.uniform(-bound, bound), 4) for _ in range(b)]
        lines.append(f"W{k} = [\n" + "".join(f"    {r},\n" for r in rows) + "]")
        lines.append(f"b{k} = {bias}")
    return "\n".join(lines)


if __name__ == "__main__":
    digits = load_digits()
    with open(OUT, "w", newline="") as f:
        f.write(",".join(f"p{i}" for i in range(64)) + ",label\n")
        for image, label in zip(digits.data[:SAMPLES], digits.target[:SAMPLES]):
            f.write(",".join(str(int(v)) for v in image) + f",{int(label)}\n")
    print(f"# wrote {os.path.normpath(OUT)}: {SAMPLES} images")
    print(weights([64, 16, 10], 1))
