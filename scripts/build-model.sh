#!/usr/bin/env bash
# Rebuilds the model that ships with Kiem (Sources/KiemDefaults/Resources/kiem-default.model).
#
# Trained only on data whose licence allows shipping it:
#   - Data/examples.jsonl, written by the project (scripts/make-examples.py), all eight labels;
#   - ../shared/data/sms-spam-uci/train.jsonl (UCI SMS Spam Collection, CC BY 4.0), spam → spam, ham → clean.
# Research-only and unlicensed sets (ViHSD, ViSpamReviews, VLSP, vi-smishing) are not used.
#
#   scripts/build-model.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
python3 scripts/make-examples.py > Data/examples.jsonl
swift build -c release --product kiem >/dev/null
.build/release/kiem train \
    --data Data/examples.jsonl \
    --data "$DATA/sms-spam-uci/train.jsonl" \
    --label-map ham= \
    --labels scam,phishing,malware,spam,gambling,sexual,violence,harassment \
    --bits 18 --char-min 4 --char-max 4 \
    --out Sources/KiemDefaults/Resources/kiem-default.model
