"""The book's bibliography: author-year labels that match the in-text citations.

Registers two pybtex plugins and connects them to sphinxcontrib-bibtex:

* ``author_year_et_al`` (``bibtex_reference_style``): in-text citations by author and year,
  "Palij et al., 1994" where the BibTeX author list ends in ``and others`` (the stock style
  wrote "Palij and others"), and "2023a", "2023b" where one author-year names two works;
* ``book`` (``bibtex_default_style``): the bibliography, each entry labelled exactly as the
  text cites it and sorted by that label; titles kept in the case the .bib gives them (the
  stock style lower-cased them and turned a leading alpha into a capital Greek Alpha); LaTeX
  math in any field ($\\alpha_{2A}$) written as text (α with a subscript 2A); "et al." for a
  truncated author list; one link per entry (the DOI, else the URL); the ``note`` and
  ``verification`` fields (how an entry was found and checked) never printed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pybtex.plugin
import sphinxcontrib.bibtex.plugin
from pybtex.database import Entry
from pybtex.richtext import BaseMultipartText, String, Tag, Text
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import FieldIsMissing, first_of, href, optional, sentence
from pybtex.style.template import field as bib_field
from pybtex.style.template import join as bib_join
from sphinxcontrib.bibtex.style.referencing import (
    BaseReferenceStyle,
    BracketStyle,
    GroupReferenceStyle,
    PersonStyle,
)
from sphinxcontrib.bibtex.style.referencing.extra_empty import ExtraEmptyReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_label import ExtraLabelReferenceStyle
from sphinxcontrib.bibtex.style.template import join, join2, node, post_text, pre_text, reference

if TYPE_CHECKING:
    from collections.abc import Iterable

REFERENCE_STYLE = "author_year_et_al"
FORMATTING_STYLE = "book"
#: Fields a reader never sees: where an entry came from and how it was checked.
HIDDEN_FIELDS = ("note", "verification")
ET_AL = "et al."

GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "pi": "π", "sigma": "σ", "tau": "τ", "omega": "ω",
    "Delta": "Δ", "Gamma": "Γ", "Omega": "Ω",
}  # fmt: skip
_MATH = re.compile(r"\$([^$]*)\$")
_SCRIPT = re.compile(r"([_^])\s*(\{[^{}]*\}|\\[A-Za-z]+|.)")

#: "2023a", "2023b": the letter each entry's year takes where one author-year names two works.
#: Filled from the whole bibliography when the builder starts (see ``_assign_suffixes``).
YEAR_SUFFIX: dict[str, str] = {}


# ----- LaTeX math as text ----------------------------------------------------------------------
def _math_text(source: str) -> list:
    """``\\alpha _{2A}`` -> ['α', Tag('sub', '2A')]: Greek letters and sub/superscripts as text."""
    parts: list = []
    position = 0
    for match in _SCRIPT.finditer(source):
        parts.append(_plain_math(source[position : match.start()]))
        tag = "sub" if match.group(1) == "_" else "sup"
        parts.append(Tag(tag, _plain_math(match.group(2).strip("{}"))))
        position = match.end()
    parts.append(_plain_math(source[position:]))
    return [part for part in parts if part]


def _plain_math(source: str) -> str:
    text = re.sub(r"\\([A-Za-z]+)\s*", lambda m: GREEK.get(m.group(1), m.group(1)), source)
    return text.replace("{", "").replace("}", "").replace(" ", "")


def _string_without_math(value: str) -> list:
    if "$" not in value:
        return [value]
    parts: list = []
    position = 0
    for match in _MATH.finditer(value):
        parts.append(value[position : match.start()])
        parts.extend(_math_text(match.group(1)))
        position = match.end()
    parts.append(value[position:])
    return [part for part in parts if part]


def _latex_source(text) -> str:
    """The text with each nested Protected part back in braces (``\\alpha _{2A}``)."""
    if isinstance(text, String):
        return text.value
    inner = "".join(_latex_source(part) for part in getattr(text, "parts", ()))
    return "{" + inner + "}" if type(text).__name__ == "Protected" else inner


def without_math(text):
    """The rich text with every ``$...$`` span written as text (Greek letters, <sub>, <sup>)."""
    if isinstance(text, String):
        parts = _string_without_math(text.value)
        return text if parts == [text.value] else Text(*parts)
    if isinstance(text, BaseMultipartText):
        # {$\alpha_{2A}$} parses as Protected('$\alpha _', Protected('2A'), '$'): a span
        # split across parts is rejoined (it holds no other formatting) and then converted.
        if any(isinstance(part, String) and part.value.count("$") % 2 for part in text.parts):
            source = "".join(_latex_source(part) for part in text.parts)
            return text._create_similar(_string_without_math(source))
        return text._create_similar([without_math(part) for part in text.parts])
    return text


# ----- names: "et al." for a list that ends in "and others" -----------------------------------
def _is_others(person) -> bool:
    return str(person).strip().lower() == "others"


def _split_others(persons) -> tuple[list, bool]:
    persons = list(persons)
    if persons and _is_others(persons[-1]):
        return persons[:-1], True
    return persons, False


@node
def names_et_al(children, data, role, sep=", ", sep2=None, last_sep=None, other=None):
    """The persons of ``role`` joined; "X et al." when the list ends in ``others``.

    In-text (``other`` given): three or more authors are cut to the first and ``other``.
    """
    assert not children
    try:
        persons = data["entry"].persons[role]
    except KeyError:
        raise FieldIsMissing(role, data["entry"]) from None
    people, truncated = _split_others(persons)
    style = data["style"]
    formatted = [style.person.style_plugin.format(p, style.person.abbreviate) for p in people]
    if truncated:
        cut = formatted[:1] if other is not None else formatted
        return Text(join(sep=sep)[cut].format_data(data), other or Text(" ", ET_AL))
    return join(sep=sep, sep2=sep2, last_sep=last_sep, other=other)[formatted].format_data(data)


@node
def year_with_suffix(children, data) -> Text:
    """The year (or "n.d."), with the letter that tells two works of one author-year apart."""
    assert not children
    year = first_of[optional[bib_field("year")], "n.d."].format_data(data)
    return Text(year, YEAR_SUFFIX.get(data["entry"].key, ""))


@dataclass
class EtAlPersonStyle(PersonStyle):
    """Last names; "et al." in italics for three or more authors or a list cut short."""

    def names(self, role: str, full: bool):
        return names_et_al(role=role, sep=self.sep, sep2=self.sep2, last_sep=self.last_sep,
                           other=None if full else self.other)  # fmt: skip

    def author_or_editor_or_title(self, full: bool):
        return first_of[
            optional[self.names("author", full)],
            optional[self.names("editor", full)],
            bib_field("title"),
        ]


def citation_label(entry: Entry) -> str:
    """The plain text the book cites ``entry`` by, e.g. "Palij et al., 1994"."""
    style = _REFERENCE_STYLE_INSTANCE
    author = style.person.author_or_editor_or_title(full=False)
    text = join(sep=", ")[author, year_with_suffix].format_data({"entry": entry, "style": style})
    return without_math(text).render_as("text")


# ----- in-text citations -----------------------------------------------------------------------
@dataclass
class ParentheticalStyle(BaseReferenceStyle):
    """[Palij et al., 1994; Esler et al., 1984]"""

    bracket: BracketStyle = field(default_factory=BracketStyle)
    person: PersonStyle = field(default_factory=EtAlPersonStyle)

    def role_names(self) -> Iterable[str]:
        return [f"{alt}p{full}" for alt in ["", "al"] for full in ["", "s"]]

    def outer(self, role_name, children):
        return self.bracket.outer(children, brackets="al" not in role_name, capfirst=False)

    def inner(self, role_name):
        return join2(sep1=" ", sep2=", ")[
            pre_text,
            reference[
                join(sep=", ")[
                    self.person.author_or_editor_or_title(full="s" in role_name),
                    year_with_suffix,
                ]
            ],
            post_text,
        ]


@dataclass
class TextualStyle(BaseReferenceStyle):
    """Palij et al. [1994]"""

    bracket: BracketStyle = field(default_factory=BracketStyle)
    person: PersonStyle = field(default_factory=EtAlPersonStyle)

    def role_names(self) -> Iterable[str]:
        return [f"{cap}t{full}" for cap in ["", "c"] for full in ["", "s"]]

    def outer(self, role_name, children):
        return self.bracket.outer(children, brackets=False, capfirst="c" in role_name)

    def inner(self, role_name):
        return join(sep=" ")[
            self.person.author_or_editor_or_title(full="s" in role_name),
            join[
                self.bracket.left,
                join2(sep1=" ", sep2=", ")[pre_text, reference[year_with_suffix], post_text],
                self.bracket.right,
            ],
        ]


@dataclass
class AuthorStyle(BaseReferenceStyle):
    bracket: BracketStyle = field(default_factory=BracketStyle)
    person: PersonStyle = field(default_factory=EtAlPersonStyle)

    def role_names(self) -> Iterable[str]:
        return [f"{cap}author{full}{par}" for cap in ["", "c"] for full in ["", "s"]
                for par in ["", "par"]]  # fmt: skip

    def outer(self, role_name, children):
        return self.bracket.outer(children, brackets="par" in role_name,
                                  capfirst="c" in role_name)  # fmt: skip

    def inner(self, role_name):
        return reference[self.person.author_or_editor_or_title(full="s" in role_name)]


@dataclass
class YearStyle(BaseReferenceStyle):
    bracket: BracketStyle = field(default_factory=BracketStyle)

    def role_names(self) -> Iterable[str]:
        return ["year", "yearpar"]

    def outer(self, role_name, children):
        return self.bracket.outer(children, brackets="par" in role_name, capfirst=False)

    def inner(self, role_name):
        return reference[year_with_suffix]


def _brackets() -> BracketStyle:
    return BracketStyle(sep="; ")


@dataclass
class AuthorYearEtAlReferenceStyle(GroupReferenceStyle):
    """sphinxcontrib-bibtex's author_year, with "et al." and year letters."""

    def __post_init__(self):
        person = EtAlPersonStyle()
        self.person = person
        self.styles.extend(
            [
                ParentheticalStyle(bracket=_brackets(), person=person),
                TextualStyle(bracket=_brackets(), person=person),
                AuthorStyle(bracket=_brackets(), person=person),
                ExtraLabelReferenceStyle(bracket=_brackets()),
                YearStyle(bracket=_brackets()),
                ExtraEmptyReferenceStyle(),
            ]
        )
        super().__post_init__()


