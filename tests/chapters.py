"""Read the chapters (plain-text MyST notebooks) as a reader sees their prose."""

from __future__ import annotations

from pathlib import Path

import jupytext

CHAPTERS = Path(__file__).resolve().parents[1] / "chapters"


def markdown(name: str) -> str:
    """The markdown cells of ``chapters/<name>.md`` joined (code cells left out)."""
    notebook = jupytext.read(CHAPTERS / f"{name}.md")
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")


def code(name: str) -> list[str]:
    """The source of every code cell of ``chapters/<name>.md``, in order."""
    notebook = jupytext.read(CHAPTERS / f"{name}.md")
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]
