#!/bin/sh
# The integration test of the participant's consent copy (tests/api/consent-copy.int.test.ts) reads the PDF's text and
# attachments with pdftotext and pdfdetach from Debian's poppler-utils. Present: nothing to do. Missing: installed
# from Debian's packages when this user may (root with apt-get); otherwise the tests stop here saying what to run.
set -eu
command -v pdftotext >/dev/null 2>&1 && command -v pdfdetach >/dev/null 2>&1 && exit 0
if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing Debian's poppler-utils for the consent copy test (apt-get install poppler-utils)..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq poppler-utils >/dev/null
    command -v pdftotext >/dev/null 2>&1 && command -v pdfdetach >/dev/null 2>&1 && exit 0
    echo "apt-get installed poppler-utils, but pdftotext or pdfdetach is still missing." >&2
    exit 1
  fi
  echo "The integration tests need pdftotext and pdfdetach. Install them once, then run the tests again:" >&2
  echo "  sudo apt-get install -y poppler-utils" >&2
  exit 1
fi
echo "The integration tests need pdftotext and pdfdetach (poppler-utils): install them, then run the tests again." >&2
exit 1
