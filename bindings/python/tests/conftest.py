# SPDX-License-Identifier: LGPL-2.1-or-later OR MIT
"""Host tests of the binding (no module, no device): TAP to $GPIOIRQ_TAP."""

import os

_results = []


def pytest_runtest_logreport(report):
    if report.when == "call" or (report.when == "setup" and not report.passed):
        _results.append((report.nodeid.split("::")[-1], report.outcome,
                         str(report.longrepr) if report.failed else ""))


def pytest_sessionfinish(session, exitstatus):
    path = os.environ.get("GPIOIRQ_TAP")
    if not path:
        return
    with open(path, "w") as f:
        f.write(f"1..{len(_results)}\n")
        for n, (name, outcome, why) in enumerate(_results, 1):
            for line in why.splitlines():
                f.write(f"# {line}\n")
            if outcome == "skipped":
                f.write(f"ok {n} - {name} # SKIP\n")
            else:
                f.write(f"{'ok' if outcome == 'passed' else 'not ok'} {n} - {name}\n")
