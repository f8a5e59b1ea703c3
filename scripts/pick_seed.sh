#!/bin/sh
# Scans seeds 1…N of levelfield-datagen and prints each one's distance of the first quarter
# from the paper's figures (scripts/check_synthetic.py). How the default seed was chosen.
# usage: scripts/pick_seed.sh [N]   (after `swift build --product levelfield-datagen`)
set -e
N=${1:-40}
dir=$(mktemp -d)
seed=1
while [ "$seed" -le "$N" ]; do
    .build/debug/levelfield-datagen --out "$dir" --seed "$seed" 2>/dev/null
    printf '%s ' "$seed"
    python3 scripts/check_synthetic.py --data "$dir" --periods 1 | grep distance
    seed=$((seed + 1))
done | sort -t: -k2 -g | head -10
rm -r "$dir"
