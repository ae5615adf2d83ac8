#!/usr/bin/env bash
# Speed of `kiem check --jsonl` against the scikit-learn reference pipeline, in one run, on
# the same texts, each pinned to one core (taskset -c 0).
#
#   Benchmarks/check-throughput.sh            # uses ../shared/data
#
# Texts: the dev splits of the SMS sets (vi-smishing-ie403, sms-spam-uci), repeated to
# 200,000 lines so the run is long enough to time. Needs python3 with scikit-learn
# (pip install scikit-learn) and a release build (built here).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

swift build -c release --product kiem >/dev/null
KIEM=.build/release/kiem

cat "$DATA/vi-smishing-ie403/dev.jsonl" "$DATA/sms-spam-uci/dev.jsonl" > "$WORK/texts.jsonl"
python3 - "$WORK/texts.jsonl" "$WORK/batch.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for i in range(200_000):
        row = rows[i % len(rows)]
        out.write(json.dumps({"id": f"m{i}", "text": row["text"], "source": "sms"}, ensure_ascii=False) + "\n")
PY
lines=$(wc -l < "$WORK/batch.jsonl")

echo "texts: $lines lines (dev splits of vi-smishing-ie403 and sms-spam-uci, repeated)"
echo "each round: scikit-learn TF-IDF + LinearSVC batch predict, then kiem check --jsonl (shipped model"
echo "and rules, read, check, write JSON), back to back, both pinned to core 0"
taskset -c 0 python3 Benchmarks/sklearn_baseline.py "$WORK/texts.jsonl" \
    "$DATA/vi-smishing-ie403/train.jsonl" "$DATA/sms-spam-uci/train.jsonl" \
    --kiem "$KIEM" --batch "$WORK/batch.jsonl" --rounds "${ROUNDS:-5}"
taskset -c 0 "$KIEM" bench --data "$WORK/texts.jsonl" --seconds 2
