#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
"""examples/python's s0meter.py and pps.py, run as a user runs them, on
waveforms the simulator's player plays (as tests/vm/examples does for the C
programs): s0meter.py's total is exact across a restart; pps.py reports four
pulses and sends chrony's SOCK refclock a sample for each."""

import signal
import socket
import struct
import sys

import simtest

NS = 1_000_000_000


# --- s0meter.py ---------------------------------------------------------------

def s0_steps(line, pulses, period_ns, low_ns, t_ns=1_000_000):
    """pulses S0 pulses on line (at rest high): low for low_ns every
    period_ns, the first period_ns - low_ns after t_ns."""
    steps = []
    for _ in range(pulses):
        t_ns += period_ns - low_ns
        steps.append((t_ns, line, 0))
        t_ns += low_ns
        steps.append((t_ns, line, 1))
    return steps


def s0_run(sim, total, pulses, before):
    """One s0meter.py run that sees pulses pulses and a SIGTERM; returns its
    summary line."""
    p = simtest.start_example("s0meter.py", "-q", "-N", "500", "-f", str(total), "sim-2")
    edges = sim.edges(2)
    sim.play(s0_steps(2, pulses, 1_000_000, 500_000))
    assert sim.edges(2) == edges + 2 * pulses
    p.send_signal(signal.SIGTERM)
    lines = simtest.finish_example(p)
    assert total.read_text() == f"{before + pulses}\n"
    return lines[-1]


def test_s0meter_counts_every_pulse_across_a_restart(sim, tmp_path):
    # A flow meter's pace (1 kHz) rather than an S0 meter's (30 ms pulses):
    # what the ring cannot hold when Python lags is counted from line_seqno
    # and the line's edge counter (recovered): the total is exact either way.
    sim.set_level(2, 1)
    total = tmp_path / "total"
    last = s0_run(sim, total, 3000, 0)
    assert last.startswith("s0meter: total 3000 session 3000 recovered "), last
    assert " missed 0 mean rate " in last
    last = s0_run(sim, total, 1000, 3000)
    assert last.startswith("s0meter: total 4000 session 1000 recovered "), last
    assert " missed 0 mean rate " in last
    assert not (tmp_path / "total.tmp").exists()


# --- pps.py -------------------------------------------------------------------

SOCK_SAMPLE = struct.Struct("@lldiiii")


def test_pps_reports_each_pulse_and_feeds_chronys_sock_refclock(sim, tmp_path):
    path = str(tmp_path / "chrony.pps.sock")
    chrony = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    chrony.bind(path)
    chrony.settimeout(5)
    sim.set_level(5, 0)
    p = simtest.start_example("pps.py", "-n", "4", "-s", path, "sim-5")
    steps = []
    for i in range(4):    # 100 ms pulses, one second apart
        steps += [(500_000_000 + i * NS, 5, 1), (600_000_000 + i * NS, 5, 0)]
    sim.play(steps, timeout_s=30)
    lines = simtest.finish_example(p)
    pulses = [line.split() for line in lines if line.startswith("pulse ")]
    assert [int(w[1]) for w in pulses] == [1, 2, 3, 4]
    assert lines[-1].startswith("pps: pulses 4 realtime jitter ")
    # A second apart within 300 ms: a loaded host stalls the TCG guest's
    # timer by 100 ms and more at times (a board's are within microseconds).
    for w in pulses[1:]:
        assert 700_000_000 < int(w[w.index("interval") + 1]) < 1_300_000_000
    for w in pulses:
        data = chrony.recv(64)
        assert len(data) == SOCK_SAMPLE.size
        tv_sec, tv_usec, offset, pulse, leap, _, magic = SOCK_SAMPLE.unpack(data)
        assert (magic, pulse, leap) == (0x534F434B, 1, 0)
        assert 0 <= tv_usec < 1_000_000
        # The printed realtime offset is the pulse's place in its second:
        # the sample says the same, and true time = its time + offset is a
        # whole second (to the microsecond of struct timeval).
        printed = int(w[w.index("realtime") + 1])
        assert abs(offset * NS + printed) < 1
        whole = (tv_sec * 1_000_000 + tv_usec) - printed / 1000
        assert abs(whole - round(whole / 1_000_000) * 1_000_000) < 1.001
    chrony.close()


if __name__ == "__main__":
    sys.exit(simtest.main(__file__))
