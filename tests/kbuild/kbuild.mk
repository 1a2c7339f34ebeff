# The kernel side's build hygiene as a suite of 'make check': W=1 and sparse
# against the host's kernel, checkpatch and "only compat.h tests the kernel
# version". Other kernels: tests/kbuild/check-kbuild KDIR SCRATCH [ARCH
# CROSS_COMPILE] inside that kernel's build root (scripts/inroot).
CHECK_SUITES += kbuild
.PHONY: check-kbuild
check-kbuild:
	@mkdir -p $(BUILD)/results
	tests/kbuild/check-kbuild --all $(KDIR) $(CURDIR)/$(BUILD)/kbuild >$(BUILD)/results/kbuild.tap
	@cat $(BUILD)/results/kbuild.tap
