#!/bin/sh
# The README's pictures, made by the program itself (run from the package root after a build).
set -eu
backprop=${BACKPROP:-.build/release/backprop}
"$backprop" export linear --to svg --step 8 --size 100x30 -o docs/linear-backward.svg
"$backprop" export chain-rule --to svg --step 7 --size 80x24 --theme light -o docs/chain-rule-80x24-light.svg
"$backprop" export xor --to svg --step 28 --size 120x36 -o docs/xor-backward.svg
