"""Reading the built book: text contrast in light and dark mode, and no sideways scrolling on a
phone (issue 13).

For every HTML page, in a real browser (Chromium):

* in light mode and in dark mode, the text of paragraphs, list items, figure captions, table
  cells, admonition titles and bodies and bibliography entries (with the links, code and
  emphasis inside them) must have a WCAG 2 contrast ratio of at least 4.5:1 against the
  background it is really drawn on (the first opaque background colour up the ancestors, with
  any translucent layers and the text's own alpha and opacity blended in); 3:1 for large text
  (24 px, or bold and 18.66 px);
* at a 390 px wide viewport, nothing may make the page wider than the screen: the document
  does not scroll sideways and no visible element ends right of 390 px unless it sits inside
  an ancestor that scrolls (or clips) sideways;
* every table in an article has padded, bordered cells; at 390 px a table wider than the page
  sits in a wrapper that scrolls sideways within the page and shows a "scroll" cue.

One browser; each page is loaded once and checked in light mode, dark mode and at 390 px.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser_support import FIGURE_DRAWN_JS, launch_browser, serve_directory
from tests.test_book import _pages

pytestmark = [pytest.mark.build]

PHONE_WIDTH = 390

# Colours are read through a canvas, so every CSS colour syntax the browser returns (rgb(),
# color(srgb ...), oklch ...) becomes 8-bit sRGB with alpha.
#: A short CSS path of an element, for failure messages (shared by the scripts below).
DESCRIBE_JS = r"""
  const describe = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      let s = e.tagName.toLowerCase();
      if (e.id) s += '#' + e.id;
      else if (e.classList.length) s += '.' + [...e.classList].slice(0, 2).join('.');
      parts.unshift(s);
    }
    return parts.join(' > ');
  };
