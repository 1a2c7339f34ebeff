#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
"""gpiozero outputs with GPIOZERO_PIN_FACTORY=gpioirq: LED on/off/toggle and
blink change the simulator's level; a pin switches between input and
output (releasing one, requesting the other); PWMLED's software PWM
toggles the line at a duty cycle near its value (loose bounds: TCG is
slow); a Button and an LED work in one program."""

import os
import sys
import threading
import time

import simtest
from simtest import await_true

os.environ["GPIOZERO_PIN_FACTORY"] = "gpioirq"

import pytest  # noqa: E402
from gpiozero import LED, PWMLED, Button, Device  # noqa: E402


@pytest.fixture
def zero(sim):
    os.environ["GPIOIRQ_CHIP"] = sim.chip
    for off in range(8):
        sim.set_level(off, 0)
    Button("sim-0").close()     # Device.pin_factory made, from the entry point
    return sim


def test_led_on_off_and_toggle_drive_the_level(zero):
    with LED("sim-6") as led:
        assert led.pin.function == "output"
        assert zero.level(6) == 0
        led.on()
        assert zero.level(6) == 1
        assert led.is_lit
        led.off()
        assert zero.level(6) == 0
        led.toggle()
        assert zero.level(6) == 1
        led.toggle()
        assert zero.level(6) == 0
    # Released: an input again, whose level the simulator sets.
    zero.set_level(6, 1)
    assert zero.level(6) == 1


def test_led_blink_toggles_the_level_then_stops(zero):
    with LED(f"{zero.chip}:5") as led:
        led.blink(on_time=0.05, off_time=0.05, n=3, background=False)
        assert zero.level(5) == 0
        led.blink(on_time=0.2, off_time=0.2)
        await_true(lambda: zero.level(5) == 1, what="blink on")
        await_true(lambda: zero.level(5) == 0, what="blink off")
        led.off()
        assert zero.level(5) == 0


def test_a_pin_switches_between_input_and_output(zero):
    pin = Device.pin_factory.pin("sim-4")
    try:
        assert pin.function == "input"
        zero.set_level(4, 1)
        assert pin.state is True
        pin.function = "output"
        pin.state = False
        assert zero.level(4) == 0
        pin.state = True
        assert zero.level(4) == 1
        pin.function = "input"
        zero.set_level(4, 0)
        assert pin.state is False
    finally:
        pin.close()


def test_pwmled_half_value_toggles_the_line_near_half_the_time(zero):
    with PWMLED("sim-3", frequency=50) as led:
        assert led.pin.frequency == 50
        led.value = 0.5
        assert led.value == 0.5
        samples = []
        end = time.monotonic() + 2.0
        while time.monotonic() < end:
            samples.append(zero.level(3))
            time.sleep(0.001)
        changes = sum(a != b for a, b in zip(samples, samples[1:]))
        high = sum(samples) / len(samples)
        assert changes >= 4, f"{changes} changes in {len(samples)} samples"
        assert 0.2 < high < 0.8, f"high {high:.2f} of the time"
        led.value = 1
        await_true(lambda: zero.level(3) == 1, what="duty 1 holds the line high")
        time.sleep(0.1)
        assert zero.level(3) == 1
        led.value = 0
        await_true(lambda: zero.level(3) == 0, what="duty 0 holds the line low")
    assert zero.level(3) == 0


def test_a_button_and_an_led_in_one_program(zero):
    pressed = threading.Event()
    with Button("sim-1", pull_up=False) as b, LED("sim-2") as led:
        b.when_pressed = lambda: (led.on(), pressed.set())
        b.when_released = led.off
        zero.set_level(1, 1)
        assert pressed.wait(20)
        await_true(lambda: zero.level(2) == 1, what="the LED follows the press")
        zero.set_level(1, 0)
        await_true(lambda: zero.level(2) == 0, what="the LED follows the release")


if __name__ == "__main__":
    sys.exit(simtest.main(__file__))
