#!/usr/bin/env bash
# Trains on each data set's train split and scores its dev split, for comparison with
# ../shared/data/BASELINES.md. Each set's training settings are in Benchmarks/eval-sets.txt.
#
#   Benchmarks/eval-baselines.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
swift build -c release --product kiem >/dev/null
KIEM=.build/release/kiem
grep -v '^#' Benchmarks/eval-sets.txt | while read -r set view bits _ _; do
    "$KIEM" train --data "$DATA/$set/train.jsonl" --character-view "$view" --bits "$bits" --out "$WORK/$set.model" 2>/dev/null
    echo "== $set (kiem train --data $set/train.jsonl --character-view $view --bits $bits; kiem eval --data $set/dev.jsonl)"
    "$KIEM" eval --model "$WORK/$set.model" --data "$DATA/$set/dev.jsonl" | grep -E 'macro-F1|MCC|throughput'
done
