"""Measure the book against its budgets (run by hand, not by CI).

    python benchmarks/run.py            # clean build + page weights + live widget update
    python benchmarks/run.py --no-build # reuse _build/html for the page weights

Budgets (design.md): clean build with execution <= 120 s on 2 cores; each page (its HTML
plus its own scripts, not the shared plotly.js) <= 1.5 MB; live widget update <= 50 ms
(median of 50 slider changes, value set to figure updated, in process); one synapse
simulation of 10 s at 10 Hz <= 50 ms (median).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BUILD_BUDGET_S = 120.0
PAGE_BUDGET_BYTES = 1_500_000
UPDATE_BUDGET_MS = 50.0


def clean_build() -> float:
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build",
         str(ROOT), "-W", "-n", "--keep-going"],
        check=True, cwd=ROOT, capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - start


def _local_scripts(page: Path) -> set[Path]:
    text = page.read_text(encoding="utf-8")
    paths = {
        (page.parent / src).resolve() for src in re.findall(r'<script[^>]*src="([^"?]+)', text)
    }
    return {path for path in paths if path.is_file()}


def page_weights(html_dir: Path) -> tuple[dict[str, int], int]:
    """Bytes of each chapter page: its HTML plus the scripts that only it loads.

    Scripts every page loads (the theme's, plotly.js, MathJax) are shared and cached after the
    first page; their total is returned separately.
    """
    pages = sorted((html_dir / "chapters").glob("*.html"))
    scripts = {page: _local_scripts(page) for page in pages}
    shared = set.intersection(*scripts.values()) if scripts else set()
    # Libraries served once from _static and cached: plotly.js and MathJax (loaded on pages
    # with math) count as shared, like the theme.
    shared |= {p for paths in scripts.values() for p in paths if p.name == "plotly.min.js"}
    shared |= {p for paths in scripts.values() for p in paths if "mathjax" in p.parts}
    weights = {}
    for page in pages:
        own = sum(path.stat().st_size for path in scripts[page] - shared)
        weights[page.relative_to(html_dir).as_posix()] = len(page.read_bytes()) + own
    shared_bytes = sum(path.stat().st_size for path in shared if path.name != "plotly.min.js")
    return weights, shared_bytes


def widget_update_ms() -> dict[str, float]:
    """Median and 95th percentile of 50 live updates for every explorer in the book."""
    from book.widgets import explorers

    results = {}
    for name, make in explorers().items():
        explorer = make()
        explorer.widget()
        spec = explorer.spec
        slider = spec.parameter(spec.static_slider)
        values = (
            np.geomspace(slider.low, slider.high, 50)
            if slider.log
            else np.linspace(slider.low, slider.high, 50)
        )
        times = []
        for value in values:
            start = time.perf_counter()
            explorer.update(**{slider.name: float(value)})
            times.append((time.perf_counter() - start) * 1000)
        results[name] = (statistics.median(times), float(np.percentile(times, 95)))
    return results


def synapse_simulation_ms() -> dict[str, float]:
    """Median time of one 10 s simulation at 10 Hz (the model behind the reuptake sliders)."""
    from book.models.synapse import simulate

    results = {}
    for mode in ("tonic", "burst"):
        times = []
        for _ in range(20):
            start = time.perf_counter()
            simulate(rate_Hz=10.0, mode=mode, firing_s=10.0, duration_s=10.0)
            times.append((time.perf_counter() - start) * 1000)
        results[mode] = statistics.median(times)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-build", action="store_true")
    args = parser.parse_args()
    if not args.no_build:
        seconds = clean_build()
        verdict = "ok" if seconds <= BUILD_BUDGET_S else "OVER BUDGET"
        print(
            f"clean build with execution: {seconds:.1f} s (budget {BUILD_BUDGET_S:.0f} s) {verdict}"
        )
    weights, shared_bytes = page_weights(ROOT / "_build" / "html")
    print(f"shared scripts (theme, MathJax; not plotly.js): {shared_bytes / 1e6:.2f} MB")
    print("page weight (HTML + scripts only that page loads; plotly.js is shared):")
    for page, size in weights.items():
        verdict = "ok" if size <= PAGE_BUDGET_BYTES else "OVER BUDGET"
        print(f"  {page:40s} {size / 1e6:6.3f} MB {verdict}")
    print("live widget update (value set -> figure updated, 50 changes):")
    for name, (median, p95) in widget_update_ms().items():
        verdict = "ok" if median <= UPDATE_BUDGET_MS else "OVER BUDGET"
        print(f"  {name:30s} median {median:6.2f} ms  p95 {p95:6.2f} ms {verdict}")
    print("synapse model, one 10 s simulation at 10 Hz (median of 20):")
    for mode, median in synapse_simulation_ms().items():
        verdict = "ok" if median <= UPDATE_BUDGET_MS else "OVER BUDGET"
        print(f"  {mode:30s} median {median:6.2f} ms {verdict}")


if __name__ == "__main__":
    main()
