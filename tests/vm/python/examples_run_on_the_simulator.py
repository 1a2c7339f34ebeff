#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
"""examples/python run as a user runs them, on the simulator: button.py
reports two presses and releases and nothing for a contact bounce;
encoder.py follows a quadrature sequence forwards and back to the exact
positions; pulses.py measures three pulses of known widths."""

import sys
import time

import simtest


def test_button_reports_two_presses_and_no_bounce(sim):
    sim.set_level(3, 1)
    p = simtest.start_example("button.py", "-n", "2", "sim-3")
    sim.burst(3, 3, 200000, 100000)  # contact bounce only, inside the 10 ms debounce
    sim.wait_burst(3, 10)
    time.sleep(0.3)
    for _ in range(2):
        sim.set_level(3, 0)
        time.sleep(0.3)
        sim.set_level(3, 1)
        time.sleep(0.3)
    lines = simtest.finish_example(p)
    assert [line.split()[0] for line in lines] == ["press", "release,", "press", "release,"]


def test_encoder_follows_a_quadrature_sequence_both_ways(sim):
    sim.set_level(0, 0)
    sim.set_level(1, 0)
    p = simtest.start_example("encoder.py", "-n", "8", "sim-0", "sim-1")
    forward = [(0, 1), (1, 1), (0, 0), (1, 0)]     # (A, B) = 10, 11, 01, 00
    backward = [(1, 1), (0, 1), (1, 0), (0, 0)]    # 01, 11, 10, 00
    for off, v in forward + backward[:2] + forward[2:] + forward:
        sim.set_level(off, v)
    lines = simtest.finish_example(p)
    assert lines == [f"position {n}" for n in (1, 2, 3, 4, 3, 2, 3, 4, 5, 6, 7, 8)]


def test_pulses_measures_three_pulses(sim):
    sim.set_level(2, 0)
    p = simtest.start_example("pulses.py", "-n", "3", "sim-2")
    for ms in (10, 20, 40):
        sim.set_level(2, 1)
        time.sleep(ms / 1000)
        sim.set_level(2, 0)
        time.sleep(0.05)
    lines = simtest.finish_example(p)
    widths = [float(line.split()[2]) for line in lines]
    assert len(widths) == 3
    for ms, us in zip((10, 20, 40), widths):
        assert ms * 1000 <= us < ms * 1000 + 2_000_000


if __name__ == "__main__":
    sys.exit(simtest.main(__file__))
