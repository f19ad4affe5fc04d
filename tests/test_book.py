"""The built book: a clean -W -n build, then every page in a real browser (Chromium).

Each page must load with no console error, no failed request and no request leaving the
machine; every plotly figure must be drawn; a static slider must change the plotted data
when its rail is clicked; and axe-core must find no serious or critical violation.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser_support import launch_browser, open_page, serve_directory

pytestmark = [pytest.mark.build]


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
    assert (built_book / "_static" / "plotly.min.js").is_file()
    assert (built_book / "_static" / "mathjax" / "tex-chtml.js").is_file()


def test_no_page_loads_anything_from_the_network(built_book):
    offenders = []
    for page in _pages(built_book):
        text = (built_book / page).read_text(encoding="utf-8")
        for marker in ('src="http', "src='http", 'src="//', 'rel="stylesheet" href="http'):
            if marker in text:
                offenders.append(f"{page}: {marker}")
    assert not offenders, offenders


def test_every_figure_is_small_and_shares_one_plotly_js(built_book):
    for page in _pages(built_book):
        text = (built_book / page).read_text(encoding="utf-8")
        assert text.count("plotly.min.js") <= 1, page
        assert len(text.encode()) < 1_500_000, page


@pytest.fixture(scope="module")
def browser_session(built_book):
    with serve_directory(built_book) as base, launch_browser() as browser:
        yield base, browser


PLOT_DATA_JS = """(div) => JSON.stringify(div.data.map(t => [t.visible, t.x, t.y]))"""


def test_every_page_loads_clean_and_draws_its_figures(browser_session, built_book):
    base, browser = browser_session
    for page_path in _pages(built_book):
        page, problems = open_page(browser, base, page_path)
        figures = page.locator(".plotly-graph-div")
        for index in range(figures.count()):
            figure = figures.nth(index)
            figure.scroll_into_view_if_needed()
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
        page.close()
        assert not problems, f"{page_path}: {problems}"
    assert sliders_seen >= 1, "no static slider found in the book"


def test_pages_work_on_a_phone_sized_screen(browser_session):
    base, browser = browser_session
    page, problems = open_page(browser, base, "chapters/intro.html", width=390)
    figure = page.locator(".plotly-graph-div").first
    figure.scroll_into_view_if_needed()
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
