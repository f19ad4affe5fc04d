"""Course problem sets: each student's inputs (a variant) and the checks that judge answers.

The problem sets live in ``assignments/<set>/<set>.md`` (Otter-Grader master notebooks;
``bash scripts/assignments.sh release OUT`` turns them into student copies, solutions and
autograders). Three things are shared by a student's notebook and its grader, so they live
in the installed package:

* :func:`variant` gives one student's inputs for one set. The numbers come from a seed
  made from the set's name and the student id typed in the notebook's first cell, so two
  students get different numbers and the grader, re-running the notebook with the same id,
  recomputes each student's expected answers from the book's models.
* :func:`expect_number`, :func:`expect_choice` and :func:`expect_text` are the checks the
  tests call. They return None when an answer passes and raise ``AssertionError`` with a
  plain reason otherwise (not answered, wrong type, out of range, not the model's value).
* :func:`checker` returns Otter-Grader's ``otter.Notebook`` when otter-grader is installed,
  else a small stand-in that runs the same public checks (stored in the notebook's metadata)
  with the standard library's doctest, so a student notebook runs with the ``book``
  package alone (Binder, JupyterLab). Grading always uses otter-grader itself.

No expected answer is computed here: the solutions and hidden tests are only in the
instructors' copies.
"""

from __future__ import annotations

import doctest
import hashlib
import html
import inspect
import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from numbers import Real
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Input:
    """One input a set draws per student: the options and what the number means."""

    options: tuple[Any, ...]
    meaning: str


#: Per set, the inputs drawn for each student (in this order) and their options.
SETS: Mapping[str, Mapping[str, Input]] = MappingProxyType(
    {
        "production": {
            "tyrosine_uM": Input((30, 40, 50, 60, 80, 100, 120, 154), "tyrosine (µM)"),
            "th_activity": Input((0.3, 0.4, 0.5, 0.6, 0.7, 0.8), "TH activity (× normal)"),
            "dbh_activity": Input((0.0, 0.05, 0.1, 0.2, 0.3), "DBH activity (× normal)"),
            "cortisol": Input((0.25, 0.5, 0.75, 1.5, 2.0), "cortisol (× normal)"),
            "metyrosine_over_ki": Input((1, 2, 3, 5, 8, 10), "metyrosine (concentration / Ki)"),
            "droxidopa_uM": Input((10, 20, 30, 40, 60), "droxidopa in the cell (µM)"),
        },
        "receptors": {
            "nri": Input(
                ("atomoxetine", "reboxetine", "desipramine", "nortriptyline", "duloxetine"),
                "a reuptake inhibitor",
            ),
            "nri_nM": Input((2, 5, 10, 20, 50), "its free concentration (nM)"),
            "p_value": Input((6.5, 7.0, 7.3, 7.8, 8.2, 8.6, 9.1), "a pKi"),
            "prazosin_nM": Input((30, 100, 300, 1000), "prazosin (nM)"),
            "prazosin_target": Input(("alpha2A", "alpha2B", "alpha2C"), "a receptor"),
            "tau": Input((3, 5, 9, 20, 50), "NE's efficacy τ at β1 in a tissue"),
            "nri_fraction": Input((0.5, 0.75, 0.8, 0.9, 0.95), "a fraction of NET to occupy"),
        },
        "signalling": {
            "removed_fraction": Input((0.5, 0.6, 0.7, 0.8, 0.9, 0.95), "receptors destroyed"),
            "agonist_nM": Input((30, 100, 300, 1000), "agonist (nM)"),
            "antagonist_nM": Input((10, 30, 100, 300), "competitive antagonist (nM)"),
            "exposure_h": Input((0.5, 1, 2, 4, 8, 12), "agonist exposure (h)"),
            "blocker_h": Input((2, 4, 6, 12, 24, 48), "time on the blocker (h)"),
        },
        "clearance": {
            "nri": Input(
                (
                    "atomoxetine",
                    "reboxetine",
                    "desipramine",
                    "nortriptyline",
                    "imipramine",
                    "amitriptyline",
                    "duloxetine",
                ),
                "a NET inhibitor",
            ),
            "nri_nM": Input((5, 10, 20, 40, 80), "its free concentration (nM)"),
            "plasma_pg_per_mL": Input((150, 220, 300, 400, 550, 750, 900), "plasma NE (pg/mL)"),
            "plasma_nmol_per_L": Input((0.5, 1.2, 2.0, 3.5, 6.0), "plasma NE (nmol/L)"),
            "rate_Hz": Input((1, 2, 4, 6, 8), "firing rate (Hz)"),
            "net_fraction": Input((0.3, 0.5, 0.7, 0.8, 0.9, 0.95), "NET occupied by a blocker"),
        },
        "arousal": {
            "stress": Input((0.0, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9), "stress level (0-1)"),
            "drug": Input(
                ("guanfacine", "yohimbine", "prazosin", "beta1_blocker", "net_inhibitor"),
                "a drug preset of the arousal model",
            ),
            "drug_fraction": Input((0.3, 0.5, 0.7, 0.8, 0.9), "its dose (fraction of target)"),
            "ne_nM": Input((30, 100, 300, 1000, 3000), "prefrontal NE (nM)"),
            "prazosin_fraction": Input((0.5, 0.6, 0.8, 0.9), "prazosin dose (fraction of α1)"),
            "tonic_Hz": Input((0.1, 0.3, 0.5, 1, 2, 3, 5, 8), "tonic LC rate (Hz)"),
        },
        "sympathetic": {
            "sbp_mmHg": Input((110, 115, 120, 130, 140, 150), "systolic pressure (mmHg)"),
            "dbp_mmHg": Input((65, 70, 75, 80, 85, 90), "diastolic pressure (mmHg)"),
            "washout_min": Input((1, 2, 3, 4, 6, 8), "minutes after an infusion stops"),
            "ne_nM": Input((5, 10, 20, 30, 50), "plasma NE held by an infusion (nM, model)"),
            "epi_nM": Input((1, 2, 3, 5), "plasma epinephrine (nM, model)"),
            "rise_mmHg": Input((5, 10, 15, 20, 30), "a rise in systolic pressure (mmHg)"),
            "reflex_gain": Input((0.5, 0.75, 1.5, 2.0, 3.0), "baroreflex strength (× model)"),
        },
        "conditions": {
            "beta_blocker": Input(("metoprolol", "bisoprolol", "atenolol"), "a β1 blocker"),
            "beta1_fraction": Input((0.5, 0.7, 0.8, 0.9, 0.95), "its β1 occupancy"),
            "net_fraction": Input((0.3, 0.5, 0.7, 0.8, 0.9), "NET occupied by an inhibitor"),
            "nri": Input(
                ("atomoxetine", "desipramine", "nortriptyline", "imipramine", "amitriptyline"),
                "a NET inhibitor",
            ),
            "nri_fraction": Input((0.5, 0.7, 0.8, 0.9, 0.95), "NET it should occupy"),
            "bupropion_dat_fraction": Input((0.3, 0.5, 0.7, 0.9), "DAT occupied by bupropion"),
            "releaser_fraction": Input((0.2, 0.3, 0.5, 0.7), "NET occupied by a releaser"),
        },
    }
)


