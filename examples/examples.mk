# The examples of libgpioirq, built by 'make' into $(BUILD)/examples/. They
# link the static library, so they run in the VM without installing it; a
# program of your own links with: pkg-config --cflags --libs gpioirq.
#
# The four classic jobs (encoder, s0meter, nec, pps) keep their decoding in a
# pure file of its own (no I/O: EXAMPLE_DECODER_SRCS), which the unit tests
# (tests/unit/test-example-*.c) feed synthetic events on the host.

EXAMPLES := button pulse epoll encoder s0meter nec pps
EXAMPLE_BINS := $(EXAMPLES:%=$(BUILD)/examples/%)
EXAMPLE_DECODER_SRCS := examples/quadrature.c examples/edgemerge.c examples/pulsecount.c examples/persist.c \
	examples/nec-decoder.c examples/ppsstat.c
EXAMPLE_DECODER_HDRS := $(EXAMPLE_DECODER_SRCS:%.c=%.h)

# Each program's decoder files.
EXAMPLE_DEPS_encoder := examples/quadrature.c examples/edgemerge.c
EXAMPLE_DEPS_s0meter := examples/pulsecount.c examples/persist.c
EXAMPLE_DEPS_nec := examples/nec-decoder.c
EXAMPLE_DEPS_pps := examples/ppsstat.c

ALL_TARGETS += $(EXAMPLE_BINS)
.PHONY: examples
examples: $(EXAMPLE_BINS)

# example-rule NAME: the program and its decoder files.
define example-rule
$(BUILD)/examples/$(1): examples/$(1).c $(EXAMPLE_DEPS_$(1)) $(EXAMPLE_DECODER_HDRS) $(LIB_A) \
		include/gpioirq.h include/uapi/gpioirq.h
	@mkdir -p $$(@D)
	$$(CC) $$(ALL_CFLAGS) -Iexamples -o $$@ $$< $(EXAMPLE_DEPS_$(1)) $(LIB_A) $(LIB_LDLIBS) -lm
endef
$(foreach e,$(EXAMPLES),$(eval $(call example-rule,$(e))))
