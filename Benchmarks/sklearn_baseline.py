"""The reference pipeline of ../shared/data/BASELINES.md, timed on the same texts as Kiem.

TF-IDF over word 1-2-grams plus char_wb 2-5-grams (sublinear tf), LinearSVC; trained on the
train split of the data sets named, then `predict` on the benchmark texts in one call (batch),
best of three. Prints messages per second.
"""
import json
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, make_pipeline
from sklearn.svm import LinearSVC


def read(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def main():
    bench_path, train_paths = sys.argv[1], sys.argv[2:]
    train = [row for path in train_paths for row in read(path)]
    texts = [row["text"] for row in read(bench_path)]
    features = FeatureUnion([
        ("word", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)),
    ])
    model = make_pipeline(features, LinearSVC())
    model.fit([row["text"] for row in train], [str(row["label"]) for row in train])
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        model.predict(texts)
        best = min(best, time.perf_counter() - start)
    print(f"{len(texts) / best:.0f}")


if __name__ == "__main__":
    main()
