#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
"""gpiozero with GPIOZERO_PIN_FACTORY=gpioirq (its entry point): Button by
line name, "CHIP:OFFSET" and offset on GPIOIRQ_CHIP; pull_up is the line's
bias, is_pressed/when_pressed/when_released/wait_for_press follow the
simulator's level with exact counts, ticks are the edges' hard-IRQ
timestamps (time.monotonic()'s clock), bounce_time is the line's debounce (a bouncing press's edges are swallowed);
a held line is GPIOPinInUse. Outputs: gpiozero_leds_and_pwm_drive_the_simulators_level.py."""

import os
import subprocess
import sys
import threading
import time

import pytest

import simtest
from simtest import await_true

os.environ["GPIOZERO_PIN_FACTORY"] = "gpioirq"

from gpiozero import Button, Device  # noqa: E402
from gpiozero.exc import GPIOPinInUse  # noqa: E402
from gpiozero.pins import Factory  # noqa: E402


@pytest.fixture
def zero(sim):
    os.environ["GPIOIRQ_CHIP"] = sim.chip
    for off in range(8):
        sim.set_level(off, 1)   # buttons pulled up: released
    Button("sim-0").close()     # Device.pin_factory made, from the entry point
    return sim


def test_the_entry_point_gives_gpioirqs_factory(zero):
    with Button("sim-0"):
        assert type(Device.pin_factory).__module__ == "gpioirq.gpiozero"
        assert Device.pin_factory.chip == zero.chip


def test_button_is_pressed_while_its_line_is_low_and_pulls_it_up(zero):
    with Button("sim-0") as b:
        assert zero.pull(0) == "pull-up"
        assert not b.is_pressed
        zero.set_level(0, 0)
        assert b.is_pressed
        zero.set_level(0, 1)
        assert not b.is_pressed
    with Button("sim-0", pull_up=False):
        assert zero.pull(0) == "pull-down"


def test_when_pressed_and_when_released_run_once_per_press_in_order(zero):
    got = []
    with Button("sim-1") as b:
        b.when_pressed = lambda: got.append(("pressed", threading.get_ident()))
        b.when_released = lambda: got.append(("released", threading.get_ident()))
        for _ in range(5):
            zero.set_level(1, 0)
            time.sleep(0.01)
            zero.set_level(1, 1)
            time.sleep(0.01)
        await_true(lambda: len(got) == 10, what="5 presses and 5 releases")
        time.sleep(0.1)
        assert [w for w, _ in got] == ["pressed", "released"] * 5
        assert threading.get_ident() not in {t for _, t in got}


def test_wait_for_press_returns_at_the_press_or_false_at_its_timeout(zero):
    with Button(f"{zero.chip}:2") as b:
        assert b.wait_for_press(timeout=0.2) is False
        threading.Timer(0.2, zero.set_level, (2, 0)).start()
        assert b.wait_for_press(timeout=10) is True
        assert b.is_pressed


def test_ticks_are_the_edges_hard_irq_timestamps(zero):
    if not hasattr(Factory, "ticks"):
        pytest.skip("gpiozero 1.4 (Debian 11) has no ticks: its when_changed takes no argument")
    pin = Device.pin_factory.pin(3)
    got = []
    pin.edges = "both"

    def changed(ticks, state):  # held here: pins hold it weakly, as gpiozero's own
        got.append((ticks, state))

    pin.when_changed = changed
    before = time.monotonic()
    zero.set_level(3, 0)
    after = time.monotonic()
    zero.set_level(3, 1)
    await_true(lambda: len(got) == 2, what="2 edges")
    assert before < got[0][0] < after
    assert got[0][1] is False and got[1][1] is True
    assert Device.pin_factory.ticks_diff(got[1][0], got[0][0]) > 0
    pin.close()


def test_bounce_time_is_the_lines_debounce(zero):
    # A bouncing press: 5 pulses (10 edges) 100 µs apart, back to released.
    with Button("sim-4", bounce_time=0.05) as b:
        assert b.pin.bounce == 0.05
        zero.burst(4, 5, 100000)
        zero.wait_burst(4, 30)
        time.sleep(0.2)
        st = b.pin._pin.stats()
        assert zero.edges(4) == 10
        assert st["debounced"] >= 8 and st["edges"] <= 2
        assert not b.is_pressed
    with Button("sim-4") as b:
        zero.burst(4, 5, 100000)
        zero.wait_burst(4, 30)
        await_true(lambda: b.pin._pin.stats()["edges"] == 10, what="10 edges")
        assert b.pin._pin.stats()["debounced"] == 0


def test_a_held_line_is_gpio_pin_in_use(zero):
    with Button("sim-5"):
        with pytest.raises(GPIOPinInUse):
            Button(f"{zero.chip}:5")


def test_a_program_run_as_a_user_would_sees_a_press(zero):
    prog = ("from gpiozero import Button\n"
            "b = Button('sim-7')\n"
            "print('ready', flush=True)\n"
            "print('pressed' if b.wait_for_press(timeout=20) else 'timeout')\n")
    env = dict(os.environ, GPIOZERO_PIN_FACTORY="gpioirq")
    p = subprocess.Popen([sys.executable, "-c", prog], env=env, stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline() == "ready\n"
    zero.set_level(7, 0)
    assert p.stdout.readline() == "pressed\n"
    assert p.wait(timeout=30) == 0


if __name__ == "__main__":
    sys.exit(simtest.main(__file__))
