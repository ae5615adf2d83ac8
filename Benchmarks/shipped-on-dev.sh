#!/usr/bin/env bash
# How the shipped engine (model, rules, policy) answers the dev splits of the SMS sets, which it
# was not tuned on: a message counts as flagged when `top` is not "clean".
#
#   Benchmarks/shipped-on-dev.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
swift build -c release --product kiem >/dev/null
for set in sms-spam-uci vi-smishing-ie403; do
    .build/release/kiem check --jsonl "$DATA/$set/dev.jsonl" | python3 -c '
import collections, json, sys
gold = [json.loads(line)["label"] for line in open(sys.argv[1], encoding="utf-8")]
out = [json.loads(line) for line in sys.stdin]
tops = collections.Counter((g, o["top"]) for g, o in zip(gold, out))
positive = {"spam", "smishing"}
tp = sum(n for (g, t), n in tops.items() if g in positive and t != "clean")
fp = sum(n for (g, t), n in tops.items() if g not in positive and t != "clean")
fn = sum(n for (g, t), n in tops.items() if g in positive and t == "clean")
print(f"{sys.argv[2]}: flagged precision {tp / max(tp + fp, 1):.3f}, recall {tp / max(tp + fn, 1):.3f}")
print("  gold → top:", ", ".join(f"{g}→{t} {n}" for (g, t), n in sorted(tops.items())))
' "$DATA/$set/dev.jsonl" "$set"
done
