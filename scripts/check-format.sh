#!/usr/bin/env bash
# Checks (or with --fix, applies) .clang-format on every C++ file of the project.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.cpp' '*.hpp' | sort -u | while read -r f; do [[ -f $f ]] && echo "$f"; done)
if ((${#files[@]} == 0)); then exit 0; fi
if [[ "${1:-}" == "--fix" ]]; then
  clang-format -i "${files[@]}"
else
  clang-format --dry-run --Werror "${files[@]}"
  echo "格式检查通过（${#files[@]} 个文件）"
fi
