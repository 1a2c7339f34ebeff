# SPDX-License-Identifier: GPL-2.0
"""tests/bench's tools on fixtures/ (a small comparison and host bench whose
medians and headline figures were computed by hand): results-json writes
exactly them, plot-bench draws SVGs gnuplot accepted, report prints the
targets and updates only its part of a document. Run by 'make
check-bench-tools'."""

import csv
import json
import os
import shutil
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures")
ENTRY = "6.12-amd64"
NNBSP = "\u202f"


def tool(name, *args):
    return subprocess.run([sys.executable, os.path.join(HERE, name), *args],
                          capture_output=True, text=True)


@pytest.fixture
def bench(tmp_path):
    """A build/bench/ holding the fixtures; results.json is made on demand."""
    for f in os.listdir(FIXTURES):
        shutil.copy(os.path.join(FIXTURES, f), tmp_path)
    (tmp_path / f"compare@{ENTRY}.kver").write_text("6.12.118+deb13-amd64\n")
    (tmp_path / f"compare@{ENTRY}.commit").write_text("bed0b38-dirty\n")
    return tmp_path


def results(d, *args):
    r = tool("results-json", "--date", "2026-11-27T21:47:00Z", "--describe", "v0-test", *args,
             str(d))
    assert (r.returncode, r.stderr) == (0, "")
    with open(d / "results.json") as f:
        return json.load(f)


def rate_row(doc, contender, rate):
    rows = [r for r in doc["compare"][ENTRY]["contenders"][contender]["rates"] if r["rate"] == rate]
    assert len(rows) == 1
    return rows[0]


def test_writes_the_lower_median_over_the_rounds_of_each_rate(bench):
    doc = results(bench)
    assert rate_row(doc, "gi-tasklet", 16000) == {
        "rate": 16000, "rounds": 3, "edges": 1000, "irqs": 1000, "delivered": 1000, "lost": 0,
        "visible": 0, "silent": 0, "wrong": 0, "actual_rate": 15000, "lat_p50_us": 210.0,
        "lat_p99_us": 2100.0, "lat_max_us": 3100.0, "bh_p50_us": 45.0, "bh_p99_us": 90.0,
        "bh_max_us": 135.0, "cpu_us_per_event": 5.0, "syscalls_per_event": 0.2,
        "delivered_rate": 15000.0, "lossless": True, "edges_total": 3000,
        "delivered_total": 3000}
    # Four rounds: the lower of the two middle values, never their mean;
    # no bottom half (-1 in the TSV) is null.
    assert rate_row(doc, "cdev-v2", 128000) == {
        "rate": 128000, "rounds": 4, "edges": 1000, "irqs": 1000, "delivered": 50, "lost": 920,
        "visible": 0, "silent": 920, "wrong": 6, "actual_rate": 10000, "lat_p50_us": 2000.0,
        "lat_p99_us": 10100.0, "lat_max_us": 20100.0, "bh_p50_us": None, "bh_p99_us": None,
        "bh_max_us": None, "cpu_us_per_event": 110.0, "syscalls_per_event": 1.4,
        "delivered_rate": 500.0, "lossless": False, "edges_total": 4000,
        "delivered_total": 260}
    # A loss in one round of three: the median lost is 0, the rate is not lossless.
    row = rate_row(doc, "gi-tasklet", 128000)
    assert (row["lost"], row["delivered_rate"], row["lossless"]) == (0, 21000.0, False)
    assert rate_row(doc, "cdev-v2", 1000)["delivered_rate"] == 919.1


