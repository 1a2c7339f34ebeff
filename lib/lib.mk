# libgpioirq: the shared library (with its soname and version script), the
# static library, gpioirq.pc, and 'make install-lib' (part of 'make install').
#
# Installed layout, under DESTDIR + PREFIX:
#   include/gpioirq.h        the API (its uAPI include rewritten to <gpioirq/uapi.h>)
#   include/gpioirq/uapi.h   include/uapi/gpioirq.h, the kernel ABI
#   lib/libgpioirq.so.X.Y.Z, lib/libgpioirq.so.X (soname), lib/libgpioirq.so
#   lib/libgpioirq.a
#   lib/pkgconfig/gpioirq.pc

LIB_VERSION := $(shell sed -n 's/^\#define GPIOIRQ_VERSION_STRING[[:space:]]*"\(.*\)"/\1/p' include/gpioirq.h)
LIB_SONAME := libgpioirq.so.$(firstword $(subst ., ,$(LIB_VERSION)))
# libgpiod's API generation, from pkg-config: 1.6 (Debian 12) or 2.x (Debian
# 13 on). lib/gpiod1.c or lib/gpiod2.c implements lib/gpiochip.h with it;
# nothing else in user space calls libgpiod.
GPIOD_VERSION := $(shell pkg-config --modversion libgpiod 2>/dev/null)
ifeq ($(GPIOD_VERSION),)
$(error libgpiod not found by pkg-config: install libgpiod-dev (1.6 or 2.x) and pkg-config, or 'make deps')
endif
GPIOD_GEN := $(if $(filter 1.%,$(GPIOD_VERSION)),1,2)
ifeq ($(GPIOD_GEN),1)
GPIOD_REQUIRES := libgpiod >= 1.6, libgpiod < 2
else
GPIOD_REQUIRES := libgpiod >= 2.0
endif
GPIOD_CFLAGS := $(shell pkg-config --cflags libgpiod)
GPIOD_LIBS := $(or $(shell pkg-config --libs libgpiod),-lgpiod)

LIB_SRCS := lib/ctx.c lib/line.c lib/dispatch.c lib/read.c lib/thread.c lib/wait.c lib/info.c lib/output.c lib/gpiochip.c \
	lib/gpiod$(GPIOD_GEN).c
LIB_HDRS := include/gpioirq.h include/uapi/gpioirq.h lib/internal.h lib/ring.h lib/gpiochip.h
LIB_CFLAGS = $(ALL_CFLAGS) $(GPIOD_CFLAGS) -fPIC -fvisibility=hidden
LIB_LDLIBS := $(GPIOD_LIBS) -pthread
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/%.o)
LIB_A := $(BUILD)/lib/libgpioirq.a
LIB_SO := $(BUILD)/lib/libgpioirq.so.$(LIB_VERSION)
LIB_PC := $(BUILD)/lib/gpioirq.pc
LIBDIR ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include

ALL_TARGETS += $(LIB_A) $(LIB_SO) $(LIB_PC)
INSTALL_TARGETS += install-lib

.PHONY: lib install-lib
lib: $(LIB_A) $(LIB_SO) $(LIB_PC)

$(BUILD)/lib/%.o: lib/%.c $(LIB_HDRS)
	@mkdir -p $(@D)
	$(CC) $(LIB_CFLAGS) -c -o $@ $<

$(LIB_A): $(LIB_OBJS)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $^

$(LIB_SO): $(LIB_OBJS) lib/libgpioirq.map
	@mkdir -p $(@D)
	$(CC) -shared -Wl,-soname,$(LIB_SONAME) -Wl,--version-script=lib/libgpioirq.map \
		-Wl,--no-undefined -o $@ $(LIB_OBJS) $(LIB_LDLIBS)
	ln -sf $(notdir $@) $(BUILD)/lib/$(LIB_SONAME)
	ln -sf $(LIB_SONAME) $(BUILD)/lib/libgpioirq.so

# $(1): prefix, $(2): libdir, $(3): includedir
LIB_PC_SED = sed -e 's|@PREFIX@|$(1)|' -e 's|@LIBDIR@|$(2)|' -e 's|@INCLUDEDIR@|$(3)|' \
	-e 's|@VERSION@|$(LIB_VERSION)|' -e 's|@GPIOD_REQUIRES@|$(GPIOD_REQUIRES)|' lib/gpioirq.pc.in

$(LIB_PC): lib/gpioirq.pc.in include/gpioirq.h lib/lib.mk
	@mkdir -p $(@D)
	$(call LIB_PC_SED,$(PREFIX),$(LIBDIR),$(INCLUDEDIR)) >$@

# The .pc is written here, from PREFIX as it is now, not as it was at build.
install-lib: $(LIB_A) $(LIB_SO)
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR)/gpioirq
	install -m 0644 $(LIB_A) $(DESTDIR)$(LIBDIR)/
	install -m 0755 $(LIB_SO) $(DESTDIR)$(LIBDIR)/
	ln -sf $(notdir $(LIB_SO)) $(DESTDIR)$(LIBDIR)/$(LIB_SONAME)
	ln -sf $(LIB_SONAME) $(DESTDIR)$(LIBDIR)/libgpioirq.so
	sed 's|^#include "uapi/gpioirq.h"$$|#include <gpioirq/uapi.h>|' include/gpioirq.h \
		>$(DESTDIR)$(INCLUDEDIR)/gpioirq.h
	chmod 0644 $(DESTDIR)$(INCLUDEDIR)/gpioirq.h
	install -m 0644 include/uapi/gpioirq.h $(DESTDIR)$(INCLUDEDIR)/gpioirq/uapi.h
	$(call LIB_PC_SED,$(PREFIX),$(LIBDIR),$(INCLUDEDIR)) >$(DESTDIR)$(LIBDIR)/pkgconfig/gpioirq.pc
	@if [ -z "$(DESTDIR)" ] && command -v ldconfig >/dev/null; then set -x; ldconfig; fi

# 'make bench-lib' (part of 'make bench'): edge-to-callback latency per
# dispatch mode, in the VM against the simulator. Numbers, no pass/fail.
BENCH_TARGETS += bench-lib
LIB_BENCH := $(BUILD)/bench/lib-latency
.PHONY: bench-lib
# vmtest.o by name: tests/vm/vm.mk (its rule) is read after this file.
$(LIB_BENCH): tests/vm/lib/bench/latency.c $(LIB_A) $(BUILD)/tests/vm/common/vmtest.o $(LIB_HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/vm/common -o $@ $< $(BUILD)/tests/vm/common/vmtest.o \
		$(LIB_A) $(LIB_LDLIBS)

bench-lib: $(LIB_BENCH)
	tests/vm/run --timeout 600 $(LIB_BENCH) $(LIB_BENCH_ARGS)

# The same on a kernel of the matrix with a BH workqueue (6.9+), built with
# that release's user space: 'make bench-lib@6.12-amd64' (or sid-amd64).
bench-lib@%: modules-%
	@rel=$$(awk -v e=$* '!/^#/ && $$1 == e { print $$2 }' tests/targets/matrix) && \
	scripts/inroot $$rel $(MAKE) -s BUILD=$(BUILD)/rel/$$rel userspace $(BUILD)/rel/$$rel/bench/lib-latency && \
	BUILD=$(BUILD)/rel/$$rel VM_TOP=$(BUILD) tests/vm/run --target $* --timeout 600 \
		$(BUILD)/rel/$$rel/bench/lib-latency $(LIB_BENCH_ARGS)
