#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
"""gpioirq.Pin(mode=Pin.OUT) as MicroPython's: value=0/1 is the level from
the request on, value(x) drives the simulator's level and value() reads it
back; irq() and wait() raise RuntimeError; the line shows as held (an input
request of it is EBUSY naming the consumer); close() frees it; bad
arguments are ValueError."""

import errno
import sys

import pytest

import simtest
from gpioirq import Pin


def test_out_and_in_are_micropythons_constants(sim):
    assert (Pin.IN, Pin.OUT) == (0, 1)


def test_an_output_drives_the_level_value_sets(sim):
    with Pin("sim-6", mode=Pin.OUT) as p:
        assert (p.chip, p.offset, p.closed) == (sim.chip, 6, False)
        assert sim.level(6) == 0
        assert p.value() == 0
        for v in (1, 0, 1, True, False):
            assert p.value(v) is None
            assert sim.level(6) == int(v)
            assert p.value() == int(v)
        assert repr(p) == "Pin('sim-6', mode=Pin.OUT)"
    assert p.closed


def test_value_at_the_request_is_the_first_level(sim):
    with Pin(sim.chip, 6, Pin.OUT, value=1) as p:
        assert (p.chip, p.offset) == (sim.chip, 6)
        assert sim.level(6) == 1
        assert p.value() == 1
    with Pin("sim-6", mode=Pin.OUT, value=0):
        assert sim.level(6) == 0


def test_irq_and_wait_on_an_output_raise_runtime_error(sim):
    with Pin("sim-6", mode=Pin.OUT) as p:
        with pytest.raises(RuntimeError, match="output"):
            p.irq(lambda ev: None)
        with pytest.raises(RuntimeError, match="output"):
            p.wait(Pin.EDGE_RISE, timeout_ms=0)


def test_a_driven_line_is_busy_for_inputs_and_free_after_close(sim):
    p = Pin("sim-6", mode=Pin.OUT, consumer="ledtest")
    with pytest.raises(OSError) as e:
        Pin("sim-6")
    assert e.value.errno == errno.EBUSY
    assert "'ledtest'" in str(e.value)
    p.close()
    with Pin("sim-6") as q:
        sim.set_level(6, 1)
        assert q.value() == 1
        sim.set_level(6, 0)
        assert q.value() == 0


def test_bad_arguments_raise_value_error(sim):
    with pytest.raises(ValueError, match="mode"):
        Pin("sim-6", mode=2)
    with pytest.raises(ValueError, match="Pin.OUT"):
        Pin("sim-6", value=1)
    with pytest.raises(ValueError, match="bias"):
        Pin("sim-6", mode=Pin.OUT, bias=Pin.PULL_UP)
    with Pin("sim-6") as p:
        with pytest.raises(ValueError, match="input"):
            p.value(1)
    p = Pin("sim-6", mode=Pin.OUT)
    p.close()
    with pytest.raises(ValueError, match="closed"):
        p.value(1)


def test_no_such_line_or_chip(sim):
    with pytest.raises(FileNotFoundError):
        Pin("no-such-line-anywhere", mode=Pin.OUT)
    with pytest.raises(OSError) as e:
        Pin("no-such-chip", 0, Pin.OUT)
    assert e.value.errno == errno.ENODEV


if __name__ == "__main__":
    sys.exit(simtest.main(__file__))
