#!/usr/bin/env bash
# Claim matching at scale: builds N known claims (default 1,000,000) from sentences of
# ../shared/data (windows of 8-20 words of real Vietnamese text, plus the project's claims), imports
# them into a fresh SQLite store with `kiem claims import`, then measures `kiem check --db` on one
# core: start-up (loading and indexing every claim), peak memory, and lines per second on 20,000
# posts (half of them embedding a known claim), against the same run without a claim store.
# Usage: Benchmarks/claims-scale.sh [N]   (after swift build -c release --product kiem)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000000}
KIEM=.build/release/kiem
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 - "$N" "$WORK" <<'PY'
import json, random, sys, glob
n, work = int(sys.argv[1]), sys.argv[2]
random.seed(11)
words = []
for path in sorted(glob.glob('../shared/data/*/train.jsonl')):
    for line in open(path, encoding='utf-8'):
        text = json.loads(line).get('text', '')
        if any(ord(c) > 0x7f for c in text):
            words.append(text.split())
own = [json.loads(l)['text'] for l in open('Sources/KiemDefaults/Resources/demo-claims.jsonl', encoding='utf-8')]
seen = set()
with open(f'{work}/claims.jsonl', 'w', encoding='utf-8') as out:
    for i, text in enumerate(own):
        out.write(json.dumps({"id": f"own-{i}", "text": text, "verdict": "false"}, ensure_ascii=False) + "\n")
    count = len(own)
    while count < n:
        sentence = random.choice(words)
        if len(sentence) < 8: continue
        size = random.randint(8, min(20, len(sentence)))
        start = random.randint(0, len(sentence) - size)
        text = " ".join(sentence[start:start + size])
        if text in seen: continue
        seen.add(text)
        out.write(json.dumps({"id": f"c{count}", "text": text, "verdict": random.choice(["false", "misleading"])}, ensure_ascii=False) + "\n")
        count += 1
claims = own + random.sample(sorted(seen), 2000)
with open(f'{work}/posts.jsonl', 'w', encoding='utf-8') as out:
    for i in range(20000):
        context = " ".join(random.choice(words)[:30])
        text = (context + ". " + random.choice(claims) + ". Mọi người chia sẻ nhé") if i % 2 == 0 else context
        out.write(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n")
PY
echo "claims: $(wc -l < "$WORK/claims.jsonl"), posts: $(wc -l < "$WORK/posts.jsonl")"
/usr/bin/time -f "import: %e s, peak %M KB" "$KIEM" claims import --db "$WORK/kiem.sqlite" "$WORK/claims.jsonl"
# Start-up: load and index every claim, check one line.
echo '{"text": "x"}' > "$WORK/one.jsonl"
/usr/bin/time -f "start-up with the claim store (load + index + one check): %e s, peak %M KB" taskset -c 0 "$KIEM" check --db "$WORK/kiem.sqlite" --jsonl "$WORK/one.jsonl" > /dev/null
base=$( { /usr/bin/time -f "%e" taskset -c 0 "$KIEM" check --jsonl "$WORK/posts.jsonl" > /dev/null; } 2>&1 )
with=$( { /usr/bin/time -f "%e %M" taskset -c 0 "$KIEM" check --db "$WORK/kiem.sqlite" --jsonl "$WORK/posts.jsonl" > "$WORK/out.jsonl"; } 2>&1 )
start=$( { /usr/bin/time -f "%e" taskset -c 0 "$KIEM" check --db "$WORK/kiem.sqlite" --jsonl "$WORK/one.jsonl" > /dev/null; } 2>&1 )
python3 - "$base" "$with" "$start" "$WORK/out.jsonl" <<'PY'
import json, sys
base = float(sys.argv[1]); total, peak = sys.argv[2].split(); total = float(total); start = float(sys.argv[3])
lines = sum(1 for _ in open(sys.argv[4]))
matched = sum(1 for l in open(sys.argv[4]) if json.loads(l)["matches"])
checking = total - start
print(f"one core: without claims {20000/base:,.0f} lines/s; with the claim store {20000/max(checking,1e-9):,.0f} lines/s after start-up "
      f"({checking:.2f} s for {lines} posts, start-up {start:.1f} s, peak {int(peak)/1024:,.0f} MB); {matched} posts matched a claim")
PY
