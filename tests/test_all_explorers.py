"""Every explorer in the book: declared ranges respected, static steps finite and complete."""

import math

import pytest

from book.explorer import Choice, Slider
from book.widgets import explorers
from book.widgets.static import static_figure

EXPLORERS = explorers()


def _numbers(value):
    if isinstance(value, list | tuple):
        for item in value:
            yield from _numbers(item)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        yield float(value)


def test_the_book_has_its_explorers():
    assert "occupancy" in EXPLORERS


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_static_figure_has_a_step_for_every_grid_value_and_finite_data(name):
    spec = EXPLORERS[name]().spec
    figure = static_figure(spec)
    slider = spec.parameter(spec.static.slider)
    steps = figure.layout.sliders[0].steps
    assert len(steps) == len(slider.grid(spec.static.steps))
    for step in steps:
        for key, per_trace in step.args[0].items():
            for number in _numbers(per_trace):
                assert math.isfinite(number), f"{name}: {key} not finite at {step.label}"


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_every_parameter_is_bounded_and_checked(name):
    spec = EXPLORERS[name]().spec
    for parameter in spec.parameters:
        if isinstance(parameter, Slider):
            with pytest.raises(ValueError, match=parameter.name):
                spec.figure(**{parameter.name: parameter.high * 2 + 1})
            for value in (parameter.low, parameter.high):
                for trace in spec.trace_dicts(**{parameter.name: value}):
                    for key in ("x", "y"):
                        assert all(math.isfinite(v) for v in _numbers(trace.get(key, [])))
        elif isinstance(parameter, Choice):
            with pytest.raises(ValueError, match=parameter.name):
                spec.figure(**{parameter.name: "not-an-option"})
            for option in parameter.options:
                assert spec.trace_dicts(**{parameter.name: option})


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_live_widget_has_a_control_for_every_parameter(name):
    explorer = EXPLORERS[name]()
    explorer.widget()
    assert set(explorer._controls) == set(explorer.spec.names)


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_every_control_starts_exactly_at_its_declared_default_with_a_unit_or_hint(name):
    explorer = EXPLORERS[name]()
    explorer.widget()
    for parameter in explorer.spec.parameters:
        control = explorer._controls[parameter.name]
        assert control.value == parameter.default, (name, parameter.name, control.value)
        if isinstance(parameter, Slider):
            assert parameter.unit or parameter.hint, (name, parameter.name)
            readout = getattr(control, "label", None) or ""
            assert "e+" not in readout and "e-" not in readout, (name, readout)


def test_a_control_that_does_nothing_is_disabled_until_it_acts():
    explorer = EXPLORERS["arousal"]()
    explorer.widget()
    dose = explorer._controls["dose_pct"]
    assert explorer.values["drug"] == "none" and dose.disabled
    explorer._controls["drug"].value = "guanfacine"
    assert not dose.disabled
    explorer._controls["drug"].value = "none"
    assert dose.disabled
