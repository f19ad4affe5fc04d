"""The book's pybtex styles (_ext/book_bibliography.py), without building the book."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from pybtex.database import Entry, Person
from pybtex.richtext import Text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "_ext"))
import book_bibliography as style  # noqa: E402

style.register_plugins()


def _entry(key: str, authors: list[str], year: str = "1994", **fields) -> Entry:
    entry = Entry("article", fields={"title": "T", "journal": "J", "year": year, **fields})
    entry.persons["author"] = [Person(name) for name in authors]
    entry.key = key
    return entry


@pytest.mark.parametrize(
    ("latex", "html", "text"),
    [
        (r"human {$\alpha_2$}-adrenoceptors", "human α<sub>2</sub>-adrenoceptors", None),
        (r"the {$\alpha_{2A}$} adrenergic receptor", "the α<sub>2A</sub> adrenergic", None),
        (r"[35S]GTP{$\gamma$}S binding", "[35S]GTPγS binding", "[35S]GTPγS binding"),
        (r"{$\beta_3$}-adrenoceptor", "β<sub>3</sub>-adrenoceptor", "β3-adrenoceptor"),
    ],
)
def test_math_in_a_title_is_written_as_text(latex, html, text):
    rich = style.without_math(Text.from_latex(latex))
    assert html in re.sub(r"</?span[^>]*>", "", rich.render_as("html"))
    plain = rich.render_as("text")
    assert "$" not in plain and "\\" not in plain
    if text:
        assert plain == text


def test_labels_read_as_the_text_cites():
    assert style.citation_label(_entry("a", ["Palij, P.", "others"])) == "Palij et al., 1994"
    assert style.citation_label(_entry("b", ["Iversen, Leslie"])) == "Iversen, 1994"
    two = _entry("c", ["Ramos, Brian P.", "Arnsten, Amy F. T."], "2007")
    assert style.citation_label(two) == "Ramos and Arnsten, 2007"
    three = _entry("d", ["Abercrombie, E. D.", "Keller, Jr., R. W.", "Zigmond, M. J."], "1988")
    assert style.citation_label(three) == "Abercrombie et al., 1988"
    assert style.citation_label(_entry("e", ["{StatPearls}"], "")) == "StatPearls, n.d."


def test_bibliography_entry_shows_et_al_one_link_and_no_notes():
    entry = _entry("palij1994", ["Palij, P.", "Bull, D. R.", "others"], doi="10.1/x",
                   url="https://example.org/x", note="US prescribing information",
                   verification="Verified on a copy")  # fmt: skip
    formatted = style.BookStyle().format_entry("Palij et al., 1994", entry)
    text = formatted.text.render_as("text")
    assert "P. Palij, D. R. Bull et al." in text
    assert "others" not in text
    assert text.count("doi:10.1/x") == 1 and "example.org" not in text
    assert "prescribing" not in text and "Verified" not in text
    # the title keeps the case the .bib gives it (no capital Greek Alpha, no lower-cased GTP)
    entry.fields["title"] = r"{$\alpha_2$}-adrenoceptor-mediated [35S]GTP{$\gamma$}S binding"
    text = style.BookStyle().format_entry("x", entry).text.render_as("text")
    assert "α2-adrenoceptor-mediated [35S]GTPγS binding" in text


def test_figure_and_table_citations_name_the_bibliography_label():
    """short_citation (figures, tables, tooltips) is the bibliography's label without its
    comma, year letter included: "StatPearls 2023b" points at one entry of the list."""
    from book.data.references import bibliography, short_citation

    entries = bibliography().entries
    style.assign_suffixes(entries.values())
    try:
        mismatched = {
            key: (short_citation(key), style.citation_label(entry))
            for key, entry in entries.items()
            if style.citation_label(entry) != re.sub(r" (\S+)$", r", \1", short_citation(key))
        }
    finally:
        style.YEAR_SUFFIX.clear()
    assert not mismatched
    assert len({short_citation(key) for key in entries}) == len(entries)
