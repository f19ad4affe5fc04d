"""The built book: a clean -W -n build, then every page in a real browser (Chromium).

Each page must load with no console error, no failed request and no request leaving the
machine; every plotly figure must be drawn; a static slider must change the plotted data
when its rail is clicked; and axe-core must find no serious or critical violation.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from tests.browser_support import draw_figure, launch_browser, open_page, serve_directory

pytestmark = [pytest.mark.build]

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "_ext"))
from offline_assets import PLOTLY_BUNDLE  # noqa: E402


def _pages(html: Path) -> list[str]:
    pages = []
    for path in sorted(html.rglob("*.html")):
        relative = path.relative_to(html).as_posix()
        if relative.startswith(("_static/", "_sources/", "_images/")):
            continue
        pages.append(relative)
    return pages


def test_book_builds_cleanly_with_every_chapter(built_book):
    pages = _pages(built_book)
    for name in ("intro", "production", "receptors", "signalling", "clearance", "arousal",
                 "sympathetic", "instructors",
                 "conditions", "glossary", "bibliography"):  # fmt: skip
        assert f"chapters/{name}.html" in pages
    assert (built_book / "_static" / PLOTLY_BUNDLE).is_file()
    assert not (built_book / "_static" / "plotly.min.js").exists()  # the full bundle: unused
    assert (built_book / "_static" / "mathjax" / "tex-chtml.js").is_file()


def test_no_page_loads_anything_from_the_network(built_book):
    offenders = []
    for page in _pages(built_book):
        text = (built_book / page).read_text(encoding="utf-8")
        for marker in ('src="http', "src='http", 'src="//', 'rel="stylesheet" href="http'):
            if marker in text:
                offenders.append(f"{page}: {marker}")
    assert not offenders, offenders


def test_only_pages_with_figures_load_plotly_and_never_blocking(built_book):
    with_figures = 0
    for page in _pages(built_book):
        text = (built_book / page).read_text(encoding="utf-8")
        assert len(text.encode()) < 1_000_000, page
        assert "plotly.min.js" not in text, page  # the full bundle
        tags = re.findall(r"<script[^>]*plotly-cartesian[^>]*>", text)
        if 'class="plotly-graph-div ne-plot"' in text:
            with_figures += 1
            assert len(tags) == 1 and "defer" in tags[0], (page, tags)
            figure_tags = re.findall(r"<script[^>]*book-figures\.js[^>]*>", text)
            assert len(figure_tags) == 1 and "defer" in figure_tags[0], (page, figure_tags)
            # plotly's own inline drawing script would run before the deferred bundle
            assert "Plotly.newPlot" not in text, page
        else:
            assert not tags and "book-figures.js" not in text, page
    assert with_figures >= 5
    for page in ("glossary", "bibliography", "instructors"):
        assert "plotly" not in (built_book / "chapters" / f"{page}.html").read_text(), page


@pytest.fixture(scope="module")
def browser_session(built_book):
    with serve_directory(built_book) as base, launch_browser() as browser:
        yield base, browser


PLOT_DATA_JS = """(div) => JSON.stringify(div.data.map(t => [t.visible, t.x, t.y]))"""
# The second menu button's slider step, if it moves the slider, the slider's step and label.
MENU_MOVES_SLIDER_JS = """(div) => {
  const button = div.layout.updatemenus[0].buttons[1];
  if (button.method !== 'update' || !('sliders[0].active' in button.args[1])) return null;
  const slider = div.layout.sliders[0], wanted = button.args[1]['sliders[0].active'];
  return [wanted, slider.active, slider.steps[wanted].label];
}"""


def test_every_page_loads_clean_and_draws_its_figures(browser_session, built_book):
    base, browser = browser_session
    for page_path in _pages(built_book):
        page, problems = open_page(browser, base, page_path)
        figures = page.locator(".plotly-graph-div")
        for index in range(figures.count()):
            figure = figures.nth(index)
            assert draw_figure(figure), f"{page_path}: figure {index} not drawn"
            assert figure.locator(".main-svg").count() > 0, f"{page_path}: figure {index} not drawn"
            assert figure.evaluate("(d) => d.data.length") > 0, f"{page_path}: figure empty"
        page.close()
        assert not problems, f"{page_path}: {problems}"


def test_static_sliders_and_menus_change_the_plotted_data(browser_session, built_book):
    base, browser = browser_session
    sliders_seen = 0
    for page_path in _pages(built_book):
        page, problems = open_page(browser, base, page_path)
        figures = page.locator(".plotly-graph-div")
        for index in range(figures.count()):
            figure = figures.nth(index)
            assert draw_figure(figure), f"{page_path}: figure {index} not drawn"
            rail = figure.locator(".slider-rail-touch-rect")
            if rail.count() == 0:
                continue
            sliders_seen += 1
            rail.first.scroll_into_view_if_needed()
            before = figure.evaluate(PLOT_DATA_JS)
            box = rail.first.bounding_box()
            page.mouse.click(box["x"] + box["width"] * 0.9, box["y"] + box["height"] / 2)
            page.wait_for_timeout(300)
            after_slider = figure.evaluate(PLOT_DATA_JS)
            assert after_slider != before, f"{page_path}: slider click changed nothing"
            menu = figure.locator(".updatemenu-header-group")
            if menu.count():
                menu.first.scroll_into_view_if_needed()
                menu.first.click()
                page.wait_for_timeout(200)
                figure.locator(".updatemenu-dropdown-button").nth(1).click()
                page.wait_for_timeout(300)
                after_menu = figure.evaluate(PLOT_DATA_JS)
                assert after_menu != after_slider, f"{page_path}: menu choice changed nothing"
                # A menu option that sets the slider's parameter (a scenario) moves its handle
                # there, and the readout says so: no stale slider value on the screen.
                moved = figure.evaluate(MENU_MOVES_SLIDER_JS)
                if moved:
                    wanted, active, label = moved
                    assert active == wanted, f"{page_path}: the slider stayed at step {active}"
                    readout = figure.locator("text.slider-currentvalue, .slider-currentvalue")
                    if readout.count():  # a slider that shows its current value
                        text = readout.first.text_content()
                        assert f": {label}" in text, f"{page_path}: slider reads {text!r}"
        page.close()
        assert not problems, f"{page_path}: {problems}"
    assert sliders_seen >= 1, "no static slider found in the book"


def test_pages_work_on_a_phone_sized_screen(browser_session):
    base, browser = browser_session
    page, problems = open_page(browser, base, "chapters/intro.html", width=390)
    figure = page.locator(".plotly-graph-div").first
    assert draw_figure(figure)
    assert figure.bounding_box()["width"] <= 390
    page.close()
    assert not problems, problems


def test_no_serious_accessibility_violations(browser_session, built_book):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    base, browser = browser_session
    failures = []
    for page_path in _pages(built_book):
        page, _ = open_page(browser, base, page_path)
        results = axe.run(page)
        for violation in results.response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"][:3]]
                failures.append(f"{page_path}: {violation['id']} ({violation['impact']}) {targets}")
        page.close()
    assert not failures, "\n".join(failures)


BIBLIOGRAPHY_JS = """() => [...document.querySelectorAll('div.citation')].map(c => ({
  id: c.id,
  label: c.querySelector('.label').innerText.trim(),
  text: c.querySelector('p').textContent.replace(/\\s+/g, ' ').trim(),
  links: c.querySelectorAll('a.reference.external').length,
}))"""
CITATIONS_JS = """() => [...document.querySelectorAll('a[href*="bibliography.html#"]')].map(a => ({
  id: a.getAttribute('href').split('#')[1], text: a.textContent.trim(),
  title: a.getAttribute('title') || '',
}))"""
#: An author-year label: "Palij et al., 1994", "StatPearls, 2023b", "IUPHAR-DB, n.d.".
LABEL = re.compile(r"^\S.*, (\d{4}|n\.d\.)[a-z]?$")
#: A web address or DOI as printed (not the http:// inside a web.archive.org address).
ADDRESS = re.compile(r"(?<![/\w])(?:https?://|doi:)")


def _reader_must_not_see(text: str) -> list[str]:
    problems = []
    if "$" in text or "\\" in text:
        problems.append("raw LaTeX")
    if re.search(r"\bothers\b", text):
        problems.append("'and others' (should read 'et al.')")
    if re.search(r"Jr\.\s+[A-Z][a-z]+, [A-Z]\.", text):
        problems.append("'Jr.' before a surname")
    if re.search(r"(^|[^\w.])[ΑΒΓΔ][a-z0-9]", text):
        problems.append("a capital Greek letter where a lower-case one belongs")
    return problems


def test_bibliography_is_author_year_and_reads_as_text(browser_session, built_book):
    """Each entry is labelled as the text cites it, sorted by that label; no LaTeX, no
    "and others", one link, and none of the .bib's notes on how an entry was checked."""
    import unicodedata

    from pybtex.database import parse_file

    base, browser = browser_session
    page, problems = open_page(browser, base, "chapters/bibliography.html")
    entries = page.evaluate(BIBLIOGRAPHY_JS)
    page.close()
    assert not problems, problems
    bib = parse_file(str(Path(__file__).resolve().parents[1] / "book/data/references.bib"))
    assert len(entries) == len(bib.entries)
    hidden = {
        value.strip()
        for entry in bib.entries.values()
        for name, value in entry.fields.items()
        if name.lower() in ("note", "verification") and len(value.strip()) > 12
    }
    failures = []
    for entry in entries:
        where = f"{entry['label']!r}: {entry['text'][:80]}"
        if not LABEL.match(entry["label"]):
            failures.append(f"{where}: not an author-year label")
        if entry["links"] > 1 or len(ADDRESS.findall(entry["text"])) > 1:
            failures.append(f"{where}: {entry['links']} links, the address shown twice?")
        failures += [f"{where}: {problem}" for problem in _reader_must_not_see(entry["text"])]
        failures += [f"{where}: shows a note" for note in hidden if note in entry["text"]]
    labels = [entry["label"] for entry in entries]
    assert len(set(labels)) == len(labels), "two entries share a label"

    def fold(text: str) -> str:
        text = unicodedata.normalize("NFKD", text)
        return "".join(c for c in text if not unicodedata.combining(c)).casefold()

    assert [fold(label) for label in labels] == sorted(fold(label) for label in labels)
    assert sum("et al." in entry["text"] for entry in entries) >= 5
    assert not failures, "\n".join(failures[:40])

    # every parenthetical citation in the chapters reads exactly as its entry's label
    by_id = {entry["id"]: entry["label"] for entry in entries}
    checked = 0
    for page_path in _pages(built_book):
        if not page_path.startswith("chapters/") or page_path.endswith("bibliography.html"):
            continue
        page, _ = open_page(browser, base, page_path)
        for citation in page.evaluate(CITATIONS_JS):
            assert citation["id"] in by_id, f"{page_path}: {citation}"
            if LABEL.match(citation["text"]):  # "Palij et al., 1994" (not a textual "1994")
                checked += 1
                text = citation["text"].replace("\xa0", " ")  # "de Diego": a tie in the text
                assert text == by_id[citation["id"]].replace("\xa0", " "), (page_path, citation)
            issues = _reader_must_not_see(citation["title"])
            assert not issues, f"{page_path}: tooltip {citation['title'][:80]!r}: {issues}"
        page.close()
    assert checked > 100, f"only {checked} parenthetical citations found"


def test_exercise_checkers_are_for_jupyter_only(built_book):
    """The hosted page shows no checker cell: no code, no 'Replace None' feedback."""
    for page in _pages(built_book):
        if page.startswith("chapters/"):
            text = (built_book / page).read_text(encoding="utf-8")
            for marker in ("my_answer", "check_answer", "Replace None"):
                assert marker not in text, f"{page}: {marker}"
