#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster:
#   scripts/with-postgres.sh .venv/bin/pytest -q
# Installs Debian's postgresql if it is missing (needs root, as in CI), creates a cluster in a
# temporary directory listening on 127.0.0.1 (random port) and a Unix socket in that directory,
# exports DATABASE_URL for the command, and always stops and removes the cluster afterwards.
set -euo pipefail

find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

PG_BIN="$(find_bin || true)"
if [ -z "$PG_BIN" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing PostgreSQL (Debian package postgresql)…"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    PG_BIN="$(find_bin)"
  else
    echo "PostgreSQL is not installed: run 'sudo apt-get install postgresql' (or as root: make test)." >&2
    exit 1
  fi
fi

TMP="$(mktemp -d /tmp/ker-pg-XXXXXX)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
RUN_AS=()
if [ "$(id -u)" = "0" ]; then
  # PostgreSQL refuses to run as root: the cluster belongs to the 'postgres' system user.
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$TMP"
  RUN_AS=(runuser -u postgres --)
fi

cleanup() {
  "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$TMP/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT

"${RUN_AS[@]}" "$PG_BIN/initdb" -D "$TMP/data" -U ker --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
# A throwaway cluster: no durability (fsync, synchronous_commit, full_page_writes, minimal WAL)
# and no JIT. KER_PG_OPTIONS adds server options: the test runs (Makefile) turn autovacuum off,
# whose work tests never need (with JIT: PostgreSQL's CPU in a test run -15%); benchmarks keep
# it, for its automatic ANALYZE of the tables they fill.
"${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$TMP/data" -l "$TMP/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -k $TMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c jit=off -c wal_level=minimal -c max_wal_senders=0 -c shared_buffers=256MB ${KER_PG_OPTIONS:-}" \
  start >/dev/null
"${RUN_AS[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U ker ker

# Through the Unix socket (its directory, percent-encoded, as the host): each query costs less
# than over TCP, and the suite sends hundreds of thousands.
export DATABASE_URL="postgres://ker@${TMP//\//%2F}:$PORT/ker"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT (throwaway cluster in $TMP)"
"$@"