_REFERENCE_STYLE_INSTANCE = AuthorYearEtAlReferenceStyle()


# ----- the bibliography ------------------------------------------------------------------------
def _sort_key(entry: Entry) -> tuple[str, str]:
    def fold(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text)
        return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()

    return fold(citation_label(entry)), fold(entry.fields.get("title", ""))


class AuthorYearSorting(BaseSortingStyle):
    """Alphabetical by the citation label (accents folded), then by title."""

    def sort(self, entries):
        return sorted(entries, key=_sort_key)


class AuthorYearLabels(BaseLabelStyle):
    """Each entry labelled as the text cites it: "Palij et al., 1994"."""

    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            yield citation_label(entry)


class BookStyle(UnsrtStyle):
    """pybtex's plain style with the book's changes (see the module docstring)."""

    default_sorting_style = "book_author_year"
    default_label_style = "book_author_year"

    def format_entry(self, label, entry, bib_data=None):
        formatted = super().format_entry(label, _reader_copy(entry), bib_data=bib_data)
        formatted.text = without_math(formatted.text)
        return formatted

    def format_names(self, role, as_sentence=True):
        formatted = _bibliography_names(role=role)
        return sentence[formatted] if as_sentence else formatted

    def format_title(self, e, which_field, as_sentence=True):
        # As the .bib writes it: sentence-casing lower-cased acronyms and capitalised Greek.
        title = bib_field(which_field)
        return sentence[title] if as_sentence else title

    def format_web_refs(self, e):
        # One link: the DOI where there is one, else the URL.
        if "doi" in e.fields:
            return sentence[self.format_doi(e)]
        return sentence[optional[self.format_url(e)]]

    def format_url(self, e):
        url = bib_field("url", raw=True)
        return href(url)[url]


