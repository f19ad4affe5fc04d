#!/usr/bin/env bash
# Install everything the tests need and run the whole suite: lint, unit tests, every
# notebook under nbval, the book build with -W -n, and the real-browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
if [ ! -x /usr/bin/chromium ]; then
  # Debian's Chromium for the browser tests (needs root, as on CI and Binder-less machines).
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
python3 -m ruff check .
python3 -m ruff format --check .
python3 -m pytest "$@"
