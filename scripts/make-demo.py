#!/usr/bin/env python3
"""Writes Sources/KiemDefaults/Resources/demo-items.jsonl, the items `kiem serve --demo` seeds:
about 300 Vietnamese and English messages drawn (with a fixed seed) from Data/examples.jsonl,
each given a source (SMS, Zalo, Facebook, e-mail, tipline) and an age in minutes, so the demo
has a realistic mix of scams, phishing, spam, abuse and ordinary messages over two weeks.

    python3 scripts/make-demo.py > Sources/KiemDefaults/Resources/demo-items.jsonl
"""
import json
import random
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
rows = [json.loads(line) for line in (root / "Data" / "examples.jsonl").open(encoding="utf-8")]
rng = random.Random(2026)
harmful = [row for row in rows if row.get("labels")]
clean = [row for row in rows if not row.get("labels")]
chosen = rng.sample(harmful, 200) + rng.sample(clean, 100)
rng.shuffle(chosen)
sources = ["sms"] * 5 + ["zalo"] * 2 + ["facebook"] * 2 + ["email", "tipline"]
for index, row in enumerate(chosen):
    item = {
        "source": rng.choice(sources),
        "external_id": f"demo-{index:04d}",
        "text": row["text"],
        "age_minutes": rng.randint(5, 14 * 24 * 60),
    }
    sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
