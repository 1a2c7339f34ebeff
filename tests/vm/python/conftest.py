# SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
"""The suite's fixtures (tests/vm/python/simtest.py)."""

from simtest import sim  # noqa: F401
