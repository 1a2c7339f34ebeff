#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
"""gpioirq.Pin in MicroPython's shape: made by line name or by chip and
offset, value() follows the simulator's level (active_low inverts it),
close() and the with statement release the line, a held line is EBUSY
(the error names its holder as gpioinfo shows it),
consumer= names the line's user as gpioinfo shows it."""

import errno
import subprocess
import sys

import pytest

import gpioirq
import simtest
from gpioirq import Pin


def test_pin_by_name_reads_the_level_the_simulator_sets(sim):
    with Pin("sim-3") as p:
        assert (p.chip, p.offset) == (sim.chip, 3)
        for v in (1, 0, 1, 0):
            sim.set_level(3, v)
            assert p.value() == v


def test_pin_by_chip_and_offset_is_the_same_line(sim):
    with Pin(sim.chip, 5) as p:
        assert (p.chip, p.offset, p.id) == (sim.chip, 5, sim.chip)
        sim.set_level(5, 1)
        assert p.value() == 1
        sim.set_level(5, 0)
        assert p.value() == 0
        assert repr(p) == f"Pin('{sim.chip}', 5)"


def test_active_low_inverts_the_value(sim):
    sim.set_level(2, 0)
    with Pin("sim-2", active_low=True) as p:
        assert p.value() == 1
        sim.set_level(2, 1)
        assert p.value() == 0
    sim.set_level(2, 0)


def test_bias_reaches_the_chip(sim):
    with Pin("sim-4", bias=Pin.PULL_UP):
        assert sim.pull(4) == "pull-up"
    with Pin("sim-4", bias=Pin.PULL_DOWN):
        assert sim.pull(4) == "pull-down"


def test_close_releases_the_line_and_the_pin_refuses_use(sim):
    p = Pin("sim-1")
    assert not p.closed
    p.close()
    assert p.closed
    assert repr(p) == "Pin('sim-1') (closed)"
    with pytest.raises(ValueError, match="closed"):
        p.value()
    p.close()  # twice: nothing
    with Pin("sim-1") as again:
        assert again.value() == sim.level(1)


def test_with_releases_the_line_at_its_end(sim):
    with Pin("sim-1") as p:
        pass
    assert p.closed
    Pin("sim-1").close()


def test_a_held_line_is_busy_and_the_error_names_its_holder(sim):
    with Pin("sim-6"):
        with pytest.raises(OSError) as e:
            Pin("sim-6")
        assert e.value.errno == errno.EBUSY
        assert str(e.value) == "[Errno 16] 'sim-6': the line is in use by 'gpioirq'"
    with Pin("sim-6", consumer="holder"):
        with pytest.raises(OSError) as e:
            Pin(sim.chip, 6)
        assert e.value.errno == errno.EBUSY
        assert str(e.value) == f"[Errno 16] '{sim.chip}', 6: the line is in use by 'holder'"


def test_the_consumer_name_is_what_gpioinfo_shows(sim):
    with Pin("sim-6", consumer="py-test"):
        # Every chip: gpioinfo v2 takes line names as arguments (-c for a chip), v1 chips.
        out = subprocess.run(["gpioinfo"], capture_output=True, text=True).stdout
        assert [line for line in out.splitlines() if "sim-6" in line and "py-test" in line]
    with pytest.raises(ValueError):
        Pin("sim-6", consumer="has space")
    with pytest.raises(ValueError):
        Pin("sim-6", consumer="x" * 32)
    Pin("sim-6").close()


def test_pins_share_the_default_context(sim):
    with Pin("sim-0") as a, Pin("sim-7") as b:
        assert a.context is b.context is gpioirq.default_context()
        assert gpioirq.dropped == 0


if __name__ == "__main__":
    sys.exit(simtest.main(__file__))
