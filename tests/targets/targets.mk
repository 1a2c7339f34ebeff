# Other kernels and boards: arm64 (QEMU's virt machine, its PL061 GPIO
# controller, Debian's arm64 kernel) and amd64 with PREEMPT_RT (Debian's -rt
# kernel). Both kernels are the host kernel's release, fetched as .debs and
# unpacked under $(BUILD), never installed (scripts/fetch-arm64,
# scripts/fetch-amd64-rt).
#
#   make arm64        cross-build module, library, irqctl, tests for arm64
#   (make ARCH=arm64) into $(BUILD)/arm64 (user space: tests/targets/cross.make)
#   make amd64-rt     build the module for the -rt kernel
#
# Kbuild builds an external module inside its source folder, so each kernel
# gets its own tree of links to kmod/ ($(BUILD)/TARGET/src/kmod) and the host
# build in kmod/ is left alone.

ifeq ($(GPIOIRQ_CROSS),)
# 'make ARCH=arm64' is 'make arm64'. Other goals with ARCH set would build
# for the host with ARCH passed to Kbuild: refuse them.
ifeq ($(origin ARCH),command line)
ifeq ($(ARCH),arm64)
ifneq ($(filter-out arm64,$(MAKECMDGOALS)),)
$(error 'make ARCH=arm64' takes no goal (it is 'make arm64'); for the rest, see tests/targets/README.md)
endif
.DEFAULT_GOAL := arm64-by-arch
.PHONY: arm64-by-arch
arm64-by-arch:
	$(MAKE) ARCH= arm64
else ifneq ($(ARCH),)
$(error ARCH=$(ARCH): the targets are arm64 ('make arm64') and the host)
endif
endif

KABI = $(patsubst %-amd64,%,$(KVER))
ARM64_DIR := $(BUILD)/arm64
ARM64_KVER = $(KABI)-arm64
ARM64_KDIR = $(CURDIR)/$(ARM64_DIR)/sysroot/usr/src/linux-headers-$(ARM64_KVER)
RT_DIR := $(BUILD)/amd64-rt
RT_KVER = $(KABI)-rt-amd64
RT_KDIR = $(CURDIR)/$(RT_DIR)/sysroot/usr/src/linux-headers-$(RT_KVER)

.PHONY: arm64 amd64-rt fetch-arm64 fetch-amd64-rt modules-arm64 modules-amd64-rt \
	userspace-arm64 sparse-arm64

# Cached: a no-op once fetched (no network then).
fetch-arm64:
	scripts/fetch-arm64 $(ARM64_DIR)
fetch-amd64-rt:
	scripts/fetch-amd64-rt $(RT_DIR)

# kmod-links DIR: DIR/kmod, a tree of links to kmod/ (tests/targets/kmod-links).
kmod-links = @tests/targets/kmod-links $(1)
kmod-links-sh = tests/targets/kmod-links $(1)

modules-arm64: fetch-arm64
	$(call kmod-links,$(ARM64_DIR)/src)
	$(MAKE) -C $(ARM64_DIR)/src/kmod KDIR=$(ARM64_KDIR) ARCH=arm64 \
		CROSS_COMPILE=aarch64-linux-gnu-

sparse-arm64: fetch-arm64
	$(call kmod-links,$(ARM64_DIR)/src)
	$(MAKE) -C $(ARM64_DIR)/src/kmod KDIR=$(ARM64_KDIR) ARCH=arm64 \
		CROSS_COMPILE=aarch64-linux-gnu- C=2

modules-amd64-rt: fetch-amd64-rt
	$(call kmod-links,$(RT_DIR)/src)
	$(MAKE) -C $(RT_DIR)/src/kmod KDIR=$(RT_KDIR)

# User space for arm64: the same fragments, read after cross.make, into
# $(BUILD)/arm64. KVER/KDIR are the host's in this make and exported: pass the
# arm64 ones.
userspace-arm64: fetch-arm64
	$(MAKE) -f tests/targets/cross.make -f Makefile ARCH=arm64 \
		BUILD=$(ARM64_DIR) KVER=$(ARM64_KVER) KDIR=$(ARM64_KDIR) userspace

# Host side of the arm64 target: runs QEMU, drives the PL061 (see the file).
$(ARM64_DIR)/pl061-bridge: tests/targets/pl061-bridge.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $<

arm64: modules-arm64 userspace-arm64 $(ARM64_DIR)/pl061-bridge
amd64-rt: modules-amd64-rt

