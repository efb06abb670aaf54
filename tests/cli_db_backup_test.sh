#!/usr/bin/env bash
# Round trip through the CLI: seed the demo data, back it up, restore it into an empty database,
# and require the two databases to hold exactly the same rows. SQLite always; PostgreSQL too
# when KANGFU_TEST_PG_URL is set (fails without it unless KANGFU_TEST_PG=off).
# Usage: cli_db_backup_test.sh path/to/kangfu
set -euo pipefail
kangfu="$(realpath "$1")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

fail() { echo "FAIL: $*" >&2; exit 1; }

# --- SQLite ---
"$kangfu" demo seed --db "sqlite://$work/a.db" >seed.txt
grep -q "人员 2000 名，案件 400 件" seed.txt || fail "unexpected seed summary: $(cat seed.txt)"
"$kangfu" db backup "$work/a.bak" --db "sqlite://$work/a.db" >/dev/null
"$kangfu" db restore "$work/a.bak" --db "sqlite://$work/b.db" >/dev/null
sqlite3 a.db .dump >a.sql
sqlite3 b.db .dump >b.sql
[[ $(grep -c '^INSERT INTO persons' b.sql) -eq 2000 ]] || fail "restored SQLite copy lacks persons"
cmp -s a.sql b.sql || fail "SQLite backup round trip changed the data"
# Seeding again is refused with exit status 2 and a Chinese message.
set +e
"$kangfu" demo seed --db "sqlite://$work/a.db" 2>err.txt
status=$?
set -e
[[ $status -eq 2 ]] || fail "second seed exit status $status"
grep -q "demo.already_seeded" err.txt || fail "second seed message: $(cat err.txt)"
# A missing backup file is named.
set +e
"$kangfu" db restore "$work/missing.bak" --db "sqlite://$work/b.db" 2>err.txt
status=$?
set -e
[[ $status -eq 2 ]] && grep -q "backup.file_missing" err.txt || fail "missing file: $status $(cat err.txt)"
echo "SQLite round trip ok"

# --- PostgreSQL ---
if [[ -z "${KANGFU_TEST_PG_URL:-}" ]]; then
  [[ "${KANGFU_TEST_PG:-}" == off ]] && { echo "PostgreSQL left out (KANGFU_TEST_PG=off)"; exit 0; }
  fail "KANGFU_TEST_PG_URL is not set (run scripts/pg-test.sh, or set KANGFU_TEST_PG=off)"
fi
base="${KANGFU_TEST_PG_URL%/*}"
a="kangfu_cli_a_$$"
b="kangfu_cli_b_$$"
cleanup_pg() {
  psql -q "$KANGFU_TEST_PG_URL" -c "DROP DATABASE IF EXISTS $a WITH (FORCE)" -c "DROP DATABASE IF EXISTS $b WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup_pg EXIT
psql -q "$KANGFU_TEST_PG_URL" -c "CREATE DATABASE $a" -c "CREATE DATABASE $b" >/dev/null
"$kangfu" demo seed --db "$base/$a" >/dev/null
"$kangfu" db backup "$work/pg.bak" --db "$base/$a" >/dev/null
"$kangfu" db restore "$work/pg.bak" --db "$base/$b" >/dev/null
pg_dump --data-only "$base/$a" 2>/dev/null | grep -v -E '^--|^.(un)?restrict ' | sort >pa.sql
pg_dump --data-only "$base/$b" 2>/dev/null | grep -v -E '^--|^.(un)?restrict ' | sort >pb.sql
grep -q '张\|王\|李' pb.sql || fail "restored PostgreSQL copy is empty"
cmp -s pa.sql pb.sql || fail "PostgreSQL backup round trip changed the data"
echo "PostgreSQL round trip ok"
