#!/usr/bin/env bash
# The product on its demo data: creates the demo database (江州市, ~2,000 cadres, a few years of
# cases, one account per role) on first run, shows the rules engine answering a bundled case,
# then starts the server in demo mode, which prints its URL and the demo accounts.
# KANGFU_LISTEN (default 127.0.0.1:8080) chooses the address.
set -euo pipefail
cd "$(dirname "$0")/.."
kangfu=./build/release/kangfu
db_file=var/demo.db
export KANGFU_DB="sqlite://${db_file}"
export KANGFU_LISTEN="${KANGFU_LISTEN:-127.0.0.1:8080}"
# The demo is served over plain HTTP on loopback; a real deployment keeps Secure cookies behind
# TLS (docs/operations.md).
export KANGFU_SECURE_COOKIES=false

if [[ ! -f $db_file ]]; then
  mkdir -p var
  echo "== 生成演示数据库 ${db_file}"
  "$kangfu" demo seed
  echo
fi

echo "== 规则引擎示例：examples/demo-case.json（影响期内又受党纪处分，条例第二十一条累加）"
"$kangfu" rules eval examples/demo-case.json
echo

serve_args=(serve --demo)
if [[ -f web/dist/index.html ]]; then
  serve_args+=(--static-dir web/dist)
fi
echo "== 启动服务（演示模式，数据库 ${db_file}）"
exec "$kangfu" "${serve_args[@]}"
