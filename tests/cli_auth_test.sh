#!/usr/bin/env bash
# `kangfu admin init` and `kangfu audit verify` end to end on SQLite: the password policy, the
# one-time initialisation, a clean verification with its checkpoint, and detection (exit 3) of a
# row changed directly in the database.
# Usage: cli_auth_test.sh path/to/kangfu
set -euo pipefail
kangfu="$(realpath "$1")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="sqlite://$work/k.db"

fail() { echo "FAIL: $*" >&2; exit 1; }
expect_rc() { # expected-rc command...
  local want=$1; shift
  set +e; "$@" >"$work/out.txt" 2>&1; local rc=$?; set -e
  [[ $rc == "$want" ]] || fail "$* exited $rc, expected $want: $(cat "$work/out.txt")"
}

expect_rc 2 env KANGFU_ADMIN_PASSWORD=short "$kangfu" admin init --db "$db" --username root
grep -q "password.too_short" "$work/out.txt" || fail "no policy error: $(cat "$work/out.txt")"
echo "Kangfu-Admin-2026" | "$kangfu" admin init --db "$db" --username root >"$work/out.txt"
grep -q "已创建系统管理员账号 root" "$work/out.txt" || fail "$(cat "$work/out.txt")"
expect_rc 2 env KANGFU_ADMIN_PASSWORD=Kangfu-Admin-2026 "$kangfu" admin init --db "$db" --username x
grep -q "admin.already_initialised" "$work/out.txt" || fail "$(cat "$work/out.txt")"

expect_rc 0 "$kangfu" audit verify --db "$db"
grep -q "审计日志完整" "$work/out.txt" || fail "$(cat "$work/out.txt")"
checkpoint="$(sed -n 's/^检查点：//p' "$work/out.txt")"
[[ -n $checkpoint ]] || fail "no checkpoint printed"
expect_rc 0 "$kangfu" audit verify --db "$db" --checkpoint "$checkpoint"

sqlite3 "$work/k.db" "UPDATE audit_log SET actor_username = 'intruder' WHERE seq = 1"
expect_rc 3 "$kangfu" audit verify --db "$db"
grep -q "审计日志第 1 条记录已被篡改" "$work/out.txt" || fail "$(cat "$work/out.txt")"
echo "cli_auth_test: ok"
