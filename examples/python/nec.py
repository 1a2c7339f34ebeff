#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""nec.py: an IR remote's NEC frames, decoded from an IR receiver's line, in
an asyncio loop.

    nec.py [-n FRAMES] [-t IDLE_MS] [-s SPEED_PCT] [-v] LINE-NAME

The receiver module (TSOP38238, VS1838B: 38 kHz, a pull-up inside) idles
high and pulls its output low while it sees the carrier. The line is
requested active-low with both edges, so a mark is a logical high pulse and
each event's pulse_ns is the mark or space its edge ends, between two
top-half timestamps: the decoder needs no clock of its own and does not care
how late Python wakes up.

A frame: a 9 ms mark, a 4.5 ms space, 32 bits each a 562.5 us mark and a
space of 562.5 us (0) or 1687.5 us (1), least significant bit first, and a
final 562.5 us mark; the bits are address, ~address, command, ~command (an
extended, 16-bit address when the first two bytes are not complements). A
repeat code, every 108 ms while a key is held: a 9 ms mark, a 2.25 ms space,
a 562.5 us mark. Each duration is accepted within 25 %; one outside, an edge
lost (a seqno gap, Event.missed) or a command that is not its complement
rejects the frame with a reason.

Events come from "async for ev in pin.events()": the loop watches the
context's descriptor, no thread. Prints per frame "frame address 0x00
command 0x45", per repeat "repeat address 0x00 command 0x45", per rejected
frame "bad frame: REASON", and at the end "nec: frames F repeats R bad B".
Ends after FRAMES frames (-n), IDLE_MS without an edge (-t) or at SIGINT or
SIGTERM. -s SPEED_PCT decodes a recording replayed at that speed (10: ten
times slower than real time); -v prints each mark and space as measured. As
examples/nec.c does.
"""

import argparse
import asyncio
import signal
import sys

import gpioirq
from gpioirq import Pin

HEADER_MARK_NS = 9_000_000
HEADER_SPACE_NS = 4_500_000
REPEAT_SPACE_NS = 2_250_000
BIT_MARK_NS = 562_500
ZERO_SPACE_NS = 562_500
ONE_SPACE_NS = 1_687_500
TOLERANCE_PCT = 25


class Bad(Exception):
    """A frame rejected; the message says why."""


class NecDecoder:
    """NEC frames from one line's events (examples/nec-decoder.h). feed()
    returns None, ("frame", address, command, extended) or ("repeat",
    address, command, extended), and raises Bad for a rejected frame."""

    def __init__(self, speed_pct=100):
        self.speed_pct = speed_pct
        self.state = "idle"
        self.bits = self.data = 0
        self.last_seqno = 0
        self.frame = None
        self.frames = self.repeats = self.bad = 0

    def _real(self, ns):
        return ns * self.speed_pct // 100

    def _near(self, ns, nominal):
        margin = nominal * TOLERANCE_PCT // 100
        return nominal - margin <= self._real(ns) <= nominal + margin

    def _reject(self, reason, then="idle"):
        self.bad += 1
        self.frame = None
        self.state = then
        raise Bad(reason)

    def feed(self, ev):
        rising = ev.edge == Pin.IRQ_RISING
        edge = ev.type == gpioirq.EVENT_EDGE
        lost = (self.last_seqno and ev.seqno != self.last_seqno + 1) or ev.missed or not edge
        us = self._real(ev.pulse_ns) // 1000
        self.last_seqno = ev.seqno
        if lost:
            was, self.state = self.state, "idle"
            if was == "idle":
                # Nothing was being decoded; a rising edge may start a frame.
                if rising and edge:
                    self.state = "header mark"
                return None
            self._reject("edges were lost in the frame")
        if self.state == "idle":
            if rising:
                self.state = "header mark"
            return None
        # Each state waits for one direction: the other twice in a row
        # means the module saw the level not change, which a frame cannot.
        want_rising = self.state in ("header space", "bit space")
        if rising != want_rising:
            self._reject(f"two {'rising' if rising else 'falling'} edges in a row",
                         "header mark" if rising else "idle")
        if self.state == "header mark":
            # Far too short for a leading mark: a glitch, or the rest of a
            # frame already rejected. Ignored, as the kernel's rc-core is.
            if self._real(ev.pulse_ns) < HEADER_MARK_NS // 2:
                self.state = "idle"
                return None
            if not self._near(ev.pulse_ns, HEADER_MARK_NS):
                self._reject(f"a leading mark of {us} us, not 9000")
            self.state = "header space"
        elif self.state == "header space":
            if self._near(ev.pulse_ns, HEADER_SPACE_NS):
                self.bits = self.data = 0
                self.state = "bit mark"
            elif self._near(ev.pulse_ns, REPEAT_SPACE_NS):
                self.state = "repeat mark"
            else:
                # This rising edge may be the next frame's.
                self._reject(f"a leading space of {us} us, not 4500 or 2250", "header mark")
        elif self.state in ("bit mark", "stop mark", "repeat mark"):
            if not self._near(ev.pulse_ns, BIT_MARK_NS):
                self._reject(f"a mark of {us} us after {self.bits} bits, not 562")
            if self.state == "stop mark":
                return self._frame()
            if self.state == "repeat mark":
                self.state = "idle"
                if not self.frame:
                    self._reject("a repeat code with no frame before it")
                self.repeats += 1
                return ("repeat",) + self.frame
            self.state = "bit space"
        elif self.state == "bit space":
            if self._near(ev.pulse_ns, ONE_SPACE_NS):
                self.data |= 1 << self.bits
            elif not self._near(ev.pulse_ns, ZERO_SPACE_NS):
                self._reject(f"a space of {us} us after {self.bits} bits, not 562 or 1687",
                             "header mark")
            self.bits += 1
            self.state = "stop mark" if self.bits == 32 else "bit mark"
        return None

    def _frame(self):
        a, na = self.data & 0xFF, self.data >> 8 & 0xFF
        c, nc = self.data >> 16 & 0xFF, self.data >> 24 & 0xFF
        self.state = "idle"
        if c ^ nc != 0xFF:
            self._reject(f"command 0x{c:02x} and its complement 0x{nc:02x} disagree")
        extended = a ^ na != 0xFF
        self.frame = (a | na << 8 if extended else a, c, extended)
        self.frames += 1
        return ("frame",) + self.frame


def show(result):
    kind, address, command, extended = result
    addr = f"0x{address:04x} (extended)" if extended and kind == "frame" else \
        f"0x{address:0{4 if extended else 2}x}"
    print(f"{kind} address {addr} command 0x{command:02x}", flush=True)


async def decode(pin, dec, args):
    """Feeds dec the pin's events until enough frames, IDLE_MS without an
    edge, or SIGINT/SIGTERM (which cancel this task)."""
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, task.cancel)
    events = pin.events(active_low=True)
    idle = args.idle_ms / 1000 if args.idle_ms >= 0 else None
    try:
        while not args.frames or dec.frames < args.frames:
            # wait_for() cancels and awaits the read on timeout: the
            # generator is idle again for aclose().
            ev = await asyncio.wait_for(events.__anext__(), idle)
            # The first edge's pulse_ns is 0: nothing before it.
            if args.verbose and ev.type == gpioirq.EVENT_EDGE and ev.pulse_ns:
                print(f"{'mark' if ev.edge == Pin.IRQ_FALLING else 'space'} {ev.pulse_ns} ns",
                      flush=True)
            try:
                result = dec.feed(ev)
            except Bad as e:
                print(f"bad frame: {e}", flush=True)
                continue
            if result:
                show(result)
    except (asyncio.TimeoutError, asyncio.CancelledError):
        pass
    finally:
        await events.aclose()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", "--frames", type=int, default=0)
    ap.add_argument("-t", "--idle-ms", type=int, default=-1)
    ap.add_argument("-s", "--speed-pct", type=int, default=100)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("line")
    args = ap.parse_args()
    if not 1 <= args.speed_pct <= 10000:
        ap.error("-s SPEED_PCT: 1..10000")
    dec = NecDecoder(args.speed_pct)
    try:
        with Pin(args.line) as pin:
            print(f"nec: {pin!r}, speed {args.speed_pct} %", flush=True)
            asyncio.run(decode(pin, dec, args))
    except OSError as e:
        sys.exit(f"nec: {args.line}: {e}")
    print(f"nec: frames {dec.frames} repeats {dec.repeats} bad {dec.bad}", flush=True)


if __name__ == "__main__":
    main()