"""

CONTRAST_JS = r"""
() => {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  const parsed = new Map();
  const parse = (css) => {
    if (!parsed.has(css)) parsed.set(css, paint(css));
    return parsed.get(css).slice();
  };
  const paint = (css) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = '#000';
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  };
  // a colour drawn with alpha over an opaque colour
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3]))
    .concat([1]);
  const luminance = (c) => {
    const lin = c.slice(0, 3).map(v => { v /= 255;
      return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
  };
  const hex = (c) => '#' + c.slice(0, 3).map(v => Math.round(v).toString(16).padStart(2, '0'))
    .join('');
  DESCRIBE_JS
  // computed once per element: a page has thousands of text elements sharing ancestors
  const memo = (f) => { const cache = new Map();
    return (el) => { if (!cache.has(el)) cache.set(el, f(el)); return cache.get(el); }; };
  const background = memo((el) => {
    const c = parse(getComputedStyle(el).backgroundColor);
    if (c[3] >= 1) return c;
    const below = el.parentElement ? background(el.parentElement) : [255, 255, 255, 1];
    return c[3] > 0 ? over(c, below) : below;  // the canvas behind everything is white
  });
  const opacity = memo((el) => parseFloat(getComputedStyle(el).opacity) *
    (el.parentElement ? opacity(el.parentElement) : 1));
  const visible = (el) => {
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible' || style.display === 'none') return false;
    const rect = el.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) return false;  // hidden, or screen-reader only
    if (style.clip === 'rect(0px, 0px, 0px, 0px)' || style.clipPath === 'inset(50%)') return false;
    return opacity(el) > 0;
  };
  const SELECTOR = ['p', 'li', 'figcaption', '.caption', 'td', 'th', '.admonition',
    '.admonition-title', '.citation', 'dl.citation > dt', 'dl.citation > dd',
    '.footnote'].join(', ');
  const seen = new Set();
  const failures = [];
  let checked = 0;
  for (const root of document.querySelectorAll(SELECTOR)) {
    // the element and every element inside it with text of its own (links, code, emphasis)
    for (const el of [root, ...root.querySelectorAll('*')]) {
      if (seen.has(el)) continue;
      seen.add(el);
      if (el.closest('svg, mjx-container, .js-plotly-plot, script, style')) continue;
      const text = [...el.childNodes].filter(n => n.nodeType === Node.TEXT_NODE)
        .map(n => n.textContent).join('').replace(/\s+/g, ' ').trim();
      if (!text || !visible(el)) continue;
      const style = getComputedStyle(el);
      const fg = parse(style.color);
      fg[3] *= opacity(el);
      const bg = background(el);
      const drawn = over(fg, bg);
      const [l1, l2] = [luminance(drawn), luminance(bg)].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const size = parseFloat(style.fontSize);
      const bold = parseInt(style.fontWeight, 10) >= 700;
      const large = size >= 24 || (bold && size >= 18.66);
      const needed = large ? 3 : 4.5;
      checked += 1;
      if (ratio < needed - 0.005) {
        failures.push(`${describe(el)} "${text.slice(0, 50)}": ${hex(drawn)} on ${hex(bg)} ` +
          `= ${ratio.toFixed(2)}:1 < ${needed} (${size}px${bold ? ' bold' : ''})`);
      }
    }
  }
  return {checked, failures};
}
""".replace("  DESCRIBE_JS\n", DESCRIBE_JS)

OVERFLOW_JS = r"""
(width) => {
  const failures = [];
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth > width) failures.push(`document scrollWidth ${scrollWidth} > ${width}`);
  DESCRIBE_JS
  // inside an ancestor that scrolls or clips sideways, or one that is hidden
  const contained = (el) => {
    for (let e = el.parentElement; e && e !== document.documentElement; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX)) return true;
      if (style.visibility !== 'visible' || style.display === 'none') return true;
    }
    return false;
  };
  for (const el of document.body.querySelectorAll('*')) {
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    const right = rect.right + window.scrollX;
    if (right <= width + 0.5) continue;
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible' || style.position === 'fixed') {
      if (style.position === 'fixed' && rect.left < width) {
        failures.push(`${describe(el)}: fixed, right edge at ${right.toFixed(0)} px`);
      }
      continue;
    }
    if (contained(el)) continue;
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40);
    failures.push(`${describe(el)} "${text}": right edge at ${right.toFixed(0)} px`);
    if (failures.length > 15) break;
  }
  return failures;
}
""".replace("  DESCRIBE_JS\n", DESCRIBE_JS)

#: Every table in the article: each cell padded and bordered; a table wider than the page sits
#: in a wrapper that scrolls sideways, stays within the page and shows its "scroll" cue.
TABLES_JS = r"""
async (width) => {
  const failures = [];
  let tables = 0;
  DESCRIBE_JS
  if (width !== null) {  // a reader opens a folded output (a table in a closed <details>)
    document.querySelectorAll('details:not([open])').forEach(d => { d.open = true; });
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  }
  for (const table of document.querySelectorAll('.bd-article table')) {
    if (table.closest('.indextable, .citation')) continue;  // the index's layout table
    tables += 1;
    const name = describe(table) + ' "' + table.textContent.replace(/\s+/g, ' ').trim()
      .slice(0, 30) + '"';
    for (const cell of table.querySelectorAll('td, th')) {
      const style = getComputedStyle(cell);
      const pad = ['Top', 'Right', 'Bottom', 'Left'].map(s => parseFloat(style['padding' + s]));
      if (Math.min(...pad) <= 0) {
        failures.push(`${name}: a cell has padding ${pad.join('/')} px`); break; }
      if (!(parseFloat(style.borderBottomWidth) > 0) || style.borderBottomStyle === 'none') {
        failures.push(`${name}: a cell has no border`); break; }
    }
    if (width === null) continue;
    const rect = table.getBoundingClientRect();
    if (rect.right <= width + 0.5) continue;
    let wrap = table.parentElement;
    while (wrap && !['auto', 'scroll'].includes(getComputedStyle(wrap).overflowX)) {
      wrap = wrap.parentElement;
    }
    if (!wrap || wrap === document.documentElement) {
      failures.push(`${name}: ${rect.width.toFixed(0)} px wide, in no scroll wrapper`); continue; }
    if (wrap.getBoundingClientRect().right > width + 0.5) {
      failures.push(`${name}: its wrapper is wider than the page`); continue; }
    const cue = getComputedStyle(wrap, '::before').content;
    if (!cue || cue === 'none' || !cue.includes('Scroll')) {
      failures.push(`${name}: scrolls sideways with no cue`); }
  }
  return {tables, failures};
}
""".replace("  DESCRIBE_JS\n", DESCRIBE_JS)

SET_MODE_JS = """(mode) => {
  localStorage.setItem('theme', mode);
  localStorage.setItem('mode', mode);
  document.documentElement.dataset.theme = mode;
  document.documentElement.dataset.mode = mode;
}"""
# MathJax typesets after the page has loaded; its display equations take their width then.
MATHJAX_DONE_JS = """() => window.MathJax && MathJax.startup && MathJax.startup.promise
  ? MathJax.startup.promise.then(() => true) : true"""


def _draw_every_figure(page) -> None:
    """Bring each figure near the viewport so book-figures.js draws it, and wait for it."""
    figures = page.locator("div.ne-plot")
    for index in range(figures.count()):
        figure = figures.nth(index)
        figure.scroll_into_view_if_needed()
        try:
            page.wait_for_function(
                f"(div) => ({FIGURE_DRAWN_JS})(div)", arg=figure.element_handle(), timeout=10_000
            )
        except PlaywrightTimeoutError:
            pass  # test_book.py names a figure that does not draw; here its placeholder counts
    page.evaluate("window.scrollTo(0, 0)")


@pytest.fixture(scope="module")
def reading_results(built_book):
    """Every page checked once: contrast in light and dark mode, overflow at 390 px.

    One browser tab goes from page to page (so plotly.js and the theme load from its cache).
    """
    results = {}
    with serve_directory(built_book) as base, launch_browser() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        for page_path in _pages(built_book):
            if 'http-equiv="refresh"' in (built_book / page_path).read_text("utf-8").lower():
                continue  # a redirect (index.html) shows nothing of its own
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(f"{base}/{page_path}", wait_until="load")
            page.evaluate(MATHJAX_DONE_JS)
            # colours must be read where they settle, not halfway through a theme transition
            page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
            page.evaluate(SET_MODE_JS, "light")
            light = page.evaluate(CONTRAST_JS)
            tables_desktop = page.evaluate(TABLES_JS, None)
            page.evaluate(SET_MODE_JS, "dark")
            dark = page.evaluate(CONTRAST_JS)
            page.evaluate(SET_MODE_JS, "light")
            page.set_viewport_size({"width": PHONE_WIDTH, "height": 900})
            _draw_every_figure(page)
            page.wait_for_timeout(300)  # plotly's responsive relayout after the resize
            overflow = page.evaluate(OVERFLOW_JS, PHONE_WIDTH)
            tables_phone = page.evaluate(TABLES_JS, PHONE_WIDTH)
            results[page_path] = {"light": light, "dark": dark, "overflow": overflow,
                                  "tables": (tables_desktop, tables_phone)}  # fmt: skip
        context.close()
    return results


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_text_has_enough_contrast(reading_results, mode):
    failures, checked = [], 0
    for page_path, result in reading_results.items():
        checked += result[mode]["checked"]
        failures += [f"{page_path}: {failure}" for failure in result[mode]["failures"]]
    assert checked > 500, f"only {checked} text elements checked in {mode} mode"
    assert not failures, f"{mode} mode, {len(failures)} failures:\n" + "\n".join(failures[:60])


def test_nothing_is_wider_than_a_phone(reading_results):
    failures = []
    for page_path, result in reading_results.items():
        failures += [f"{page_path}: {failure}" for failure in result["overflow"]]
    assert not failures, "\n".join(failures[:60])


def test_every_table_is_padded_bordered_and_scrolls_on_a_phone(reading_results):
    failures, tables = [], 0
    for page_path, result in reading_results.items():
        desktop, phone = result["tables"]
        tables += desktop["tables"]
        failures += [f"{page_path} (desktop): {f}" for f in desktop["failures"]]
        failures += [f"{page_path} ({PHONE_WIDTH} px): {f}" for f in phone["failures"]]
    assert tables >= 15, f"only {tables} tables found"
    assert not failures, "\n".join(failures[:40])
