#!/usr/bin/env bash
# Fuzzes the HTTP API from its own OpenAPI document with schemathesis: a `kiem serve --demo` on a
# throwaway database and a spare port gets thousands of generated requests, valid and not; any
# 5xx answer (a server error on input), or an answer that breaks the documented schema, fails the
# run. The server is stopped afterwards.
#   scripts/api-fuzz.sh [KIEM_BINARY] [EXAMPLES_PER_OPERATION]
set -euo pipefail
kiem="${1:-.build/release/kiem}"
examples="${2:-40}"
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$kiem" serve --demo --db "$dir/kiem.sqlite" --host 127.0.0.1 --port "$port" > "$dir/server.log" 2> "$dir/demo.txt" &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    sleep 0.5
done
token=$(awk '/Admin API token/ {print $4}' "$dir/demo.txt")
[ -n "$token" ] || { echo "api-fuzz: the demo server did not start"; cat "$dir/demo.txt"; exit 1; }
# Operations that would end the fuzzer's own access are left out: log-out, revoking tokens,
# changing users. A request that fails at the network level (no answer at all) is retried twice:
# two CI runs out of five reported one such "runtime error" that no local run reproduced; a
# crashed server would fail every retry, and the log check below. The whole report is printed
# when the run fails, so its errors section is never cut.
fuzz() {
    schemathesis run "http://127.0.0.1:$port/openapi.json" -H "Authorization: Bearer $token" \
        --checks not_a_server_error,response_schema_conformance --max-examples "$examples" --workers 1 --seed 91 \
        --request-retries 2 \
        --exclude-operation-id logOut --exclude-operation-id revokeToken --exclude-operation-id updateUser \
        > "$dir/schemathesis.txt" 2>&1
}
# One worker: with two, schemathesis crashed in two runs out of four on CPython 3.11's
# "SystemError: AST constructor recursion depth mismatch" (Hypothesis changes the interpreter-wide
# recursion limit while the other worker thread parses a lambda's source), with every generated
# case passed; with one, three runs out of three were clean, in the same time. A crash of the
# fuzzer itself is not a finding about the API: should that one still happen, in a report with no
# failed check, the whole run is done once more.
tool_crash_only() {
    grep -q "AST constructor recursion depth mismatch" "$dir/schemathesis.txt" \
        && ! grep -q "^Failures:" "$dir/schemathesis.txt" \
        && grep -Eq "^  ([0-9]+) generated, \1 passed" "$dir/schemathesis.txt"
}
status=0
fuzz || status=$?
if [ "$status" -ne 0 ] && tool_crash_only; then
    echo "api-fuzz: schemathesis crashed inside Hypothesis (CPython's AST recursion bug), no check failed; running it again"
    grep -m1 "SystemError" "$dir/schemathesis.txt" || true
    status=0
    fuzz || status=$?
fi
if [ "$status" -eq 0 ]; then
    tail -n 25 "$dir/schemathesis.txt"
else
    cat "$dir/schemathesis.txt"
    echo "api-fuzz: schemathesis failed"
    exit 1
fi
grep -q " 500 \|error kiem" "$dir/server.log" && { echo "api-fuzz: the server logged errors:"; grep "error" "$dir/server.log" | head; exit 1; }
echo "api-fuzz: no server error"
