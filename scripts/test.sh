#!/usr/bin/env bash
# Runs every test of one build preset (default: debug).
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-debug}"
ctest --preset "$preset" -j "$(nproc)"
