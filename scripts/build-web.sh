#!/usr/bin/env bash
# Builds the web front end into web/dist (served by `kangfu serve --static-dir web/dist`).
# Installs the exact versions of web/package-lock.json first when they changed since the last
# install. Usage: scripts/build-web.sh [--deps-only]
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/npm-install.sh web
if [[ "${1:-}" == --deps-only ]]; then exit 0; fi

echo "== 构建前端（vite build → web/dist）"
cd web
npx --no-install vite build
