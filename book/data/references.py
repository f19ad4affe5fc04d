"""The book's bibliography (``references.bib``): citation keys and short in-figure citations.

Parsed with pybtex (installed with sphinxcontrib-bibtex, which renders the bibliography page),
so figures and the book read the file the same way; LaTeX accents become Unicode.
"""

from __future__ import annotations

import codecs
import unicodedata
from functools import lru_cache
from pathlib import Path

import latexcodec  # noqa: F401 - registers the "ulatex" codec
import pybtex.database

REFERENCES_BIB = Path(__file__).resolve().parent / "references.bib"


@lru_cache(maxsize=8)
def bibliography(bib_path: Path = REFERENCES_BIB) -> pybtex.database.BibliographyData:
    """The parsed bibliography (cached per path)."""
    return pybtex.database.parse_file(str(bib_path), bib_format="bibtex")


def reference_keys(bib_path: Path = REFERENCES_BIB) -> frozenset[str]:
    """The citation keys defined in a BibTeX file."""
    return frozenset(bibliography(Path(bib_path)).entries)


def plain(latex: str) -> str:
    """BibTeX text as plain Unicode: ``Boud{\\'\\i}kov{\\'a}`` -> ``Boudíková``, braces dropped."""
    return codecs.decode(latex, "ulatex").replace("{", "").replace("}", "")


def _fold(text: str) -> str:
    """Accents dropped and case folded, for sorting as the bibliography page sorts."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _who_and_year(key: str, bib_path: Path) -> tuple[str, str]:
    """('Bymaster et al.', '2002') for a key: the author part and year of its citation."""
    entry = bibliography(bib_path).entries[key]
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    surnames = [plain(" ".join(p.prelast_names + p.last_names)) for p in people]
    if surnames and surnames[-1] == "others":  # BibTeX "and others": an incomplete list
        surnames = [*surnames[:-1], "", ""]
    if not surnames:
        surnames = [plain(entry.fields.get("organization", entry.fields.get("title", key)))]
    if len(surnames) == 2:
        who = f"{surnames[0]} and {surnames[1]}"
    else:
        who = surnames[0] + (" et al." if len(surnames) > 2 else "")
    return who, entry.fields.get("year", "n.d.")


@lru_cache(maxsize=8)
def _year_letters(bib_path: Path) -> dict[str, str]:
    """'a', 'b', ... for works that share author and year, ordered by title as the
    bibliography page orders them (so "StatPearls 2023b" names the same page everywhere)."""
    groups: dict[tuple[str, str], list[str]] = {}
    for key in bibliography(bib_path).entries:
        groups.setdefault(_who_and_year(key, bib_path), []).append(key)
    letters: dict[str, str] = {}
    entries = bibliography(bib_path).entries
    for keys in groups.values():
        if len(keys) > 1:
            ordered = sorted(keys, key=lambda k: _fold(entries[k].fields.get("title", "")))
            letters.update({k: "abcdefghijklmnopqrstuvwxyz"[i] for i, k in enumerate(ordered)})
    return letters


@lru_cache(maxsize=1024)
def short_citation(key: str, bib_path: Path = REFERENCES_BIB) -> str:
    """'Iversen 2006', 'Ramos and Arnsten 2007', 'Bymaster et al. 2002' or 'StatPearls 2023b'.

    The author-year label of the bibliography page without its comma (letters tell apart
    works of one author and year). Returns the key itself when the bibliography has no such
    entry.
    """
    bib_path = Path(bib_path)
    if key not in bibliography(bib_path).entries:
        return key
    who, year = _who_and_year(key, bib_path)
    return f"{who} {year}{_year_letters(bib_path).get(key, '')}"
