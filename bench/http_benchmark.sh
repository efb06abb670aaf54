#!/usr/bin/env bash
# HTTP throughput of the server against nginx on the same machine, in one run (issue 4):
#   Kangfu: an authenticated GET /api/v1/persons/{id}/status?action=promote on the demo database
#           (session check, engine answer, audit entry per read);
#   nginx:  a static JSON file of the same size;
#   and, for the record, the server's GET /healthz (the HTTP layer alone).
# Both with wrk on loopback, 64 connections, 2 threads, 20 s each (KANGFU_BENCH_SECONDS).
# Usage: bench/http_benchmark.sh [path/to/kangfu]   (default build/release/kangfu)
# Needs the Debian packages wrk and nginx-light (scripts/install-deps.sh installs them; the script
# stops with a message when they are missing). Also prints the server's CPU time per request
# (user + system time of the kangfu process during its run, from /proc, divided by the requests).
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in wrk nginx curl; do
  if ! command -v "$tool" >/dev/null 2>&1 && [[ ! -x "/usr/sbin/$tool" ]]; then
    echo "http_benchmark: $tool is not installed (apt-get install wrk nginx-light curl, or" \
      "scripts/install-deps.sh); skipped" >&2
    exit 77
  fi
done
PATH="$PATH:/usr/sbin"
kangfu="$(realpath "${1:-build/release/kangfu}")"
seconds="${KANGFU_BENCH_SECONDS:-20}"
work="$(mktemp -d)"
cleanup() {
  [[ -n "${server_pid:-}" ]] && kill "$server_pid" 2>/dev/null || true
  [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$kangfu" demo seed --db "sqlite://$work/demo.db" >/dev/null
KANGFU_SECURE_COOKIES=false KANGFU_LOG_LEVEL=warn "$kangfu" serve --db "sqlite://$work/demo.db" \
  --listen 127.0.0.1:18480 >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
  curl -fs http://127.0.0.1:18480/readyz >/dev/null 2>&1 && break
  sleep 0.1
done

# Log in as the case manager and find a person with a record.
login="$(curl -fs -c "$work/cookies" -H 'Content-Type: application/json' \
  -d '{"username":"anguan","password":"Kangfu@2026"}' http://127.0.0.1:18480/api/v1/auth/login)"
[[ -n $login ]] || { echo "login failed" >&2; exit 1; }
cookie="$(awk '$6 == "kangfu_session" {print $6 "=" $7}' "$work/cookies")"
url="http://127.0.0.1:18480/api/v1/persons/1/status?action=promote&as_of=2026-06-30"
body="$(curl -fs -H "Cookie: $cookie" "$url")"
printf '%s' "$body" >"$work/static.json"

cat >"$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  client_body_temp_path $work; proxy_temp_path $work; fastcgi_temp_path $work;
  uwsgi_temp_path $work; scgi_temp_path $work;
  server { listen 127.0.0.1:18481; root $work; }
}
CONF
nginx -c "$work/nginx.conf"

cpu_ticks() {  # user + system clock ticks of process $1 and its children (nginx's workers)
  # A process may end between the glob and the read: that is not an error here.
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } |
    awk -v p="$1" '$1 == p || $4 == p {t += $14 + $15} END {print t}'
}
run() {  # name pid url [header]
  local name=$1 pid=$2 target=$3
  shift 3
  local before after
  before="$(cpu_ticks "$pid")"
  wrk -t2 -c64 -d"${seconds}s" --latency "$@" "$target" >"$work/$name.txt"
  after="$(cpu_ticks "$pid")"
  local rps p50 p99 requests cpu
  rps="$(awk '/^Requests\/sec/ {print $2}' "$work/$name.txt")"
  p50="$(awk '$1 == "50%" {print $2}' "$work/$name.txt")"
  p99="$(awk '$1 == "99%" {print $2}' "$work/$name.txt")"
  requests="$(awk '/requests in/ {print $1}' "$work/$name.txt")"
  cpu="$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
    'BEGIN {printf "%.0f", t / hz / n * 1e6}')"
  echo "$name requests_per_second=$rps p50=$p50 p99=$p99 cpu_us_per_request=$cpu" \
    "load_average=$(cut -d' ' -f1-3 /proc/loadavg)"
  eval "${name}_rps=$rps"
}
echo "payload_bytes=$(wc -c <"$work/static.json") connections=64 seconds=$seconds"
run nginx "$(cat "$work/nginx.pid")" "http://127.0.0.1:18481/static.json"
run kangfu "$server_pid" "$url" -H "Cookie: $cookie"
awk -v k="$kangfu_rps" -v n="$nginx_rps" 'BEGIN {printf "kangfu_to_nginx=%.1f%% (target >= 50%%)\n", 100 * k / n}'
# Not part of the target: the same server on GET /healthz (no session, no database, no audit
# entry) — how much of the cost per request is the HTTP layer itself (Beast, the dispatcher,
# the kernel's loopback) and how much the authenticated, audited read adds.
run kangfu_healthz "$server_pid" "http://127.0.0.1:18480/healthz"
# The log must still verify after the burst (every read above appended one chained entry).
"$kangfu" audit verify --db "sqlite://$work/demo.db" >"$work/verify.txt" 2>&1 ||
  { echo "audit verify failed:" >&2; cat "$work/verify.txt" >&2; exit 1; }
echo "audit_verify=ok"