def test_writes_the_headline_figures_computed_by_hand(bench):
    c = results(bench)["compare"][ENTRY]["contenders"]
    assert c["gi-tasklet"]["headline"] == {
        "lossless_rate": 16000, "edges": 9000, "lost": 10, "visible": 10, "silent": 0, "wrong": 0,
        "p50_us_slow": 110.0, "p99_us_slow": 400.0, "p50_us_fast": 210.0, "p99_us_fast": 2100.0,
        "bh_p50_us_slow": 25.0, "bh_p50_us_fast": 45.0, "cpu_us_per_event_fast": 5.0,
        "syscalls_per_event_fast": 0.2, "load_rate": 128000, "syscalls_per_event_load": 0.008,
        "p50_x_cdev_slow": 0.25, "p50_x_cdev_fast": 0.21, "p99_x_cdev_p50_slow": 0.909,
        "cpu_x_cdev_fast": 0.2, "lossless_rate_x_cdev": None}
    h = c["gi-direct"]["headline"]
    assert (h["lossless_rate"], h["p50_x_cdev_slow"], h["cpu_x_cdev_fast"],
            h["syscalls_per_event_load"]) == (128000, 0.216, 0.16, 0.04)
    h = c["cdev-v2"]["headline"]
    assert (h["lossless_rate"], h["edges"], h["lost"], h["visible"], h["silent"], h["wrong"],
            h["p50_x_cdev_slow"]) == (0, 10000, 5243, 0, 5243, 87, 1.0)


def test_describes_the_machine_and_each_entry(bench):
    doc = results(bench)
    m = doc["machine"]
    assert (m["cores"], m["date"], m["git_describe"]) == (os.cpu_count(), "2026-11-27T21:47:00Z",
                                                          "v0-test")
    assert m["uname"].split()[:2] == [os.uname().sysname, os.uname().release]
    e = doc["compare"][ENTRY]
    assert (e["kernel"], e["commit"], e["release"], e["flavour"]) == (
        "6.12.118+deb13-amd64", "bed0b38-dirty", "trixie", "amd64")
    assert (e["rates"], e["rounds"], e["slow_rate"], e["fast_rate"], e["reference"]) == (
        [1000, 16000, 128000], 4, 1000, 16000, "cdev-v2")
    assert list(e["contenders"]) == ["gi-tasklet", "gi-direct", "cdev-v2"]


def test_writes_the_host_dispatch_numbers(bench):
    host = results(bench)["dispatch"]
    assert host["commit"] is None
    assert host["contenders"] == {
        "dispatch": {"ns_per_event": 4.0, "mevents_per_s": 250.0, "x_plain": 2.0,
                     "instructions_per_event": 40.0},
        "plain": {"ns_per_event": 2.0, "mevents_per_s": 500.0, "x_plain": 1.0,
                  "instructions_per_event": 20.0}}


def test_reads_the_columns_by_name_not_by_position(bench, tmp_path_factory):
    expected = results(bench)["compare"]
    other = tmp_path_factory.mktemp("reversed")
    for f in os.listdir(bench):
        if f != "results.json":
            shutil.copy(bench / f, other)
    path = other / f"compare@{ENTRY}.tsv"
    with open(path) as f:
        rows = list(csv.reader(f, delimiter="\t"))
    with open(path, "w") as f:
        for row in rows:
            f.write("\t".join(reversed(row)) + "\n")
    shutil.copystat(bench / f"compare@{ENTRY}.tsv", path)
    assert results(other)["compare"] == expected


def test_rejects_a_tsv_without_a_column_and_writes_nothing(bench):
    path = bench / f"compare@{ENTRY}.tsv"
    lines = path.read_text().split("\n")
    path.write_text("\n".join("\t".join(l.split("\t")[:12] + l.split("\t")[13:]) for l in lines))
    r = tool("results-json", str(bench))
    assert r.returncode == 2
    assert r.stderr == f"results-json: {path}: no column lat_p99_us in the header row\n"
    assert sorted(os.listdir(bench)) == sorted(os.listdir(FIXTURES) + [f"compare@{ENTRY}.kver",
                                                                       f"compare@{ENTRY}.commit"])


def test_rejects_a_value_that_is_not_a_number_and_writes_nothing(bench):
    path = bench / f"compare@{ENTRY}.tsv"
    lines = path.read_text().split("\n")
    lines[2] = lines[2].replace("\t120.0\t", "\t12O.0\t")
    path.write_text("\n".join(lines))
    r = tool("results-json", str(bench))
    assert (r.returncode, r.stderr) == (2, f"results-json: {path}:3: '12O.0' is not a number\n")
    assert not os.path.exists(bench / "results.json")


