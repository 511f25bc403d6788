#!/bin/sh
# First step of `npm test`, so that it passes on a fresh clone: the npm packages (npm ci, when node_modules was
# never installed) and Chromium for the end-to-end tests (ensure-chromium.sh). Needs nothing but sh and npm.
set -eu
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ]; then
  echo "node_modules is missing: npm ci"
  npm ci --no-audit --no-fund
fi
sh scripts/ensure-chromium.sh
