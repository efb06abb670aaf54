#!/usr/bin/env bash
# Runs every test of one build preset (default: debug).
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-debug}"
# The storage contract suite also runs against PostgreSQL 15: start a throwaway cluster unless
# the caller gave one (KANGFU_TEST_PG_URL) or switched PostgreSQL off (KANGFU_TEST_PG=off).
if [[ "${KANGFU_TEST_PG:-on}" != off && -z "${KANGFU_TEST_PG_URL:-}" ]]; then
  eval "$(./scripts/pg-test.sh start)"
  export KANGFU_TEST_PG_URL
fi
ctest --preset "$preset" -j "$(nproc)"
