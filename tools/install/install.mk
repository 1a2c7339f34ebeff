# Install rules for what is neither a library nor a program: the kernel
# modules, the udev rule (and the gpio group it names), the DKMS source tree.
# With DESTDIR set (staging, packaging) nothing on this machine is changed
# besides files under DESTDIR: no depmod, no groupadd, no udev reload.
GPIOIRQ_DKMS_VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"$$/\1/p' packaging/dkms.conf)
# Where Kbuild's own modules_install puts external modules.
MODULEDIR ?= /lib/modules/$(KVER)/extra
# udev reads /etc and /usr/lib, never PREFIX=/usr/local.
UDEVRULESDIR ?= /etc/udev/rules.d
DKMSSRCDIR ?= /usr/src/gpioirq-$(GPIOIRQ_DKMS_VERSION)

INSTALL_TARGETS += install-module install-udev install-dkms
.PHONY: install-module install-udev install-dkms

install-module: modules
	install -d $(DESTDIR)$(MODULEDIR)
	install -m 0644 kmod/gpioirq.ko kmod/sim/gpioirq-sim.ko $(DESTDIR)$(MODULEDIR)/
	@if [ -z "$(DESTDIR)" ]; then set -x; depmod -a $(KVER); fi

install-udev:
	install -D -m 0644 packaging/60-gpioirq.rules $(DESTDIR)$(UDEVRULESDIR)/60-gpioirq.rules
	@if [ -z "$(DESTDIR)" ]; then \
		getent group gpio >/dev/null || (set -x; groupadd --system gpio); \
		if command -v udevadm >/dev/null && [ -d /run/udev ]; then \
			udevadm control --reload; \
			udevadm trigger --subsystem-match=misc --sysname-match=gpioirq || true; \
		fi; \
		echo "install-udev: /dev/gpioirq is group gpio, mode 0660; add users with: usermod -aG gpio USER (and log in again)"; \
	fi

# Sources only, in the shape kmod/Kbuild expects (kmod/ next to include/uapi/).
install-dkms:
	rm -rf $(DESTDIR)$(DKMSSRCDIR)
	install -d $(DESTDIR)$(DKMSSRCDIR)
	find kmod include/uapi -type f \( -name '*.[ch]' -o -name Kbuild -o -name Makefile \) ! -name '*.mod.c' | \
		while read -r f; do install -D -m 0644 "$$f" "$(DESTDIR)$(DKMSSRCDIR)/$$f" || exit 1; done
	install -m 0644 packaging/dkms.conf $(DESTDIR)$(DKMSSRCDIR)/dkms.conf
	@echo "install-dkms: register with: dkms add -m gpioirq -v $(GPIOIRQ_DKMS_VERSION) && dkms install -m gpioirq -v $(GPIOIRQ_DKMS_VERSION)"