def normalised_id(student_id: object) -> str:
    """The student id as the seed uses it: text, surrounding spaces dropped, lower case."""
    if student_id is None:
        return ""
    if isinstance(student_id, bool) or not isinstance(student_id, str | int):
        raise ValueError(f"student_id must be text or a whole number; got {student_id!r}")
    return str(student_id).strip().lower()


def seed(set_name: str, student_id: object) -> int:
    """A 64-bit seed from the set's name and the student id (the same on every machine)."""
    if set_name not in SETS:
        raise ValueError(f"set_name must be one of {', '.join(SETS)}; got {set_name!r}")
    text = f"{set_name}:{normalised_id(student_id)}".encode()
    return int.from_bytes(hashlib.sha256(text).digest()[:8], "big")


class Variant(Mapping):
    """One student's inputs for one set: read them as ``inputs.name`` or ``inputs["name"]``."""

    def __init__(self, set_name: str, student_id: str, values: dict[str, Any]):
        self._set_name, self._student_id = set_name, student_id
        self._values = MappingProxyType(dict(values))

    @property
    def set_name(self) -> str:
        return self._set_name

    @property
    def student_id(self) -> str:
        return self._student_id

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(
                f"no input {name!r} in set {self._set_name!r}; inputs: {', '.join(self._values)}"
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def _rows(self) -> list[tuple[str, str, str]]:
        meanings = SETS[self._set_name]
        return [(k, repr(v), meanings[k].meaning) for k, v in self._values.items()]

    def _heading(self) -> str:
        who = self._student_id or "(no student id entered: the example variant)"
        return f"Your inputs for the {self._set_name} set, student id {who}"

    def __repr__(self) -> str:
        width = max(len(name) for name, _, _ in self._rows())
        lines = [f"  inputs.{n:<{width}} = {v:<14} {m}" for n, v, m in self._rows()]
        return "\n".join([self._heading() + ":", *lines])

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td><code>inputs.{html.escape(n)}</code></td><td>{html.escape(v)}</td>"
            f"<td>{html.escape(m)}</td></tr>"
            for n, v, m in self._rows()
        )
        return (
            f"<p><strong>{html.escape(self._heading())}</strong></p><table>"
            f"<tr><th>input</th><th>value</th><th>meaning</th></tr>{rows}</table>"
        )


