# SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
"""Helpers of the Python suite: the modules loaded once per test program,
the simulator's debugfs as a small Python object, and exceptions of handlers
collected from threading.excepthook."""

import os
import subprocess
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


def main(path):
    """Run one test file's tests; exit status as run-suite wants it."""
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    rc = pytest.main(["-q", "-p", "no:cacheprovider", "-o", "console_output_style=classic",
                      "--rootdir", os.path.dirname(path), path])
    return 0 if rc == 0 else 1

