"""The vendored partial plotly.js bundle matches plotly.py and draws every book figure."""

from __future__ import annotations

import inspect
import re
import sys
from pathlib import Path

import plotly

from book.widgets import explorers
from book.widgets.live import StaticFigure
from book.widgets.static import static_figure

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "_ext"))
import offline_assets  # noqa: E402

BUNDLE = offline_assets.ASSETS / offline_assets.PLOTLY_BUNDLE
STOCK = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def _version(path: Path) -> str:
    match = re.search(r"plotly\.js (?:\([^)]*\) )?v(\d+\.\d+\.\d+)", path.read_text()[:400])
    assert match, f"{path}: no plotly.js version in its header"
    return match.group(1)


def _bundle_trace_types() -> set[str]:
    return set(re.findall(r'moduleType:"trace",name:"(\w+)"', BUNDLE.read_text()))


def _book_figures():
    for name, make in explorers().items():
        yield name, static_figure(make().spec)
    import importlib
    import pkgutil

    import book.widgets as package

    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"book.widgets.{info.name}")
        for name, function in vars(module).items():
            if not (inspect.isfunction(function) and function.__module__ == module.__name__):
                continue
            signature = inspect.signature(function)
            returns = signature.return_annotation
            if returns in (StaticFigure, "StaticFigure") and all(
                p.default is not p.empty for p in signature.parameters.values()
            ):
                yield name, function().figure


def test_the_bundle_is_the_plotly_js_version_plotly_py_ships():
    assert _version(BUNDLE) == _version(STOCK)
    assert offline_assets.PLOTLY_BUNDLE == f"plotly-cartesian-{_version(STOCK)}.min.js"


def test_the_bundle_holds_every_trace_type_a_book_figure_draws():
    available = _bundle_trace_types()
    assert {"scatter", "bar", "heatmap"} <= available
    seen = {}
    for name, figure in _book_figures():
        for trace in figure.data:
            seen.setdefault(trace.type, name)
    assert len(seen) >= 2, seen  # the collection found the book's figures
    missing = {kind: name for kind, name in seen.items() if kind not in available}
    assert not missing, f"trace types not in {BUNDLE.name}: {missing}"


def test_the_figure_script_and_licence_are_vendored():
    for name in (offline_assets.FIGURE_SCRIPT, "plotly.js-LICENSE.txt"):
        assert (offline_assets.ASSETS / name).is_file()
    assert "MIT" in (offline_assets.ASSETS / "plotly.js-LICENSE.txt").read_text()
