"""Course problem sets (assignments/): released and graded with Otter-Grader.

The slow tests call ``scripts/assignments.sh`` exactly as an instructor would: it installs
its pinned requirements (requirements-assignments.txt, into .venv-assignments) the first time,
releases every set once, and grades a batch of notebooks in one call: every solution, every
untouched student copy, and submissions with a wrong answer, a wrong type, a missing
question, a cell that fails, a file that is not a notebook, a cell that hangs and a
classmate's numbers. The fast tests run each master's solutions and hidden tests in this
process against the book's models, for two students.
"""

from __future__ import annotations

import copy
import math
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import jupytext
import nbformat
import pytest
import yaml

from book import assignments
from book.assignments import (
    SETS,
    LocalChecker,
    expect_choice,
    expect_number,
    expect_text,
    seed,
    variant,
)

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "assignments.sh"
MASTERS = {name: ROOT / "assignments" / name / f"{name}.md" for name in SETS}
ID_A = "s1234567"


def run_script(*args: str, timeout: float = 1200) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(["bash", str(SCRIPT), *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)  # fmt: skip


# ----- reading the grade command's report ------------------------------------------------
@dataclass
class Graded:
    set_name: str
    student_id: str
    score: float = math.nan
    possible: float = math.nan
    questions: dict[str, tuple[float, float, str]] = field(default_factory=dict)
    note: str = ""

    def lost(self) -> set[str]:
        return {q for q, (got, out_of, _) in self.questions.items() if got < out_of}


HEADER = re.compile(r"^(?P<path>\S.*?): set (?P<set>\w+), student id (?P<id>.*)$")
QUESTION = re.compile(r"^  (?P<q>\w+)\s+(?P<got>[\d.]+)/(?P<of>[\d.]+)(?:  (?P<why>.*))?$")
SCORE = re.compile(r"^score: (?P<got>[\d.]+)/(?P<of>[\d.]+)$")


def parse_reports(stdout: str) -> dict[str, Graded]:
    reports: dict[str, Graded] = {}
    current = None
    for line in stdout.splitlines():
        if m := HEADER.match(line):
            current = reports[Path(m["path"]).name] = Graded(m["set"], m["id"])
        elif current is not None and (m := QUESTION.match(line)):
            current.questions[m["q"]] = (float(m["got"]), float(m["of"]), m["why"] or "")
        elif current is not None and (m := SCORE.match(line)):
            current.score, current.possible = float(m["got"]), float(m["of"])
        elif current is not None and line.startswith("  not graded to the end:"):
            current.note = line.strip()
    return reports


# ----- editing notebooks -----------------------------------------------------------------
def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def with_student_id(nb, student_id: str, inputs_of: str | None = None):
    nb = copy.deepcopy(nb)
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert 'STUDENT_ID = ""' in first.source
    first.source = first.source.replace('STUDENT_ID = ""', f"STUDENT_ID = {student_id!r}")
    if inputs_of is not None:  # a student who used a classmate's inputs
        first.source = re.sub(r"variant\((\"\w+\"), STUDENT_ID\)", rf"variant(\1, {inputs_of!r})",
                              first.source)  # fmt: skip
    return nb


def check_cell_index(nb, question: str) -> int:
    return next(
        i for i, c in enumerate(nb.cells) if c.cell_type == "code"
        and c.source.strip() == f'grader.check("{question}")'
    )  # fmt: skip


def answer_cell_index(nb, question: str) -> int:
    """The solution cell of ``question``: the code cell just above its check cell."""
    i = check_cell_index(nb, question) - 1
    assert nb.cells[i].cell_type == "code" and f"{question}_" in nb.cells[i].source
    return i


def answer_name(nb, question: str) -> str:
    source = nb.cells[answer_cell_index(nb, question)].source
    return re.search(rf"^({question}_\w+) =", source, re.MULTILINE).group(1)


def insert_before_check(nb, question: str, source: str):
    nb = copy.deepcopy(nb)
    nb.cells.insert(check_cell_index(nb, question), nbformat.v4.new_code_cell(source))
    return nb


def ids_with_all_inputs_different(set_name: str, base: str = ID_A) -> str:
    first = variant(set_name, base)
    for i in range(10_000):
        other = variant(set_name, f"s{i:07d}")
        if all(other[k] != first[k] for k in first):
            return other.student_id
    raise AssertionError("no two ids found with every input different")  # pragma: no cover


# ----- the slow tests: release once, grade once ------------------------------------------
@pytest.fixture(scope="module")
def released(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("released")
    result = run_script("release", str(out))
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return out


@pytest.fixture(scope="module")
def submissions(released, tmp_path_factory) -> dict[str, Path]:
    """Notebooks to grade, named ``<set>-<case>.ipynb``."""
    folder = tmp_path_factory.mktemp("submissions")
    notebooks: dict[str, nbformat.NotebookNode] = {}
    solutions = {s: read(released / "solutions" / f"{s}.ipynb") for s in SETS}
    for s in SETS:
        notebooks[f"{s}-solution"] = with_student_id(solutions[s], ID_A)
        notebooks[f"{s}-untouched"] = read(released / "student" / f"{s}.ipynb")
    clearance = notebooks["clearance-solution"]
    name = answer_name(clearance, "q2")
    notebooks["clearance-wrong"] = insert_before_check(clearance, "q2", f"{name} = 2 * {name}")
    flip = 'q7_mode = "drowsy" if q7_mode != "drowsy" else "tonic (exploring)"'
    notebooks["arousal-wrong"] = insert_before_check(notebooks["arousal-solution"], "q7", flip)
    notebooks["conditions-wrongtype"] = insert_before_check(
        notebooks["conditions-solution"], "q1", 'q1_beta2_pct = "about 40 %"'
    )
    missing = copy.deepcopy(notebooks["signalling-solution"])
    del missing.cells[answer_cell_index(missing, "q4")]
    notebooks["signalling-missing"] = missing
    broken = copy.deepcopy(notebooks["production-solution"])
    cell = broken.cells[answer_cell_index(broken, "q3")]
    cell.source = 'raise RuntimeError("a bug in my code")\n' + cell.source
    notebooks["production-error"] = broken
    other = ids_with_all_inputs_different("clearance")
    notebooks["clearance-copied"] = with_student_id(solutions["clearance"], other, ID_A)
    paths = {}
    for key, nb in notebooks.items():
        paths[key] = folder / f"{key}.ipynb"
        nbformat.write(nb, paths[key])
    paths["receptors-corrupt"] = folder / "receptors-corrupt.ipynb"
    paths["receptors-corrupt"].write_text("this is not a notebook {", encoding="utf-8")
    return paths


@pytest.fixture(scope="module")
def graded(released, submissions) -> dict[str, Graded]:
    result = run_script("grade", *map(str, submissions.values()), "--autograder",
                        str(released / "autograder"), "--jobs", "2")  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    reports = parse_reports(result.stdout)
    missing = {p.name for p in submissions.values()} - set(reports)
    assert not missing, f"no report for {missing}:\n{result.stdout[-3000:]}"
    return reports


def test_release_writes_student_solution_and_autograder_copies(released):
    for s in SETS:
        student = released / "student" / f"{s}.ipynb"
        solution = released / "solutions" / f"{s}.ipynb"
        assert (released / "autograder" / f"{s}-autograder.zip").is_file()
        text = student.read_text(encoding="utf-8")
        for marker in ("# HIDDEN", "# SOLUTION", "BEGIN SOLUTION", "Rubric", '"hidden": true'):
            assert marker not in text, f"{marker!r} in the student copy of {s}"
        assert "Rubric" in solution.read_text(encoding="utf-8")
        nb = read(student)
        tests = nb.metadata["otter"]["tests"]
        assert len(tests) >= 5, f"{s}: fewer than 5 autograded questions"
        manual = [c for c in nb.cells if "_Type your answer here" in c.source]
        assert len(manual) >= 2, f"{s}: fewer than 2 written questions"
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        assert "import otter" not in code  # runs with the book package alone


@pytest.mark.parametrize("set_name", list(SETS))
def test_every_solution_scores_full_marks(graded, set_name):
    report = graded[f"{set_name}-solution.ipynb"]
    assert report.student_id == ID_A
    assert report.possible >= 5
    assert report.score == report.possible, report.questions


@pytest.mark.parametrize("set_name", list(SETS))
def test_an_untouched_student_notebook_scores_below_a_fifth(graded, set_name):
    report = graded[f"{set_name}-untouched.ipynb"]
    assert report.possible >= 5
    assert report.score < report.possible / 5
    assert all("..." in why for _, _, why in report.questions.values())


@pytest.mark.parametrize(("key", "question"), [("clearance-wrong", "q2"), ("arousal-wrong", "q7")])
def test_a_wrong_answer_loses_that_question_only(graded, key, question):
    report = graded[f"{key}.ipynb"]
    assert report.lost() == {question}
    assert report.score == report.possible - report.questions[question][1]
    why = report.questions[question][2]
    assert "not the model's value" in why or "not the model's answer" in why


def test_an_answer_of_the_wrong_type_scores_zero_with_the_reason(graded):
    report = graded["conditions-wrongtype.ipynb"]
    assert report.lost() == {"q1"}
    assert "must be a number" in report.questions["q1"][2]


def test_a_missing_answer_scores_zero_with_the_reason(graded):
    report = graded["signalling-missing.ipynb"]
    assert report.lost() == {"q4"}
    assert "not defined" in report.questions["q4"][2]


def test_a_cell_that_fails_costs_only_what_it_computes(graded):
    report = graded["production-error.ipynb"]
    assert report.lost() == {"q3"}
    assert "not defined" in report.questions["q3"][2]


def test_a_file_that_is_not_a_notebook_is_graded_zero_not_crashed_on(graded):
    report = graded["receptors-corrupt.ipynb"]
    assert report.set_name == "receptors"
    assert report.score == 0 and report.possible >= 5
    assert report.note and all(why for _, _, why in report.questions.values())


def test_the_grader_checks_each_student_against_their_own_variant(graded):
    """Answers computed with a classmate's inputs fail every question for one's own id."""
    report = graded["clearance-copied.ipynb"]
    assert report.student_id != ID_A
    assert report.score == 0, report.questions


def test_a_cell_that_hangs_is_interrupted_and_graded(released, tmp_path):
    nb = with_student_id(read(released / "solutions" / "clearance.ipynb"), ID_A)
    cell = nb.cells[answer_cell_index(nb, "q7")]
    cell.source = "import time\ntime.sleep(600)\n" + cell.source
    path = tmp_path / "clearance-hangs.ipynb"
    nbformat.write(nb, path)
    result = run_script("grade", str(path), "--autograder", str(released / "autograder"),
                        "--cell-timeout", "5", timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    report = parse_reports(result.stdout)[path.name]
    assert report.lost() == {"q7"}, report.questions
    assert "not defined" in report.questions["q7"][2]


# ----- the fast tests: each master against the models, in this process ------------------
def run_master(set_name: str, student_id: str) -> dict:
    """Execute a master's code cells (solutions and every test) for one student."""
    notebook = jupytext.read(MASTERS[set_name])
    namespace: dict = {"__name__": "__main__"}
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        source = cell.source.replace('STUDENT_ID = ""', f"STUDENT_ID = {student_id!r}")
        exec(compile(source, f"{set_name}.md", "exec"), namespace)  # the hidden tests raise
    return {k: v for k, v in namespace.items() if re.fullmatch(r"q\d+_\w+", k)}


@pytest.mark.parametrize("set_name", list(SETS))
def test_two_students_get_different_expected_numbers(set_name):
    other = ids_with_all_inputs_different(set_name)
    first, second = run_master(set_name, ID_A), run_master(set_name, other)
    assert len(first) >= 5 and first.keys() == second.keys()
    for name, value in first.items():
        if isinstance(value, str):
            continue  # a named category may coincide for two inputs
        # beyond the grader's tolerance (0.2%, 0.5% for ODE results)
        assert not math.isclose(value, second[name], rel_tol=0.005), name


def test_each_master_names_its_set_and_the_shared_config():
    for set_name, path in MASTERS.items():
        config = yaml.safe_load(path.read_text(encoding="utf-8").split("```otter", 1)[1]
                                .split("```", 1)[0].replace("# ASSIGNMENT CONFIG", ""))  # fmt: skip
        assert config == {"name": set_name, "config_file": "otter.yml"}
    shared = yaml.safe_load((ROOT / "assignments" / "otter.yml").read_text(encoding="utf-8"))
    assert shared["tests"] == {"files": False, "ok_format": True}
    assert "book" in shared["autograder_files"]


def test_the_book_never_builds_or_publishes_the_assignments():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert {"assignments", ".venv-assignments"} <= set(config["exclude_patterns"])
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert "chapters/instructors" in toc and "assignments/" not in toc


@pytest.mark.build
def test_the_built_html_holds_no_solution_test_or_autograder(built_book):
    # strings found only in the masters and their released copies, never on this page
    markers = ("# ASSIGNMENT CONFIG", "expect_number(globals()", "otter_assign_solution",
               "**Rubric (", "**Model answer.**", 'variant("clearance", globals()')  # fmt: skip
    assert (built_book / "chapters" / "instructors.html").is_file()
    for path in built_book.rglob("*"):
        assert "assignments" not in path.relative_to(built_book).parts, path
        assert not path.name.endswith("-autograder.zip"), path
        if path.is_file() and path.suffix in (".html", ".txt", ".md", ".ipynb", ".js", ".json"):
            text = path.read_text(encoding="utf-8", errors="ignore")
            for marker in markers:
                assert marker not in text, f"{marker!r} in {path}"


# ----- book.assignments ------------------------------------------------------------------
def test_a_variant_depends_only_on_the_set_and_the_id():
    assert variant("clearance", "AB12 ") == variant("clearance", "ab12")
    assert dict(variant("clearance", 12345)) == dict(variant("clearance", "12345"))
    assert seed("clearance", "x") != seed("arousal", "x")
    for set_name, inputs in SETS.items():
        drawn = variant(set_name, ID_A)
        assert list(drawn) == list(inputs)
        assert all(drawn[k] in inputs[k].options for k in inputs)
        assert f"inputs.{next(iter(inputs))}" in repr(drawn) and "<table>" in drawn._repr_html_()
    seen = {tuple(variant("receptors", f"id{i}").values()) for i in range(40)}
    assert len(seen) > 30  # students rarely share a variant


def test_a_bad_student_id_or_set_is_a_clear_error():
    with pytest.raises(ValueError, match="student_id"):
        variant("clearance", ["me"])
    with pytest.raises(ValueError, match="set_name"):
        variant("nosuchset", "me")
    with pytest.raises(AttributeError, match="no input"):
        _ = variant("clearance", "me").nonexistent


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "is not defined"),
        ({"x": ...}, "still ..."),
        ({"x": "12"}, "must be a number"),
        ({"x": True}, "must be a number"),
        ({"x": float("nan")}, "finite"),
        ({"x": -1.0}, "outside the possible range"),
        ({"x": 11.0}, "not the model's value"),
    ],
)
def test_expect_number_says_why_an_answer_fails(env, message):
    with pytest.raises(AssertionError, match=re.escape(message)):
        expect_number(env, "x", 10.0, low=0)


