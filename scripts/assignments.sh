#!/usr/bin/env bash
# Course problem sets with Otter-Grader (see chapters/instructors.md).
#
#   bash scripts/assignments.sh release OUT [--sets a,b] [--check]
#       OUT/student/      notebooks for students (no solutions, public checks only)
#       OUT/solutions/    instructors' copies, same file names (solutions, rubrics)
#       OUT/autograder/   one Otter autograder zip per set (local grading, Gradescope)
#   bash scripts/assignments.sh grade NOTEBOOK... [--autograder OUT/autograder] [--csv FILE]
#       grades submitted notebooks locally (no Docker, no network); prints score: X/Y
#
# The first run installs requirements-assignments.txt (the book's pins plus otter-grader)
# into its own virtual environment, .venv-assignments (ASSIGNMENTS_VENV to move it); it is
# reinstalled only when a requirements file changes. ASSIGNMENTS_PYTHON=/path/to/python uses
# an interpreter that already has everything instead.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

if [ $# -lt 1 ] || { [ "$1" != release ] && [ "$1" != grade ]; }; then
  sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi

if [ -n "${ASSIGNMENTS_PYTHON:-}" ]; then
  PY="$ASSIGNMENTS_PYTHON"
  export PATH="$(dirname "$PY"):$PATH"
else
  VENV="${ASSIGNMENTS_VENV:-$ROOT/.venv-assignments}"
  WANT="$(python3 -c 'import hashlib, sys; print(hashlib.sha256(b"".join(open(p, "rb").read()
    for p in sys.argv[1:])).hexdigest())' requirements.txt requirements-assignments.txt pyproject.toml)"
  mkdir -p "$(dirname "$VENV")"
  (
    if command -v flock >/dev/null; then flock 9; fi  # two commands at once install once
    if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$VENV/.requirements-sha256" 2>/dev/null)" != "$WANT" ]; then
      echo "Installing requirements-assignments.txt into $VENV (once)..." >&2
      python3 -m venv --clear "$VENV"
      if ! "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
        -r requirements-assignments.txt >"$VENV.log" 2>&1; then
        cat "$VENV.log" >&2
        exit 1
      fi
      echo "$WANT" >"$VENV/.requirements-sha256"
    fi
  ) 9>"$VENV.lock"
  PY="$VENV/bin/python"
  # The notebooks' "python3" kernel must be this environment's.
  export PATH="$VENV/bin:$PATH"
fi
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
exec "$PY" "$ROOT/scripts/assignments.py" "$@"
