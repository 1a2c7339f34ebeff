# SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
"""asyncio for gpioirq: Pin.events() and Pin.wait_async().

A context no thread dispatches is driven by the running loop: one
loop.add_reader() on its descriptor (Context.fileno()) per context, whose
callback runs Context.dispatch(0) (the handlers of every pin of the context,
in the loop's thread) and wakes the coroutines waiting on it. No thread.
A context whose dispatcher thread runs already (a pin of it has an irq()
handler outside asyncio) stays so: events() then hands events to the loop
with call_soon_threadsafe(), and wait_async() waits in the loop's executor.
"""

import asyncio

_drivers = {}


class _Driver:
    """The loop's reader on one context's descriptor."""

    def __init__(self, ctx, loop):
        self.ctx = ctx
        self.loop = loop
        self.fd = ctx.fileno()
        self.users = 0
        self.waiters = set()

    def _readable(self):
        try:
            self.ctx.dispatch(0)
        finally:
            for f in self.waiters:
                if not f.done():
                    f.set_result(None)
            self.waiters.clear()

    async def readable(self, timeout_s):
        """Until the descriptor was readable (and dispatched), or timeout_s."""
        f = self.loop.create_future()
        self.waiters.add(f)
        try:
            await asyncio.wait({f}, timeout=timeout_s)
        finally:
            self.waiters.discard(f)


def _acquire(ctx, loop):
    d = _drivers.get(id(ctx))
    if d is not None and d.ctx is ctx and d.loop is not loop:
        raise RuntimeError("this gpioirq.Context is driven by another event loop")
    if d is None or d.ctx is not ctx:
        d = _drivers[id(ctx)] = _Driver(ctx, loop)
    ctx.dispatcher = False
    if d.users == 0:
        loop.add_reader(d.fd, d._readable)
    d.users += 1
    return d


def _release(d):
    d.users -= 1
    if d.users == 0:
        if not d.ctx.closed:
            d.loop.remove_reader(d.fd)
        _drivers.pop(id(d.ctx), None)


async def events(pin, trigger, irq_kwargs):
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()
    ctx = pin.context
    driver = None
    if ctx.dispatcher_running:
        def handler(ev):
            loop.call_soon_threadsafe(queue.put_nowait, ev)
    else:
        driver = _acquire(ctx, loop)
        handler = queue.put_nowait
    try:
        pin.irq(handler, trigger, **irq_kwargs)
        while True:
            yield await queue.get()
    finally:
        if not pin.closed and pin.handler is handler:
            pin.irq(None)
        if driver is not None:
            _release(driver)


async def wait_async(pin, kind, timeout_ms):
    loop = asyncio.get_running_loop()
    ctx = pin.context
    if ctx.dispatcher_running:
        return await loop.run_in_executor(None, pin.wait, kind, timeout_ms)
    if timeout_ms is not None and (not isinstance(timeout_ms, int) or timeout_ms < 0):
        raise ValueError(f"timeout_ms={timeout_ms!r}: None (forever) or an int >= 0")
    deadline = None if timeout_ms is None else loop.time() + timeout_ms / 1000
    driver = _acquire(ctx, loop)
    try:
        while True:
            # The ring's events to the pins' queues (and other pins' handlers).
            ctx.dispatch(0)
            try:
                return pin.wait(kind, timeout_ms=0)
            except TimeoutError:
                pass
            left = None if deadline is None else deadline - loop.time()
            if left is not None and left <= 0:
                raise TimeoutError(f"no event of kind {kind} within {timeout_ms} ms")
            await driver.readable(left)
    finally:
        _release(driver)
