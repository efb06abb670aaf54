#!/usr/bin/env bash
# The product's main job on its demo data. Until the server lands, this evaluates the bundled
# example with the rules engine.
set -euo pipefail
cd "$(dirname "$0")/.."
./build/release/kangfu rules eval examples/demo-case.json
