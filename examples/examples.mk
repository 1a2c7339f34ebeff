# The examples of libgpioirq, built by 'make' into $(BUILD)/examples/. They
# link the static library, so they run in the VM without installing it; a
# program of your own links with: pkg-config --cflags --libs gpioirq.

EXAMPLES := button pulse epoll
EXAMPLE_BINS := $(EXAMPLES:%=$(BUILD)/examples/%)

ALL_TARGETS += $(EXAMPLE_BINS)
.PHONY: examples
examples: $(EXAMPLE_BINS)

$(BUILD)/examples/%: examples/%.c $(LIB_A) include/gpioirq.h include/uapi/gpioirq.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_A) $(LIB_LDLIBS)