def test_exits_1_on_a_directory_without_results(tmp_path):
    r = tool("results-json", str(tmp_path))
    assert (r.returncode, os.listdir(tmp_path)) == (1, [])


@pytest.mark.skipif(not shutil.which("gnuplot"), reason="gnuplot is not installed")
def test_plots_two_svgs_per_entry_that_gnuplot_accepted(bench, tmp_path_factory):
    results(bench)
    out = tmp_path_factory.mktemp("svg")
    r = tool("plot-bench", str(bench / "results.json"), str(out))
    # gnuplot says nothing when it accepts a script: any warning fails.
    assert (r.returncode, r.stderr) == (0, "")
    names = [f"delivered@{ENTRY}.svg", f"latency@{ENTRY}.svg"]
    assert r.stdout.split() == [str(out / n) for n in names]
    assert sorted(os.listdir(out)) == names
    for n in names:
        svg = (out / n).read_text()
        assert svg.rstrip().endswith("</svg>") and "<svg" in svg
        for c in ("gi-tasklet", "gi-direct", "cdev-v2"):
            assert f">{c}<" in svg
    # One data set per contender (and the diagonal) on each of the two panels.
    assert (out / names[0]).read_text().count("id=\"gnuplot_plot_") == 2 * 3 + 1


def test_report_prints_the_targets_met_or_not(bench):
    results(bench)
    r = tool("report", str(bench / "results.json"))
    assert (r.returncode, r.stderr) == (0, "")
    lines = r.stdout.split("\n")
    assert "| every loss visible (none silent, no wrong direction) | met: all 2; `cdev-v2`: " \
           f"5{NNBSP}243 silent |" in lines
    assert "| < 0.01 system calls per event under load (the fastest rate) | 1 of 2 (not " \
           "gi-direct); `cdev-v2`: 1.40 |" in lines
    assert f"| {ENTRY} | `gi-tasklet` | 25.0 | 4.0 | 15.0 | 16{NNBSP}000 | 128{NNBSP}000 | 10 " \
           "| 0 |" in lines
    assert "Host: `gpioirq_dispatch()` at 250.0 M events/s: ≥ 100 M events/s met; 2.00 × the " \
           "plain loop (2.00 ns per event): ≤ 2 × met." in lines
    # No gi-thread in the fixture: the dispatcher thread's row says so.
    assert "| dispatcher thread no slower than `gpioirq_dispatch()` (p50, every rate) | – |" \
        in lines
    assert "| `gi-tasklet` | 100 | 100 | 99.67 |" in lines
    assert "| `cdev-v2` | 99.90 | 50.00 | 6.50 |" in lines


def test_report_updates_only_the_part_between_its_markers(bench):
    results(bench)
    doc = bench / "doc.md"
    begin = "<!-- tests/bench/report: generated from build/bench/results.json, do not edit -->"
    end = "<!-- tests/bench/report: end -->"
    doc.write_text(f"# Before\n\n{begin}\nold table\n{end}\n\nAfter.\n")
    printed = tool("report", str(bench / "results.json")).stdout
    for _ in range(2):
        r = tool("report", str(bench / "results.json"), "--update", str(doc))
        assert (r.returncode, r.stderr) == (0, "")
        assert doc.read_text() == f"# Before\n\n{begin}\n{printed}{end}\n\nAfter.\n"
    doc.write_text("no markers\n")
    r = tool("report", str(bench / "results.json"), "--update", str(doc))
    assert (r.returncode, doc.read_text()) == (1, "no markers\n")
    assert not os.path.exists(str(doc) + ".tmp")


def test_report_holds_the_dispatcher_thread_to_gpioirq_dispatch(bench):
    # gi-direct's runs as gi-thread's: p50 95, 100, 150 against the tasklet's
    # 110, 210, 310: at most 95 / 110 of it.
    path = bench / f"compare@{ENTRY}.tsv"
    path.write_text(path.read_text().replace("\tgi-direct\t", "\tgi-thread\t"))
    results(bench)
    r = tool("report", str(bench / "results.json"))
    assert "| dispatcher thread no slower than `gpioirq_dispatch()` (p50, every rate) | met: " \
           "0.48–0.86 × over 3 rates |" in r.stdout.split("\n")
