#!/usr/bin/env bash
# Installs the exact versions of DIR/package-lock.json with `npm ci`, only when the lockfile
# changed since the last install (npm ci always starts from scratch, which is slow).
# Usage: scripts/npm-install.sh DIR
set -euo pipefail
cd "$(dirname "$0")/../${1:?usage: npm-install.sh DIR}"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "错误：未找到 node 或 npm，请先运行 scripts/install-deps.sh" >&2
  exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if ((node_major < 18)); then
  echo "错误：需要 Node.js 18 或更高版本，当前为 $(node --version)" >&2
  exit 1
fi

stamp=node_modules/.kangfu-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f $stamp || "$(cat "$stamp")" != "$want" ]]; then
  echo "== 安装 npm 依赖（npm ci，$1）"
  npm ci --no-audit --no-fund
  echo "$want" >"$stamp"
fi
