#!/usr/bin/env python3
"""TensorFlow Playground's 2-D classification sets, written as the CSVs the shipped scenarios read.

The generators follow Playground's src/dataset.ts (Apache 2.0, Google 2016):
classifyTwoGaussData, classifyCircleData and classifySpiralData, with the same radii, variances
and noise formulas. Two differences, both on purpose:
  - the random numbers come from Python's random.Random with a fixed seed per set (Playground uses
    seedrandom in the browser), so this script writes the same files every time;
  - labels are 1 and 0 (Playground says 1 and -1), the targets of a sigmoid output with BCE.
Numbers are rounded to 4 decimals so the files stay small and read the same everywhere.

Run from the repository's root:
    python3 references/playground_datasets.py
writes Sources/Scenario/Builtin/{gauss,circle,spiral}.csv (the scenarios/ folder is a link there).
"""
import math
import os
import random

SAMPLES = 200  # Playground's slider goes to 500; a few hundred rows keep the files small
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "Scenario", "Builtin")


def two_gauss(rng, n, noise):
    # varianceScale = d3.scale.linear().domain([0, .5]).range([0.5, 4])
    variance = 0.5 + (4 - 0.5) * (noise / 0.5)

    def normal(mean):
        while True:  # Marsaglia's polar method, as normalRandom does it
            v1, v2 = 2 * rng.random() - 1, 2 * rng.random() - 1
            s = v1 * v1 + v2 * v2
            if 0 < s <= 1:
                return mean + math.sqrt(variance) * math.sqrt(-2 * math.log(s) / s) * v1

    points = []
    for cx, cy, label in [(2, 2, 1), (-2, -2, 0)]:
        for _ in range(n // 2):
            points.append((normal(cx), normal(cy), label))
    return points


def circle(rng, n, noise):
    radius = 5

    def label(x, y):
        return 1 if math.hypot(x, y) < radius * 0.5 else 0

    points = []
    for low, high in [(0, radius * 0.5), (radius * 0.7, radius)]:
        for _ in range(n // 2):
            r = rng.uniform(low, high)
            angle = rng.uniform(0, 2 * math.pi)
            x, y = r * math.sin(angle), r * math.cos(angle)
            nx, ny = rng.uniform(-radius, radius) * noise, rng.uniform(-radius, radius) * noise
            points.append((x, y, label(x + nx, y + ny)))
    return points


def spiral(rng, n, noise):
    points = []
    half = n // 2
    for delta, label in [(0, 1), (math.pi, 0)]:
        for i in range(half):
            r = i / half * 5
            t = 1.75 * i / half * 2 * math.pi + delta
            x = r * math.sin(t) + rng.uniform(-1, 1) * noise
            y = r * math.cos(t) + rng.uniform(-1, 1) * noise
            points.append((x, y, label))
    return points


def shuffle(rng, points):
    # Fisher-Yates, as dataset.ts's shuffle: Playground shuffles before training, and so do we,
    # so that a batch holds both classes.
    counter = len(points)
    while counter > 0:
        index = math.floor(rng.random() * counter)
        counter -= 1
        points[counter], points[index] = points[index], points[counter]
    return points


def write(name, points):
    path = os.path.join(OUT, name + ".csv")
    with open(path, "w", newline="") as f:
        f.write("x1,x2,label\n")
        for x, y, label in points:
            f.write(f"{round(x, 4)},{round(y, 4)},{label}\n")
    print(f"wrote {os.path.normpath(path)}: {len(points)} samples")


if __name__ == "__main__":
    # Playground's noise slider is 0..50 and divided by 100; these are its look at noise 0 (gauss 10).
    for name, generate, seed, noise in [("gauss", two_gauss, 14, 0.1), ("circle", circle, 15, 0.0), ("spiral", spiral, 16, 0.0)]:
        rng = random.Random(seed)
        write(name, shuffle(rng, generate(rng, SAMPLES, noise)))
