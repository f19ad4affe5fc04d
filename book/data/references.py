"""The book's bibliography (``references.bib``): citation keys and short in-figure citations."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

REFERENCES_BIB = Path(__file__).resolve().parent / "references.bib"

_ACCENTS = {"v": "\u030c", "'": "\u0301", '"': "\u0308", "`": "\u0300", "^": "\u0302"}


@lru_cache(maxsize=8)
def reference_keys(bib_path: Path = REFERENCES_BIB) -> frozenset[str]:
    """The citation keys defined in a BibTeX file."""
    text = Path(bib_path).read_text(encoding="utf-8")
    return frozenset(re.findall(r"^\s*@\w+\s*\{\s*([^,\s]+)\s*,", text, flags=re.M))


def _plain(text: str) -> str:
    """BibTeX accents as Unicode (``{\\"o}`` -> ö, ``{\\v{S}}`` -> Š), braces dropped."""

    def accent(match: re.Match[str]) -> str:
        return unicodedata.normalize("NFC", match.group(2) + _ACCENTS[match.group(1)])

    text = re.sub(r"\\([v'\"`^])\{?([A-Za-z])\}?", accent, text)
    return text.replace("{", "").replace("}", "")


@lru_cache(maxsize=512)
def short_citation(key: str, bib_path: Path = REFERENCES_BIB) -> str:
    """'Iversen 2006', 'Ramos and Arnsten 2007' or 'Bymaster et al. 2002' for a key.

    Returns the key itself when the bibliography has no such entry.
    """
    text = Path(bib_path).read_text(encoding="utf-8")
    match = re.search(r"@\w+\s*\{\s*" + re.escape(key) + r"\s*,(.*?)\n\}", text, flags=re.S)
    if not match:
        return key
    body = match.group(1)
    author = re.search(r"author\s*=\s*\{(.*?)\},?\s*\n", body, flags=re.S)
    year = re.search(r"year\s*=\s*\{?([^},\n]+)", body)
    people = [p.strip() for p in _plain(author.group(1) if author else key).split(" and ")]
    surnames = [person.split(",")[0].strip() for person in people]
    if len(surnames) == 2:
        who = f"{surnames[0]} and {surnames[1]}"
    else:
        who = surnames[0] + (" et al." if len(surnames) > 2 else "")
    return f"{who} {year.group(1).strip() if year else ''}".strip()
