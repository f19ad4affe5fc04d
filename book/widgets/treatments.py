"""The conditions chapter's explorer, drug table and drugs on the inverted U."""

from __future__ import annotations

from book.figures.arousal import inverted_u_figure
from book.figures.treatments import treatment_spec
from book.widgets.live import Explorer, StaticFigure
from book.widgets.tables import drug_table_html, drug_table_rows


def explore_treatment(**initial) -> Explorer:
    """Two drugs (a curated comparison, or any two live) and a dose: targets and predictions."""
    return Explorer(treatment_spec(), **initial)


class DrugTable:
    """The generated drug table: HTML in the book and in Jupyter, plain text elsewhere."""

    def __init__(self) -> None:
        self.rows = drug_table_rows()

    def _repr_html_(self) -> str:
        return drug_table_html(self.rows)

    def __repr__(self) -> str:
        width = max(len(r["drug"]) for r in self.rows)
        return "\n".join(f"{r['drug']:<{width}}  {r['mechanism']}" for r in self.rows)


def show_drug_table() -> DrugTable:
    """Every drug in the ligand data by mechanism, with its main uses and sources."""
    return DrugTable()


def show_inverted_u(primary_pct: float = 50.0, stress: float = 0.0) -> StaticFigure:
    """A few drugs placed on the arousal chapter's inverted U (illustrative parameters)."""
    return StaticFigure(
        inverted_u_figure(primary_pct, stress),
        "Where a drug puts a person on the inverted U",
        "The arousal chapter's model curve with no drug (grey) and with each drug at half its "
        "primary target occupied; markers show where calm tonic firing puts a person.",
    )
