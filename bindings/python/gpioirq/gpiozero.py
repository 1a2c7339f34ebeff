# SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
"""A gpiozero pin factory on gpioirq, for gpiozero 1.4 to 2.x.

    GPIOZERO_PIN_FACTORY=gpioirq GPIOIRQ_CHIP=gpiochip0 python3 -c '
    from gpiozero import Button
    b = Button("GPIO17", bounce_time=0.005)
    b.wait_for_press()'

Registered under gpiozero's 'gpiozero_pin_factories' entry point as
'gpioirq'. Pin specs: a line name ("GPIO17", "sim-3"), "CHIP:OFFSET"
("gpiochip0:17"), or an int (or its digits) as an offset on the chip named by
GPIOIRQ_CHIP (default gpiochip0).

Input pins are gpioirq pins: when_changed is an irq() handler, whose ticks
are the edges' hard-IRQ timestamps (time.monotonic()'s clock, in s; gpiozero
1.5 on: 1.4 has no ticks), pull is
the line's bias, bounce_time its debounce, edges its trigger. Output pins
(LED, Buzzer, PWMOutputDevice) are gpioirq.Pin(mode=Pin.OUT), held through
the GPIO character device (libgpioirq's output API over libgpiod): setting
function 'output' releases the input and requests the output, 'input' the
reverse. frequency (Hz) starts software PWM, from a thread the pin owns, as
gpiozero's own software-PWM pins do; state is then the duty cycle, 0..1.
"""

import errno
import os
import time
import weakref
from threading import Event, RLock, Thread
from types import MethodType

import gpiozero.pins as _zpins
from gpiozero.exc import (GPIOPinInUse, PinInvalidBounce, PinInvalidEdges, PinInvalidFunction,
                          PinInvalidPull, PinInvalidState, PinPWMFixedValue, PinSetInput)

from . import Pin as _GPin

# gpiozero 1.5 on pass when_changed the event's ticks and state; 1.4
# (Debian 11) calls it with nothing and reads the state itself.
_TICKS = hasattr(_zpins.Factory, "ticks")

_PULLS = {"up": _GPin.PULL_UP, "down": _GPin.PULL_DOWN, "floating": _GPin.PULL_NONE}
_EDGES = {"both": _GPin.IRQ_RISING | _GPin.IRQ_FALLING, "rising": _GPin.IRQ_RISING,
          "falling": _GPin.IRQ_FALLING, "none": 0}


class _Info:
    """What gpiozero 2.x reads of pin.info: the pin's name."""

    def __init__(self, name):
        self.name = name
        self.names = frozenset({name})
        self.pull = ""

    def __repr__(self):
        return self.name


class GpioirqFactory(_zpins.Factory):
    """gpiozero's pin factory over gpioirq. chip: the default chip of int
    specs, else $GPIOIRQ_CHIP, else "gpiochip0"."""

    def __init__(self, chip=None):
        super().__init__()
        self.chip = chip or os.environ.get("GPIOIRQ_CHIP") or "gpiochip0"
        self.pins = {}
        self._res = {}
        self._res_lock = RLock()

    def _key(self, spec):
        """(chip, offset) or (None, line name): one key per line."""
        if isinstance(spec, GpioirqPin):
            return spec.key
        if isinstance(spec, int):
            return (self.chip, spec)
        spec = str(spec)
        if spec.isdigit():
            return (self.chip, int(spec))
        chip, sep, off = spec.rpartition(":")
        if sep and chip and off.isdigit():
            return (chip, int(off))
        return (None, spec)

    # Reservations by key: gpiozero's own go through a Raspberry Pi's board
    # information, which lines of any chip do not have.
    def reserve_pins(self, requester, *specs):
        with self._res_lock:
            for spec in specs:
                key = self._key(spec)
                for ref in self._res.get(key, []):
                    other = ref()
                    if other is not None and other is not requester:
                        raise GPIOPinInUse(f"pin {spec} is already in use by {other!r}")
                self._res.setdefault(key, []).append(weakref.ref(requester))

    def release_pins(self, reserver, *specs):
        with self._res_lock:
            for spec in specs:
                key = self._key(spec)
                self._res[key] = [r for r in self._res.get(key, []) if r() not in (None, reserver)]

    def release_all(self, reserver):
        with self._res_lock:
            for key in list(self._res):
                self._res[key] = [r for r in self._res[key] if r() not in (None, reserver)]

    def close(self):
        for pin in list(self.pins.values()):
            pin.close()
        self.pins.clear()

    def pin(self, spec):
        key = self._key(spec)
        pin = self.pins.get(key)
        if pin is None:
            try:
                pin = self.pins[key] = GpioirqPin(self, key)
            except OSError as e:
                # The same line by another spec, or held by another process.
                if e.errno == errno.EBUSY:
                    raise GPIOPinInUse(f"pin {spec}: {e.strerror}") from e
                raise
        return pin

    def ticks(self):
        """In s, CLOCK_MONOTONIC: the clock of the events' timestamp_ns."""
        return time.monotonic()

    def ticks_diff(self, later, earlier):
        return later - earlier

    def _get_board_info(self):
        return None

    def _get_pi_info(self):
        return None


