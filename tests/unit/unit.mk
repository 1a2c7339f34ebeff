# Unit tests of libgpioirq (Check): no kernel, no device. The library and the
# tests are built three times: plain, with ASan+UBSan, with TSan; each build
# is a suite of 'make check' writing $(BUILD)/results/NAME.tap.
#
#   make check-unit check-unit-asan check-unit-tsan

UNIT_SRCS := $(sort $(wildcard tests/unit/*.c))
# irqctl's parsers and accounting that have no I/O of their own, tested here too.
UNIT_TOOL_SRCS := tools/irqctl/vcd.c tools/irqctl/bench-tally.c
UNIT_HDRS := $(LIB_HDRS) $(wildcard tests/unit/*.h) tools/irqctl/irqctl.h
UNIT_CHECK_CFLAGS := $(shell pkg-config --cflags check 2>/dev/null)
UNIT_CHECK_LIBS := $(or $(shell pkg-config --libs check 2>/dev/null),-lcheck)
UNIT_ASAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
UNIT_TSAN_FLAGS := -fsanitize=thread
# TSan needs a compact address space: on kernels with many mmap random bits
# it can fail at start; running without ASLR (setarch -R) always works, when
# the sandbox allows setting the personality at all.
UNIT_TSAN_RUN = $(shell setarch $$(uname -m) -R true 2>/dev/null && echo setarch $$(uname -m) -R)

CHECK_SUITES += unit unit-asan unit-tsan
.PHONY: unit-tests check-unit check-unit-asan check-unit-tsan

# $(1): suite name (and build directory), $(2): sanitizer flags,
# $(3): environment and wrapper for the run
define UNIT_FLAVOR
$(BUILD)/$(1)/lib/%.o: lib/%.c $(UNIT_HDRS)
	@mkdir -p $$(@D)
	$$(CC) $$(ALL_CFLAGS) $$(GPIOD_CFLAGS) -fvisibility=hidden $(2) -c -o $$@ $$<

$(BUILD)/$(1)/tests/unit/%.o: tests/unit/%.c $(UNIT_HDRS) $(EXAMPLE_DECODER_HDRS)
	@mkdir -p $$(@D)
	$$(CC) $$(ALL_CFLAGS) -Iexamples $(UNIT_CHECK_CFLAGS) -Itools/irqctl $(2) -c -o $$@ $$<

$(BUILD)/$(1)/tools/irqctl/%.o: tools/irqctl/%.c $(UNIT_HDRS)
	@mkdir -p $$(@D)
	$$(CC) $$(ALL_CFLAGS) $(2) -c -o $$@ $$<

# The examples' decoders (examples/examples.mk): pure files the tests feed.
$(BUILD)/$(1)/examples/%.o: examples/%.c $(LIB_HDRS) $(EXAMPLE_DECODER_HDRS)
	@mkdir -p $$(@D)
	$$(CC) $$(ALL_CFLAGS) $(2) -c -o $$@ $$<

$(BUILD)/$(1)/unit-tests: $(LIB_SRCS:%.c=$(BUILD)/$(1)/%.o) $(UNIT_SRCS:%.c=$(BUILD)/$(1)/%.o) \
		$(UNIT_TOOL_SRCS:%.c=$(BUILD)/$(1)/%.o) $(EXAMPLE_DECODER_SRCS:%.c=$(BUILD)/$(1)/%.o)
	$$(CC) $(2) -o $$@ $$^ $(LIB_LDLIBS) $(UNIT_CHECK_LIBS) -lm

unit-tests: $(BUILD)/$(1)/unit-tests

# A failing test fails the suite in the summary, not this make.
check-$(1): $(BUILD)/$(1)/unit-tests
	@mkdir -p $(BUILD)/results
	-CK_TAP_LOG_FILE_NAME=$(BUILD)/results/$(1).tap $(3) $(BUILD)/$(1)/unit-tests
endef

$(eval $(call UNIT_FLAVOR,unit,,))
$(eval $(call UNIT_FLAVOR,unit-asan,$(UNIT_ASAN_FLAGS),ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1))
$(eval $(call UNIT_FLAVOR,unit-tsan,$(UNIT_TSAN_FLAGS),TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 $$(UNIT_TSAN_RUN)))

# The library as installed: staging, pkg-config builds, its exports.
CHECK_SUITES += lib-install
.PHONY: check-lib-install
check-lib-install: $(LIB_A) $(LIB_SO)
	@mkdir -p $(BUILD)/results
	-MAKE="$(MAKE)" BUILD=$(BUILD) CC="$(CC)" tests/unit/test-lib-install >$(BUILD)/results/lib-install.tap; \
		st=$$?; cat $(BUILD)/results/lib-install.tap; exit $$st
