#!/usr/bin/env bash
# K-fold cross-validation of `kiem train` against the two scikit-learn baselines of
# ../shared/data/BASELINES.md, on each data set's train and dev splits pooled, so that each
# comparison rests on five held-out folds instead of one dev split. The test splits are not read.
# Each set is trained with the settings of Benchmarks/eval-sets.txt, as eval-baselines.sh does.
#
#   Benchmarks/cross-validation.sh                 # all five sets, 5 folds (about 10 minutes)
#   FOLDS=3 Benchmarks/cross-validation.sh vihsd   # some sets, other fold counts
#
# Needs python3 with scikit-learn. Prints per fold and per set: Kiem, LinearSVC and class-balanced
# LogisticRegression, by the metric BASELINES.md uses for the set (MCC or macro-F1, eval-sets.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/data}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
swift build -c release --product kiem >/dev/null
KIEM=.build/release/kiem

SETS=${*:-$(grep -v '^#' Benchmarks/eval-sets.txt | cut -d' ' -f1)}

for set in $SETS; do
    line=$(grep "^$set " Benchmarks/eval-sets.txt) || { echo "unknown set: $set" >&2; exit 2; }
    read -r _ view bits metric _ <<< "$line"
    python3 - "$KIEM" "$DATA/$set" "$set" "$view" "$bits" "$metric" "${FOLDS:-5}" "$WORK" <<'PY'
import json, random, re, statistics, subprocess, sys
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score, matthews_corrcoef
from sklearn.pipeline import FeatureUnion, make_pipeline
from sklearn.svm import LinearSVC

kiem, folder, name, view, bits, metric, folds, work = sys.argv[1:9]
folds = int(folds)
mcc = metric == "mcc"
rows = [json.loads(line) for split in ("train", "dev")
        for line in open(f"{folder}/{split}.jsonl", encoding="utf-8") if line.strip()]
random.Random(7).shuffle(rows)
metric = "MCC" if mcc else "macro-F1"
print(f"== {name}: {len(rows)} examples (train + dev), {folds} folds, {metric}; "
      f"kiem train --character-view {view} --bits {bits}", flush=True)

def write(path, part):
    with open(path, "w", encoding="utf-8") as out:
        out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in part)

scores = []
for fold in range(folds):
    held = rows[fold::folds]
    train = [row for index, row in enumerate(rows) if index % folds != fold]
    write(f"{work}/train.jsonl", train)
    write(f"{work}/held.jsonl", held)
    subprocess.run([kiem, "train", "--data", f"{work}/train.jsonl", "--character-view", view, "--bits", bits,
                    "--out", f"{work}/fold.model"], check=True, capture_output=True)
    report = subprocess.run([kiem, "eval", "--model", f"{work}/fold.model", "--data", f"{work}/held.jsonl"],
                            check=True, capture_output=True, text=True).stdout
    found = re.search(r"^MCC[^:]*: (-?[0-9.]+)" if mcc else r"^macro-F1: ([0-9.]+)", report, re.M)
    if not found:
        sys.exit(f"no {metric} in kiem eval's report:\n{report}")
    row = [float(found.group(1))]
    texts, labels = [r["text"] for r in train], [str(r["label"]) for r in train]
    gold = [str(r["label"]) for r in held]
    for classifier in (LinearSVC(), LogisticRegression(class_weight="balanced", max_iter=2000)):
        model = make_pipeline(FeatureUnion([
            ("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
            ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
        ]), classifier)
        model.fit(texts, labels)
        predicted = model.predict([r["text"] for r in held])
        row.append(matthews_corrcoef(gold, predicted) if mcc else f1_score(gold, predicted, average="macro"))
    scores.append(row)
    print(f"fold {fold + 1}: kiem {row[0]:.4f}  LinearSVC {row[1]:.4f}  LR balanced {row[2]:.4f}", flush=True)
means = [statistics.mean(column) for column in zip(*scores)]
ahead = sum(row[0] >= max(row[1], row[2]) for row in scores)
print(f"mean: kiem {means[0]:.4f}  LinearSVC {means[1]:.4f}  LR balanced {means[2]:.4f}; "
      f"kiem at least the better baseline in {ahead} of {folds} folds", flush=True)
PY
done
