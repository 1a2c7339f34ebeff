# Cross-build settings, read BEFORE the top-level Makefile so that every
# fragment sees them when it names its targets:
#
#   make -f tests/targets/cross.make -f Makefile ARCH=arm64 [GOALS]
#
# (what 'make arm64' runs; tests/targets/targets.mk). Not a fragment: its name
# does not match the Makefile's include patterns. Defines variables only.
#
# arm64: user space is built with Debian's aarch64-linux-gnu-gcc, its own C
# library (/usr/aarch64-linux-gnu), and libgpiod and Check from Debian's arm64
# packages unpacked by scripts/fetch-arm64 into $(ARM64_SYSROOT); the module
# against the unpacked linux-headers-*-arm64. Nothing arm64 is installed on
# the host.
ifeq ($(ARCH),arm64)
GPIOIRQ_CROSS := arm64
# The host's make exports KVER and KDIR: only the command line may override
# what is set here.
ifneq ($(origin BUILD),command line)
BUILD := build/arm64
endif
ARM64_SYSROOT := $(BUILD)/sysroot
CROSS_COMPILE := aarch64-linux-gnu-
CC := $(CROSS_COMPILE)gcc
# The sysroot's headers come after the project's (-Iinclude) and are system
# headers (no warnings from them); the linker finds the sysroot's libraries
# and, through them, their own dependencies.
ARM64_LIBDIR := $(ARM64_SYSROOT)/usr/lib/aarch64-linux-gnu
CFLAGS ?= -O2 -g
override CFLAGS += -isystem $(ARM64_SYSROOT)/usr/include
LDFLAGS += -L$(ARM64_LIBDIR) -Wl,-rpath-link,$(ARM64_LIBDIR)
CC += $(LDFLAGS)
AR := $(CROSS_COMPILE)ar
STRIP := $(CROSS_COMPILE)strip
export PKG_CONFIG_LIBDIR := $(abspath $(ARM64_LIBDIR))/pkgconfig
export PKG_CONFIG_SYSROOT_DIR := $(abspath $(ARM64_SYSROOT))
ifneq ($(origin KVER),command line)
KVER := $(patsubst %-amd64,%,$(shell scripts/kver 2>/dev/null))-arm64
endif
ifneq ($(origin KDIR),command line)
KDIR := $(abspath $(ARM64_SYSROOT))/usr/src/linux-headers-$(KVER)
endif
export KVER KDIR
else
$(error tests/targets/cross.make: ARCH=$(ARCH) is not a target; use ARCH=arm64)
endif
