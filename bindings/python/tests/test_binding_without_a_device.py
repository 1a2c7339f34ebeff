# SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
"""What the binding does with no gpioirq device: the errors of opening one,
the constants, the Event's fields, the docstrings' units, the gpiozero
factory's pin specs and its entry point. Run under ASan+UBSan as well
(make check-python-host-asan)."""

import errno
import importlib.metadata

import pytest

import gpioirq
from gpioirq import Context, Event, Pin


def test_opening_a_missing_device_is_file_not_found_with_the_modprobe_hint():
    with pytest.raises(FileNotFoundError) as e:
        Context("/nonexistent/gpioirq")
    assert e.value.errno == errno.ENOENT
    assert e.value.filename == "/nonexistent/gpioirq"
    assert "modprobe gpioirq" in e.value.strerror


def test_opening_another_device_is_enotty():
    with pytest.raises(OSError) as e:
        Context("/dev/null")
    assert e.value.errno == errno.ENOTTY
    assert type(e.value) is OSError


def test_a_bad_context_argument_is_a_type_error_before_any_open():
    with pytest.raises(TypeError):
        Context(ring_entries="many")


def test_an_uninitialised_pin_refuses_use():
    p = Pin.__new__(Pin)
    with pytest.raises(ValueError, match="closed"):
        p.value()
    assert p.closed
    p.close()


def test_an_output_pins_bad_arguments_are_value_errors_before_any_request():
    assert (Pin.IN, Pin.OUT) == (0, 1)
    with pytest.raises(ValueError, match=r"^mode=2: Pin.IN or Pin.OUT$"):
        Pin("sim-6", mode=2)
    with pytest.raises(ValueError, match=r"^value= is for mode=Pin.OUT"):
        Pin("sim-6", value=1)
    for kw in ({"bias": Pin.PULL_UP}, {"active_low": True}, {"debounce_us": 10},
               {"context": None, "debounce_us": 1}):
        with pytest.raises(ValueError, match="mode=Pin.OUT takes no bias"):
            Pin("sim-6", mode=Pin.OUT, **kw)
    assert "mode=Pin.OUT" in Pin.__doc__
    assert "value(x)" in Pin.value.__doc__


def test_the_constants_are_micropythons_and_the_librarys():
    assert (Pin.IRQ_RISING, Pin.IRQ_FALLING) == (1, 2)
    assert (Pin.PULL_UP, Pin.PULL_DOWN, Pin.PULL_NONE) == (1, 2, 3)
    assert [Pin.LEVEL_LOW, Pin.LEVEL_HIGH, Pin.EDGE_FALL, Pin.EDGE_RISE, Pin.PULSE_LOW,
            Pin.PULSE_HIGH] == [1, 2, 3, 4, 5, 6]
    assert gpioirq.DEBOUNCE_MAX_US == 1_000_000
    assert (gpioirq.EVENT_EDGE, gpioirq.EVENT_STORM, gpioirq.EVENT_CHIP_GONE) == (1, 2, 3)
    assert gpioirq.__version__ == importlib.metadata.version("gpioirq")


def test_the_event_has_every_field_the_issue_lists():
    assert Event.n_fields == 11
    names = [f for f in dir(Event) if not f.startswith("_") and f not in
             ("count", "index", "n_fields", "n_sequence_fields", "n_unnamed_fields")]
    assert sorted(names) == sorted(["timestamp_ns", "edge", "level", "pulse_ns", "seqno",
                                    "line_seqno", "missed", "debounced", "pin",
                                    "bh_delay_ns", "type"])


def test_the_docstrings_give_shapes_units_and_errors():
    irq = Pin.irq.__doc__
    assert irq.startswith("irq(handler=None, trigger=")
    for word in ("µs", "Event", "ValueError", "OSError", "threading.excepthook"):
        assert word in irq
    wait = Pin.wait.__doc__
    for word in ("ns", "TimeoutError", "PULSE_LOW", "timeout_ms", "GIL"):
        assert word in wait
    assert "FileNotFoundError" in Pin.__doc__ and "PermissionError" in Pin.__doc__
    assert "ns" in Event.timestamp_ns.__doc__


def test_the_entry_point_names_the_gpiozero_factory():
    eps = importlib.metadata.entry_points()
    group = eps.select(group="gpiozero_pin_factories") if hasattr(eps, "select") \
        else eps.get("gpiozero_pin_factories", [])
    assert [e.value for e in group if e.name == "gpioirq"] == ["gpioirq.gpiozero:GpioirqFactory"]


def test_the_gpiozero_factory_reads_names_chip_offsets_and_plain_offsets():
    from gpioirq.gpiozero import GpioirqFactory  # python3-gpiozero: make deps
    f = GpioirqFactory(chip="gpiochip4")
    assert f._key(17) == ("gpiochip4", 17)
    assert f._key("17") == ("gpiochip4", 17)
    assert f._key("gpiochip1:5") == ("gpiochip1", 5)
    assert f._key("GPIO17") == (None, "GPIO17")
    assert f._key("sim-3") == (None, "sim-3")
    assert f.ticks_diff(2.5, 1.0) == 1.5
