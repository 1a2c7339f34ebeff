#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
"""Errors as Python users expect them: ValueError for bad arguments (and
nothing left behind: the line can be requested after), FileNotFoundError
with the modprobe hint when the module is not loaded, FileNotFoundError for
an unknown line name, OSError(ENODEV) for an unknown chip."""

import errno
import subprocess
import sys

import pytest

import simtest
from gpioirq import Context, Pin


def test_the_module_not_loaded_is_file_not_found_with_the_hint():
    subprocess.run(["rmmod", "gpioirq_sim"], stderr=subprocess.DEVNULL)
    subprocess.run(["rmmod", "gpioirq"], stderr=subprocess.DEVNULL)
    with pytest.raises(FileNotFoundError, match="modprobe gpioirq") as e:
        Context()
    assert e.value.errno == errno.ENOENT
    assert e.value.filename == "/dev/gpioirq"


@pytest.mark.parametrize("kwargs,match", [
    (dict(bias=7), "bias"),
    (dict(bias="up"), "bias"),
    (dict(debounce_us=-1), "debounce_us"),
    (dict(debounce_us=1_000_001), "debounce_us"),
])
def test_bad_pin_arguments_are_value_errors(sim, kwargs, match):
    with pytest.raises(ValueError, match=match):
        Pin("sim-0", **kwargs)
    Pin("sim-0").close()


def test_bad_offsets_are_value_errors(sim):
    with pytest.raises(ValueError, match="offset"):
        Pin(sim.chip, -1)
    with pytest.raises(ValueError):
        Pin(sim.chip, 8)  # the simulator has 8 lines: the module says EINVAL
    with pytest.raises(TypeError):
        Pin(3)


@pytest.mark.parametrize("args,kwargs,match", [
    (("not callable",), {}, "callable"),
    ((print,), dict(trigger=0), "trigger"),
    ((print,), dict(trigger=4), "trigger"),
    ((print,), dict(hard=True), "hard"),
    ((print,), dict(debounce_us=2_000_000), "debounce_us"),
    ((print,), dict(bias=-1), "bias"),
])
def test_bad_irq_arguments_are_value_errors_and_change_nothing(sim, args, kwargs, match):
    with Pin("sim-1") as p:
        with pytest.raises(ValueError, match=match):
            p.irq(*args, **kwargs)
        assert p.handler is None
        with pytest.raises(TimeoutError):
            p.wait(Pin.EDGE_RISE, timeout_ms=0)


@pytest.mark.parametrize("args,match", [
    ((0,), "kind"), ((7,), "kind"), ((Pin.EDGE_RISE, -1), "timeout_ms"),
    ((Pin.EDGE_RISE, 1.5), "timeout_ms"),
])
def test_bad_wait_arguments_are_value_errors(sim, args, match):
    with Pin("sim-2") as p:
        with pytest.raises(ValueError, match=match):
            p.wait(*args)


def test_value_of_an_input_takes_no_argument(sim):
    with Pin("sim-2") as p:
        with pytest.raises(ValueError, match="the Pin is an input; make it with mode=Pin.OUT"):
            p.value(1)


def test_an_unknown_line_name_is_file_not_found(sim):
    with pytest.raises(FileNotFoundError, match="no GPIO line of that name"):
        Pin("no-such-line")


def test_an_unknown_chip_is_enodev(sim):
    with pytest.raises(OSError) as e:
        Pin("gpiochip99", 0)
    assert e.value.errno == errno.ENODEV


def test_bad_context_arguments_are_value_errors(sim):
    with pytest.raises(ValueError, match="ring_entries"):
        Context(ring_entries=1000)
    with pytest.raises(ValueError, match="context"):
        Pin("sim-3", context="default")
    with Context() as ctx:
        with pytest.raises(ValueError, match="on_drop"):
            ctx.on_drop = 3
    with pytest.raises(ValueError, match="closed"):
        ctx.fileno()
    with pytest.raises(ValueError, match="closed"):
        Pin("sim-3", context=ctx)


if __name__ == "__main__":
    sys.exit(simtest.main(__file__))
