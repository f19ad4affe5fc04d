"""One look for every figure: the plotly template, the palette, number formats, and the
stacked-panel layout that several explorers share (a status text on top, plots beneath).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

#: Okabe & Ito's colour-blind-safe palette (Okabe and Ito 2008), by name.
PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
    "grey": "#6b7280",
    "light_grey": "#9ca3af",
}
TEXT_COLOUR = "#1f2937"
#: Display names of the twelve matrix targets.
TARGET_LABELS: dict[str, str] = {
    "alpha1A": "α1A", "alpha1B": "α1B", "alpha1D": "α1D",
    "alpha2A": "α2A", "alpha2B": "α2B", "alpha2C": "α2C",
    "beta1": "β1", "beta2": "β2", "beta3": "β3",
    "NET": "NET", "SERT": "SERT", "DAT": "DAT",
}  # fmt: skip
TEMPLATE_NAME = "ne_book"

pio.templates[TEMPLATE_NAME] = go.layout.Template(pio.templates["plotly_white"])
pio.templates[TEMPLATE_NAME].layout.update(
    font={"size": 13, "color": TEXT_COLOUR},
    colorway=[PALETTE[c] for c in ("blue", "orange", "green", "vermillion", "purple", "sky")],
    hoverlabel={"font": {"size": 13}},
    # Tick labels at least 11 px everywhere, on a phone too (plotly never scales fonts).
    xaxis={"tickfont": {"size": 12}, "title": {"font": {"size": 13}}},
    yaxis={"tickfont": {"size": 12}, "title": {"font": {"size": 13}}},
    modebar={"orientation": "v", "remove": ["zoomIn2d", "zoomOut2d", "lasso2d", "select2d"]},
)


def format_number(number: float) -> str:
    """Three significant figures without exponents: 0.15, 2.5, 630, 6,300, 100,000."""
    if abs(number) >= 1000:
        return f"{float(f'{number:.3g}'):,.0f}"
    return f"{number:.3g}"


def format_conc(nM: float) -> str:
    """A concentration to two significant figures, in nM or µM: 5 nM, 180 nM, 1.1 µM."""
    number, unit = (nM / 1000, "µM") if nM >= 1000 else (nM, "nM")
    return f"{format_number(float(f'{number:.2g}'))} {unit}"


@dataclass(frozen=True)
class Panel:
    """One panel of a stacked figure: a heading, a share of the height and its axes.

    ``text`` panels hold a status text drawn as a scatter ``mode="text"`` trace at (0, 1):
    their axes are hidden and span [0, 1].
    """

    heading: str = ""
    share: float = 1.0
    xaxis: dict[str, Any] = field(default_factory=dict)
    yaxis: dict[str, Any] = field(default_factory=dict)
    text: bool = False


def stacked_figure(
    panels: Sequence[Panel],
    height: int,
    gap: float = 0.07,
    margin: dict[str, int] | None = None,
    **layout_options: Any,
) -> go.Figure:
    """A figure of panels stacked top to bottom (axes ``x``/``y``, ``x2``/``y2``, ...).

    Panel ``i`` gets ``xaxis{i}``/``yaxis{i}`` anchored to each other; each heading sits just
    above its panel, and ``gap`` (a fraction of the plot height) separates panels.
    ``layout_options`` (``legend``, ``barmode`` ...) go to the layout as they are.
    """
    total = sum(p.share for p in panels)
    usable = 1.0 - gap * (len(panels) - 1)
    layout: dict[str, Any] = {}
    annotations = []
    top = 1.0
    for index, panel in enumerate(panels, start=1):
        suffix = "" if index == 1 else str(index)
        bottom = max(top - usable * panel.share / total, 0.0)
        xaxis: dict[str, Any] = {"domain": [0, 1], "anchor": f"y{suffix}"}
        yaxis: dict[str, Any] = {"domain": [bottom, top], "anchor": f"x{suffix}"}
        if panel.text:
            hidden = {"visible": False, "range": [0, 1], "fixedrange": True}
            xaxis |= hidden
            yaxis |= hidden
        layout[f"xaxis{suffix}"] = xaxis | panel.xaxis
        layout[f"yaxis{suffix}"] = yaxis | panel.yaxis
        if panel.heading:
            annotations.append(
                {"text": f"<b>{panel.heading}</b>", "x": 0, "y": top + 0.012, "xref": "paper",
                 "yref": "paper", "xanchor": "left", "yanchor": "bottom", "showarrow": False}
            )  # fmt: skip
        top = bottom - gap
    fig = go.Figure()
    fig.update_layout(
        **layout,
        annotations=annotations,
        height=height,
        template=TEMPLATE_NAME,
        margin=margin or {"l": 55, "r": 10, "t": 40, "b": 30},
        **layout_options,
    )
    return fig


def status_trace(lines: Sequence[str], size: int = 13, axes: str = "") -> dict[str, Any]:
    """A block of text lines at the top left of a ``text`` panel (axes ``x{axes}``/``y{axes}``)."""
    return text_trace([0.0], [1.0], ["<br>".join(lines)], axes, size, position="bottom right")


def _axes(axes: str) -> dict[str, str]:
    return {"xaxis": f"x{axes}", "yaxis": f"y{axes}"}


def line_trace(x, y, name: str, colour: str, axes: str = "", width: float = 3,
               dash: str = "solid", hover: str | None = None,
               **more: Any) -> dict[str, Any]:  # fmt: skip
    """A line on axes ``x{axes}``/``y{axes}``; ``hover`` is a plotly hovertemplate."""
    trace = {"type": "scatter", "mode": "lines", "x": x, "y": y, "name": name,
             "line": {"color": colour, "width": width, "dash": dash}, **_axes(axes)}  # fmt: skip
    if hover is not None:
        trace["hovertemplate"] = hover
    return trace | more


def marker_trace(
    x,
    y,
    name: str,
    colour: str,
    axes: str = "",
    size: float = 12,
    symbol: str = "circle",
    hover: str | None = None,
    **more: Any,
) -> dict[str, Any]:
    """Markers on axes ``x{axes}``/``y{axes}``; extra keys (``marker``...) override."""
    shape = {"color": colour, "size": size, "symbol": symbol}
    trace = {"type": "scatter", "mode": "markers", "x": x, "y": y, "name": name,
             "marker": shape, **_axes(axes)}  # fmt: skip
    if hover is not None:
        trace["hovertemplate"] = hover
    return trace | more


def bar_trace(
    x, y, name: str, colour, axes: str = "", hover: str | None = None, **more: Any
) -> dict[str, Any]:
    """Bars on axes ``x{axes}``/``y{axes}``, not in the legend unless ``showlegend`` is given."""
    trace = {"type": "bar", "x": x, "y": y, "name": name, "marker": {"color": colour},
             "showlegend": False, **_axes(axes)}  # fmt: skip
    if hover is not None:
        trace["hovertemplate"] = hover
    return trace | more


def text_trace(
    x,
    y,
    text,
    axes: str = "",
    size: int = 11,
    colour: str | None = None,
    position: str = "middle left",
    **more: Any,
) -> dict[str, Any]:
    """Labels drawn as a ``mode="text"`` trace: no legend entry, no hover, never clipped."""
    font: dict[str, Any] = {"size": size} | ({"color": colour} if colour else {})
    return {"type": "scatter", "mode": "text", "x": x, "y": y, "text": text,
            "textposition": position, "textfont": font, "cliponaxis": False,
            "hoverinfo": "skip", "showlegend": False, **_axes(axes)} | more  # fmt: skip


#: What the operational model's efficacy means, beside every τ control.
TAU_HINT = "τ = receptor number / transducer constant (operational model): higher, fuller agonist"
