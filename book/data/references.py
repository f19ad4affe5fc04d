"""The book's bibliography (``references.bib``): citation keys and short in-figure citations.

Parsed with pybtex (installed with sphinxcontrib-bibtex, which renders the bibliography page),
so figures and the book read the file the same way; LaTeX accents become Unicode.
"""

from __future__ import annotations

import codecs
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


@lru_cache(maxsize=1024)
def short_citation(key: str, bib_path: Path = REFERENCES_BIB) -> str:
    """'Iversen 2006', 'Ramos and Arnsten 2007' or 'Bymaster et al. 2002' for a key.

    Returns the key itself when the bibliography has no such entry.
    """
    entry = bibliography(Path(bib_path)).entries.get(key)
    if entry is None:
        return key
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
    return f"{who} {entry.fields.get('year', '')}".strip()
