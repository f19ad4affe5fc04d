"""Release and grade the course problem sets with Otter-Grader (run by scripts/assignments.sh).

    python scripts/assignments.py release OUT [--sets a,b] [--check]
    python scripts/assignments.py grade NOTEBOOK... [--autograder PATH] [--csv FILE] [--jobs N]

``release`` converts each master (``assignments/<set>/<set>.md``, a jupytext MyST notebook in
Otter Assign's format) to ``.ipynb`` and runs ``otter assign`` on it, then writes
``OUT/student/<set>.ipynb`` (no solutions, public checks only), ``OUT/solutions/<set>.ipynb``
(instructors' copy: solutions, rubrics, every test) and ``OUT/autograder/<set>-autograder.zip``
(Otter's autograder: tests, configuration, a snapshot of the ``book`` package and the
requirements a Gradescope image needs). Settings shared by every set are in
``assignments/otter.yml``.

``grade`` grades submitted notebooks with ``otter run`` (no Docker, no network): each in its
own process, cells interrupted after ``--cell-timeout`` seconds. It prints, per notebook, each
autograded question's points with the reason for any lost, then ``score: X/Y``. A notebook
that cannot be read or run is graded too (0 for what could not be checked, with the reason).
Without ``--autograder`` the autograders are built from the current masters first.
"""

from __future__ import annotations

import argparse
import ast
import concurrent.futures
import contextlib
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENTS = ROOT / "assignments"
SHARED_CONFIG = ASSIGNMENTS / "otter.yml"
#: Packages the ``book`` models and data import, pinned as in requirements.txt (for the
#: Gradescope image; local grading uses the environment scripts/assignments.sh installed).
GRADING_PACKAGES = ("numpy", "scipy", "pybtex", "latexcodec")
DEFAULT_CELL_TIMEOUT_S = 120
NOTEBOOK_TIMEOUT_S = 900


def available_sets() -> list[str]:
    """Every set with a master ``assignments/<set>/<set>.md``, in the book's chapter order."""
    order = ["production", "receptors", "signalling", "clearance", "arousal", "conditions"]
    found = [p.parent.name for p in ASSIGNMENTS.glob("*/*.md") if p.stem == p.parent.name]
    return sorted(found, key=lambda s: (order.index(s) if s in order else len(order), s))


# ----- release -----------------------------------------------------------------------------
def _grading_requirements() -> str:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        name, _, version = line.strip().partition("==")
        if version:
            pins[name.lower()] = line.strip()
    missing = [p for p in GRADING_PACKAGES if p not in pins]
    if missing:
        raise SystemExit(f"requirements.txt pins no version of {', '.join(missing)}")
    return "\n".join(pins[p] for p in GRADING_PACKAGES) + "\n"


def _stage(set_name: str, stage: Path) -> Path:
    """Lay out what ``otter assign`` reads: the master as .ipynb, shared config, book, pins."""
    import jupytext
    import nbformat

    master = ASSIGNMENTS / set_name / f"{set_name}.md"
    notebook = jupytext.read(master)
    notebook.metadata.pop("jupytext", None)
    path = stage / f"{set_name}.ipynb"
    nbformat.write(notebook, path)
    shutil.copy(SHARED_CONFIG, stage / "otter.yml")
    shutil.copytree(ROOT / "book", stage / "book",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))  # fmt: skip
    (stage / "requirements-grading.txt").write_text(_grading_requirements(), encoding="utf-8")
    for extra in sorted((ASSIGNMENTS / set_name).iterdir()):
        if extra.name != master.name and extra.is_file():
            shutil.copy(extra, stage / extra.name)
    return path


