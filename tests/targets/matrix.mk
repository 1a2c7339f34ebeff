# The kernel matrix (tests/targets/matrix): for each ENTRY, Debian's own
# kernel of one release and flavour, the modules built for it in that
# release's build root (scripts/buildroot, scripts/inroot), and the VM suites
# of 'make check' booted on it.
#
#   make modules-ENTRY              $(BUILD)/ENTRY/kmod/*.ko (and, for arm64,
#                                   $(BUILD)/ENTRY/debian-kmods: Debian's
#                                   modules the PL061 suite needs)
#   make check-vm-SUITE@ENTRY       one VM boot: $(BUILD)/results/vm-SUITE@ENTRY.tap
#   make check-kbuild@ENTRY         W=1 and sparse report nothing, in the root
#   make check-matrix-ENTRY         every suite of ENTRY
#   make check-dkms@RELEASE         DKMS builds the module in RELEASE's root
#   tests/vm/run --target ENTRY S   run a script on ENTRY (tests/vm/targets/matrix)
#
# Suites: module, lib, irqctl, sim and hostile everywhere; preempt-rt
# (tests/vm/rt) on the rt flavour; pl061 on arm64. The debug kernel's tests
# get 180 s each (VMTEST_TIMEOUT): KASAN and lockdep slow it down. Each guest runs its release's user space
# (userspace@RELEASE below).

ifeq ($(GPIOIRQ_CROSS),)
MATRIX := $(shell awk '!/^\#/ && NF >= 3 { print $$1 }' tests/targets/matrix)
MATRIX_RELEASES := $(shell awk '!/^\#/ && NF >= 3 { print $$2 }' tests/targets/matrix | sort -u)
matrix-field = $(shell awk -v e=$(1) '$$1 == e { print $$$(2) }' tests/targets/matrix)
MATRIX_SIM_SUITES := module lib irqctl sim hostile

# Debian's modules the arm64 guest loads (see tests/vm/targets/arm64), when
# the kernel has them as modules; decompressed, for busybox's modprobe.
MATRIX_ARM64_KMODS := virtio/virtio_mmio char/virtio_console input/keyboard/gpio_keys

# matrix-entry ENTRY RELEASE FLAVOUR
define matrix-entry
.PHONY: modules-$(1) check-matrix-$(1)
modules-$(1):
	@root=$$$$(scripts/buildroot $(2)) && \
	$(if $(filter debug,$(3)),kdir=$$$$(scripts/build-debug-kernel) && kver=$$$$(cat $$$$kdir/kver) && \
		kbuild=$$$$kdir/build && export INROOT_BIND=$$$$kdir,kver=$$$$(cat $$$$root/kernels/$(3)/kver) && \
		kbuild=/usr/src/linux-headers-$$$$kver) && \
	echo "modules-$(1): Debian $(2)'s $$$$kver, built in $$$$root" && \
	$$(call kmod-links-sh,$(BUILD)/$(1)/src) && \
	scripts/inroot $(2) $$(MAKE) -s -C $(CURDIR)/$(BUILD)/$(1)/src/kmod KDIR=$$$$kbuild \
		$(if $(filter arm64,$(3)),ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-) && \
	mkdir -p $(BUILD)/$(1)/kmod && \
	cp $(BUILD)/$(1)/src/kmod/gpioirq.ko $(BUILD)/$(1)/src/kmod/sim/gpioirq-sim.ko $(BUILD)/$(1)/kmod/ \
	$(if $(filter arm64,$(3)),&& tests/targets/debian-kmods $$$$root/kernels/$(3)/modules \
		$(BUILD)/$(1)/debian-kmods $(MATRIX_ARM64_KMODS))

# W=1 and sparse clean with that release's compiler and sparse (the debug
# kernel's are its release's: not again).
ifneq ($(3),debug)
CHECK_SUITES += kbuild@$(1)
.PHONY: check-kbuild@$(1)
check-kbuild@$(1):
	@mkdir -p $(BUILD)/results
	@root=$$$$(scripts/buildroot $(2)) && kver=$$$$(cat $$$$root/kernels/$(3)/kver) && \
	scripts/inroot $(2) tests/kbuild/check-kbuild /usr/src/linux-headers-$$$$kver \
		$(CURDIR)/$(BUILD)/kbuild/$(1) $(if $(filter arm64,$(3)),arm64 aarch64-linux-gnu-) \
		>$(BUILD)/results/kbuild@$(1).tap; st=$$$$?; cat $(BUILD)/results/kbuild@$(1).tap; exit $$$$st
endif

$(1)_SUITES := $(MATRIX_SIM_SUITES) $(if $(filter rt-amd64,$(3)),preempt-rt) $(if $(filter arm64,$(3)),pl061)
CHECK_SUITES += $$($(1)_SUITES:%=vm-%@$(1))
check-matrix-$(1): $$($(1)_SUITES:%=check-vm-%@$(1))

