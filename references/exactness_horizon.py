#!/usr/bin/env python3
"""How long each tensor scenario agrees with PyTorch: the epoch up to which backprop's loss per
epoch stays within 1e-4 (relative) of PyTorch's, over the scenario's whole run.

Scalar scenarios equal PyTorch's transcript byte for byte (their fixtures hold that). A tensor
scenario's matrix products add in the order of k, one rounding a step, where PyTorch's BLAS adds
in blocks with fused multiply-adds: the last bits differ from the first epoch on, and training
carries such differences along — shrinking them where it converges, growing them where it is
chaotic (deep193 at lr 5 leaving its plateau, Adam on the Playground sets). This measures where
each scenario leaves the 1e-4 band, if it does.

backprop's side is `backprop train NAME --format csv`; PyTorch's is references/NAME.py --csv (the
script that wrote Tests/ScenarioTests/Fixtures/NAME.csv). With --fixtures, PyTorch's side is read
from those fixtures instead (no torch needed): what the test `exactnessHorizonsAreAsDocumented` does.

Run: python3 references/exactness_horizon.py [--backprop PATH] [--fixtures] [NAME ...]
Prints the markdown table of docs/exactness.md.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TENSOR_SCENARIOS = ["logistic", "collapse", "activation", "momentum", "adam", "xor", "deep193",
                    "gauss", "circle", "spiral", "digits", "overfit", "sine", "l1-l2", "circle-features"]
BAND = 1e-4


def losses(csv_text):
    rows = csv_text.strip().split("\n")[1:]
    return [float(row.split(",")[1]) for row in rows]


def horizon(ours, theirs):
    """The last epoch up to which every epoch agrees within BAND (-1: not even epoch 0), and the first that does not."""
    for epoch, (x, y) in enumerate(zip(ours, theirs)):
        if x != x and y != y:  # both nan
            continue
        if not abs(x - y) <= BAND * abs(y):
            return epoch - 1, epoch
    return min(len(ours), len(theirs)) - 1, None


def main():
    args = sys.argv[1:]
    backprop = os.path.join(ROOT, ".build", "release", "backprop")
    if "--backprop" in args:
        i = args.index("--backprop")
        backprop = args[i + 1]
        del args[i:i + 2]
    from_fixtures = "--fixtures" in args
    names = [a for a in args if not a.startswith("--")] or TENSOR_SCENARIOS
    print("| scenario | epochs | agrees within 1e-4 through epoch | first epoch outside | last epoch's loss: backprop | PyTorch |")
    print("|---|---|---|---|---|---|")
    for name in names:
        ours = losses(subprocess.run([backprop, "train", name, "--format", "csv"], check=True,
                                     capture_output=True, text=True).stdout)
        if from_fixtures:
            with open(os.path.join(ROOT, "Tests", "ScenarioTests", "Fixtures", name + ".csv"), encoding="utf-8") as f:
                theirs = losses(f.read())
        else:
            theirs = losses(subprocess.run([sys.executable, os.path.join(HERE, name + ".py"), "--csv"], check=True,
                                           capture_output=True, text=True, cwd=HERE).stdout)
        last, first_out = horizon(ours, theirs)
        agrees = "all" if first_out is None else str(last)
        print(f"| {name} | {len(theirs)} | {agrees} | {'—' if first_out is None else first_out} "
              f"| {ours[-1]:.6g} | {theirs[-1]:.6g} |")


if __name__ == "__main__":
    main()
