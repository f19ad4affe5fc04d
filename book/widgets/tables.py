"""Tables generated from the data, shown as HTML in the book and in Jupyter.

Never typed: the drug table comes from ``ligands.csv``, a parameter table from the registry
``parameters.csv`` (every illustrative value marked).
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from book.data.affinities import GROUPS, TARGETS, ligand_group, ligands, ordered_ligands
from book.data.parameters import Parameter, parameter, parameters
from book.data.references import short_citation
from book.figures.style import TARGET_LABELS, format_number


def mechanism_text(ligand: str) -> str:
    """The drug's actions grouped by kind, e.g. 'antagonist at α1A, α1B, α1D'."""
    entry = ligands()[ligand]
    grouped: dict[str, list[str]] = {}
    for target in TARGETS:
        action = entry.actions.get(target)
        if action:
            grouped.setdefault(action, []).append(TARGET_LABELS[target])
    parts = [f"{action} at {', '.join(targets)}" for action, targets in grouped.items()]
    parts.extend(entry.other_actions)
    return "; ".join(parts)


def drug_table_rows() -> list[dict[str, str]]:
    """One row per drug in the ligand data, grouped by mechanism, with uses and sources.

    Keys: ``group``, ``drug``, ``class``, ``mechanism``, ``uses``, ``sources`` (short
    citations) and ``keys`` (the BibTeX keys, ';'-separated).
    """
    table = ligands()
    rows = []
    for ligand in ordered_ligands():
        entry = table[ligand]
        rows.append(
            {
                "group": GROUPS[ligand_group(entry)][0],
                "drug": entry.name,
                "class": entry.drug_class,
                "mechanism": mechanism_text(ligand),
                "uses": entry.uses or "none approved (research tool)",
                "sources": "; ".join(short_citation(k) for k in entry.sources),
                "keys": ";".join(entry.sources),
            }
        )
    return rows


def drug_table_html(rows: list[dict[str, str]] | None = None) -> str:
    """The rows as an accessible HTML table with group headings (scrolls sideways on phones)."""
    rows = drug_table_rows() if rows is None else rows
    # Three columns keep the table compact: the class sits under the drug's name and the
    # sources under its uses.
    columns = (("drug", "Drug"), ("mechanism", "Action at targets"),
               ("uses", "Main uses (sources)"))  # fmt: skip
    head = "".join(f'<th scope="col">{label}</th>' for _, label in columns)
    body, group = [], None
    for row in rows:
        if row["group"] != group:
            group = row["group"]
            body.append(
                f'<tr class="ne-group"><th scope="rowgroup" colspan="{len(columns)}">'
                f"{html.escape(group)}</th></tr>"
            )
        cells = [f'<th scope="row">{html.escape(row["drug"])}<br><small>'
                 f'{html.escape(row["class"])}</small></th>']  # fmt: skip
        cells += [
            f"<td>{html.escape(row['mechanism'])}</td>",
            f"<td>{html.escape(row['uses'])}<br>"
            f'<small class="ne-sources">{html.escape(row["sources"])}</small></td>',
        ]
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        '<div class="ne-table-wrap" style="overflow-x:auto">'
        '<table class="ne-drug-table"><caption>Drugs in this book, grouped by class: what '
        "each does at the twelve targets, and its main uses</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def parameter_rows(names: Iterable[str]) -> list[tuple[str, str, str, str]]:
    """(parameter, value with unit, status, source and note) for registry rows ``names``."""
    out = []
    for name in names:
        p: Parameter = parameter(name)
        number = f"{format_number(p.value)} {p.unit_text}".strip()
        cites = "; ".join(short_citation(k) for k in p.sources) or "No source"
        note = p.location[:1].upper() + p.location[1:]
        cited = cites if cites.endswith(".") else f"{cites}."  # "n.d." ends in its own stop
        out.append((p.label[:1].upper() + p.label[1:], number, p.status, f"{cited} {note}"))
    return out


def parameter_table_html(names: Iterable[str], caption: str) -> str:
    """Registry rows as an accessible HTML table; illustrative values are marked."""
    head = "".join(f'<th scope="col">{h}</th>' for h in
                   ("Parameter", "Value", "Status", "Source and note"))  # fmt: skip
    body = []
    for label, number, status, source in parameter_rows(names):
        mark = ' class="ne-illustrative"' if status == "illustrative" else ""
        body.append(
            f'<tr{mark}><th scope="row">{html.escape(label)}</th><td>{html.escape(number)}</td>'
            f"<td>{status}</td><td>{html.escape(source)}</td></tr>"
        )
    return (
        '<div class="ne-table-wrap" style="overflow-x:auto"><table class="ne-parameters">'
        f"<caption>{html.escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


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
