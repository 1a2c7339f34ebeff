# tests/bench/bench.mk: 'make bench-compare' (part of 'make bench'): gpioirq
# against the GPIO character device (uAPI v2 and the release's libgpiod), in
# the VM, on each kernel of the matrix with the simulator (tests/bench/compare/
# main.c says what it measures). Numbers, no pass/fail; the bench's own
# correctness is tests/vm/lib/bench_counts_every_edge_of_each_contender.
#
#   make bench-compare               every entry of BENCH_COMPARE_ENTRIES, then
#                                    $(BUILD)/bench/summary.txt (tests/bench/summarize)
#   make bench-compare@ENTRY         one: $(BUILD)/bench/compare@ENTRY.txt (the
#                                    table) and .tsv (one row per run)
#   COMPARE_ARGS="-e 1000 -r 3 -R 500,1000,..."  the guest program's options
#
# The program is built with every release's user space (ALL_TARGETS), into
# the guest image as /opt/gpioirq/tests/bench/compare.

COMPARE := $(BUILD)/tests/vm/bench/compare
COMPARE_SRCS := $(addprefix tests/bench/compare/,main.c count.c gpioirq.c cdev.c gpiod$(GPIOD_GEN).c)
# count.c: every call of these from the bench and libgpioirq.a is counted.
COMPARE_WRAP := $(foreach f,poll ppoll read write ioctl pthread_cond_wait pthread_cond_timedwait,-Wl,--wrap=$(f))
ALL_TARGETS += $(COMPARE)

