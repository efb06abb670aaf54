#!/usr/bin/env bash
# Installs what Kangfu needs on Debian 12. Idempotent: packages already present are skipped,
# and apt is not touched at all when nothing is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates python3
  lld
  clang-format clang-tidy
  libgtest-dev libgmock-dev libbenchmark-dev
  nlohmann-json3-dev libcli11-dev libfmt-dev libspdlog-dev
  libsqlite3-dev sqlite3 libpq-dev libpqxx-dev postgresql
  libboost-dev libargon2-dev libssl-dev libtomlplusplus-dev
  libxlsxwriter-dev libzip-dev libpugixml-dev python3-docx
  # the server's allocator (CMakeLists.txt, KANGFU_TCMALLOC)
  libgoogle-perftools-dev
  # bench/http_benchmark.sh: the server against nginx under wrk
  curl wrk nginx-light
)
# The web front end: Node.js to build and unit-test it, Chromium (+ a CJK font for readable
# screenshots) for the end-to-end tests. npm comes from Debian unless the installed Node.js brings
# its own (NodeSource's nodejs provides and conflicts with Debian's npm).
packages+=(nodejs chromium fonts-wqy-microhei)
if ! command -v npm >/dev/null 2>&1; then packages+=(npm); fi
# clang-tidy 22 (bookworm-security) does not traverse system headers: CI's clang-tidy step takes a
# fifth of the time. Optional: scripts/check-tidy.sh falls back to Debian's default clang-tidy.
optional=(clang-tidy-22)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
optional_missing=()
for p in "${optional[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    optional_missing+=("$p")
  fi
done
if ((${#missing[@]} + ${#optional_missing[@]} == 0)); then
  exit 0
fi

echo "安装缺少的软件包: ${missing[*]} ${optional_missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
if ((${#missing[@]} > 0)); then
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
for p in "${optional_missing[@]}"; do
  $SUDO apt-get install -y -q --no-install-recommends "$p" || echo "可选软件包 $p 不可用，跳过"
done
