#!/bin/sh
# First step of `npm test`, so that it passes on a fresh clone: the npm packages (npm ci, when node_modules was
# never installed), Chromium for the end-to-end tests (ensure-chromium.sh) and
# poppler-utils for the consent copy's integration test (ensure-poppler.sh). Needs nothing but sh and npm.
set -eu
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ]; then
  echo "node_modules is missing: npm ci"
  npm ci --no-audit --no-fund
fi
sh scripts/ensure-chromium.sh
sh scripts/ensure-poppler.sh
