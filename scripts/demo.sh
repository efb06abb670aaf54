#!/usr/bin/env bash
# The product's main job on its demo data: creates the demo database (江州市, ~2,000 cadres, a few
# years of cases) on first run, then shows the rules engine answering a bundled case.
# When the web API lands, this script starts the server on the same database instead.
set -euo pipefail
cd "$(dirname "$0")/.."
kangfu=./build/release/kangfu
db_file=var/demo.db
export KANGFU_DB="sqlite://${db_file}"

if [[ ! -f $db_file ]]; then
  mkdir -p var
  echo "== 生成演示数据库 ${db_file}"
  "$kangfu" demo seed
fi

echo "== 规则引擎示例：examples/demo-case.json（影响期内又受党纪处分，条例第二十一条累加）"
"$kangfu" rules eval examples/demo-case.json
echo
echo "演示数据库：${db_file}（KANGFU_DB=${KANGFU_DB}）"
echo "更多命令：$kangfu --help"
