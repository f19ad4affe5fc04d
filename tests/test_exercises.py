import pytest

from book.exercises import check_answer


def test_answers_are_judged_against_the_expected_value():
    assert check_answer(90, 90.0, unit="%").correct
    assert check_answer(93, 90.0, rel_tol=0.05).status == "correct"
    assert check_answer(97, 90.0, rel_tol=0.05).status == "close"
    wrong = check_answer(50, 90.0, hint="Use c/(c+K).")
    assert wrong.status == "incorrect" and "too low" in wrong.message and "c/(c+K)" in wrong.message
    assert check_answer(None, 90.0).status == "unanswered"
    assert "Correct" in check_answer(90, 90.0)._repr_html_()


@pytest.mark.parametrize("bad", ["ninety", float("nan"), [90]])
def test_a_non_numeric_answer_is_a_clear_error(bad):
    with pytest.raises(ValueError, match="answer must be"):
        check_answer(bad, 90.0)