def variant(set_name: str, student_id: object = "") -> Variant:
    """The inputs of ``set_name`` for ``student_id`` (an empty id gives the example variant).

    Each input is drawn from its options in :data:`SETS` with a generator seeded by
    :func:`seed`: the same set and id always give the same inputs.
    """
    rng = np.random.default_rng(seed(set_name, student_id))
    values = {}
    for name, spec in SETS[set_name].items():
        picked = spec.options[int(rng.integers(len(spec.options)))]
        values[name] = picked.item() if isinstance(picked, np.generic) else picked
    return Variant(set_name, normalised_id(student_id), values)


# ----- checks used by the public and hidden tests --------------------------------------
_MISSING = object()


def _answer(env: Mapping[str, Any], name: str) -> Any:
    value = env.get(name, _MISSING)
    if value is _MISSING:
        raise AssertionError(
            f"{name} is not defined: run the question's cell (and the cells above it)"
        )
    if value is Ellipsis:
        raise AssertionError(f"{name} is still ...: replace the ... with your answer")
    return value


def _number(name: str, value: Any) -> float:
    if isinstance(value, np.ndarray) and value.shape == ():
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, Real | np.number):
        raise AssertionError(f"{name} must be a number; got {type(value).__name__} {value!r:.60}")
    number = float(value)
    if not math.isfinite(number):
        raise AssertionError(f"{name} must be a finite number; got {number!r}")
    return number


def expect_number(
    env: Mapping[str, Any],
    name: str,
    expected: float | None = None,
    *,
    rel_tol: float = 0.002,
    abs_tol: float = 0.0,
    low: float = -math.inf,
    high: float = math.inf,
    unit: str = "",
) -> None:
    """Check the answer ``env[name]``: a finite number in [low, high], and, when
    ``expected`` is given, within ``rel_tol`` (relative) or ``abs_tol`` of it.

    ``env`` is the notebook's namespace (a test passes ``globals()``). Returns None when
    the answer passes; raises ``AssertionError`` saying why when it does not.
    """
    number = _number(name, _answer(env, name))
    unit_text = f" {unit}" if unit else ""
    if not low <= number <= high:
        raise AssertionError(
            f"{name} = {number:g}{unit_text} is outside the possible range "
            f"[{low:g}, {high:g}]{unit_text}: check the units and the formula"
        )
    if expected is not None and not math.isclose(number, expected, rel_tol=rel_tol,
                                                 abs_tol=abs_tol):  # fmt: skip
        raise AssertionError(
            f"{name} = {number:.6g}{unit_text} is not the model's value for your inputs"
        )


def expect_choice(
    env: Mapping[str, Any], name: str, options: tuple[str, ...], expected: str | None = None
) -> None:
    """Check that ``env[name]`` is one of ``options`` (text; case and surrounding spaces
    ignored) and, when ``expected`` is given, that it is that option."""
    value = _answer(env, name)
    if not isinstance(value, str):
        raise AssertionError(f"{name} must be text, one of {options}; got {value!r:.60}")
    answer = value.strip().lower()
    if answer not in {o.lower() for o in options}:
        raise AssertionError(f"{name} must be one of {options}; got {value!r:.60}")
    if expected is not None and answer != expected.lower():
        raise AssertionError(f"{name} = {value!r} is not the model's answer for your inputs")


def expect_text(env: Mapping[str, Any], name: str, min_words: int = 1) -> None:
    """Check that ``env[name]`` is text of at least ``min_words`` words."""
    value = _answer(env, name)
    if not isinstance(value, str) or len(value.split()) < min_words:
        raise AssertionError(f"{name} must be text of at least {min_words} words")


