# irqctl: the command-line tool, on libgpioirq (static), and libgpiod only through
# lib/gpiochip.h (in the static library), so it builds with 1.6 and 2.x alike.
IRQCTL_SRCS := $(wildcard tools/irqctl/*.c)
IRQCTL_OBJS := $(IRQCTL_SRCS:%.c=$(BUILD)/%.o)
IRQCTL_HDRS := tools/irqctl/irqctl.h include/gpioirq.h include/uapi/gpioirq.h lib/gpiochip.h

ALL_TARGETS += $(BUILD)/bin/irqctl
INSTALL_TARGETS += install-irqctl

$(BUILD)/bin/irqctl: $(IRQCTL_OBJS) $(BUILD)/lib/libgpioirq.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $(IRQCTL_OBJS) $(BUILD)/lib/libgpioirq.a $(LIB_LDLIBS)

$(IRQCTL_OBJS): $(BUILD)/tools/irqctl/%.o: tools/irqctl/%.c $(IRQCTL_HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Ilib -c -o $@ $<

.PHONY: install-irqctl
install-irqctl: $(BUILD)/bin/irqctl
	install -D -m 0755 $(BUILD)/bin/irqctl $(DESTDIR)$(PREFIX)/bin/irqctl
	install -D -m 0644 tools/irqctl/irqctl.1 $(DESTDIR)$(PREFIX)/share/man/man1/irqctl.1
