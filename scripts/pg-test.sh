#!/usr/bin/env bash
# Starts (creating it the first time) a throwaway PostgreSQL 15 cluster for the storage tests on
# 127.0.0.1:${KANGFU_PG_PORT:-55432}, owned by a non-root user (PostgreSQL refuses to run as root:
# when run as root, the cluster belongs to the `postgres` system user). Trust authentication on
# loopback only: this cluster holds test data and nothing else.
#
#   scripts/pg-test.sh [start]   start it; prints "export KANGFU_TEST_PG_URL=…" on stdout, so
#                                `eval "$(scripts/pg-test.sh)"` sets up the environment
#   scripts/pg-test.sh stop      stop it
#   scripts/pg-test.sh purge     stop it and delete its data directory
set -euo pipefail

port="${KANGFU_PG_PORT:-55432}"
dir="${KANGFU_PG_DIR:-/tmp/kangfu-pg-$port}"
bindir="${KANGFU_PG_BIN:-/usr/lib/postgresql/15/bin}"
url="postgresql://postgres@127.0.0.1:$port/postgres"

if [[ ! -x "$bindir/initdb" ]]; then
  echo "找不到 PostgreSQL 15（$bindir/initdb），请先运行 scripts/install-deps.sh" >&2
  exit 1
fi

# Runs a command as the cluster's owner.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
  useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
fi

case "${1:-start}" in
  start) ;;
  stop)
    if [[ -f "$dir/postmaster.pid" ]]; then as_owner "$bindir/pg_ctl" -D "$dir" -m fast stop >&2; fi
    exit 0
    ;;
  purge)
    if [[ -f "$dir/postmaster.pid" ]]; then as_owner "$bindir/pg_ctl" -D "$dir" -m fast stop >&2; fi
    rm -rf "$dir"
    exit 0
    ;;
  *)
    echo "用法: $0 [start|stop|purge]" >&2
    exit 2
    ;;
esac

if [[ ! -f "$dir/PG_VERSION" ]]; then
  rm -rf "$dir"
  mkdir -p "$dir"
  if [[ $(id -u) -eq 0 ]]; then chown postgres: "$dir"; fi
  chmod 700 "$dir"
  as_owner "$bindir/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --no-locale \
    >"$dir.initdb.log" 2>&1 || { cat "$dir.initdb.log" >&2; exit 1; }
fi

if ! as_owner "$bindir/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
  # Durability is not needed for test data; speed is.
  as_owner "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    >&2 || { tail -n 20 "$dir/server.log" >&2; exit 1; }
fi

echo "export KANGFU_TEST_PG_URL=$url"
