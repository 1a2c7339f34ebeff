#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""s0meter.py: an S0 energy meter's (or a flow meter's) pulses, counted into
a total that survives restarts.

    s0meter.py [-f FILE] [-N PULSES] [-S SECONDS] [-d DEBOUNCE_US]
               [-i PULSES_PER_UNIT] [-n PULSES] [-q] LINE-NAME

The S0 output is an open collector: a pull-up holds the line high, each
pulse pulls it low for at least 30 ms. The line is requested with a pull-up
and both edges; each falling edge is a pulse, the rising edge gives its
width. -d DEBOUNCE_US has the module swallow contact bounce.

The total is kept in FILE (default ./s0meter.total), read at the start and
replaced atomically (a temporary file, fsync, rename, fsync of the folder)
every PULSES new pulses (-N, default 100), every SECONDS seconds while pulses
came (-S, default 60), and at SIGTERM/SIGINT, after the pulses already in the
ring are counted: a stop and a restart lose nothing.

What gpioirq gives it: pulses the ring had no room for still count. The
module numbers every edge of a line, the dropped ones too (Event.line_seqno),
and a line's edges alternate, so the falling edges among those dropped follow
from the edges either side of the gap; at the end the line's edge counter
(Pin.stats()) closes the gap after the last event. Only edges the chip never
reported (Event.missed: its interrupt coalesced them) are of unknown number;
they are said, not guessed. The rate comes from the top half's timestamps,
not from when Python woke up.

Handlers run in this thread: the context is made with dispatcher=False and
dispatch() runs them when its descriptor is readable (selectors), with the
signals arriving through signal.set_wakeup_fd(): no race between a signal and
the sleep. Prints each pulse (not with -q): "pulse TOTAL rate R/s width W
ms", and at the end "s0meter: total T session S recovered R missed M mean
rate M/s" (the total saved first, also when the line failed). Exits after
PULSES pulses with -n (default 0: at a signal). Exit status 0; 1 when the
line could not be had or failed, or a save failed. As examples/s0meter.c
does.
"""

import argparse
import os
import selectors
import signal
import socket
import sys
import time

import gpioirq
from gpioirq import Pin


def load(path):
    """The count saved in path, 0 when there is none yet."""
    try:
        with open(path) as f:
            text = f.read()
    except FileNotFoundError:
        return 0
    if not text.endswith("\n") or not text[:-1].isdigit():
        raise ValueError(f"{path}: not one decimal number and a newline")
    return int(text)


def save(path, count):
    """Replace the count in path atomically and durably: after a power cut
    path holds the old count or the new one, whole."""
    tmp = path + ".tmp"
    try:
        with open(tmp, "w") as f:
            f.write(f"{count}\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    folder = os.open(os.path.dirname(os.path.abspath(path)), os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


class PulseCount:
    """Pulses counted from one line's events (examples/pulsecount.h)."""

    def __init__(self, total):
        self.total = total
        self.session = 0
        self.recovered = 0
        self.missed = 0
        self.first_ns = self.last_ns = self.interval_ns = self.width_ns = 0
        self.last_line_seqno = 0
        self.last_edge = 0

    def _dropped(self, gap):
        # The gap's edges alternate from the opposite of the last one seen:
        # every other one is falling, the first one when the last rose.
        if not gap or not self.last_edge:
            return 0
        n = (gap + 1) // 2 if self.last_edge == Pin.IRQ_RISING else gap // 2
        self.recovered += n
        return n

    def feed(self, ev):
        """Count one event; returns the pulses it counted."""
        if ev.type != gpioirq.EVENT_EDGE:
            return 0
        gap = ev.line_seqno - self.last_line_seqno - 1 if self.last_line_seqno else 0
        n = self._dropped(gap)
        if ev.missed:
            self.missed += 1
        self.last_line_seqno = ev.line_seqno
        self.last_edge = ev.edge
        if ev.edge == Pin.IRQ_RISING:
            self.width_ns = 0 if gap else ev.pulse_ns
        else:
            n += 1
            if not self.session:
                self.first_ns = ev.timestamp_ns
            else:
                self.interval_ns = (ev.timestamp_ns - self.last_ns) // n
            self.last_ns = ev.timestamp_ns
        self.session += n
        self.total += n
        return n

    def settle(self, edges):
        """Count the falling edges dropped after the last event, from the
        line's edge counter (every edge the top half saw): edges the ring had
        no room for at the very end leave no later event to show their gap."""
        n = self._dropped(edges - self.last_line_seqno if self.last_line_seqno else 0)
        self.last_line_seqno = max(self.last_line_seqno, edges)
        self.session += n
        self.total += n

    def rate(self):
        return 1e9 / self.interval_ns if self.interval_ns else 0.0

    def mean_rate(self):
        if self.session < 2 or self.last_ns <= self.first_ns:
            return 0.0
        return (self.session - 1) * 1e9 / (self.last_ns - self.first_ns)


