#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""encoder.py: a rotary encoder on two lines, decoded from its events.

    encoder.py [-n STEPS] [-d DEBOUNCE_US] LINE-A LINE-B

A quadrature encoder's two contacts, A and B, change one at a time: A leads
B one way, follows it the other. Both pins are in one gpioirq context, so
their handler calls come in the order of the edges over both lines (the
seqno), each with the line's level just after it: the state (A, B) is
followed from the events alone, never by reading the lines again (which
could see a later state). Each valid transition counts +1 or -1; a jump of
two (an edge lost, reported by on_drop) counts nothing. Prints the position
at each change; exits when |position| reaches STEPS (default 0: never).
"""

import argparse
import threading

import gpioirq
from gpioirq import Pin

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("-n", "--steps", type=int, default=0)
ap.add_argument("-d", "--debounce-us", type=int, default=0)
ap.add_argument("a")
ap.add_argument("b")
args = ap.parse_args()

# (old state << 2 | new state) -> step; state is A << 1 | B. Gray code order
# 00 -> 10 -> 11 -> 01 -> 00 is +1 (A leads).
STEP = {0b0010: +1, 0b1011: +1, 0b1101: +1, 0b0100: +1,
        0b0001: -1, 0b0111: -1, 0b1110: -1, 0b1000: -1}

done = threading.Event()
position = 0

with Pin(args.a) as a, Pin(args.b) as b:
    state = a.value() << 1 | b.value()

    def on_edge(ev):
        global state, position
        level = ev.level if ev.level is not None else int(ev.edge == Pin.IRQ_RISING)
        bit = 1 if ev.pin is a else 0
        new = (state & ~(1 << bit)) | (level << bit)
        step = STEP.get(state << 2 | new, 0)
        state = new
        if step:
            position += step
            print(f"position {position}", flush=True)
            if args.steps and abs(position) >= args.steps:
                done.set()

    gpioirq.on_drop(lambda n: print(f"lost {n} events", flush=True))
    for p in (a, b):
        p.irq(on_edge, debounce_us=args.debounce_us)
    print(f"encoder: A {a!r}, B {b!r}, state {state:02b}", flush=True)
    try:
        done.wait()
    except KeyboardInterrupt:
        pass
