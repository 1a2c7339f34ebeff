#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
"""Pin.wait() with MicroPythonRT's six kinds, returning the Event that ended
the wait: levels return at once when the line is there (an Event with no
edge), edges and pulses come from the queued edges (a pulse's closing edge,
its pulse_ns the width from its two edges' hard-IRQ timestamps), TimeoutError after timeout_ms, and
the GIL is released while waiting (another thread drives the line)."""

import sys
import threading
import time

import pytest

import simtest
from gpioirq import Pin


def drive(sim, off, steps):
    """In a thread: (level, seconds to sleep after it) steps."""
    def run():
        for v, s in steps:
            sim.set_level(off, v)
            time.sleep(s)
    t = threading.Thread(target=run)
    t.start()
    return t


def test_level_kinds_return_at_once_at_that_level(sim):
    sim.set_level(0, 1)
    with Pin("sim-0") as p:
        ev = p.wait(Pin.LEVEL_HIGH, timeout_ms=0)
        # There already: no edge, the read's level.
        assert (ev.seqno, ev.edge, ev.level, ev.pin) == (0, 0, 1, p)
        with pytest.raises(TimeoutError):
            p.wait(Pin.LEVEL_LOW, timeout_ms=50)
        t = drive(sim, 0, [(0, 0)])
        # The falling edge, or no edge if it came before the value read.
        ev = p.wait(Pin.LEVEL_LOW, timeout_ms=10000)
        assert ev.level == 0 and ev.edge in (0, Pin.IRQ_FALLING)
        t.join()
        assert p.wait(Pin.LEVEL_LOW, timeout_ms=0).seqno == 0


def test_edge_kinds_return_at_the_edge_asked(sim):
    sim.set_level(1, 0)
    with Pin("sim-1") as p:
        with pytest.raises(TimeoutError, match="rising edge within 50 ms"):
            p.wait(Pin.EDGE_RISE, timeout_ms=50)
        sim.set_level(1, 1)
        time.sleep(0.02)
        sim.set_level(1, 0)
        # Both edges happened before the calls: they were queued.
        rise = p.wait(Pin.EDGE_RISE, timeout_ms=0)
        assert (rise.edge, rise.level, rise.line_seqno, rise.pulse_ns) == (Pin.IRQ_RISING, 1, 1, 0)
        fall = p.wait(Pin.EDGE_FALL, timeout_ms=0)
        assert (fall.edge, fall.level, fall.line_seqno) == (Pin.IRQ_FALLING, 0, 2)
        assert fall.seqno == rise.seqno + 1 and fall.pin is p
        assert fall.pulse_ns == fall.timestamp_ns - rise.timestamp_ns >= 20_000_000
        with pytest.raises(TimeoutError):
            p.wait(Pin.EDGE_FALL, timeout_ms=0)


@pytest.mark.parametrize("kind,rest", [(Pin.PULSE_HIGH, 0), (Pin.PULSE_LOW, 1)])
def test_pulse_kinds_measure_the_pulses_width(sim, kind, rest):
    sim.set_level(2, rest)
    widths_ms = (10, 20, 40)
    with Pin("sim-2") as p:
        steps = []
        for w in widths_ms:
            steps += [(1 - rest, w / 1000), (rest, 0.05)]
        t = drive(sim, 2, steps)
        for w in widths_ms:
            ev = p.wait(kind, timeout_ms=10000)
            ns = ev.pulse_ns
            print(f"# {w} ms pulse measured {ns} ns")
            # The pulse's closing edge: back to the resting level.
            assert ev.level == rest
            assert w * 1_000_000 <= ns < w * 1_000_000 + 2_000_000_000
        t.join()
        with pytest.raises(TimeoutError):
            p.wait(kind, timeout_ms=50)


def test_the_gil_is_released_while_waiting(sim):
    sim.set_level(3, 0)
    ticks = 0
    stop = threading.Event()

    def count():
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            time.sleep(0.001)

    with Pin("sim-3") as p:
        t = threading.Thread(target=count)
        t.start()
        with pytest.raises(TimeoutError):
            p.wait(Pin.EDGE_RISE, timeout_ms=500)
        stop.set()
        t.join()
    assert ticks >= 10


def test_wait_refuses_a_pin_with_a_handler(sim):
    with Pin("sim-4") as p:
        p.irq(lambda ev: None)
        with pytest.raises(RuntimeError, match="irq"):
            p.wait(Pin.EDGE_RISE, timeout_ms=0)
        p.irq(None)
        with pytest.raises(TimeoutError):
            p.wait(Pin.EDGE_RISE, timeout_ms=0)


def test_close_from_another_thread_ends_a_wait(sim):
    with Pin("sim-5") as p:
        threading.Timer(0.2, p.close).start()
        with pytest.raises(ValueError, match="closed"):
            p.wait(Pin.EDGE_RISE)


if __name__ == "__main__":
    sys.exit(simtest.main(__file__))
