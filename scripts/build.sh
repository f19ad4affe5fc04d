#!/usr/bin/env bash
# Install the book's requirements, build the HTML book (notebooks executed), and serve it.
#   bash scripts/build.sh           build, then serve on http://127.0.0.1:8000 (Ctrl-C stops)
#   bash scripts/build.sh --no-serve   build only; open _build/html/index.html from disk
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install --quiet --disable-pip-version-check -r requirements.txt
jupyter-book build . -W -n --keep-going
if [ "${1:-}" != "--no-serve" ]; then
  echo "Serving the book at http://127.0.0.1:8000/ (Ctrl-C to stop)"
  python3 -m http.server 8000 --bind 127.0.0.1 --directory _build/html
fi
