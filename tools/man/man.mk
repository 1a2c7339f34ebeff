# The library's man pages, man/man3: one per function of include/gpioirq.h
# (families share one, with .so link pages), and libgpioirq.3, the overview.
#   make install-man3   (part of 'make install') into PREFIX/share/man/man3
#   make check-man3     the man3 suite: each page renders with no warning,
#                       every exported function has a page, synopses match the
#                       header, and the overview's example builds
# man/ is not a directory the top-level Makefile reads fragments from, so this
# fragment lives here.
MAN3_PAGES := $(sort $(wildcard man/man3/*.3))
MAN3DIR ?= $(PREFIX)/share/man/man3

INSTALL_TARGETS += install-man3
CHECK_SUITES += man3
.PHONY: install-man3 check-man3

# Link pages (.so man3/...) are installed as they are: man-db follows them.
install-man3:
	install -d $(DESTDIR)$(MAN3DIR)
	install -m 0644 $(MAN3_PAGES) $(DESTDIR)$(MAN3DIR)/

# Never fails: a failing check is a 'not ok' line in the suite's TAP.
check-man3:
	@mkdir -p $(BUILD)/results
	-CC='$(CC)' CFLAGS='$(ALL_CFLAGS)' LIBS='$(LIB_A) $(LIB_LDLIBS)' \
		tools/man/check-man3 $(BUILD)/man3 >$(BUILD)/results/man3.tap 2>&1; \
		cat $(BUILD)/results/man3.tap
