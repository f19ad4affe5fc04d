#!/usr/bin/env bash
# Install everything the tests need and run the whole suite: lint, unit tests, every
# notebook under nbval, the book build with -W -n (once, shared with scripts/build.sh's
# cache), and the real-browser tests against that build.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
if [ ! -x /usr/bin/chromium ]; then
  # Debian's Chromium for the browser tests (needs root, as on CI and Binder-less machines).
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
# Kernels import ``book`` from this checkout, whatever an editable install points at.
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
python3 -m ruff check .
python3 -m ruff format --check .
if [ "$#" -eq 0 ]; then
  # The whole suite: build the book once, into _build/ like scripts/build.sh (notebooks that
  # build already executed come from its cache, dropped when code under book/ changed since),
  # re-reading every page so any warning fails it; the build and browser tests use it.
  CACHE_DB=_build/.jupyter_cache/global.db
  if [ -f "$CACHE_DB" ] && [ -n "$(find book _ext requirements.txt -type f -newer "$CACHE_DB" | head -n 1)" ]; then
    rm -rf _build/.jupyter_cache
  fi
  jupyter-book build . --all -W -n --keep-going
  export BOOK_HTML="$PWD/_build/html"
fi
python3 -m pytest "$@"
