# Unit tests of irqctl's kernel-free parts (JSON writer, debugfs parser,
# latency histogram), with Check, under ASan and UBSan.
#   make check-irqctl-unit
IRQCTL_UNIT_SRCS := tests/irqctl/irqctl-unit.c tools/irqctl/json.c tools/irqctl/held.c \
	tools/irqctl/hist.c
IRQCTL_UNIT := $(BUILD)/tests/irqctl/irqctl-unit
IRQCTL_UNIT_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

CHECK_SUITES += irqctl-unit
.PHONY: check-irqctl-unit

$(IRQCTL_UNIT): $(IRQCTL_UNIT_SRCS) tools/irqctl/irqctl.h include/uapi/gpioirq.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(IRQCTL_UNIT_FLAGS) $(shell pkg-config --cflags check 2>/dev/null) \
		-o $@ $(IRQCTL_UNIT_SRCS) $(or $(shell pkg-config --libs check 2>/dev/null),-lcheck)

# A failing test fails the suite in the summary, not this make.
check-irqctl-unit: $(IRQCTL_UNIT)
	@mkdir -p $(BUILD)/results
	-CK_TAP_LOG_FILE_NAME=$(BUILD)/results/irqctl-unit.tap \
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 $(IRQCTL_UNIT)
