# irqctl: the command-line tool, on libgpioirq (static) and libgpiod 1.6.
IRQCTL_SRCS := $(wildcard tools/irqctl/*.c)
IRQCTL_OBJS := $(IRQCTL_SRCS:%.c=$(BUILD)/%.o)
IRQCTL_HDRS := tools/irqctl/irqctl.h include/gpioirq.h include/uapi/gpioirq.h

ALL_TARGETS += $(BUILD)/bin/irqctl
INSTALL_TARGETS += install-irqctl

$(BUILD)/bin/irqctl: $(IRQCTL_OBJS) $(BUILD)/lib/libgpioirq.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $(IRQCTL_OBJS) $(BUILD)/lib/libgpioirq.a -lgpiod $(LDLIBS_PTHREAD)

$(IRQCTL_OBJS): $(BUILD)/tools/irqctl/%.o: tools/irqctl/%.c $(IRQCTL_HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

.PHONY: install-irqctl
install-irqctl: $(BUILD)/bin/irqctl
	install -D -m 0755 $(BUILD)/bin/irqctl $(DESTDIR)$(PREFIX)/bin/irqctl
	install -D -m 0644 tools/irqctl/irqctl.1 $(DESTDIR)$(PREFIX)/share/man/man1/irqctl.1
