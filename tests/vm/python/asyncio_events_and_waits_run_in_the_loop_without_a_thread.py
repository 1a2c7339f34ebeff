#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
"""asyncio: async for ev in pin.events() gives every edge in order and
wait_async() the six kinds' results, in the loop's thread, driven by the
context's descriptor with no dispatcher thread; a timeout is TimeoutError;
closing the iterator takes the handler off and the reader away."""

import asyncio
import sys
import threading

import pytest

import simtest
from simtest import aclosing
from gpioirq import Context, Pin


async def drive(sim, off, levels, gap_s=0.01):
    """Set levels from the loop's executor (a write blocks until the edge's
    handler ran, in the kernel)."""
    loop = asyncio.get_running_loop()
    for v in levels:
        await loop.run_in_executor(None, sim.set_level, off, v)
        await asyncio.sleep(gap_s)


def test_events_gives_every_edge_in_order_in_the_loops_thread(sim):
    sim.set_level(0, 0)

    async def main():
        with Context() as ctx, Pin("sim-0", context=ctx) as p:
            got = []
            driver = asyncio.ensure_future(drive(sim, 0, [1, 0] * 10))
            async with aclosing(p.events()) as evs:
                async for ev in evs:
                    got.append((ev.line_seqno, ev.edge, ev.level, threading.get_ident()))
                    if len(got) == 20:
                        break
            await driver
            assert p.handler is None
            assert not ctx.dispatcher_running
            return got

    got = asyncio.run(main())
    assert [n for n, _, _, _ in got] == list(range(1, 21))
    assert [e for _, e, _, _ in got] == [Pin.IRQ_RISING, Pin.IRQ_FALLING] * 10
    assert [v for _, _, v, _ in got] == [1, 0] * 10
    assert {t for _, _, _, t in got} == {threading.get_ident()}


def test_events_with_trigger_falling_gives_falling_edges_only(sim):
    sim.set_level(1, 0)

    async def main():
        with Context() as ctx, Pin("sim-1", context=ctx) as p:
            driver = asyncio.ensure_future(drive(sim, 1, [1, 0] * 3))
            got = []
            async with aclosing(p.events(Pin.IRQ_FALLING)) as evs:
                async for ev in evs:
                    got.append(ev.edge)
                    if len(got) == 3:
                        break
            await driver
            return got

    assert asyncio.run(main()) == [Pin.IRQ_FALLING] * 3


def test_wait_async_sees_edges_pulses_and_levels(sim):
    sim.set_level(2, 0)

    async def main():
        with Context() as ctx, Pin("sim-2", context=ctx) as p:
            assert (await p.wait_async(Pin.LEVEL_LOW, timeout_ms=0)).seqno == 0
            driver = asyncio.ensure_future(drive(sim, 2, [1, 0], gap_s=0.03))
            ev = await p.wait_async(Pin.EDGE_RISE, timeout_ms=10000)
            assert (ev.edge, ev.line_seqno) == (Pin.IRQ_RISING, 1)
            await driver
            assert (await p.wait_async(Pin.EDGE_FALL, timeout_ms=10000)).pulse_ns >= 30_000_000
            driver = asyncio.ensure_future(drive(sim, 2, [1, 0], gap_s=0.02))
            width = (await p.wait_async(Pin.PULSE_HIGH, timeout_ms=10000)).pulse_ns
            await driver
            assert 20_000_000 <= width < 2_020_000_000
            driver = asyncio.ensure_future(drive(sim, 2, [1], gap_s=0))
            assert (await p.wait_async(Pin.LEVEL_HIGH, timeout_ms=10000)).level == 1
            await driver
            driver = asyncio.ensure_future(drive(sim, 2, [0, 1], gap_s=0.02))
            width = (await p.wait_async(Pin.PULSE_LOW, timeout_ms=10000)).pulse_ns
            await driver
            assert 20_000_000 <= width < 2_020_000_000
            assert not ctx.dispatcher_running
            sim.set_level(2, 0)

    asyncio.run(main())


def test_wait_async_times_out_and_the_loop_goes_on(sim):
    async def main():
        with Context() as ctx, Pin("sim-3", context=ctx) as p:
            ticks = 0

            async def tick():
                nonlocal ticks
                while True:
                    ticks += 1
                    await asyncio.sleep(0.01)

            t = asyncio.ensure_future(tick())
            with pytest.raises(TimeoutError):
                await p.wait_async(Pin.EDGE_RISE, timeout_ms=300)
            t.cancel()
            assert ticks >= 5
            with pytest.raises(ValueError):
                await p.wait_async(Pin.EDGE_RISE, timeout_ms=-1)

    asyncio.run(main())


if __name__ == "__main__":
    sys.exit(simtest.main(__file__))
