"""Parameter tables from the registry, shown as HTML in the book and in Jupyter."""

from __future__ import annotations

from collections.abc import Iterable

from book.data.parameters import parameters
from book.figures.tables import parameter_rows, parameter_table_html


class ParameterTable:
    """Registry rows as a table: HTML in the book and Jupyter, aligned text elsewhere."""

    def __init__(self, names: Iterable[str], caption: str) -> None:
        self.names = tuple(names)
        self.caption = caption

    def rows(self) -> list[tuple[str, str, str, str]]:
        return parameter_rows(self.names)

    def _repr_html_(self) -> str:
        return parameter_table_html(self.names, self.caption)

    def __repr__(self) -> str:
        return "\n".join(f"{a:<48} {b:>14}  {c:<12} {d}" for a, b, c, d in self.rows())


def show_parameters(*models: str, caption: str = "", only: Iterable[str] = ()) -> ParameterTable:
    """The registry rows of ``models`` (e.g. ``"synapse"``), or exactly the names in ``only``."""
    names = list(only) or [name for model in models for name in parameters(model)]
    title = (
        caption or f"Parameters of the {', '.join(models)} model: sourced, derived or illustrative"
    )
    return ParameterTable(names, title)
