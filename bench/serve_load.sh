#!/usr/bin/env bash
# Load test of the meeting workbench on loopback (not part of the tests):
# 200 delegates behind one address following live updates while the chair
# takes 20 decisions per second for 60 s; prints latency percentiles, missed events, the
# server's peak memory, and checks the database afterwards.
#   bash bench/serve_load.sh                              # the full run (~75 s)
#   bash bench/serve_load.sh --delegates 20 --duration 5  # a quick one
# Every flag is passed to bench/serve_load.py (see its --help).
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -c 'import aiohttp' 2>/dev/null \
  || python3 -m pip install --quiet --disable-pip-version-check 'aiohttp>=3.9,<4'
cargo build --release --quiet --bin synoptic
bin="${CARGO_TARGET_DIR:-target}/release/synoptic"

# The server: a fresh database, a free port, the default rate limits: every
# delegate comes from one address, as 200 delegates behind a venue's NAT
# do (SERVE_FLAGS adds flags, such as --rate-limit 0).
tmp="$(mktemp -d -t synoptic-load.XXXXXX)"
db="$tmp/load.db"
out="$tmp/server.out"
# shellcheck disable=SC2086
"$bin" serve --db "$db" --addr 127.0.0.1:0 ${SERVE_FLAGS:-} >"$out" 2>"$tmp/server.err" &
pid=$!
cleanup() {
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# Its first line: "synoptic serve: listening on http://127.0.0.1:PORT/ (database ...)".
url=""
for _ in $(seq 1 200); do
  url="$(sed -n '1s|^synoptic serve: listening on \(http://[^ ]*\)/ .*|\1|p' "$out")"
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$tmp/server.err" >&2; exit 1; }
  sleep 0.05
done
[ -n "$url" ] || { echo "the server did not say where it listens" >&2; exit 1; }
echo "server $url (pid $pid, database $db)" >&2

# The script stops the server itself (SIGTERM) before reading the database.
python3 bench/serve_load.py --url "$url" --pid "$pid" --db "$db" "$@"