class _SoftPWM:
    """Software PWM on an output gpioirq.Pin: a thread that drives 1 for
    duty / frequency s, then 0 for the rest of the period (1 / frequency s).
    duty 0 and 1 hold the line at 0 or 1."""

    def __init__(self, pin, frequency, duty=0.0):
        self.pin = pin
        self.frequency = frequency
        self.duty = duty
        self._stop = Event()
        self._thread = Thread(target=self._run, name=f"gpioirq-pwm-{pin!r}", daemon=True)
        self._thread.start()

    def _run(self):
        level = None
        while not self._stop.is_set():
            period = 1.0 / self.frequency
            duty = self.duty
            if duty <= 0.0 or duty >= 1.0:
                want = int(duty >= 1.0)
                if level != want:
                    self.pin.value(want)
                    level = want
                self._stop.wait(period)
                continue
            self.pin.value(1)
            self._stop.wait(duty * period)
            self.pin.value(0)
            level = 0
            self._stop.wait((1.0 - duty) * period)

    def stop(self):
        """Returns once the thread no longer drives the line."""
        self._stop.set()
        self._thread.join()


class GpioirqPin(_zpins.Pin):
    """A line of a GpioirqFactory: an input through gpioirq, or an output."""

    def __init__(self, factory, key):
        super().__init__()
        self._factory = factory
        self.key = key
        chip, what = key
        self._name = what if chip is None else f"{chip}:{what}"
        self._pull = "floating"
        self._bounce = None
        self._edges = "both"
        self._when_changed = None
        self._function = "input"
        self._pwm = None
        self._lock = RLock()
        self._pin = self._request(_GPin.IN)

    def _request(self, mode, value=0):
        chip, what = self.key
        if mode == _GPin.OUT:
            if chip is None:
                return _GPin(what, mode=_GPin.OUT, value=value)
            return _GPin(chip, what, _GPin.OUT, value=value)
        return _GPin(what) if chip is None else _GPin(chip, what)

    def __repr__(self):
        return self._name

    @property
    def factory(self):
        return self._factory

    @property
    def number(self):
        """gpiozero 1.x keys reservations by pin.number: the pin is its own key."""
        return self

    def _get_info(self):
        return _Info(self._name)

    info = property(_get_info)

    def _stop_pwm(self):
        if self._pwm is not None:
            self._pwm.stop()
            self._pwm = None

    def close(self):
        with self._lock:
            self._when_changed = None
            self._stop_pwm()
            self._pin.close()
            self._factory.pins.pop(self.key, None)

    def _get_function(self):
        return self._function

    def _set_function(self, value):
        if value not in ("input", "output"):
            raise PinInvalidFunction(
                f"{self!r}: gpioirq pins are inputs or outputs; function {value!r} is not "
                f"supported")
        with self._lock:
            if value == self._function:
                return
            # One holder at a time: release the line, then request it anew.
            self._stop_pwm()
            self._pin.close()
            if value == "output":
                self._pin = self._request(_GPin.OUT)
                self._function = "output"
            else:
                self._pin = self._request(_GPin.IN)
                self._function = "input"
                self._apply()

    def _get_state(self):
        with self._lock:
            if self._pwm is not None:
                return self._pwm.duty
            return bool(self._pin.value())

    def _set_state(self, value):
        with self._lock:
            if self._function != "output":
                raise PinSetInput(f"cannot set the state of input pin {self!r}")
            if self._pwm is not None:
                if not 0 <= value <= 1:
                    raise PinInvalidState(f"invalid state {value!r} for PWM pin {self!r}: 0..1")
                self._pwm.duty = float(value)
            else:
                self._pin.value(bool(value))

    def _get_frequency(self):
        return None if self._pwm is None else self._pwm.frequency

    def _set_frequency(self, value):
        with self._lock:
            if value is None or value == 0:
                if self._pwm is not None:
                    duty = self._pwm.duty
                    self._stop_pwm()
                    self._pin.value(int(duty >= 0.5))
                return
            if value < 0:
                raise PinInvalidState(f"invalid frequency {value!r} for pin {self!r}")
            if self._function != "output":
                raise PinPWMFixedValue(f"cannot start PWM on input pin {self!r}")
            if self._pwm is None:
                self._pwm = _SoftPWM(self._pin, float(value), float(self._pin.value()))
            else:
                self._pwm.frequency = float(value)

    def _apply(self):
        """The pin's settings to the line: a handler when when_changed is set
        and edges is not 'none', else wait mode. Outputs keep them for later."""
        if self._function != "input":
            return
        bias = _PULLS[self._pull]
        debounce = 0 if self._bounce is None else int(round(self._bounce * 1e6))
        trigger = _EDGES[self._edges]
        if self._when_changed is not None and trigger:
            self._pin.irq(self._on_event, trigger, debounce_us=debounce, bias=bias)
        else:
            self._pin.irq(None, debounce_us=debounce, bias=bias)

    def _get_pull(self):
        return self._pull

    def _set_pull(self, value):
        if value not in _PULLS:
            raise PinInvalidPull(f"invalid pull {value!r} for pin {self!r}")
        with self._lock:
            old, self._pull = self._pull, value
            try:
                self._apply()
            except OSError:
                self._pull = old
                raise PinInvalidPull(f"{self!r}'s chip cannot pull {value}")

    def _get_bounce(self):
        return self._bounce

    def _set_bounce(self, value):
        if value is not None and not 0 <= value <= 1:
            raise PinInvalidBounce("bounce_time must be None or 0..1 s with gpioirq")
        with self._lock:
            self._bounce = None if not value else float(value)
            self._apply()

    def _get_edges(self):
        return self._edges

    def _set_edges(self, value):
        if value not in _EDGES:
            raise PinInvalidEdges(f"invalid edges {value!r} for pin {self!r}")
        with self._lock:
            self._edges = value
            self._apply()

    def _get_when_changed(self):
        return None if self._when_changed is None else self._when_changed()

    def _set_when_changed(self, value):
        # Weak, as gpiozero's own pins: a device's bound method must not keep
        # the device alive.
        with self._lock:
            if value is None:
                self._when_changed = None
            elif isinstance(value, MethodType):
                self._when_changed = weakref.WeakMethod(value)
            else:
                self._when_changed = weakref.ref(value)
            self._apply()

    def _on_event(self, ev):
        ref = self._when_changed
        method = None if ref is None else ref()
        if method is None:
            return
        if not _TICKS:
            method()
            return
        level = ev.level if ev.level is not None else int(ev.edge == _GPin.IRQ_RISING)
        method(ev.timestamp_ns / 1e9, bool(level))
