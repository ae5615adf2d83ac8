#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server on 127.0.0.1 (a spare port) and
# KIEM_TEST_POSTGRES_URL pointing at it; the server is stopped and removed when the command ends.
#   scripts/with-postgres.sh swift test
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then echo "with-postgres: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; fi
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
dir=$(mktemp -d)
[ "$(id -u)" = 0 ] && chown postgres "$dir"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_postgres "$bin/initdb" -D "$dir/data" -A trust -U kiem -E UTF8 >/dev/null
as_postgres "$bin/pg_ctl" -D "$dir/data" -o "-h 127.0.0.1 -p $port -k $dir" -l "$dir/server.log" -w start >/dev/null
stop() { as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true; rm -rf "$dir"; }
trap stop EXIT
export KIEM_TEST_POSTGRES_URL="postgres://kiem@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL on 127.0.0.1:$port" >&2
"$@"