def _assert_student_copy_is_clean(path: Path) -> None:
    """A student notebook must hold no solution, no hidden test and no rubric."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for name, test in nb["metadata"].get("otter", {}).get("tests", {}).items():
        for suite in test.get("suites", []):
            if any(case.get("hidden") for case in suite.get("cases", [])):
                raise SystemExit(f"{path}: hidden test of {name} left in the student copy")
    text = json.dumps(nb["cells"])
    for marker in ("# SOLUTION", "BEGIN SOLUTION", "# HIDDEN", "Rubric", "otter_assign_solution"):
        if marker in text:
            raise SystemExit(f"{path}: {marker!r} left in the student copy")


def release(out: Path, sets: list[str]) -> dict[str, Path]:
    """Write the student, solution and autograder copies of ``sets`` under ``out``."""
    from otter.assign import main as otter_assign

    dirs = {kind: out / kind for kind in ("student", "solutions", "autograder")}
    for d in dirs.values():
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir(parents=True)
    zips = {}
    for set_name in sets:
        with tempfile.TemporaryDirectory(prefix=f"assign-{set_name}-") as tmp:
            stage = Path(tmp) / "master"
            stage.mkdir()
            master = _stage(set_name, stage)
            dist = Path(tmp) / "dist"
            log = io.StringIO()
            try:
                with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
                    otter_assign(str(master), str(dist), no_pdfs=True, no_run_tests=True)
            except Exception as error:
                message = f"otter assign failed on {set_name}: {error}\n{log.getvalue()}"
                raise SystemExit(message) from error
            student = dist / "student" / f"{set_name}.ipynb"
            _assert_student_copy_is_clean(student)
            shutil.copy(student, dirs["student"] / student.name)
            shutil.copy(dist / "autograder" / f"{set_name}.ipynb", dirs["solutions"])
            (zip_path,) = (dist / "autograder").glob(f"{set_name}-autograder_*.zip")
            zips[set_name] = dirs["autograder"] / f"{set_name}-autograder.zip"
            shutil.copy(zip_path, zips[set_name])
        print(f"released {set_name}")
    (out / "README.md").write_text(
        "# Problem sets released with Otter-Grader\n\n"
        "- `student/`: give these notebooks to students (public checks only).\n"
        "- `solutions/`: instructors only (solutions, rubrics for the written questions).\n"
        "- `autograder/`: instructors only; upload a zip to a Gradescope programming\n"
        "  assignment, or grade locally: `bash scripts/assignments.sh grade NOTEBOOK\n"
        "  --autograder autograder/`.\n",
        encoding="utf-8",
    )
    return zips


# ----- grade -------------------------------------------------------------------------------
@dataclass
class Question:
    name: str
    score: float
    possible: float
    reason: str = ""


@dataclass
class Report:
    notebook: Path
    set_name: str
    student_id: str
    questions: list[Question] = field(default_factory=list)
    error: str = ""

    @property
    def score(self) -> float:
        return sum(q.score for q in self.questions)

    @property
    def possible(self) -> float:
        return sum(q.possible for q in self.questions)

    def text(self) -> str:
        who = self.student_id or "(none entered)"
        lines = [f"{self.notebook}: set {self.set_name}, student id {who}"]
        if self.error:
            lines.append(f"  not graded to the end: {self.error}")
        for q in self.questions:
            reason = f"  {q.reason}" if q.reason else ""
            lines.append(f"  {q.name:<4} {_num(q.score)}/{_num(q.possible)}{reason}")
        lines.append(f"score: {_num(self.score)}/{_num(self.possible)}")
        return "\n".join(lines)


def _num(x: float) -> str:
    return f"{x:g}"


def _set_of(notebook: Path) -> str:
    """The set a submission belongs to: Otter's metadata, else the file name."""
    sets = available_sets()
    with contextlib.suppress(Exception):
        meta = json.loads(notebook.read_text(encoding="utf-8"))["metadata"]
        name = meta["otter"]["assignment_name"]
        if name in sets:
            return name
    for name in sorted(sets, key=len, reverse=True):
        if notebook.stem.lower().startswith(name):
            return name
    raise SystemExit(f"{notebook}: cannot tell which set this is (sets: {', '.join(sets)})")


