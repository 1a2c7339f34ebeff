# SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
"""gpioirq: GPIO edge callbacks with hard-IRQ timestamps, in MicroPython's shape.

    from gpioirq import Pin

    def pressed(ev):
        print(ev.timestamp_ns, ev.edge, ev.level, ev.pulse_ns)

    with Pin("GPIO17") as p:                  # or Pin("gpiochip0", 17)
        p.irq(pressed, trigger=Pin.IRQ_FALLING, debounce_us=5000, bias=Pin.PULL_UP)
        ...
        width_ns = p.wait(Pin.PULSE_LOW, timeout_ms=1000)   # after p.irq(None)

Handlers run in a dispatcher thread with the GIL, one at a time, in edge
order. Lost events are counted in gpioirq.dropped (the default context's) and
reported to the callable given to gpioirq.on_drop(). What differs from
MicroPython is in Documentation/python.md.
"""

import atexit as _atexit

from . import _gpioirq
from ._gpioirq import Context, Event, default_context, library_version  # noqa: F401
from ._gpioirq import DEBOUNCE_MAX_US, EVENT_CHIP_GONE, EVENT_EDGE, EVENT_STORM  # noqa: F401
from ._gpioirq import Pin as _Pin

__all__ = ["Pin", "Event", "Context", "default_context", "on_drop", "dropped",
           "DEBOUNCE_MAX_US", "EVENT_EDGE", "EVENT_STORM", "EVENT_CHIP_GONE"]
__version__ = library_version


class Pin(_Pin):
    __doc__ = _Pin.__doc__

    def events(self, trigger=_Pin.IRQ_RISING | _Pin.IRQ_FALLING, **irq_kwargs):
        """events(trigger=Pin.IRQ_RISING | Pin.IRQ_FALLING, **irq_kwargs) -> async iterator

        async for ev in pin.events(): ...  gives the pin's Events (see
        help(gpioirq.Event); times in ns) in edge order, in the running asyncio
        loop. It sets the pin's irq handler (irq_kwargs: debounce_us, bias,
        active_low, as irq() takes them) and takes it off (irq(None)) when the
        iterator is closed (aclose(), or contextlib.aclosing() around it).
        Driven by the context's descriptor (loop.add_reader) with no thread,
        unless the context's dispatcher thread runs already. Raises as irq().
        """
        from . import _aio
        return _aio.events(self, trigger, irq_kwargs)

    async def wait_async(self, kind, timeout_ms=None):
        """await wait_async(kind, timeout_ms=None) -> Event

        wait() as a coroutine: the same kinds, return value (the Event that
        ended the wait; a pulse's width is its pulse_ns) and errors
        (TimeoutError after timeout_ms). Driven by the context's descriptor (loop.add_reader)
        with no thread, unless the context's dispatcher thread runs already
        (then it waits in the loop's executor).
        """
        from . import _aio
        return await _aio.wait_async(self, kind, timeout_ms)


def on_drop(handler):
    """on_drop(handler) -> None

    Call handler(count) when events of the default context were lost (its ring
    or a line's top-half buffer was full), in the dispatching thread, before the
    first event after the loss; count is how many were lost (0: unknown).
    None stops it. Raises ValueError when handler is not callable.
    """
    default_context().on_drop = handler


def __getattr__(name):
    # gpioirq.dropped: read now, from the default context (0 before it opens).
    if name == "dropped":
        return default_context().dropped
    raise AttributeError(f"module 'gpioirq' has no attribute {name!r}")


# No handler may run while the interpreter finalizes: stop the threads first.
_atexit.register(_gpioirq._shutdown)
