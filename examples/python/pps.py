#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""pps.py: a GPS receiver's pulse-per-second, timestamped in the top half:
offset and jitter against the system's clocks, and samples for chrony.

    pps.py [-n PULSES] [-s SOCKET] [-q] LINE-NAME

The receiver's PPS output rises at the start of each UTC second (u-blox
NEO-6M/M8N: a 100 ms pulse). Pin.wait(Pin.EDGE_RISE) gives each rising edge
with the GIL released; its timestamp_ns is when the top half saw the edge, in
CLOCK_MONOTONIC. The CLOCK_REALTIME timestamp is derived: the difference of
the two clocks, read back to back when the pulse is processed, added to it
(right unless the clock was stepped in between).

For each clock: the offset of the pulse to the nearest whole second of that
clock, and the jitter, the running standard deviation of those offsets (it
includes the clock's drift over the run: CLOCK_MONOTONIC is not steered in
phase). Prints per pulse (not with -q):
  pulse N realtime OFFSET ns jitter J ns monotonic OFFSET ns jitter J ns interval I ns
and at the end (after PULSES pulses, -n, or at SIGINT/SIGTERM):
"pps: pulses N realtime jitter J ns monotonic jitter J ns".

-s SOCKET sends each pulse to chrony's SOCK refclock, a datagram socket
chronyd makes, as its refclock_sock.c reads it: struct sock_sample (a
struct timeval, the system's time of the pulse; the offset of true to system
time in s, to the nearest whole second; pulse 1: only the place in the
second is known; leap 0; the magic 0x534f434b), in the machine's own layout
(struct "@lldiiii": time_t and suseconds_t as C longs, as on amd64, arm64
and 32-bit systems with a 32-bit time_t). In chrony.conf, with another
source for the whole seconds (an NTP server, or gpsd's NMEA time):
  refclock SOCK /run/chrony.pps.sock refid PPS
Samples are dropped, not queued, while chronyd does not listen.

Exit status 0; 1 when the line could not be had. As examples/pps.c does
(which can also stamp in CLOCK_REALTIME and writes ntpd's SHM segment).
"""

import argparse
import math
import signal
import socket
import struct
import sys
import time

from gpioirq import Pin

NS = 1_000_000_000
SOCK_MAGIC = 0x534F434B
SOCK_SAMPLE = struct.Struct("@lldiiii")


def offset_ns(ts_ns):
    """ts_ns minus the nearest whole second, in [-500000000, 500000000)."""
    return (ts_ns + NS // 2) % NS - NS // 2


class PpsStat:
    """Offsets of one clock and their running standard deviation (Welford),
    as examples/ppsstat.h."""

    def __init__(self):
        self.n = 0
        self.offset = 0
        self.mean = self.m2 = 0.0
        self.last = self.interval = 0

    def add(self, ts_ns):
        self.offset = offset_ns(ts_ns)
        if self.n:
            self.interval = ts_ns - self.last
        self.last = ts_ns
        self.n += 1
        d = self.offset - self.mean
        self.mean += d / self.n
        self.m2 += d * (self.offset - self.mean)
        return self.offset

    def jitter(self):
        return math.sqrt(self.m2 / (self.n - 1)) if self.n > 1 else 0.0


def realtime_minus_monotonic():
    """CLOCK_REALTIME - CLOCK_MONOTONIC now: the realtime read between two
    monotonic ones, against their mean."""
    m1 = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
    rt = time.clock_gettime_ns(time.CLOCK_REALTIME)
    m2 = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
    return rt - (m1 + (m2 - m1) // 2)


def sock_sample(t_rt):
    """chrony's struct sock_sample for a pulse at t_rt (CLOCK_REALTIME ns)."""
    off = offset_ns(t_rt)
    return SOCK_SAMPLE.pack(t_rt // NS, t_rt % NS // 1000, -off / NS, 1, 0, 0, SOCK_MAGIC)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", "--pulses", type=int, default=0)
    ap.add_argument("-s", "--socket")
    ap.add_argument("-q", "--quiet", action="store_true")
    ap.add_argument("line")
    args = ap.parse_args()

    stop = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.append(True))
    chrony = None
    if args.socket:
        chrony = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        chrony.setblocking(False)

    rt, mono = PpsStat(), PpsStat()
    try:
        with Pin(args.line) as pin:
            print(f"pps: {pin!r}, timestamps in CLOCK_MONOTONIC"
                  f"{', chrony at ' + args.socket if chrony else ''}", flush=True)
            while not stop and (not args.pulses or rt.n < args.pulses):
                # 200 ms at most per wait: the stop flag is looked at between.
                try:
                    ev = pin.wait(Pin.EDGE_RISE, timeout_ms=200)
                except TimeoutError:
                    continue
                t_mono = ev.timestamp_ns
                t_rt = t_mono + realtime_minus_monotonic()
                rt.add(t_rt)
                mono.add(t_mono)
                if chrony:
                    try:
                        chrony.sendto(sock_sample(t_rt), args.socket)
                    except OSError:
                        pass    # chronyd is not listening (yet): this sample is lost
                if not args.quiet:
                    missed = " (edges were missed before it)" if ev.missed else ""
                    print(f"pulse {rt.n} realtime {rt.offset:+d} ns jitter {rt.jitter():.0f} ns "
                          f"monotonic {mono.offset:+d} ns jitter {mono.jitter():.0f} ns "
                          f"interval {mono.interval} ns{missed}", flush=True)
    except OSError as e:
        sys.exit(f"pps: {args.line}: {e}")
    print(f"pps: pulses {rt.n} realtime jitter {rt.jitter():.0f} ns "
          f"monotonic jitter {mono.jitter():.0f} ns", flush=True)


if __name__ == "__main__":
    main()
