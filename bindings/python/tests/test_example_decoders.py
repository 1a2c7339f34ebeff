# SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
"""The pure parts of examples/python, on synthetic events (no device): nec.py's
decoder on a thousand jittered frames, repeats and bad frames; s0meter.py's
counter recovering dropped pulses from line_seqno and the edge counter, and
its atomic save; pps.py's offsets, jitter and chrony sample. The programs
themselves run on the simulator in tests/vm/python."""

import importlib.util
import math
import os
import random
import statistics
import struct
from types import SimpleNamespace

import pytest

import gpioirq
from gpioirq import Pin

EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "..", "examples", "python")


def example(name):
    spec = importlib.util.spec_from_file_location(name, os.path.join(EXAMPLES, f"{name}.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


nec = example("nec")
s0meter = example("s0meter")
pps = example("pps")


class Line:
    """Events of one line as the module numbers them."""

    def __init__(self):
        self.seqno = self.line_seqno = self.ns = 0

    def edge(self, edge, after_ns, missed=False):
        self.ns += after_ns
        self.seqno += 1
        self.line_seqno += 1
        return SimpleNamespace(type=gpioirq.EVENT_EDGE, edge=edge, seqno=self.seqno,
                               line_seqno=self.line_seqno, timestamp_ns=self.ns,
                               pulse_ns=after_ns, missed=missed, level=None)


# --- nec.py ---------------------------------------------------------------------

def ir_events(line, durations):
    """Events of an IR receiver line (requested active-low: a mark is a
    logical high pulse) for (space_ns, mark_ns) pairs."""
    for space, mark in durations:
        yield line.edge(Pin.IRQ_RISING, space)
        yield line.edge(Pin.IRQ_FALLING, mark)


def frame(data, jitter=lambda ns: ns):
    pairs = [(40_000_000, 9_000_000), (4_500_000, 562_500)]
    pairs += [(1_687_500 if data >> i & 1 else 562_500, 562_500) for i in range(32)]
    return [(jitter(s), jitter(m)) for s, m in pairs]


def decode(dec, events):
    out = []
    for ev in events:
        try:
            r = dec.feed(ev)
        except nec.Bad as e:
            out.append(f"bad: {e}")
            continue
        if r:
            out.append(r)
    return out


def bits(addr, cmd):
    return addr | (~addr & 0xFF) << 8 | cmd << 16 | (~cmd & 0xFF) << 24


def test_nec_decodes_a_thousand_frames_jittered_by_ten_percent():
    rng = random.Random(1128)
    dec, line = nec.NecDecoder(), Line()
    want, got = [], []
    for _ in range(1000):
        addr, cmd = rng.randrange(256), rng.randrange(256)
        want.append(("frame", addr, cmd, False))
        got += decode(dec, ir_events(line, frame(bits(addr, cmd),
                                                 lambda ns: ns + ns * rng.randint(-100, 100) // 1000)))
    assert got == want
    assert (dec.frames, dec.repeats, dec.bad) == (1000, 0, 0)


def test_nec_repeats_the_last_frame_and_says_an_extended_address():
    dec, line = nec.NecDecoder(), Line()
    events = list(ir_events(line, frame(0x34 | 0x12 << 8 | 0x0C << 16 | 0xF3 << 24)))
    events += ir_events(line, [(40_000_000, 9_000_000), (2_250_000, 562_500)])
    assert decode(dec, events) == [("frame", 0x1234, 0x0C, True), ("repeat", 0x1234, 0x0C, True)]


def test_nec_rejects_a_bad_command_a_lone_repeat_and_a_lost_edge():
    dec, line = nec.NecDecoder(), Line()
    out = decode(dec, ir_events(line, [(40_000_000, 9_000_000), (2_250_000, 562_500)]))
    assert out == ["bad: a repeat code with no frame before it"]
    out = decode(dec, ir_events(line, frame(bits(0x01, 0x16) ^ 0x01000000)))
    assert out == ["bad: command 0x16 and its complement 0xe8 disagree"]
    events = list(ir_events(line, frame(bits(0x02, 0x03))))
    events[20].seqno += 1          # an event lost before it: a seqno gap
    for ev in events[21:]:
        ev.seqno += 1
    assert decode(dec, events)[0] == "bad: edges were lost in the frame"
    assert dec.bad == 3 and dec.frames == 0


def test_nec_scales_durations_by_the_replay_speed():
    dec, line = nec.NecDecoder(speed_pct=4), Line()
    slow = [(s * 25, m * 25) for s, m in frame(bits(0x00, 0x45))]
    assert decode(dec, ir_events(line, slow)) == [("frame", 0x00, 0x45, False)]


# --- s0meter.py -----------------------------------------------------------------

def pulse(line, pc, period_ns=100_000_000, low_ns=30_000_000):
    n = pc.feed(line.edge(Pin.IRQ_FALLING, period_ns - low_ns))
    return n + pc.feed(line.edge(Pin.IRQ_RISING, low_ns))


def test_s0_counts_dropped_pulses_from_line_seqno_and_the_edge_counter():
    pc, line = s0meter.PulseCount(7), Line()
    assert pulse(line, pc) == 1
    # Five edges dropped (falling, rising, falling, rising, falling), then
    # a rising one: three pulses it did not see.
    line.seqno += 5
    line.line_seqno += 5
    assert pc.feed(line.edge(Pin.IRQ_RISING, 30_000_000)) == 3
    assert (pc.recovered, pc.width_ns) == (3, 0)
    # The last three edges never reached the ring: the edge counter says so.
    pc.settle(line.line_seqno + 3)
    assert (pc.recovered, pc.session, pc.total) == (5, 6, 13)
    pc.settle(line.line_seqno + 3)
    assert pc.total == 13


def test_s0_counts_a_hundred_thousand_pulses_exactly_with_the_rate_and_width():
    pc, line = s0meter.PulseCount(0), Line()
    for _ in range(100_000):
        pulse(line, pc)
    assert (pc.total, pc.session, pc.recovered, pc.missed) == (100_000, 100_000, 0, 0)
    assert pc.rate() == pytest.approx(10.0)
    assert pc.mean_rate() == pytest.approx(10.0)
    assert pc.width_ns == 30_000_000


def test_s0_says_missed_edges_and_does_not_guess_them():
    pc, line = s0meter.PulseCount(0), Line()
    pulse(line, pc)
    assert pc.feed(line.edge(Pin.IRQ_FALLING, 70_000_000, missed=True)) == 1
    assert (pc.total, pc.missed) == (2, 1)


def test_s0_saves_atomically_and_refuses_a_file_that_is_not_one_number(tmp_path):
    path = str(tmp_path / "total")
    assert s0meter.load(path) == 0
    s0meter.save(path, 12345)
    assert open(path).read() == "12345\n"
    assert os.listdir(tmp_path) == ["total"]
    (tmp_path / "bad").write_text("12a\n")
    with pytest.raises(ValueError):
        s0meter.load(str(tmp_path / "bad"))
    with pytest.raises(FileNotFoundError):
        s0meter.save(str(tmp_path / "missing" / "total"), 1)
    assert sorted(os.listdir(tmp_path)) == ["bad", "total"]


# --- pps.py ---------------------------------------------------------------------

def test_pps_offsets_are_to_the_nearest_whole_second():
    assert pps.offset_ns(5 * pps.NS + 300_000) == 300_000
    assert pps.offset_ns(5 * pps.NS - 300_000) == -300_000
    assert pps.offset_ns(5 * pps.NS + 500_000_000) == -500_000_000
    assert pps.offset_ns(5 * pps.NS + 499_999_999) == 499_999_999


def test_pps_jitter_is_the_sample_standard_deviation_of_the_offsets():
    rng = random.Random(3)
    offsets = [rng.randint(-20_000, 20_000) for _ in range(100)]
    st = pps.PpsStat()
    for i, off in enumerate(offsets):
        assert st.add((1000 + i) * pps.NS + off) == off
    assert st.interval == pps.NS + offsets[-1] - offsets[-2]
    assert math.isclose(st.jitter(), statistics.stdev(offsets), rel_tol=1e-9)


def test_pps_sample_is_chronys_sock_sample():
    t_rt = 1_764_300_000 * pps.NS + 1_234_567    # 1.234567 ms after a second
    data = pps.sock_sample(t_rt)
    assert len(data) == struct.calcsize("@lldiiii")
    sec, usec, offset, pulse_, leap, _, magic = struct.unpack("@lldiiii", data)
    assert (sec, usec, pulse_, leap, magic) == (1_764_300_000, 1234, 1, 0, 0x534F434B)
    assert offset == pytest.approx(-0.001234567)