def test_expect_number_accepts_the_models_value_within_tolerance():
    import numpy as np

    assert expect_number({"x": 10.01}, "x", 10.0) is None
    assert expect_number({"x": np.float64(10.0)}, "x", 10.0) is None
    assert expect_number({"x": np.array(10.0)}, "x", 10.0) is None


def test_expect_choice_and_text():
    modes = ("drowsy", "phasic (engaged)")
    assert expect_choice({"m": " Drowsy "}, "m", modes, "drowsy") is None
    with pytest.raises(AssertionError, match="must be one of"):
        expect_choice({"m": "sleepy"}, "m", modes)
    with pytest.raises(AssertionError, match="must be text"):
        expect_choice({"m": 3}, "m", modes)
    with pytest.raises(AssertionError, match="model's answer"):
        expect_choice({"m": "drowsy"}, "m", modes, "phasic (engaged)")
    assert expect_text({"t": "two words"}, "t", 2) is None
    with pytest.raises(AssertionError, match="at least 3 words"):
        expect_text({"t": "two words"}, "t", 3)


def test_the_local_checker_runs_public_checks_without_otter(tmp_path):
    case = (
        ">>> from book.assignments import expect_number\n"
        ">>> expect_number(globals(), 'q1_x', low=0)\n"
    )
    hidden = ">>> assert False, 'hidden tests must not run for students'\n"
    nb = nbformat.v4.new_notebook()
    cases = [{"code": case, "hidden": False}, {"code": hidden, "hidden": True}]
    tests = {"q1": {"name": "q1", "suites": [{"cases": cases}]}}
    nb.metadata["otter"] = {"OK_FORMAT": True, "tests": tests}
    path = tmp_path / "set.ipynb"
    nbformat.write(nb, path)
    checker = LocalChecker(path)
    assert checker.check("q1", {"q1_x": 3.0}).passed
    failed = checker.check("q1", {"q1_x": ...})
    assert not failed.passed and "replace the ..." in repr(failed)
    summary = repr(checker.check_all({"q1_x": "three"}))
    assert "0 of 1" in summary and "must be a number" in summary
    with pytest.raises(ValueError, match="no checks for 'q9'"):
        checker.check("q9", {})
    try:
        import otter  # noqa: F401
    except ImportError:
        assert isinstance(assignments.checker(str(path)), LocalChecker)
