"""The prose a student reads: about the subject, not about how the book was sourced.

Citation brackets stay short (a long list belongs in the chapter's "About the data" box, one
sentence per source), each chapter has at most one such box, the front page orients a reader
before it tests them, and the hosted pages carry none of the phrases that describe the
book's own sourcing ("not yet read", "our arithmetic", "the book has no ...").
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.chapters import CHAPTERS, markdown

NAMES = sorted(path.stem for path in CHAPTERS.glob("*.md"))
MAX_CITATIONS = 4

# Phrases about the book's sourcing rather than the subject: none may reach a reader.
PROCESS_PHRASES = (
    "available to this book",
    "not yet read",
    "has not yet read",
    "our arithmetic",
    "stored copy",
    "from recall",
    "could not be read",
    "could not find",
    "the book has",
    "book's data",
    "book's affinity table",
    "book's ligand table",
    "book's rule",
    "book's tests",
    "this book does not",
    "not yet in the data",
    "in the data yet",
    "the table read",
)


def _citation_groups(text: str) -> list[list[str]]:
    return [
        [key.strip() for key in group.split(",")]
        for group in re.findall(r"\{cite:[pt]\}`([^`]+)`", text)
    ]


@pytest.mark.parametrize("name", NAMES)
def test_no_citation_bracket_is_longer_than_four(name):
    long = [g for g in _citation_groups(markdown(name)) if len(g) > MAX_CITATIONS]
    assert not long, f"{name}: split the claim or move the list to 'About the data': {long}"


@pytest.mark.parametrize("name", NAMES)
def test_at_most_one_about_the_data_box_and_it_folds(name):
    text = markdown(name)
    boxes = re.findall(r"```\{admonition\} About the data\n(:class: [^\n]*)", text)
    assert len(boxes) <= 1, f"{name}: {len(boxes)} 'About the data' boxes"
    for options in boxes:
        assert "dropdown" in options, name


@pytest.mark.parametrize("name", NAMES)
def test_the_chapter_source_has_no_process_phrase(name):
    text = markdown(name).lower()
    found = [phrase for phrase in PROCESS_PHRASES if phrase in text]
    assert not found, f"{name}: {found}"


def test_the_front_page_orients_before_it_tests_and_lists_the_chapters_once():
    text = markdown("intro")
    assert text.count("## How to read this book") == 1
    assert text.index("## How to read this book") < text.index("{exercise}")
    assert text.index("## Chapters") < text.index("{exercise}")
    listed = re.findall(r"^\s*(?:\d+\.|[-*]) \{doc\}`(\w+)`", text, flags=re.M)
    assert sorted(listed) == sorted(("production", "receptors", "signalling", "clearance",
                                     "arousal", "sympathetic", "conditions")), listed  # fmt: skip


def _page_text(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    html = html[html.find("<main") :]
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.build
def test_no_hosted_page_has_a_process_phrase_or_a_long_citation_bracket(built_book):
    problems = []
    for path in sorted((built_book / "chapters").glob("*.html")):
        html = path.read_text(encoding="utf-8")
        text = _page_text(path).lower()
        problems += [f"{path.name}: {p!r}" for p in PROCESS_PHRASES if p in text]
        for span in re.findall(r'<span class="bibtex-citation"[^>]*>(.*?)</span>', html, re.S):
            count = len(re.findall(r'href="bibliography\.html#', span))
            if count > MAX_CITATIONS:
                problems.append(f"{path.name}: a bracket of {count} citations")
    assert not problems, problems
