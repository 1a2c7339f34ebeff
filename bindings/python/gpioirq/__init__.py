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
