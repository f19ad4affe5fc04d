import math

import numpy as np
import pytest

from book.models.validation import check_array, check_choice, check_number


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, "3", None, True, [1.0]])
def test_check_number_rejects_non_numbers_naming_the_parameter(bad):
    with pytest.raises(ValueError, match=r"rate_Hz .*\[0, 20\]"):
        check_number("rate_Hz", bad, 0, 20)


def test_check_number_rejects_out_of_range_and_open_bounds():
    with pytest.raises(ValueError, match=r"kd_nM must be in \(0, 10\]; got 0"):
        check_number("kd_nM", 0.0, 0, 10, low_open=True)
    with pytest.raises(ValueError, match="got 11"):
        check_number("kd_nM", 11, 0, 10)
    assert check_number("kd_nM", np.float32(2.5), 0, 10) == 2.5


def test_check_array_reports_the_first_bad_element():
    with pytest.raises(ValueError, match="conc_nM must be in .*got -1"):
        check_array("conc_nM", [1.0, -1.0, 2.0], 0, 10)
    with pytest.raises(ValueError, match="NaN"):
        check_array("conc_nM", [1.0, math.nan], 0, 10)
    assert check_array("conc_nM", [0, 10], 0, 10).tolist() == [0.0, 10.0]


def test_check_choice_lists_the_options():
    with pytest.raises(ValueError, match="ligand must be one of a, b; got 'c'"):
        check_choice("ligand", "c", ("a", "b"))
