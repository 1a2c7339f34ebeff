#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
"""Pin.irq(): the handler gets one Event per edge, with every field right,
in edge order, in the dispatcher thread; trigger filters edges; irq(None)
stops it; 10,000 edges are counted exactly; a handler that allocates and
raises is reported like a thread's exception and dispatch goes on; closing
while events flow stops the handler at once; on_drop reports a full ring."""

import sys
import threading
import time

import pytest

import gpioirq
import simtest
from gpioirq import Context, Pin
from simtest import HandlerErrors, await_true


def test_handler_gets_one_event_per_edge_with_its_fields(sim):
    got = []
    sim.set_level(0, 0)
    with Pin("sim-0") as p:
        p.irq(lambda ev: got.append((ev, threading.get_ident())))
        for v in (1, 0, 1, 0):
            sim.set_level(0, v)
        await_true(lambda: len(got) == 4, what="4 events")
        evs = [e for e, _ in got]
        assert [e.edge for e in evs] == [Pin.IRQ_RISING, Pin.IRQ_FALLING] * 2
        assert [e.level for e in evs] == [1, 0, 1, 0]
        assert [e.line_seqno for e in evs] == [1, 2, 3, 4]
        assert [e.seqno - evs[0].seqno for e in evs] == [0, 1, 2, 3]
        assert all(e.pin is p for e in evs)
        assert all(e.type == gpioirq.EVENT_EDGE for e in evs)
        assert not any(e.missed or e.debounced for e in evs)
        assert evs[0].pulse_ns == 0
        for a, b in zip(evs, evs[1:]):
            assert b.timestamp_ns > a.timestamp_ns
            assert b.pulse_ns == b.timestamp_ns - a.timestamp_ns
        threads = {t for _, t in got}
        assert len(threads) == 1 and threading.get_ident() not in threads
        assert p.context.dispatcher_running
        p.irq(None)
        assert p.handler is None
        sim.set_level(0, 1)
        sim.set_level(0, 0)
        time.sleep(0.2)
        assert len(got) == 4
        assert p.stats()["edges"] == 6


def test_trigger_rising_delivers_rising_edges_only(sim):
    got = []
    sim.set_level(1, 0)
    with Pin("sim-1") as p:
        p.irq(got.append, trigger=Pin.IRQ_RISING)
        for v in (1, 0, 1, 0, 1, 0):
            sim.set_level(1, v)
        await_true(lambda: len(got) == 3, what="3 rising edges")
        time.sleep(0.1)
        assert [e.edge for e in got] == [Pin.IRQ_RISING] * 3


def test_two_pins_events_come_in_edge_order(sim):
    got = []
    sim.set_level(2, 0)
    sim.set_level(3, 0)
    with Pin("sim-2") as a, Pin("sim-3") as b:
        a.irq(got.append)
        b.irq(got.append)
        for off, v in ((2, 1), (3, 1), (2, 0), (3, 0)):
            sim.set_level(off, v)
        await_true(lambda: len(got) == 4, what="4 events")
        assert [(e.pin.offset, e.level) for e in got] == [(2, 1), (3, 1), (2, 0), (3, 0)]
        assert [e.seqno for e in got] == sorted(e.seqno for e in got)


def test_ten_thousand_edges_are_counted_exactly(sim):
    pulses, edges = 5000, 10000
    got = []
    lock = threading.Lock()
    sim.set_level(4, 0)
    with Context(ring_entries=16384) as ctx:
        lost = []
        ctx.on_drop = lost.append
        p = Pin("sim-4", context=ctx)

        def handler(ev):
            with lock:
                got.append((ev.seqno, ev.line_seqno, ev.edge))

        p.irq(handler)
        sim.burst(4, pulses, 20000)
        sim.wait_burst(4, 150)
        await_true(lambda: (lambda s: s["events"] + s["dropped"] == edges)(p.stats()),
                   what="the module's count of 10,000 edges")
        st = p.stats()
        await_true(lambda: len(got) == st["events"], timeout_s=120, what="every event's handler call")
        print(f"# events {st['events']} dropped {st['dropped']} lost {ctx.dropped}")
        assert sim.edges(4) == edges
        assert st["edges"] == edges
        assert st["missed"] == 0
        seqnos = [s for s, _, _ in got]
        assert seqnos == sorted(seqnos)
        # From low: the line's odd edges rise, its even edges fall.
        assert all(e == (Pin.IRQ_RISING if n % 2 else Pin.IRQ_FALLING) for _, n, e in got)
        assert ctx.dropped + (edges - seqnos[-1]) == st["dropped"]
        assert sum(lost) == ctx.dropped
        assert ctx.stats()["callbacks"] == len(got)
        p.close()


def test_a_handler_that_allocates_and_raises_is_reported_and_dispatch_goes_on(sim):
    calls = []
    sim.set_level(5, 0)

    def handler(ev):
        calls.append([bytearray(4096) for _ in range(16)])
        if ev.line_seqno % 2:
            raise RuntimeError(f"edge {ev.line_seqno}")

    with Pin("sim-5") as p, HandlerErrors() as handler_errors:
        p.irq(handler)
        for i in range(10):
            sim.set_level(5, (i + 1) % 2)
        await_true(lambda: len(calls) == 10 and len(handler_errors) == 5, what="10 calls, 5 errors")
        assert [str(a.exc_value) for a in handler_errors] == [f"edge {n}" for n in (1, 3, 5, 7, 9)]
        assert all(a.exc_type is RuntimeError and a.exc_traceback is not None for a in handler_errors)
        assert all(a.thread is not threading.main_thread() for a in handler_errors)


def test_close_while_a_burst_flows_stops_the_handler_at_once(sim):
    calls = []
    sim.set_level(6, 0)
    p = Pin("sim-6")
    p.irq(lambda ev: calls.append(ev.line_seqno))
    sim.burst(6, 100000, 50000)
    await_true(lambda: len(calls) >= 100, what="100 events of the burst")
    p.close()
    n = len(calls)
    time.sleep(0.3)
    assert len(calls) == n
    assert p.closed and p.handler is None
    sim.burst_stop(6)
    sim.wait_burst(6, 30)


def test_a_handler_may_close_its_own_pin(sim):
    calls = []
    sim.set_level(7, 0)
    p = Pin("sim-7")

    def handler(ev):
        calls.append(ev.line_seqno)
        ev.pin.close()

    p.irq(handler)
    sim.set_level(7, 1)
    sim.set_level(7, 0)
    await_true(lambda: p.closed, what="the handler's close")
    time.sleep(0.2)
    assert calls == [1]


def test_on_drop_counts_what_a_full_ring_lost(sim):
    gate = threading.Event()
    got = []
    lost = []
    sim.set_level(0, 0)
    with Context(ring_entries=16) as ctx:
        ctx.on_drop = lost.append
        assert ctx.ring_entries == 16
        p = Pin("sim-0", context=ctx)

        def handler(ev):
            gate.wait()
            got.append(ev.seqno)

        p.irq(handler)
        sim.burst(0, 100, 100000)
        sim.wait_burst(0, 60)
        gate.set()
        await_true(lambda: (lambda s: s["events"] + s["dropped"] == 200)(p.stats()), what="200 edges")
        st = p.stats()
        await_true(lambda: len(got) == st["events"], what="every event's handler call")
        assert st["dropped"] > 0
        assert sum(lost) == ctx.dropped
        assert ctx.dropped + (200 - got[-1]) == st["dropped"]
        assert len(got) + st["dropped"] == 200
        p.close()


if __name__ == "__main__":
    sys.exit(simtest.main(__file__))
