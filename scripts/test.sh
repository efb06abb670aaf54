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
# The OpenAPI document's schema validation (ctest openapi_schema_validation) runs under Node.
./scripts/npm-install.sh tools/openapi-check
ctest --preset "$preset" -j "$(nproc)"

# The web front end: unit tests (Vitest), then, on the debug build, the end-to-end tests in
# headless Chromium against this build's server (KANGFU_TEST_WEB=off skips both,
# KANGFU_TEST_E2E=off only the browser tests).
if [[ "${KANGFU_TEST_WEB:-on}" != off ]]; then
  ./scripts/build-web.sh --deps-only
  (cd web && npm test)
  if [[ "$preset" == debug && "${KANGFU_TEST_E2E:-on}" != off ]]; then
    ./scripts/build-web.sh
    (cd web && KANGFU_BIN="$PWD/../build/$preset/kangfu" npm run e2e)
  fi
fi
