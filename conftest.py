"""Run every chapter (a plain-text MyST notebook, ``chapters/*.md``) under nbval.

nbval reads notebooks through ``nbformat.read``; here that read goes through jupytext for
``.md`` files, so ``python -m pytest chapters/receptors.md`` executes the chapter as it is
committed (no ``.ipynb`` is written). A ``.md`` file is a notebook when its front matter
names a kernelspec; the glossary and bibliography are plain MyST pages and are not run.
"""

from __future__ import annotations

import os
from pathlib import Path

import jupytext
import nbformat
import nbval.plugin
from nbval.plugin import IPyNbFile

CHAPTERS = Path(__file__).resolve().parent / "chapters"

# Kernels started by the tests (nbval, the book build) import ``book`` from this tree, even
# where an editable install of the package points at another checkout.
os.environ["PYTHONPATH"] = os.pathsep.join(
    [str(CHAPTERS.parent), *filter(None, [os.environ.get("PYTHONPATH")])]
)


class _NbformatReadingMyst:
    """``nbformat`` as nbval uses it, except that ``read`` also accepts MyST notebooks."""

    def __getattr__(self, name: str):
        return getattr(nbformat, name)

    @staticmethod
    def read(path, as_version: int = 4, **kwargs):
        if str(path).endswith(".md"):
            return jupytext.read(path)
        return nbformat.read(path, as_version=as_version, **kwargs)


nbval.plugin.nbformat = _NbformatReadingMyst()


def is_notebook(path: Path) -> bool:
    """True for a MyST notebook: a ``.md`` file whose front matter declares a kernelspec."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return False
    return "kernelspec:" in text.split("\n---", 1)[0]


def pytest_collect_file(file_path: Path, parent):
    options = parent.config.option
    if not (options.nbval or options.nbval_lax) or file_path.suffix != ".md":
        return None
    if file_path.parent != CHAPTERS or not is_notebook(file_path):
        return None
    return IPyNbFile.from_parent(parent, path=file_path)
