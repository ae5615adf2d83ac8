#!/usr/bin/env bash
# Issue: with `wrk` against a release build of `kiem serve` (SQLite), POST /v1/check keeps at
# least half the requests per second of GET /healthz, and batch ingest (POST /v1/items, 1,000
# items a request, each checked and stored durably) reaches 20,000 items/s.
#   Benchmarks/server-throughput.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
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
    parts[i] = string.format('{"source":"sms","external_id":"%d-%d-%d","text":"%s #%d"}', thread_id, counter, i, texts[(i % 5) + 1], i)
  end
  return wrk.format("POST", "/v1/items", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer $token"}, '{"items":[' .. table.concat(parts, ",") .. ']}')
end
LUA

rps() { awk '/Requests\/sec/ {print $2}'; }
echo "warming up..."
wrk -t2 -c16 -d2s "http://127.0.0.1:$port/healthz" >/dev/null
wrk -t2 -c16 -d2s -s "$dir/check.lua" "http://127.0.0.1:$port/v1/check" >/dev/null
health=$(wrk -t2 -c32 -d"${seconds}s" "http://127.0.0.1:$port/healthz" | rps)
check=$(wrk -t2 -c32 -d"${seconds}s" -s "$dir/check.lua" "http://127.0.0.1:$port/v1/check" | tee "$dir/check.txt" | rps)
grep -q "Non-2xx" "$dir/check.txt" && { echo "POST /v1/check answered errors:"; cat "$dir/check.txt"; exit 1; }
ingest=$(wrk -t2 -c2 -d"${seconds}s" -s "$dir/ingest.lua" "http://127.0.0.1:$port/v1/items" | tee "$dir/ingest.txt" | rps)
grep -q "Non-2xx" "$dir/ingest.txt" && { echo "POST /v1/items answered errors:"; cat "$dir/ingest.txt"; exit 1; }
# The same ingest on a second server without the campaign watch (clusters and spike series), to
# show its cost in the same run.
plain_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$kiem" serve --db "$dir/plain.sqlite" --host 127.0.0.1 --port "$plain_port" --no-campaign-watch > "$dir/plain.log" 2>&1 &
plain_server=$!
trap 'kill $server $plain_server 2>/dev/null || true; wait $server $plain_server 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$plain_port/readyz" >/dev/null 2>&1 && break; sleep 0.5; done
sed "s/Bearer $token/Bearer $("$kiem" token create --db "$dir/plain.sqlite" --role analyst --name bench2)/" "$dir/ingest.lua" > "$dir/plain.lua"
plain=$(wrk -t2 -c2 -d"${seconds}s" -s "$dir/plain.lua" "http://127.0.0.1:$plain_port/v1/items" | tee "$dir/plain.txt" | rps)
grep -q "Non-2xx" "$dir/plain.txt" && { echo "POST /v1/items (no campaign watch) answered errors:"; cat "$dir/plain.txt"; exit 1; }
kill $plain_server 2>/dev/null || true
stored=$(python3 -c "import sqlite3; print(sqlite3.connect('$dir/kiem.sqlite').execute('select count(*) from items').fetchone()[0])")
requests=$(awk '/requests in/ {print $1}' "$dir/ingest.txt")
[ "$stored" -ge $((requests * 1000)) ] || { echo "only $stored items stored for $requests requests of 1,000 new items"; exit 1; }
python3 - "$health" "$check" "$ingest" "$stored" "$plain" <<'PY'
import sys
health, check, ingest, stored, plain = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
print(f"GET /healthz:          {health:10,.0f} requests/s")
print(f"POST /v1/check:        {check:10,.0f} requests/s = {check / health:.2f} of /healthz (target at least 0.5)")
print(f"POST /v1/items (1,000 per request, SQLite): {ingest * 1000:10,.0f} items/s (target 20,000); {stored:,} distinct items stored")
print(f"  the same without the campaign watch:        {plain * 1000:10,.0f} items/s (the watch costs {100 * (1 - ingest / plain):.0f}%)")
print("targets:", "met" if check / health >= 0.5 and ingest * 1000 >= 20000 else "NOT met")
PY
