#!/usr/bin/env bash
# Issue: with `wrk` against a release build of `kiem serve` (SQLite), POST /v1/check keeps at
# least half the requests per second of GET /healthz, and batch ingest (POST /v1/items, 1,000
# items a request, each checked and stored durably) reaches 20,000 items/s.
#   Benchmarks/server-throughput.sh [SECONDS] [ROUNDS]
# Each round measures /healthz, /v1/check and ingest (with and without the campaign watch) back to
# back, SECONDS each (default 10), ROUNDS times (default 3): these two-core machines drift by half
# within minutes, so a ratio is only fair between measurements taken side by side. The verdict on
# each target uses the median round.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
rounds="${2:-3}"
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
swift build -c release --product kiem >/dev/null
kiem=$PWD/.build/release/kiem
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token=$("$kiem" token create --db "$dir/kiem.sqlite" --role analyst --name bench)
"$kiem" serve --db "$dir/kiem.sqlite" --host 127.0.0.1 --port "$port" > "$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.5; done

cat > "$dir/check.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
wrk.body = '{"id": "b1", "text": "Vietcombank: tai khoan cua quy khach bi tam khoa do giao dich bat thuong. Vui long xac minh tai https://vietcombank-xacminh.top truoc 17h hom nay"}'
LUA
cat > "$dir/ingest.lua" <<LUA
local texts = {
  "Vietcombank: tai khoan cua quy khach bi tam khoa, xac minh tai https://vietcombank-xacminh.top",
  "Mai em qua lấy đồ nhé, nhớ để ở cổng giúp em",
  "Nhà cái uy tín, nạp lần đầu tặng 100%, rút tiền nhanh",
  "[QC] Giảm 50% toàn bộ điện thoại, trả góp 0%. Từ chối QC soạn TC gửi 9123",
  "Your parcel is waiting, pay the customs fee at https://dhl-express-vn.info",
}
-- Each wrk thread gets its own id (a global set in its Lua state), so no two requests send the
-- same external_id: every item is new and goes the whole way (checked, stored, indexed, audited).
local counter = 0
local next_thread = 0
function setup(thread)
  next_thread = next_thread + 1
  thread:set("thread_id", next_thread)
end
request = function()
  counter = counter + 1
  local parts = {}
  for i = 1, 1000 do
    parts[i] = string.format('{"source":"sms","external_id":"ROUND-%d-%d-%d","text":"%s #%d"}', thread_id, counter, i, texts[(i % 5) + 1], i)
  end
  return wrk.format("POST", "/v1/items", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer $token"}, '{"items":[' .. table.concat(parts, ",") .. ']}')
end
LUA

rps() { awk '/Requests\/sec/ {print $2}'; }
echo "warming up..."
wrk -t2 -c16 -d2s "http://127.0.0.1:$port/healthz" >/dev/null
wrk -t2 -c16 -d2s -s "$dir/check.lua" "http://127.0.0.1:$port/v1/check" >/dev/null
# The same ingest on a second server without the campaign watch (clusters and spike series), to
# show its cost in the same round.
plain_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$kiem" serve --db "$dir/plain.sqlite" --host 127.0.0.1 --port "$plain_port" --no-campaign-watch > "$dir/plain.log" 2>&1 &
plain_server=$!
trap 'kill $server $plain_server 2>/dev/null || true; wait $server $plain_server 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$plain_port/readyz" >/dev/null 2>&1 && break; sleep 0.5; done
plain_token=$("$kiem" token create --db "$dir/plain.sqlite" --role analyst --name bench2)
results=""
acknowledged=0
plain_acknowledged=0
for round in $(seq 1 "$rounds"); do
  # Every round sends new external ids, so every item goes the whole way.
  sed "s/ROUND/r$round/" "$dir/ingest.lua" > "$dir/round.lua"
  sed "s/Bearer $token/Bearer $plain_token/" "$dir/round.lua" > "$dir/plain.lua"
  health=$(wrk -t2 -c32 -d"${seconds}s" "http://127.0.0.1:$port/healthz" | rps)
  check=$(wrk -t2 -c32 -d"${seconds}s" -s "$dir/check.lua" "http://127.0.0.1:$port/v1/check" | tee "$dir/check.txt" | rps)
  grep -q "Non-2xx" "$dir/check.txt" && { echo "POST /v1/check answered errors:"; cat "$dir/check.txt"; exit 1; }
  ingest=$(wrk -t2 -c2 -d"${seconds}s" -s "$dir/round.lua" "http://127.0.0.1:$port/v1/items" | tee "$dir/ingest.txt" | rps)
  grep -q "Non-2xx" "$dir/ingest.txt" && { echo "POST /v1/items answered errors:"; cat "$dir/ingest.txt"; exit 1; }
  plain=$(wrk -t2 -c2 -d"${seconds}s" -s "$dir/plain.lua" "http://127.0.0.1:$plain_port/v1/items" | tee "$dir/plain.txt" | rps)
  grep -q "Non-2xx" "$dir/plain.txt" && { echo "POST /v1/items (no campaign watch) answered errors:"; cat "$dir/plain.txt"; exit 1; }
  acknowledged=$((acknowledged + $(awk '/requests in/ {print $1}' "$dir/ingest.txt") * 1000))
  plain_acknowledged=$((plain_acknowledged + $(awk '/requests in/ {print $1}' "$dir/plain.txt") * 1000))
  results="$results $health,$check,$ingest,$plain"
done
kill $plain_server 2>/dev/null || true
count() { python3 -c "import sqlite3; print(sqlite3.connect('$1').execute('select count(*) from items').fetchone()[0])"; }
stored=$(count "$dir/kiem.sqlite")
plain_stored=$(count "$dir/plain.sqlite")
[ "$stored" -ge "$acknowledged" ] || { echo "only $stored items stored for $acknowledged new items acknowledged"; exit 1; }
[ "$plain_stored" -ge "$plain_acknowledged" ] || { echo "only $plain_stored items stored for $plain_acknowledged new items acknowledged (no watch)"; exit 1; }
python3 - "$stored" $results <<'PY'
import statistics, sys
stored = int(sys.argv[1])
rounds = [tuple(float(x) for x in arg.split(",")) for arg in sys.argv[2:]]
print(f"{'round':>5} {'GET /healthz':>13} {'POST /v1/check':>15} {'share':>6} {'ingest items/s':>15} {'no watch':>10}")
for index, (health, check, ingest, plain) in enumerate(rounds, 1):
    print(f"{index:>5} {health:13,.0f} {check:15,.0f} {check / health:6.2f} {ingest * 1000:15,.0f} {plain * 1000:10,.0f}")
share = statistics.median(check / health for health, check, _, _ in rounds)
ingest = statistics.median(ingest * 1000 for _, _, ingest, _ in rounds)
plain = statistics.median(plain * 1000 for _, _, _, plain in rounds)
print(f"median: POST /v1/check = {share:.2f} of /healthz (target at least 0.5); ingest {ingest:,.0f} items/s (target 20,000),")
print(f"        {plain:,.0f} without the campaign watch; {stored:,} distinct items stored, none lost")
print("targets:", "met" if share >= 0.5 and ingest >= 20000 else "NOT met")
PY
