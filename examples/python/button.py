#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""button.py: a debounced push button, a handler per press and release.

    button.py [-d DEBOUNCE_US] [-n PRESSES] LINE-NAME
    button.py [-d DEBOUNCE_US] [-n PRESSES] CHIP OFFSET

The usual wiring: the button shorts the line to ground, a pull-up holds it
high at rest. So the pin is pulled up and active-low (a press is a logical
rising edge), with a debounce period (default 10000 µs) in which the
contacts' bounces are swallowed by the kernel module. The handler runs in
gpioirq's dispatcher thread: it may print, allocate, take locks. Exits after
PRESSES releases (default 0: until Ctrl-C). As examples/button.c does.
"""

import argparse
import threading

import gpioirq
from gpioirq import Pin

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("-d", "--debounce-us", type=int, default=10000)
ap.add_argument("-n", "--presses", type=int, default=0)
ap.add_argument("line", nargs="+", help="LINE-NAME, or CHIP OFFSET")
args = ap.parse_args()

done = threading.Event()
presses = 0


def on_edge(ev):
    global presses
    if ev.edge == Pin.IRQ_RISING:
        print(f"press at {ev.timestamp_ns} ns", flush=True)
    else:
        presses += 1
        print(f"release, held {ev.pulse_ns / 1e6:.1f} ms", flush=True)
        if presses == args.presses:
            done.set()


def on_drop(count):
    print(f"lost {count} events", flush=True)


pin = Pin(args.line[0], int(args.line[1])) if len(args.line) == 2 else Pin(args.line[0])
with pin:
    gpioirq.on_drop(on_drop)
    pin.irq(on_edge, bias=Pin.PULL_UP, active_low=True, debounce_us=args.debounce_us)
    print(f"button: {pin!r} on {pin.chip} line {pin.offset}, debounce {args.debounce_us} µs",
          flush=True)
    try:
        done.wait()
    except KeyboardInterrupt:
        pass
