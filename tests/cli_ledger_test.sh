#!/usr/bin/env bash
# Ledgers through the CLI: export the demo data's cases and persons, re-import them (nothing
# duplicated, an audit entry each), a dry run, and a bad ledger refused with exit status 2, the
# errors printed and written to an .xlsx report, and nothing written.
# Usage: cli_ledger_test.sh path/to/kangfu
set -euo pipefail
kangfu="$(realpath "$1")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
export KANGFU_DB="sqlite://$work/k.db"

fail() { echo "FAIL: $*" >&2; exit 1; }

"$kangfu" demo seed >/dev/null
"$kangfu" export cases -o cases.xlsx >out.txt
grep -q "^已导出 493 行（人员 2000 名，案件 400 件）到 cases.xlsx$" out.txt || fail "export: $(cat out.txt)"
"$kangfu" export persons -o persons.xlsx >out.txt
grep -q "^已导出 2000 行（人员 2000 名，案件 0 件）到 persons.xlsx$" out.txt || fail "export: $(cat out.txt)"
"$kangfu" import cases.xlsx >out.txt
grep -q "^已导入：493 行；人员新增 0、已有 368；案件新增 0、已有 400；措施新增 0、已有 493$" out.txt ||
  fail "re-import: $(cat out.txt)"
"$kangfu" import persons.xlsx --dry-run >out.txt
grep -q "^校验通过（试导入，未写入）：2000 行；人员新增 0、已有 2000" out.txt || fail "dry run: $(cat out.txt)"
[[ $(sqlite3 k.db "SELECT count(*) FROM audit_log WHERE action LIKE 'ledger.%' AND actor_username = 'cli'") -eq 4 ]] ||
  fail "audit entries: $(sqlite3 k.db "SELECT action FROM audit_log WHERE action LIKE 'ledger.%'")"

printf '身份证号,姓名,所在单位\n110101198001010011,王五,不存在的单位\n' >bad.csv
set +e
"$kangfu" import bad.csv --errors errors.xlsx 2>err.txt
status=$?
set -e
[[ $status -eq 2 ]] || fail "bad ledger exit status $status"
grep -q "^第2行 C列（所在单位）：没有名为“不存在的单位”的所在单位，请按“单位”表填写全称$" err.txt ||
  fail "bad ledger message: $(cat err.txt)"
[[ -s errors.xlsx ]] || fail "no error report"
[[ $(sqlite3 k.db "SELECT count(*) FROM persons") -eq 2000 ]] || fail "the bad ledger wrote rows"
echo "cli ledger test passed"
