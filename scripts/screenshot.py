"""Screenshot built pages in headless Chromium and list their console errors and requests.

Usage: python scripts/screenshot.py chapters/intro.html [more pages] [--width 390] [--dark]
Serves the built HTML (default _build/html) on a loopback port; writes PNGs beside it
in screenshots/ (or in --out). --dark switches the pydata theme to dark mode first.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser_support import launch_browser, open_page, serve_directory  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pages", nargs="+")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--html", default=str(ROOT / "_build" / "html"), help="built HTML folder")
    parser.add_argument("--dark", action="store_true", help="dark mode")
    parser.add_argument("--out", default=None, help="folder for the PNGs")
    args = parser.parse_args()
    out = Path(args.out) if args.out else Path(args.html).parent / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with serve_directory(Path(args.html)) as base, launch_browser() as browser:
        for page_path in args.pages:
            page, problems = open_page(browser, base, page_path, width=args.width)
            if args.dark:
                page.evaluate(
                    "document.documentElement.dataset.theme = 'dark';"
                    "document.documentElement.dataset.mode = 'dark';"
                )
            page.wait_for_timeout(500)
            mode = "_dark" if args.dark else ""
            name = page_path.replace("/", "_").replace(".html", "") + f"_{args.width}{mode}.png"
            page.screenshot(path=str(out / name), full_page=True)
            print(f"{page_path} -> {out / name}")
            for problem in problems:
                print("   ", problem)
            page.close()


if __name__ == "__main__":
    main()
