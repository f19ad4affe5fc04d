"""Answer checkers for exercises that ask for a number: feedback shown in the notebook."""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

from book.models.validation import check_number


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer; shows as a coloured note in Jupyter and as text elsewhere."""

    status: str  # "correct", "close", "incorrect" or "unanswered"
    message: str

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def __str__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        colour = {"correct": "#15803d", "close": "#b45309"}.get(self.status, "#b91c1c")
        if self.status == "unanswered":
            colour = "#374151"
        return (
            f'<div role="status" style="border-left:4px solid {colour};padding:0.3em 0.8em">'
            f"{html.escape(self.message)}</div>"
        )


def check_answer(
    answer: object,
    expected: float,
    *,
    rel_tol: float = 0.05,
    unit: str = "",
    hint: str = "",
) -> Feedback:
    """Compare a numeric ``answer`` with ``expected`` (relative tolerance ``rel_tol``).

    ``None`` means "not answered yet". Within twice the tolerance counts as close. A
    non-numeric answer raises ``ValueError`` naming ``answer``.
    """
    unit_text = f" {unit}" if unit else ""
    if answer is None:
        return Feedback("unanswered", "Replace None with your answer and run the cell again.")
    value = check_number("answer", answer)
    tolerance = check_number("rel_tol", rel_tol, 0.0, 1.0, low_open=True)
    scale = max(abs(expected), 1e-12)
    error = abs(value - expected) / scale
    if error <= tolerance:
        return Feedback("correct", f"Correct: {expected:.3g}{unit_text}.")
    direction = "high" if value > expected else "low"
    if error <= 2 * tolerance and math.isfinite(error):
        return Feedback("close", f"Close, but a little {direction}. {hint}".strip())
    return Feedback("incorrect", f"Not yet: your answer is too {direction}. {hint}".strip())
