"""Chapter notebook tools.

    python scripts/notebook.py from-text SOURCE.txt chapters/NAME.ipynb
        Write a notebook from plain text whose cells start with a line '%% md' or '%% code'.
        A code cell whose first line is '# NBVAL_CHECK_OUTPUT' is tagged nbval-check-output.
    python scripts/notebook.py pin chapters/NAME.ipynb [...]
        Format code cells with ruff, execute the notebook, and keep stored outputs only in
        cells tagged nbval-check-output (numbers a reader sees, which nbval then compares).

The committed .ipynb is the source of a chapter; the text form is only an authoring aid.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
PIN_TAG = "nbval-check-output"


def from_text(source: Path, target: Path) -> None:
    cells, kind, lines = [], None, []

    def flush() -> None:
        if kind is None:
            return
        text = "\n".join(lines).strip("\n")
        if kind == "md":
            cells.append(nbformat.v4.new_markdown_cell(text))
            return
        cell = nbformat.v4.new_code_cell(text)
        if text.startswith("# NBVAL_CHECK_OUTPUT\n"):
            cell.source = text.split("\n", 1)[1]
            cell.metadata["tags"] = [PIN_TAG]
        cells.append(cell)

    for line in source.read_text(encoding="utf-8").splitlines():
        if line.strip() in ("%% md", "%% code"):
            flush()
            kind, lines = line.strip()[3:], []
        else:
            lines.append(line)
    flush()
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {
        "display_name": "Python 3",
        "language": "python",
        "name": "python3",
    }
    notebook.metadata["language_info"] = {"name": "python"}
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index:02d}"
    nbformat.write(notebook, target)


def pin(path: Path) -> None:
    subprocess.run([sys.executable, "-m", "ruff", "format", str(path)], check=True)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=300, kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )  # fmt: skip
    client.execute()
    for cell in notebook.cells:
        if cell.cell_type == "code" and PIN_TAG not in cell.metadata.get("tags", []):
            cell.outputs = []
            cell.execution_count = None
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)


def main() -> None:
    command, *paths = sys.argv[1:]
    if command == "from-text":
        from_text(Path(paths[0]), Path(paths[1]))
    elif command == "pin":
        for path in paths:
            pin(Path(path))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
