"""The reference pipeline of ../shared/data/BASELINES.md, timed on the same texts as Kiem.

TF-IDF over word 1-2-grams plus char_wb 2-5-grams (sublinear tf), LinearSVC; trained on the
train split of the data sets named, then `predict` on the benchmark texts (repeated to at least
20,000) in one call (batch).

    sklearn_baseline.py BENCH.jsonl TRAIN.jsonl... [--kiem KIEM --batch BATCH.jsonl] [--rounds N]

Alone, it prints the best of N rounds in messages per second. With --kiem, each round times
scikit-learn and then `KIEM check --jsonl BATCH` back to back, so both see the same machine
(these shared machines drift by half within minutes); it prints one line per round and the
best of each. Run it under `taskset -c 0`: the Kiem process inherits the pinning.
"""
import argparse
import json
import subprocess
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, make_pipeline
from sklearn.svm import LinearSVC


def read(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bench")
    parser.add_argument("train", nargs="+")
    parser.add_argument("--kiem")
    parser.add_argument("--batch")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    train = [row for path in args.train for row in read(path)]
    texts = [row["text"] for row in read(args.bench)]
    # At least 20,000 texts a round (the bench set repeated), so that a round lasts seconds.
    texts = texts * max(1, -(-20_000 // max(1, len(texts))))
    features = FeatureUnion([
        ("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
    ])
    model = make_pipeline(features, LinearSVC())
    model.fit([row["text"] for row in train], [str(row["label"]) for row in train])
    lines = sum(1 for _ in open(args.batch, encoding="utf-8")) if args.batch else 0
    best_sklearn, best_kiem = 0.0, 0.0
    for round_number in range(1, args.rounds + 1):
        start = time.perf_counter()
        model.predict(texts)
        sklearn_rate = len(texts) / (time.perf_counter() - start)
        best_sklearn = max(best_sklearn, sklearn_rate)
        if not args.kiem:
            continue
        output = args.batch + ".out"
        start = time.perf_counter()
        with open(output, "wb") as sink:
            status = subprocess.run([args.kiem, "check", "--jsonl", args.batch], stdout=sink).returncode
        kiem_rate = lines / (time.perf_counter() - start)
        written = sum(1 for _ in open(output, "rb"))
        if status != 0 or written != lines:
            raise SystemExit(f"kiem check answered {written} lines of {lines} (exit {status})")
        best_kiem = max(best_kiem, kiem_rate)
        print(f"round {round_number}: scikit-learn {sklearn_rate:,.0f} messages/s, kiem {kiem_rate:,.0f} lines/s, "
              f"ratio {kiem_rate / sklearn_rate:.1f}x")
    if args.kiem:
        print(f"best: scikit-learn {best_sklearn:,.0f} messages/s, kiem {best_kiem:,.0f} lines/s, ratio {best_kiem / best_sklearn:.1f}x")
    else:
        print(f"{best_sklearn:.0f}")


if __name__ == "__main__":
    main()
