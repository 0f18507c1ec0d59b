#!/usr/bin/env bash
# Runs a command against a throwaway Redis server:
#   scripts/with-redis.sh .venv/bin/pytest -q -m cluster tests/cluster
#   scripts/with-postgres.sh scripts/with-redis.sh make run     (both, chained)
# Installs Debian's redis-server if it is missing (needs root, as in CI), starts it on 127.0.0.1
# (random port, no persistence, data in a temporary directory), exports KER_CACHE_URL for the
# command, and always stops it and removes the directory afterwards.
set -euo pipefail

if ! command -v redis-server >/dev/null; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Redis (Debian package redis-server)…"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    echo "Redis is not installed: run 'sudo apt-get install redis-server' (or as root: make test-cluster)." >&2
    exit 1
  fi
fi

TMP="$(mktemp -d /tmp/ker-redis-XXXXXX)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
REDIS_PID=""

cleanup() {
  if [ -n "$REDIS_PID" ]; then
    kill "$REDIS_PID" 2>/dev/null || true
    wait "$REDIS_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT

redis-server --bind 127.0.0.1 --port "$PORT" --dir "$TMP" --save "" --appendonly no \
  --protected-mode yes --daemonize no --logfile "$TMP/server.log" &
REDIS_PID=$!
for _ in $(seq 1 100); do
  if redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null | grep -q PONG; then
    break
  fi
  if ! kill -0 "$REDIS_PID" 2>/dev/null; then
    cat "$TMP/server.log" >&2
    exit 1
  fi
  sleep 0.1
done

export KER_CACHE_URL="redis://127.0.0.1:$PORT/0"
echo "Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2) on 127.0.0.1:$PORT (throwaway server in $TMP)"
"$@"
