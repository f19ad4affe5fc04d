"""List bibliography entries that nothing cites and entries still unverified in any detail.

Usage: python scripts/reference_audit.py

Cited keys are collected from {cite:...}`...` roles in every .md/.ipynb file outside _build and
docs/research (chapters, assignments, front page), the `source` columns of book/data/*.csv and
quoted key strings in book/**/*.py. An entry counts as unverified when its `verification` field
starts with "UNVERIFIED" (every remaining gap is marked that way; see
docs/research/references-audit.md).
"""

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from book.data.references import bibliography  # noqa: E402

SKIP = ("_build", "docs/research", ".git")


def cited_keys(keys: set[str]) -> set[str]:
    cited: set[str] = set()
    for path in list(ROOT.rglob("*.md")) + list(ROOT.rglob("*.ipynb")):
        if any(part in path.relative_to(ROOT).as_posix() for part in SKIP):
            continue
        for group in re.findall(r"\{cite:[a-z]+\}`([^`]+)`", path.read_text(encoding="utf-8")):
            cited |= {k.strip() for k in group.split(",")}
    for path in (ROOT / "book" / "data").glob("*.csv"):
        with open(path, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                cited |= {k.strip() for k in (row.get("source") or "").split(";") if k.strip()}
    for path in (ROOT / "book").rglob("*.py"):
        for word in re.findall(r"[\"']([A-Za-z0-9_]+)[\"']", path.read_text(encoding="utf-8")):
            if word in keys:
                cited.add(word)
    cited.discard("key")  # the placeholder in README and docs/authoring.md
    return cited


def main() -> int:
    entries = bibliography().entries
    keys = set(entries)
    cited = cited_keys(keys)
    uncited = sorted(keys - cited)
    missing = sorted(cited - keys)
    unverified = [
        (key, entry.fields.get("verification", ""))
        for key, entry in entries.items()
        if entry.fields.get("verification", "").startswith("UNVERIFIED")
    ]
    print(f"entries: {len(keys)}; cited nowhere: {uncited}; cited but missing: {missing}")
    print(f"unverified in some detail: {len(unverified)}")
    for key, text in unverified:
        print(f"  {key}: {text.split('.')[0]}")
    return 1 if uncited or missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
