#!/bin/sh
# The end-to-end tests drive Debian's Chromium (playwright.config.ts: CHROMIUM_PATH, default /usr/bin/chromium).
# Present: nothing to do. Missing: installed from Debian's packages when this user may (root with apt-get);
# otherwise the tests stop here, before anything is built, saying exactly what to run.
set -eu
if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] && exit 0
  echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file." >&2
  exit 1
fi
[ -x /usr/bin/chromium ] && exit 0
if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing Debian's chromium for the end-to-end tests (apt-get install chromium)..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
    [ -x /usr/bin/chromium ] && exit 0
    echo "apt-get installed chromium, but /usr/bin/chromium is still missing." >&2
    exit 1
  fi
  echo "The end-to-end tests need Chromium at /usr/bin/chromium. Install it once, then run the tests again:" >&2
  echo "  sudo apt-get install -y chromium" >&2
  exit 1
fi
echo "The end-to-end tests need Chromium. Install it, then point the tests at its executable:" >&2
echo "  CHROMIUM_PATH=/path/to/chromium npm test" >&2
exit 1
