#!/usr/bin/env bash
# Issue: `kiem compliance` on 10,000,000 records, on two cores, in under 60 s with under 1 GB.
# Generates the records with `kiem traffic` (realistic campaigns, one-time codes, a spam source),
# then times the check pinned to two cores and reads its peak memory from /usr/bin/time.
#   Benchmarks/compliance-throughput.sh [RECORDS]
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-10000000}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

swift build -c release --product kiem >/dev/null
kiem=.build/release/kiem
echo "generating $count records..."
"$kiem" traffic --count "$count" > "$work/records.jsonl"
"$kiem" traffic --planted 1 --lists "$work" > /dev/null
echo "input: $(du -h "$work/records.jsonl" | cut -f1)"

cores="0,1"
[ "$(nproc)" -lt 2 ] && cores="0"
/usr/bin/time -f "%e %M" -o "$work/time" taskset -c "$cores" "$kiem" compliance --threads 2 \
    --records "$work/records.jsonl" --dnc "$work/dnc.txt" --brandnames "$work/brandnames.txt" \
    > "$work/violations.jsonl" 2> "$work/summary"
read -r seconds kilobytes < "$work/time"
head -n 2 "$work/summary"
echo "violation lines: $(wc -l < "$work/violations.jsonl")"
python3 - "$count" "$seconds" "$kilobytes" <<'PY'
import sys
count, seconds, kb = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
print(f"kiem compliance, 2 threads pinned to cores {'0,1'}: {count:,} records in {seconds:.1f} s "
      f"= {count / seconds:,.0f} records/s, peak memory {kb / 1024:.0f} MB")
print("target: under 60 s and under 1024 MB:", "met" if seconds < 60 and kb < 1024 * 1024 else "NOT met")
PY
