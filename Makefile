# gpioirq top-level build.
#
#   make            build the kernel modules and all of user space
#   make check      install what is missing, build, run every suite (unit and VM,
#                   on every kernel of tests/targets/matrix)
#   make check-quick the host suites and the VM suites on one kernel (6.1-amd64)
#   make demo       install what is missing, build, run the demo in the VM
#   make bench      benchmarks (speed goals live here, never in tests)
#   make install    PREFIX=/usr/local DESTDIR=
#
# Each part adds its own rules from a fragment (lib/lib.mk, ...): user space is
# one non-recursive make over $(BUILD); the modules are built by Kbuild in kmod/.

BUILD   ?= build
PREFIX  ?= /usr/local
DESTDIR ?=

KVER ?= $(shell scripts/kver 2>/dev/null)
KDIR ?= $(if $(wildcard /lib/modules/$(KVER)/build),/lib/modules/$(KVER)/build,/usr/src/linux-headers-$(KVER))
export KVER KDIR

CC      ?= cc
WARN    := -Wall -Wextra -Werror
CFLAGS  ?= -O2 -g
ALL_CFLAGS := -std=gnu11 -D_GNU_SOURCE -pthread $(WARN) -Iinclude $(CFLAGS)
LDLIBS_PTHREAD := -pthread

# Suites of 'make check': each NAME has a rule check-NAME that writes
# $(BUILD)/results/NAME.tap and lets the others run whatever its result.
CHECK_SUITES :=
# Targets 'make' builds besides the modules.
ALL_TARGETS :=
# Rules 'make install' runs, and 'make bench' runs.
INSTALL_TARGETS :=
BENCH_TARGETS :=

.PHONY: all modules userspace check check-quick deps demo bench install clean sparse
all: modules userspace

modules:
	$(MAKE) -C kmod KDIR=$(KDIR)

sparse:
	$(MAKE) -C kmod KDIR=$(KDIR) C=2

deps:
	scripts/deps

# lib/ first: the others link $(LIB_A), which must be defined when their rules are read.
include $(wildcard lib/*.mk)
include $(sort $(wildcard tools/*/*.mk bindings/*/*.mk examples/*.mk tests/*/*.mk tests/*.mk))

userspace: $(ALL_TARGETS)

check: deps
	$(MAKE) all
	-$(MAKE) -j4 prepare-matrix
	rm -rf $(BUILD)/results && mkdir -p $(BUILD)/results
	-$(MAKE) -k $(CHECK_SUITES:%=check-%)
	tests/summarize $(BUILD)/results $(CHECK_SUITES)

# The quick check, for iteration: every suite that runs on the host, and the
# VM suites on one kernel of the matrix (QUICK_ENTRY).
QUICK_ENTRY ?= 6.1-amd64
QUICK_SUITES = $(filter-out vm-% unit-arm64 dkms@% kbuild@%,$(CHECK_SUITES)) $(filter %@$(QUICK_ENTRY),$(CHECK_SUITES))
check-quick: deps
	$(MAKE) all
	rm -rf $(BUILD)/results && mkdir -p $(BUILD)/results
	-$(MAKE) -k $(QUICK_SUITES:%=check-%)
	tests/summarize $(BUILD)/results $(QUICK_SUITES)

install: all $(INSTALL_TARGETS)

bench: deps
	$(MAKE) all
	$(MAKE) $(BENCH_TARGETS)

clean:
	-$(MAKE) -C kmod KDIR=$(KDIR) clean
	rm -rf $(BUILD)

# The demo's recording (between its "--- pulses.csv" and "--- end" lines)
# becomes build/demo/pulses.svg.
demo: deps
	$(MAKE) all
	@mkdir -p $(BUILD)/demo
	{ tests/vm/run examples/demo.sh; echo $$? >$(BUILD)/demo/rc; } | tee $(BUILD)/demo/demo.log
	@test "$$(cat $(BUILD)/demo/rc)" = 0
	sed -n '/^--- pulses.csv/,/^--- end/{/^---/d;p}' $(BUILD)/demo/demo.log | tr -d '\r' \
		>$(BUILD)/demo/pulses.csv
	tools/plot/plot-record $(BUILD)/demo/pulses.csv $(BUILD)/demo/pulses.svg
	@echo "demo: the recording of part 5 is plotted in $(BUILD)/demo/pulses.svg"
