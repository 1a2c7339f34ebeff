#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""pulses.py: measure pulses from the edges' hard-IRQ timestamps.

    pulses.py [-l] [-n COUNT] [-t TIMEOUT_MS] LINE-NAME

Waits for COUNT (default 10) high pulses (-l: low pulses) with Pin.wait()
and prints each one's width in µs; the GIL is released while waiting. The
widths come from the kernel's timestamps of the two edges, so a busy Python
process measures them as well as an idle one. Exits 1 after TIMEOUT_MS
(default 10000) without a pulse. As examples/pulse.c does.
"""

import argparse
import sys

from gpioirq import Pin

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("-l", "--low", action="store_true", help="low pulses")
ap.add_argument("-n", "--count", type=int, default=10)
ap.add_argument("-t", "--timeout-ms", type=int, default=10000)
ap.add_argument("line")
args = ap.parse_args()

kind = Pin.PULSE_LOW if args.low else Pin.PULSE_HIGH
with Pin(args.line) as pin:
    print(f"pulses: {'low' if args.low else 'high'} pulses on {pin!r}", flush=True)
    for i in range(args.count):
        try:
            ns = pin.wait(kind, timeout_ms=args.timeout_ms).pulse_ns
        except TimeoutError as e:
            sys.exit(f"pulses: {e}")
        print(f"pulse {i + 1}: {ns / 1000:.1f} us", flush=True)