def _student_id(notebook: Path) -> str:
    """The STUDENT_ID the notebook's code assigns (for the report; grading runs the code)."""
    with contextlib.suppress(Exception):
        nb = json.loads(notebook.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell.get("cell_type") != "code":
                continue
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            match = re.search(r"^STUDENT_ID\s*=\s*(.+?)(?:\s+#.*)?$", source, re.MULTILINE)
            if match:
                return str(ast.literal_eval(match.group(1))).strip()
    return ""


def _possible(zip_path: Path) -> dict[str, float]:
    """Points of each autograded question, read from the autograder's test files."""
    points = {}
    with zipfile.ZipFile(zip_path) as zf:
        for name in sorted(zf.namelist()):
            if name.startswith("tests/") and name.endswith(".py"):
                scope: dict = {}
                exec(zf.read(name).decode("utf-8"), scope)
                test = scope["test"]
                points[test["name"]] = float(test.get("points") or 1)
    return points


_ERROR_LINE = re.compile(r"^\s*([A-Za-z_.]*(?:Error|Exception|Interrupt|Exit)\b.*)$")


def _reason(output: str) -> str:
    """The message of the last exception in a failed test's output."""
    found = [m.group(1).strip() for line in output.splitlines() if (m := _ERROR_LINE.match(line))]
    if found:
        return found[-1].removeprefix("AssertionError: ")
    return "a check failed" if "failed" in output else ""


def _grade_one(notebook: str, zip_path: str, result_path: str, cell_timeout: int) -> None:
    """Child process: run ``otter run`` on one notebook and save the results as JSON."""
    import otter.execute
    from otter.run import main as otter_run
    from traitlets.config import Config

    def config() -> Config:
        c = Config()
        c.ExecutePreprocessor.timeout = cell_timeout
        c.ExecutePreprocessor.interrupt_on_timeout = True
        return c

    otter.execute.Config = config  # a cell that runs too long is interrupted, not waited on
    out = {"tests": [], "error": ""}
    log = io.StringIO()
    with tempfile.TemporaryDirectory() as tmp:
        # Grade with the book the autograder was released with (its snapshot), as
        # Gradescope does: the notebook's kernel inherits this PYTHONPATH.
        with zipfile.ZipFile(zip_path) as zf:
            members = [n for n in zf.namelist() if n.startswith("files/book/")]
            zf.extractall(Path(tmp) / "snapshot", members)
        if members:
            paths = [str(Path(tmp) / "snapshot" / "files"), os.environ.get("PYTHONPATH", "")]
            os.environ["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
        try:
            with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
                otter_run(notebook, autograder=zip_path, output_dir=tmp, no_logo=True)
            out["tests"] = json.loads((Path(tmp) / "results.json").read_text())["tests"]
        except BaseException as error:  # any failure is reported, never raised
            out["error"] = f"{type(error).__name__}: {error}".strip()[:500]
    Path(result_path).write_text(json.dumps(out), encoding="utf-8")


def grade_notebook(notebook: Path, zip_path: Path, cell_timeout: int) -> Report:
    set_name = _set_of(notebook)
    report = Report(notebook, set_name, _student_id(notebook))
    possible = _possible(zip_path)
    with tempfile.TemporaryDirectory() as tmp:
        result_path = Path(tmp) / "result.json"
        command = [sys.executable, __file__, "_grade_one", str(notebook.resolve()),
                   str(zip_path.resolve()), str(result_path), str(cell_timeout)]  # fmt: skip
        try:
            run = subprocess.run(command, capture_output=True, text=True,
                                 timeout=NOTEBOOK_TIMEOUT_S, cwd=tmp)  # fmt: skip
        except subprocess.TimeoutExpired:
            result = {"tests": [], "error": f"grading took over {NOTEBOOK_TIMEOUT_S} s"}
        else:
            try:
                result = json.loads(result_path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                stopped = run.stderr.strip()[-500:] or f"exit code {run.returncode}"
                result = {"tests": [], "error": f"the grader stopped: {stopped}"}
    report.error = result["error"]
    by_name = {t["name"]: t for t in result["tests"] if "max_score" in t}
    for name, points in possible.items():
        test = by_name.get(name)
        if test is None:
            why = "not graded: " + (report.error or "no result") if report.error else "no result"
            report.questions.append(Question(name, 0.0, points, why))
            continue
        score = float(test.get("score") or 0.0)
        reason = "" if score >= points else _reason(test.get("output", "")) or "a check failed"
        report.questions.append(Question(name, score, float(test["max_score"]), reason))
    return report


def _autograders(path: Path | None, sets: set[str], build_dir: Path) -> dict[str, Path]:
    if path is None:
        return release(build_dir, sorted(sets))
    if path.is_file():
        return {s: path for s in sets}
    zips = {s: path / f"{s}-autograder.zip" for s in sets}
    for s, z in zips.items():
        if not z.is_file():
            raise SystemExit(f"no autograder for {s}: {z} does not exist")
    return zips


def grade(notebooks: list[Path], autograder: Path | None, csv_path: Path | None, jobs: int,
          cell_timeout: int) -> list[Report]:  # fmt: skip
    for nb in notebooks:
        if not nb.is_file():
            raise SystemExit(f"{nb}: no such file")
    sets = {nb: _set_of(nb) for nb in notebooks}
    with tempfile.TemporaryDirectory(prefix="assign-build-") as build:
        with contextlib.redirect_stdout(io.StringIO()):
            zips = _autograders(autograder, set(sets.values()), Path(build))
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            reports = list(
                pool.map(lambda nb: grade_notebook(nb, zips[sets[nb]], cell_timeout), notebooks)
            )
    for report in reports:
        print(report.text(), flush=True)
    if csv_path is not None:
        _write_csv(csv_path, reports)
    return reports


def _write_csv(path: Path, reports: list[Report]) -> None:
    questions = sorted({q.name for r in reports for q in r.questions})
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["notebook", "set", "student_id", "score", "possible", *questions])
        for r in reports:
            scores = {q.name: _num(q.score) for q in r.questions}
            row = [r.notebook.name, r.set_name, r.student_id, _num(r.score), _num(r.possible)]
            writer.writerow(row + [scores.get(q, "") for q in questions])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rel = sub.add_parser("release", help="write OUT/student, OUT/solutions, OUT/autograder")
    rel.add_argument("out", type=Path)
    rel.add_argument("--sets", help="comma-separated sets (default: all)")
    rel.add_argument("--check", action="store_true", help="grade each solution after release")
    gra = sub.add_parser("grade", help="grade submitted notebooks locally")
    gra.add_argument("notebooks", type=Path, nargs="+")
    gra.add_argument("--autograder", type=Path, help="a released autograder zip or folder")
    gra.add_argument("--csv", type=Path, help="also write the scores to this CSV file")
    gra.add_argument("--jobs", type=int, default=2, help="notebooks graded at once (2)")
    gra.add_argument("--cell-timeout", type=int, default=DEFAULT_CELL_TIMEOUT_S)
    one = sub.add_parser("_grade_one")
    for name in ("notebook", "zip_path", "result_path"):
        one.add_argument(name)
    one.add_argument("cell_timeout", type=int)
    args = parser.parse_args(argv)

    if args.command == "_grade_one":
        _grade_one(args.notebook, args.zip_path, args.result_path, args.cell_timeout)
        return 0
    if args.command == "release":
        sets = args.sets.split(",") if args.sets else available_sets()
        unknown = sorted(set(sets) - set(available_sets()))
        if unknown:
            raise SystemExit(f"unknown set {unknown[0]!r}; sets: {', '.join(available_sets())}")
        release(args.out, sets)
        print(f"wrote {args.out}/student, {args.out}/solutions and {args.out}/autograder")
        if args.check:
            solutions = [args.out / "solutions" / f"{s}.ipynb" for s in sets]
            reports = grade(solutions, args.out / "autograder", None, 2, DEFAULT_CELL_TIMEOUT_S)
            if any(r.score < r.possible for r in reports):
                print("a solution notebook lost points", file=sys.stderr)
                return 1
        return 0
    grade(args.notebooks, args.autograder, args.csv, args.jobs, args.cell_timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