class Meter:
    """The counter and its file: saves every save_pulses pulses, every
    save_s seconds while pulses came, and at the end."""

    def __init__(self, path, save_pulses, save_s, per_unit, quiet):
        self.path, self.save_pulses, self.save_s = path, save_pulses, save_s
        self.per_unit, self.quiet = per_unit, quiet
        self.pc = PulseCount(load(path))
        self.saved = self.pc.total
        self.saved_at = time.monotonic()
        self.error = None

    def save(self):
        """Save the total if it changed; a failure is said, kept for the
        exit status, and tried again at the next save."""
        if self.pc.total == self.saved:
            return
        try:
            save(self.path, self.pc.total)
        except OSError as e:
            self.error = e
            print(f"s0meter: saving {self.path}: {e}", file=sys.stderr)
            return
        self.saved, self.saved_at = self.pc.total, time.monotonic()

    def save_if_due(self):
        if (self.pc.total - self.saved >= self.save_pulses or
                (self.pc.total != self.saved and
                 time.monotonic() - self.saved_at >= self.save_s)):
            self.save()

    def on_edge(self, ev):
        """The pin's handler."""
        if not self.pc.feed(ev):
            return
        if not self.quiet:
            rate = self.pc.rate()
            power = f" ({rate * 3600 / self.per_unit:.3f} per hour)" if self.per_unit > 0 else ""
            missed = " (edges were missed before it)" if ev.missed else ""
            print(f"pulse {self.pc.total} rate {rate:.3f}/s{power} "
                  f"width {self.pc.width_ns / 1e6:.1f} ms{missed}")
        self.save_if_due()


def count(meter, line, debounce_us, pulses):
    """Counts line's pulses into meter until a signal, or pulses pulses."""
    # Signals wake the selector through a socket; their handlers do nothing.
    wake_r, wake_w = socket.socketpair()
    wake_r.setblocking(False)
    wake_w.setblocking(False)
    signal.set_wakeup_fd(wake_w.fileno())
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: None)
    with gpioirq.Context(dispatcher=False) as ctx, \
            Pin(line, context=ctx, bias=Pin.PULL_UP, debounce_us=debounce_us) as pin:
        pin.irq(meter.on_edge)
        sel = selectors.DefaultSelector()
        sel.register(ctx.fileno(), selectors.EVENT_READ, "events")
        sel.register(wake_r, selectors.EVENT_READ, "signal")
        print(f"s0meter: {pin!r}, total {meter.pc.total} from {meter.path}", flush=True)
        stop = False
        while not stop and (not pulses or meter.pc.session < pulses):
            # At least once a second, for the time-based save.
            for key, _ in sel.select(timeout=1.0):
                if key.data == "events":
                    ctx.dispatch(0)
                else:
                    stop = True
            sys.stdout.flush()
            meter.save_if_due()
        # The pulses already in the ring count too, and those it had no room for.
        while ctx.dispatch(0):
            pass
        meter.pc.settle(pin.stats()["edges"])
        pin.irq(None)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-f", "--file", default="s0meter.total")
    ap.add_argument("-N", "--save-pulses", type=int, default=100)
    ap.add_argument("-S", "--save-seconds", type=float, default=60)
    ap.add_argument("-d", "--debounce-us", type=int, default=0)
    ap.add_argument("-i", "--per-unit", type=float, default=0)
    ap.add_argument("-n", "--pulses", type=int, default=0)
    ap.add_argument("-q", "--quiet", action="store_true")
    ap.add_argument("line")
    args = ap.parse_args()
    if args.save_pulses < 1:
        ap.error("-N must be at least 1")
    try:
        meter = Meter(args.file, args.save_pulses, args.save_seconds, args.per_unit, args.quiet)
    except (OSError, ValueError) as e:
        sys.exit(f"s0meter: reading {args.file}: {e}")
    failure = None
    try:
        count(meter, args.line, args.debounce_us, args.pulses)
    except OSError as e:
        failure = e
        print(f"s0meter: {args.line}: {e}", file=sys.stderr)
    meter.save()
    pc = meter.pc
    print(f"s0meter: total {pc.total} session {pc.session} recovered {pc.recovered} "
          f"missed {pc.missed} mean rate {pc.mean_rate():.3f}/s", flush=True)
    return 1 if meter.error or failure else 0


if __name__ == "__main__":
    sys.exit(main())