# vmtest.o by name: tests/vm/vm.mk (its rule) is read after this file.
$(COMPARE): $(COMPARE_SRCS) tests/bench/compare/compare.h $(LIB_A) \
		$(BUILD)/tests/vm/common/vmtest.o $(LIB_HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(GPIOD_CFLAGS) -Itests/vm/common -o $@ $(COMPARE_SRCS) \
		$(BUILD)/tests/vm/common/vmtest.o $(COMPARE_WRAP) $(LIB_A) $(LIB_LDLIBS)

# The kernels with the simulator that 'make bench' compares on: 6.1, 6.12 and
# the newest, standard and PREEMPT_RT. One VM boot each.
BENCH_COMPARE_ENTRIES ?= 6.1-amd64 6.12-amd64 sid-amd64 6.1-rt 6.12-rt sid-rt
BENCH_TARGETS += bench-compare
.PHONY: bench-compare
bench-compare: $(BENCH_COMPARE_ENTRIES:%=bench-compare@%)
	tests/bench/summarize $(BENCH_COMPARE_ENTRIES:%=$(BUILD)/bench/compare@%.tsv) | \
		tee $(BUILD)/bench/summary.txt

# ENTRY's kernel release (uname -r) goes into compare@ENTRY.kver and the
# commit measured into .commit, for the JSON.
bench-compare@%: modules-%
	@rel=$$(awk -v e=$* '!/^#/ && $$1 == e { print $$2 }' tests/targets/matrix) && \
	flavour=$$(awk -v e=$* '!/^#/ && $$1 == e { print $$3 }' tests/targets/matrix) && \
	$(MAKE) -s userspace@$$rel && mkdir -p $(BUILD)/bench && out=$(BUILD)/bench/compare@$* && \
	cat "$$(scripts/buildroot $$rel)/kernels/$$flavour/kver" >$$out.kver && \
	{ git describe --always --dirty 2>/dev/null || true; } >$$out.commit && \
	{ BUILD=$(BUILD)/rel/$$rel VM_TOP=$(BUILD) tests/vm/run --target $* --timeout 2400 \
		$(BUILD)/rel/$$rel/tests/vm/bench/compare $(COMPARE_ARGS); echo $$? >$$out.status; } | \
		tr -d '\r' | tee $$out.txt | grep -v '^TSV' && \
	grep '^TSV' $$out.txt | cut -f2- >$$out.tsv && sed -i '/^TSV/d' $$out.txt && \
	st=$$(cat $$out.status) && rm -f $$out.status && exit $$st

# 'make bench-dispatch' (part of 'make bench'): the library's floor on the
# host, gpioirq_dispatch() and gpioirq_read_events() against a plain loop
# over the same ring slots and a pipe, on the unit tests' fake module
# (tests/bench/dispatch.c). $(BUILD)/bench/dispatch.txt and .tsv; with
# valgrind, user-space instructions per event of each (callgrind, 10 rounds:
# the kernel's side of a pipe read() is not in it) in dispatch-ir.tsv.
DISPATCH_BENCH := $(BUILD)/bench/dispatch
BENCH_TARGETS += bench-dispatch
.PHONY: bench-dispatch
$(DISPATCH_BENCH): tests/bench/dispatch.c tests/unit/fake.c tests/unit/fake.h $(LIB_A) $(LIB_HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(GPIOD_CFLAGS) -o $@ tests/bench/dispatch.c tests/unit/fake.c \
		$(LIB_A) $(LIB_LDLIBS)

bench-dispatch: $(DISPATCH_BENCH)
	{ git describe --always --dirty 2>/dev/null || true; } >$(DISPATCH_BENCH).commit
	$(DISPATCH_BENCH) $(DISPATCH_ARGS) >$(DISPATCH_BENCH).out && \
	grep -v '^TSV' $(DISPATCH_BENCH).out | tee $(DISPATCH_BENCH).txt && \
	grep '^TSV' $(DISPATCH_BENCH).out | cut -f2- >$(DISPATCH_BENCH).tsv && rm -f $(DISPATCH_BENCH).out
	@if command -v valgrind >/dev/null; then \
		echo "instructions per event (user space, callgrind):"; \
		printf 'contender\tinstructions_per_event\n' >$(DISPATCH_BENCH)-ir.tsv; \
		for c in dispatch read plain pipe; do \
			ir=$$(valgrind --tool=callgrind --callgrind-out-file=/dev/null \
				--toggle-collect=run_$$c $(DISPATCH_BENCH) 10 2>&1 | \
				sed -n 's/.*Collected : \([0-9]*\).*/\1/p'); \
			awk -v c=$$c -v ir=$$ir 'BEGIN { printf "%-10s %8.1f\n", c, ir / 40960; \
				printf "%s\t%.1f\n", c, ir / 40960 >>"$(DISPATCH_BENCH)-ir.tsv" }'; \
		done; \
	fi

# 'make bench-results' (the last part of 'make bench'): what the benches
# above left in $(BUILD)/bench/ as one results.json (tests/bench/results-json:
# the machine, per kernel entry and contender the medians at each rate and
# the headline figures, the host dispatch numbers), two SVGs per kernel entry
# (tests/bench/plot-bench: delivered against offered, latency per contender)
# and the Markdown tables of Documentation/performance.md (tests/bench/report)
# in report.md. Alone it only reads what is there (each entry's TSV is from
# its last run: the JSON says when); named with benches on one command line,
# as 'make bench' does, it runs after them.
#   make bench-doc   the same into Documentation/performance.md (between its
#                    markers) and Documentation/perf/*.svg, to be committed
PYTHON ?= python3
BENCH_TARGETS += bench-results
.PHONY: bench-results bench-doc
bench-results: $(filter-out bench-results bench-doc,$(filter bench-%,$(MAKECMDGOALS)))
	$(PYTHON) tests/bench/results-json $(BUILD)/bench
	$(PYTHON) tests/bench/plot-bench $(BUILD)/bench/results.json $(BUILD)/bench
	$(PYTHON) tests/bench/report --svg-dir . $(BUILD)/bench/results.json >$(BUILD)/bench/report.md
	@echo "bench-results: $(BUILD)/bench/results.json, report.md and the plots above"

bench-doc: bench-results
	rm -f Documentation/perf/*.svg
	$(PYTHON) tests/bench/plot-bench $(BUILD)/bench/results.json Documentation/perf
	$(PYTHON) tests/bench/report --update Documentation/performance.md $(BUILD)/bench/results.json

# The tools' host suite (tests/bench/test_bench_tools.py, pytest, seconds):
# results.json, the plots and the report from the fixtures in
# tests/bench/fixtures/, whose figures were computed by hand.
CHECK_SUITES += bench-tools
.PHONY: check-bench-tools
check-bench-tools:
	@mkdir -p $(BUILD)/results
	-GPIOIRQ_TAP=$(BUILD)/results/bench-tools.tap PYTHONDONTWRITEBYTECODE=1 \
		$(PYTHON) -m pytest -q -p no:cacheprovider tests/bench
