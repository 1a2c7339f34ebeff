# The kernel side's build hygiene (W=1, sparse, checkpatch) as a suite of 'make check'.
CHECK_SUITES += kbuild
.PHONY: check-kbuild
check-kbuild:
	@mkdir -p $(BUILD)/results
	tests/kbuild/check-kbuild $(KDIR) $(CURDIR)/$(BUILD)/kbuild >$(BUILD)/results/kbuild.tap
	@cat $(BUILD)/results/kbuild.tap
