# tests/vm/examples.mk: the examples' VM suite, tests/vm/examples/: each of
# the four classic jobs (examples/encoder, s0meter, nec, pps) fed a waveform
# the simulator replays (kmod/sim/wave.c), its output checked exactly. Its
# programs are built by tests/vm/vm.mk as every suite's are.
#
#   make check-vm-examples          one VM boot on the host's kernel
#   make check-vm-examples@ENTRY    the same on an entry of the matrix
#
# 'make check' runs it on EXAMPLES_ENTRIES only: the examples are user space
# over the library, whose kernels, flavours and architectures the lib suite
# covers; these three are Debian 12's (the one of check-quick), the newest,
# and PREEMPT_RT, whose threaded interrupts change the path the replayed
# edges take.

ifeq ($(GPIOIRQ_CROSS),)
EXAMPLES_ENTRIES := 6.1-amd64 sid-amd64 6.12-rt
CHECK_SUITES += $(EXAMPLES_ENTRIES:%=vm-examples@%)
.PHONY: $(EXAMPLES_ENTRIES:%=check-vm-examples@%)

# examples-entry ENTRY RELEASE
define examples-entry
check-vm-examples@$(1): modules-$(1) userspace@$(2)
	@mkdir -p $(BUILD)/results
	BUILD=$(BUILD)/rel/$(2) VM_TARGET=$(1) VM_TOP=$(BUILD) \
		tests/vm/check-suite examples $(BUILD)/results/vm-examples@$(1).tap
endef
$(foreach e,$(EXAMPLES_ENTRIES),$(eval $(call examples-entry,$(e),$(call matrix-field,$(e),2))))
endif
