#!/usr/bin/env bash
# Runs clang-tidy (.clang-tidy) over the project's sources using the debug build's compile
# database. Findings are errors.
set -euo pipefail
cd "$(dirname "$0")/.."
# clang-tidy reads only the compile database (no header is generated at build time), so it
# needs a configured tree, not a built one: CI (.ci/run) runs it beside the tests. Its own tree
# (build/tidy, configure only, a few seconds) has the debug preset's exact flags and never races
# with a reconfigure of build/debug; unity builds and precompiled headers stay off there, should
# the debug build ever use them (a unity database lists only the unity_N_cxx.cxx batches, and
# clang cannot read gcc's .gch), so each .cpp is always checked on its own, with its own includes.
db=build/tidy
cmake --preset debug -B "$db" -DCMAKE_UNITY_BUILD=OFF -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON >/dev/null
[[ -f $db/compile_commands.json ]] || { echo "cmake 配置 $db 失败" >&2; exit 1; }
# -Wno-deprecated-declarations: clang 22 flags libstdc++ 12's own use of get_temporary_buffer
# inside std::stable_sort; the gcc build (-Werror) still reports deprecated uses in our code.
# -Wno-c2y-extensions: Google Benchmark's BENCHMARK macro uses __COUNTER__, which clang 22 calls
# a C2y extension under -Wpedantic.
# clang-tidy 22 (bookworm-security) skips system headers while matching: ~5x faster than 14.
tidy=${CLANG_TIDY:-$(command -v clang-tidy-22 || command -v clang-tidy)}
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- 'src/*.cpp' 'tests/*.cpp' 'bench/*.cpp' | sort -u | while read -r f; do [[ -f $f ]] && echo "$f"; done)
printf '%s\n' "${files[@]}" | xargs -P "$(nproc)" -n 4 "$tidy" -p "$db" --quiet --extra-arg=-Wno-unknown-warning-option --extra-arg=-Wno-deprecated-declarations --extra-arg=-Wno-c2y-extensions 2>&1 \
  | { grep -v -E '^[0-9]+ warnings? generated|^Suppressed [0-9]+ warnings|^Use -header-filter' || true; } \
  | tee build/tidy.log || true
if grep -q -E 'error:|warning:' build/tidy.log; then
  echo "clang-tidy 发现问题（见上）" >&2
  exit 1
fi
echo "clang-tidy 检查通过（${#files[@]} 个文件）"
