#!/usr/bin/env bash
# Builds the web front end into web/dist (served by `kangfu serve --static-dir web/dist`).
# Installs the exact versions of web/package-lock.json with `npm ci` when they changed since the
# last install. Usage: scripts/build-web.sh [--deps-only]
set -euo pipefail
cd "$(dirname "$0")/../web"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "错误：未找到 node 或 npm，请先运行 scripts/install-deps.sh" >&2
  exit 1
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if ((node_major < 18)); then
  echo "错误：前端构建需要 Node.js 18 或更高版本，当前为 $(node --version)" >&2
  exit 1
fi

# node_modules is reinstalled only when the lockfile changed (npm ci always starts from scratch).
stamp=node_modules/.kangfu-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -f $stamp || "$(cat "$stamp")" != "$want" ]]; then
  echo "== 安装前端依赖（npm ci）"
  npm ci --no-audit --no-fund
  echo "$want" >"$stamp"
fi
if [[ "${1:-}" == --deps-only ]]; then exit 0; fi

echo "== 构建前端（vite build → web/dist）"
npx --no-install vite build