# ----- public checks in the notebook ---------------------------------------------------
@dataclass(frozen=True)
class CheckResult:
    """The public checks of one question, run by :class:`LocalChecker`."""

    question: str
    failures: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.failures

    def __repr__(self) -> str:
        if self.passed:
            return f"{self.question} passed the public checks (the grader also checks the value)"
        return f"{self.question} failed a public check:\n" + "\n".join(self.failures)

    def _repr_html_(self) -> str:
        colour = "#15803d" if self.passed else "#b91c1c"
        return (
            f'<pre role="status" style="border-left:4px solid {colour};padding:0.3em 0.8em;'
            f'white-space:pre-wrap">{html.escape(repr(self))}</pre>'
        )


@dataclass(frozen=True)
class AllChecks:
    """The public checks of every question, one line each."""

    results: tuple[CheckResult, ...]

    def __repr__(self) -> str:
        passed = sum(r.passed for r in self.results)
        lines = [f"{passed} of {len(self.results)} questions pass their public checks"]
        lines += [f"  {r.question}: " + ("passed" if r.passed else r.failures[0])
                  for r in self.results]  # fmt: skip
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return f'<pre role="status" style="white-space:pre-wrap">{html.escape(repr(self))}</pre>'


def _failure_reason(report: str) -> str:
    """The last line of a doctest failure: the exception and its message."""
    lines = [line.strip() for line in report.strip().splitlines() if line.strip()]
    return lines[-1] if lines else report


class LocalChecker:
    """Runs a student notebook's public checks without otter-grader.

    The public test cases are those Otter Assign stored in the notebook's metadata
    (``metadata.otter.tests``, OK format: doctests); this runs them with :mod:`doctest` in
    the calling notebook's namespace, as ``otter.Notebook.check`` does.
    """

    def __init__(self, nb_path: str | Path):
        self.nb_path = Path(nb_path)
        self._tests: dict[str, Any] = {}
        if self.nb_path.is_file():
            meta = json.loads(self.nb_path.read_text(encoding="utf-8")).get("metadata", {})
            self._tests = dict(meta.get("otter", {}).get("tests", {}) or {})

    def _cases(self, question: str) -> list[str]:
        if question not in self._tests:
            raise ValueError(
                f"no checks for {question!r} in {self.nb_path.name}: keep the notebook's "
                "file name and open it from the folder it was released in"
            )
        suites = self._tests[question].get("suites", [])
        return [c["code"] for s in suites for c in s.get("cases", []) if not c.get("hidden")]

    def check(self, question: str, global_env: dict[str, Any] | None = None) -> CheckResult:
        """Run the public checks of ``question`` in the caller's namespace."""
        env = inspect.currentframe().f_back.f_globals if global_env is None else global_env
        failures = []
        for code in self._cases(question):
            parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(verbose=False)
            test = parser.get_doctest(code, env, question, None, 0)
            report: list[str] = []
            runner.run(test, out=report.append, clear_globs=False)
            if runner.failures:
                failures.append(_failure_reason("".join(report)))
        return CheckResult(question, tuple(failures))

    def check_all(self, global_env: dict[str, Any] | None = None) -> AllChecks:
        """Run the public checks of every question."""
        env = inspect.currentframe().f_back.f_globals if global_env is None else global_env
        return AllChecks(tuple(self.check(q, env) for q in sorted(self._tests)))

    def export(self, *args: Any, **kwargs: Any) -> None:
        print(
            "otter-grader is not installed here, so no submission zip can be made: save the "
            f"notebook and hand in {self.nb_path.name} itself."
        )


def _locate(nb_path: str | Path) -> Path | None:
    """The notebook file: ``nb_path``, or (renamed, e.g. by a download) the notebook in the
    working directory whose Otter metadata names the same set."""
    path = Path(nb_path)
    if path.is_file():
        return path
    for candidate in sorted(Path.cwd().glob("*.ipynb")):
        try:
            meta = json.loads(candidate.read_text(encoding="utf-8"))["metadata"]["otter"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if meta.get("assignment_name") == path.stem:
            return candidate
    return None


def checker(nb_path: str) -> Any:
    """``otter.Notebook`` for the notebook ``nb_path`` (found by its set if renamed) when
    otter-grader is installed, else a :class:`LocalChecker` that runs the same public checks."""
    found = _locate(nb_path)
    try:
        import otter
    except ImportError:
        return LocalChecker(found or nb_path)
    return otter.Notebook(str(found) if found else None)
