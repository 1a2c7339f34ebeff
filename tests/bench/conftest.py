# SPDX-License-Identifier: GPL-2.0
"""The bench tools' host tests: TAP to $GPIOIRQ_TAP, written by the Python
binding's hooks (bindings/python/tests/conftest.py), loaded under another
name than 'conftest' so that it is not this file."""

import importlib.util
import os

_path = os.path.join(os.path.dirname(__file__), "..", "..", "bindings", "python", "tests",
                     "conftest.py")
_spec = importlib.util.spec_from_file_location("gpioirq_tap", _path)
_tap = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_tap)

pytest_runtest_logreport = _tap.pytest_runtest_logreport
pytest_sessionfinish = _tap.pytest_sessionfinish
