"""Shared fixtures: the book built once per test session into a fresh directory."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """Build the whole book (notebooks executed, no cache) with -W -n --keep-going.

    Returns the HTML directory; fails with the build log when the build has any warning.
    """
    output = tmp_path_factory.mktemp("book-build")
    result = subprocess.run(
        [sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build",
         str(ROOT), "-W", "-n", "--keep-going", "--path-output", str(output)],
        capture_output=True, text=True, cwd=ROOT, timeout=900,
    )  # fmt: skip
    log = result.stdout + result.stderr
    if result.returncode != 0:
        pytest.fail(f"jupyter-book build failed (exit {result.returncode}):\n{log[-6000:]}")
    html = output / "_build" / "html"
    assert (html / "chapters" / "intro.html").is_file(), log[-3000:]
    return html
