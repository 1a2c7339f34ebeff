# 'make demo' checked as part of 'make check': it must keep showing what the README says.
CHECK_SUITES += demo
.PHONY: check-demo
check-demo:
	@mkdir -p $(BUILD)/results
	tests/demo/check-demo $(BUILD)/results/demo.log >$(BUILD)/results/demo.tap
	@cat $(BUILD)/results/demo.tap