$$($(1)_SUITES:%=check-vm-%@$(1)): check-vm-%@$(1): modules-$(1) \
		userspace@$(2)$(if $(filter arm64,$(3)),-arm64 $(BUILD)/arm64/pl061-bridge fetch-arm64)
	@mkdir -p $(BUILD)/results
	BUILD=$(BUILD)/rel/$(2)$(if $(filter arm64,$(3)),-arm64) VM_TARGET=$(1) VM_TOP=$(BUILD) \
		$(if $(filter debug,$(3)),VMTEST_TIMEOUT=180) \
		tests/vm/check-suite $$(if $$(filter preempt-rt,$$*),rt,$$*) $(BUILD)/results/vm-$$*@$(1).tap
endef

# The user space each release's guests run, built in its root with its
# compiler, C library and libgpiod (1.6 or 2.x): userspace@RELEASE for amd64
# into $(BUILD)/rel/RELEASE, userspace@RELEASE-arm64 cross-built against the
# root's sysroot-arm64 into $(BUILD)/rel/RELEASE-arm64.
.PHONY: $(MATRIX_RELEASES:%=userspace@%) $(MATRIX_RELEASES:%=userspace@%-arm64)
$(MATRIX_RELEASES:%=userspace@%): userspace@%:
	@scripts/buildroot $* >/dev/null
	scripts/inroot $* $(MAKE) -s -j2 BUILD=$(BUILD)/rel/$* userspace
$(MATRIX_RELEASES:%=userspace@%-arm64): userspace@%-arm64:
	@root=$$(scripts/buildroot $*) && \
	INROOT_BIND=$$root/sysroot-arm64 scripts/inroot $* $(MAKE) -s -j2 -f tests/targets/cross.make \
		-f Makefile ARCH=arm64 BUILD=$(BUILD)/rel/$*-arm64 ARM64_SYSROOT=$$root/sysroot-arm64 \
		KVER=none KDIR=none userspace

$(foreach e,$(MATRIX),$(eval $(call matrix-entry,$(e),$(call matrix-field,$(e),2),$(call matrix-field,$(e),3))))

# DKMS in each release's root: 'dkms build' of the installed tree for that
# release's amd64 kernel, as apt would run it on a kernel upgrade.
CHECK_SUITES += $(MATRIX_RELEASES:%=dkms@%)
.PHONY: $(MATRIX_RELEASES:%=check-dkms@%)
$(MATRIX_RELEASES:%=check-dkms@%): check-dkms@%:
	@mkdir -p $(BUILD)/results
	@root=$$(scripts/buildroot $*) && kver=$$(cat $$root/kernels/amd64/kver) && \
	scripts/inroot $* packaging/test-dkms $$kver >$(BUILD)/results/dkms@$*.tap; st=$$?; \
		cat $(BUILD)/results/dkms@$*.tap; exit $$st

# The library's unit tests (plain, ASan+UBSan, TSan) with each release's
# compiler, C library, libgpiod and Check, in its root: unit@RELEASE,
# unit-asan@RELEASE, unit-tsan@RELEASE. Debian 12's are the host's own
# (tests/unit/unit.mk).
UNIT_RELEASES := $(filter-out bookworm,$(MATRIX_RELEASES))
CHECK_SUITES += $(foreach r,$(UNIT_RELEASES),unit@$(r) unit-asan@$(r) unit-tsan@$(r))
.PHONY: $(foreach r,$(UNIT_RELEASES),check-unit@$(r) check-unit-asan@$(r) check-unit-tsan@$(r))
$(UNIT_RELEASES:%=check-unit@%): check-unit@%:
	@mkdir -p $(BUILD)/results
	@scripts/buildroot $* >/dev/null
	-scripts/inroot $* $(MAKE) -s -j2 BUILD=$(BUILD)/rel/$* check-unit check-unit-asan check-unit-tsan
	@for s in unit unit-asan unit-tsan; do \
		rm -f $(BUILD)/results/$$s@$*.tap; \
		cp $(BUILD)/rel/$*/results/$$s.tap $(BUILD)/results/$$s@$*.tap 2>/dev/null || :; \
	done
# One run writes all three.
$(UNIT_RELEASES:%=check-unit-asan@%): check-unit-asan@%: check-unit@%
$(UNIT_RELEASES:%=check-unit-tsan@%): check-unit-tsan@%: check-unit@%

# What the matrix downloads and builds once (cached outside the clone), made
# side by side before the suites run: the release roots fetch and unpack
# (network and disk) while the debug kernel compiles (CPU). A failure here
# shows again, as a failed suite, where the suites need it.
.PHONY: prepare-matrix $(MATRIX_RELEASES:%=buildroot@%) debug-kernel
prepare-matrix: $(MATRIX_RELEASES:%=buildroot@%) debug-kernel
$(MATRIX_RELEASES:%=buildroot@%): buildroot@%:
	@scripts/buildroot $* >/dev/null
debug-kernel:
	@scripts/build-debug-kernel >/dev/null

.PHONY: matrix
matrix: $(MATRIX:%=modules-%)
endif