# Suites on these (host-release) targets, for iteration: the simulator
# suites of tests/vm/vm.mk as check-vm-SUITE-arm64 and check-vm-SUITE-rt;
# check-vm-pl061 (arm64); check-vm-preempt-rt (tests/vm/rt, amd64-rt). Each
# boots its target once. 'make check' runs them on every kernel of the matrix
# instead (tests/targets/matrix.mk); the arm64 user space built here is the
# one its arm64 entries boot.
TARGET_SIM_SUITES := $(patsubst tests/vm/%/,%,$(wildcard $(addprefix tests/vm/,$(addsuffix /,module lib irqctl sim))))
.PHONY: $(TARGET_SIM_SUITES:%=check-vm-%-arm64) $(TARGET_SIM_SUITES:%=check-vm-%-rt) \
	check-vm-pl061 check-vm-preempt-rt

# arm64-suite SUITE RESULT: the arm64 user space is its own build, and
# check-suite reads the per-test limits from it.
define arm64-suite
	@mkdir -p $(BUILD)/results
	BUILD=$(ARM64_DIR) VM_TARGET=arm64 tests/vm/check-suite $(1) $(BUILD)/results/$(2).tap
endef
# rt-suite SUITE RESULT: the host's user space ('make' builds it), the -rt
# module.
define rt-suite
	@mkdir -p $(BUILD)/results
	$(if $(filter $(BUILD)/tests/vm/$(1)/%,$(ALL_TARGETS)),$(MAKE) $(filter $(BUILD)/tests/vm/$(1)/%,$(ALL_TARGETS)))
	BUILD=$(BUILD) VM_TARGET=amd64-rt tests/vm/check-suite $(1) $(BUILD)/results/$(2).tap
endef

$(TARGET_SIM_SUITES:%=check-vm-%-arm64): check-vm-%-arm64: arm64
	$(call arm64-suite,$*,vm-$*-arm64)
check-vm-pl061: arm64
	$(call arm64-suite,pl061,vm-pl061)
$(TARGET_SIM_SUITES:%=check-vm-%-rt): check-vm-%-rt: amd64-rt
	$(call rt-suite,$*,vm-$*-rt)
check-vm-preempt-rt: amd64-rt
	$(call rt-suite,rt,vm-preempt-rt)

# The library's Check unit tests, cross-built, run in the arm64 guest. A run
# that fails without a 'not ok' of its own (the VM stopped or ran past its
# time: the TAP is cut short) gets one, so the summary cannot count it as
# passed.
ifneq ($(wildcard tests/unit/unit.mk),)
CHECK_SUITES += unit-arm64
.PHONY: check-unit-arm64
check-unit-arm64: arm64
	@mkdir -p $(BUILD)/results
	@BUILD=$(ARM64_DIR) tests/vm/run --target arm64 --timeout 240 tests/targets/run-unit \
		>$(BUILD)/results/unit-arm64.log 2>&1; st=$$?; \
	grep -E '^(ok|not ok|1\.\.)' $(BUILD)/results/unit-arm64.log >$(BUILD)/results/unit-arm64.tap; \
	if [ $$st != 0 ] && ! grep -q '^not ok' $(BUILD)/results/unit-arm64.tap; then \
		echo "not ok - unit-arm64: the guest run failed (status $$st), see unit-arm64.log" \
			>>$(BUILD)/results/unit-arm64.tap; fi; \
	tail -n 3 $(BUILD)/results/unit-arm64.log
endif

else
# The cross make (ARCH=arm64): the guest's command to drive the PL061 from
# the host, and the PL061 suite (one test program per .c file).
PL061_TESTS := $(patsubst tests/vm/pl061/%.c,$(BUILD)/tests/vm/pl061/%,$(wildcard tests/vm/pl061/*.c))
ALL_TARGETS += $(BUILD)/bin/pl061-drive $(PL061_TESTS)

$(BUILD)/bin/pl061-drive: tests/targets/pl061-drive.c tests/vm/pl061/pl061.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $<

# The unit tests go where the image builder takes tests from.
ifneq ($(wildcard tests/unit/unit.mk),)
ALL_TARGETS += $(BUILD)/tests/vm/unit/unit-tests
$(BUILD)/tests/vm/unit/unit-tests: $(BUILD)/unit/unit-tests
	@mkdir -p $(@D)
	cp $< $@
endif

# They share the raw-uAPI helpers and vmtest's checks with the simulator
# suites (tests/vm/common; vm.mk builds vmtest.o, for arm64 in this make).
$(PL061_TESTS): $(BUILD)/tests/vm/pl061/%: tests/vm/pl061/%.c tests/vm/pl061/common.h \
		tests/vm/pl061/pl061.h tests/vm/common/uapitest.h tests/vm/common/vmtest.h \
		$(BUILD)/tests/vm/common/vmtest.o include/uapi/gpioirq.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/vm/common -o $@ $< $(BUILD)/tests/vm/common/vmtest.o \
		$(LDLIBS_PTHREAD)
endif