@node
def _bibliography_names(children, data, role):
    """First-name-first, "A, B, and C"; "A, B, C et al." for a list that ends in others."""
    assert not children
    try:
        persons = data["entry"].persons[role]
    except KeyError:
        raise FieldIsMissing(role, data["entry"]) from None
    people, truncated = _split_others(persons)
    style = data["style"]
    formatted = [style.format_name(person, style.abbreviate_names) for person in people]
    if truncated:
        return Text(bib_join(sep=", ")[formatted].format_data(data), " ", ET_AL)
    return bib_join(sep=", ", sep2=" and ", last_sep=", and ")[formatted].format_data(data)


def _reader_copy(entry: Entry) -> Entry:
    """The entry without the fields a reader never sees, and without a duplicated link."""
    fields = {k: v for k, v in entry.fields.items() if k.lower() not in HIDDEN_FIELDS}
    if "\\url" in fields.get("howpublished", ""):  # the url field already links it
        del fields["howpublished"]
    copy = Entry(entry.type, fields=fields, persons=entry.persons)
    copy.key = entry.key
    return copy


# ----- Sphinx ----------------------------------------------------------------------------------
def assign_suffixes(entries: Iterable[Entry]) -> None:
    """Give "a", "b", ... to the works that share an author-year, in title order."""
    YEAR_SUFFIX.clear()
    groups: dict[str, list[Entry]] = {}
    for entry in entries:
        groups.setdefault(citation_label(entry), []).append(entry)
    for group in groups.values():
        if len(group) > 1:
            for index, entry in enumerate(sorted(group, key=_sort_key)):
                YEAR_SUFFIX[entry.key] = "abcdefghijklmnopqrstuvwxyz"[index]


def _assign_suffixes(app) -> None:
    """The year letters for the bibliography the book cites from."""
    assign_suffixes(app.env.get_domain("cite").bibdata.data.entries.values())


def register_plugins() -> None:
    """Make the styles known to pybtex and sphinxcontrib-bibtex by name (idempotent)."""
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing", REFERENCE_STYLE, AuthorYearEtAlReferenceStyle
    )
    pybtex.plugin.register_plugin("pybtex.style.formatting", FORMATTING_STYLE, BookStyle)
    pybtex.plugin.register_plugin("pybtex.style.labels", "book_author_year", AuthorYearLabels)
    pybtex.plugin.register_plugin("pybtex.style.sorting", "book_author_year", AuthorYearSorting)


def setup(app):
    register_plugins()
    # after sphinxcontrib-bibtex has read the .bib (its builder-inited handler, priority 500)
    app.connect("builder-inited", _assign_suffixes, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
