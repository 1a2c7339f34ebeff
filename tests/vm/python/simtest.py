# SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
"""Helpers of the Python suite: the modules loaded once per test program,
the simulator's debugfs as a small Python object, and exceptions of handlers
collected from threading.excepthook."""

import os
import subprocess
import sys
import threading
import time

import pytest

DEBUGFS = "/sys/kernel/debug/gpioirq-sim"


class Sim:
    """gpioirq-sim's lines through its debugfs files (tests/vm/README)."""

    def __init__(self):
        with open(f"{DEBUGFS}/chip") as f:
            self.chip = f.read().strip()

    def _write(self, off, name, text):
        with open(f"{DEBUGFS}/line{off}/{name}", "w") as f:
            f.write(text)

    def _read(self, off, name):
        with open(f"{DEBUGFS}/line{off}/{name}") as f:
            return f.read().strip()

    def set_level(self, off, v):
        """Returns once the edge's interrupt handler ran."""
        self._write(off, "level", "1" if v else "0")

    def level(self, off):
        return int(self._read(off, "level"))

    def pull(self, off):
        return self._read(off, "pull")

    def edges(self, off):
        return int(self._read(off, "edges"))

    def burst(self, off, pulses, period_ns, high_ns=None):
        self._write(off, "burst", f"{pulses} {period_ns}" + (f" {high_ns}" if high_ns else ""))

    def burst_stop(self, off):
        self._write(off, "burst", "0")

    def wait_burst(self, off, timeout_s):
        deadline = time.monotonic() + timeout_s
        while int(self._read(off, "burst")):
            assert time.monotonic() < deadline, f"burst on line {off} still running after {timeout_s} s"
            time.sleep(0.01)

    def play(self, steps, speed_pct=100, timeout_s=60):
        """Plays steps, (t_ns, offset, level) tuples, once on the waveform
        player at speed_pct; returns once every edge's handler ran and the
        bottom halves published every edge (as tests/vm/examples'
        wave_play() does)."""
        with open(f"{DEBUGFS}/waveform", "w") as f:
            f.write("clear\n")
        with open(f"{DEBUGFS}/waveform", "w") as f:
            f.write("".join(f"{t} {off} {v}\n" for t, off, v in steps))
        with open(f"{DEBUGFS}/waveform", "w") as f:
            f.write(f"start repeat=1 speed={speed_pct}\n")
        deadline = time.monotonic() + timeout_s
        while True:
            with open(f"{DEBUGFS}/waveform") as f:
                state = f.read()
            if state.startswith("idle"):
                break
            assert time.monotonic() < deadline, f"waveform still playing after {timeout_s} s: {state}"
            time.sleep(0.01)
        await_true(published, 10, "every edge published by the bottom halves")


def published():
    """Every edge the module's top halves took is an event or counted
    dropped (debugfs gpioirq/stats)."""
    with open("/sys/kernel/debug/gpioirq/stats") as f:
        stats = dict(line.split()[:2] for line in f if len(line.split()) >= 2)
    return int(stats["events"]) + int(stats["dropped"]) == int(stats["edges"])


def await_true(cond, timeout_s=30, what="condition"):
    """Poll cond() (a count reaching its value, say) up to timeout_s."""
    deadline = time.monotonic() + timeout_s
    while not cond():
        assert time.monotonic() < deadline, f"{what}: not within {timeout_s} s"
        time.sleep(0.005)


class aclosing:
    """contextlib.aclosing (Python 3.10) for 3.9: aclose() the async
    generator at the block's end."""

    def __init__(self, agen):
        self.agen = agen

    async def __aenter__(self):
        return self.agen

    async def __aexit__(self, *exc):
        await self.agen.aclose()


EXAMPLES = "/opt/gpioirq/examples"


def start_example(*args):
    """Starts examples/python's args[0] with args[1:] as a user runs it and
    returns the Popen once the program printed its first line (its name
    and a colon: it holds its lines from then on)."""
    p = subprocess.Popen([sys.executable, f"{EXAMPLES}/{args[0]}", *args[1:]],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    first = p.stdout.readline()
    assert first.startswith(args[0].replace(".py", ":")), first
    return p


def finish_example(p, timeout_s=60):
    """Waits for p's end, prints its output as TAP comments, asserts its
    exit status 0 and returns its lines (the first excepted)."""
    out, _ = p.communicate(timeout=timeout_s)
    print("".join(f"# {line}\n" for line in out.splitlines()))
    assert p.returncode == 0
    return out.splitlines()


def modprobe(*args):
    subprocess.run(["modprobe", *args], check=True)


@pytest.fixture(scope="session")
def sim():
    """gpioirq and gpioirq-sim loaded (8 lines), for the whole program: its
    default context keeps /dev/gpioirq open until it exits."""
    modprobe("gpioirq")
    modprobe("gpioirq-sim")
    return Sim()


class HandlerErrors(list):
    """with HandlerErrors() as got: the exceptions handlers raised meanwhile,
    as threading.excepthook got them. In the test's body: pytest replaces the
    hook itself around each test's call."""

    def __enter__(self):
        self.old = threading.excepthook
        threading.excepthook = self.append
        return self

    def __exit__(self, *exc):
        threading.excepthook = self.old


class _Outcomes:
    """pytest plugin: the outcomes of the tests' calls (a skip in setup or
    call counts as skipped)."""

    def __init__(self):
        self.seen, self.reasons = [], []

    def pytest_runtest_logreport(self, report):
        if report.when == "call" or (report.when == "setup" and not report.passed):
            self.seen.append(report.outcome)
            if report.skipped and isinstance(report.longrepr, tuple):
                self.reasons.append(report.longrepr[2].replace("Skipped: ", "", 1))


def main(path):
    """Run one test file's tests; exit status as run-suite wants it: 0 pass,
    1 fail, 77 when every test of the file skipped (its reason is printed)."""
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    outcomes = _Outcomes()
    rc = pytest.main(["-q", "-p", "no:cacheprovider", "-o", "console_output_style=classic",
                      "--rootdir", os.path.dirname(path), path], plugins=[outcomes])
    if rc != 0:
        return 1
    if outcomes.seen and all(o == "skipped" for o in outcomes.seen):
        # run-suite takes the last line for the reason.
        print("SKIP: " + "; ".join(outcomes.reasons), flush=True)
        return 77
    return 0

