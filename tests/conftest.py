"""Shared fixtures: the book built once per test session into a fresh directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """Build the whole book (notebooks executed, no cache) with -W -n --keep-going.

    Returns the HTML directory; fails with the build log when the build has any warning.
    With ``BOOK_HTML`` set to an HTML directory built from this tree (for instance by
    ``scripts/test.sh``, which builds with -W and exits on any warning), that build is used.
    """
    prebuilt = os.environ.get("BOOK_HTML")
    if prebuilt:
        html = Path(prebuilt)
        assert (html / "chapters" / "intro.html").is_file(), f"BOOK_HTML={prebuilt}: no book"
        return html
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
