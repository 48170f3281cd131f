#!/bin/sh
# Every picture of the README and of docs/teaching.md, made by the program itself from its one list
# of the guide's screens (Sources/Screen/Guide/GuideScreens.swift; `backprop guide` prints it).
# Run from the package root after a build; GuidePictureTests fails when a committed picture differs.
set -eu
if [ -z "${BACKPROP:-}" ]; then
    BACKPROP=.build/release/backprop
    [ -x "$BACKPROP" ] || BACKPROP=.build/debug/backprop
fi
tab=$(printf '\t')
"$BACKPROP" guide | while IFS="$tab" read -r picture scenario step keys size theme; do
    [ "$keys" = "-" ] && keys=""
    "$BACKPROP" export "$scenario" --to svg --step "$step" --keys "$keys" --size "$size" --theme "$theme" -o "docs/$picture.svg"
    echo "docs/$picture.svg"
done
"$BACKPROP" guide --key-sheet > docs/keys.md
echo docs/keys.md
