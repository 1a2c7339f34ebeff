# bindings/python: the gpioirq Python package, a C extension over libgpioirq
# (statically linked: the package needs no LD_LIBRARY_PATH) and a pure-Python
# layer, with its dist-info (entry points: the gpiozero pin factory).
#
#   make                     $(BUILD)/python/gpioirq/ and its dist-info: use it
#                            from the build tree with PYTHONPATH=$(BUILD)/python
#   make install-python      (part of 'make install') into $(PYTHON_SITEDIR)
#
# Built with Debian's python3 and python3-dev (PYTHON= another interpreter);
# skipped, with a note, when Python's headers are missing or when
# cross-building: the Python suites then fail, they do not skip.

PYTHON ?= $(if $(wildcard /usr/bin/python3),/usr/bin/python3,python3)
ifeq ($(GPIOIRQ_CROSS),)
PY_INCLUDE := $(shell $(PYTHON) -c 'import sysconfig; print(sysconfig.get_paths()["include"])' 2>/dev/null)
endif
ifneq ($(wildcard $(PY_INCLUDE)/Python.h),)
PY_EXT_SUFFIX := $(shell $(PYTHON) -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
# Where 'make install' puts the package: the interpreter's site directory
# under PREFIX (Debian: /usr/local/lib/python3.X/dist-packages).
PYTHON_SITEDIR ?= $(shell $(PYTHON) -c 'import sysconfig; \
	local = "$(PREFIX)" == "/usr/local" and "posix_local" in sysconfig.get_scheme_names(); \
	base = "/usr" if local else "$(PREFIX)"; \
	print(sysconfig.get_path("platlib", "posix_local" if local else "posix_prefix", \
		vars={"platbase": base, "base": base}))')
PY_DIR := $(BUILD)/python
PY_PKG := $(PY_DIR)/gpioirq
PY_EXT := $(PY_PKG)/_gpioirq$(PY_EXT_SUFFIX)
PY_EXT_SRCS := $(wildcard bindings/python/ext/*.c)
PY_EXT_OBJS := $(PY_EXT_SRCS:%.c=$(BUILD)/%.o)
PY_SRCS := $(wildcard bindings/python/gpioirq/*.py)
PY_FILES := $(PY_SRCS:bindings/python/gpioirq/%=$(PY_PKG)/%)
PY_DISTINFO := $(PY_DIR)/gpioirq-$(LIB_VERSION).dist-info
PY_META := $(PY_DISTINFO)/METADATA $(PY_DISTINFO)/entry_points.txt $(PY_DISTINFO)/top_level.txt
# Python.h is not -Wextra clean on every release (unused parameters in
# inline functions): a system header.
PY_CFLAGS = $(ALL_CFLAGS) -isystem $(PY_INCLUDE) -fPIC -fvisibility=hidden -fno-strict-aliasing

# The Python examples, next to the C ones (as button.py, ...): in the VM
# they are on PATH.
PY_EXAMPLES := $(patsubst examples/python/%,$(BUILD)/examples/%,$(wildcard examples/python/*.py))

ALL_TARGETS += $(PY_EXT) $(PY_FILES) $(PY_META) $(PY_EXAMPLES)
INSTALL_TARGETS += install-python

$(BUILD)/bindings/python/ext/%.o: bindings/python/ext/%.c bindings/python/ext/internal.h $(LIB_HDRS)
	@mkdir -p $(@D)
	$(CC) $(PY_CFLAGS) -c -o $@ $<

# Only PyInit__gpioirq is exported: the archive's symbols stay inside.
$(PY_EXT): $(PY_EXT_OBJS) $(LIB_A)
	@mkdir -p $(@D)
	$(CC) -shared -Wl,--exclude-libs,ALL -o $@ $(PY_EXT_OBJS) $(LIB_A) $(LIB_LDLIBS)

$(PY_PKG)/%.py: bindings/python/gpioirq/%.py
	@mkdir -p $(@D)
	cp $< $@

$(BUILD)/examples/%.py: examples/python/%.py
	@mkdir -p $(@D)
	cp -p $< $@

$(PY_DISTINFO)/%: bindings/python/dist-info/% include/gpioirq.h
	@mkdir -p $(@D)
	sed 's|@VERSION@|$(LIB_VERSION)|' $< >$@

# The RECORD lists what was installed (pip uninstall reads it).
.PHONY: install-python
install-python: $(PY_EXT) $(PY_FILES) $(PY_META)
	install -d $(DESTDIR)$(PYTHON_SITEDIR)/gpioirq $(DESTDIR)$(PYTHON_SITEDIR)/$(notdir $(PY_DISTINFO))
	install -m 0644 $(PY_FILES) $(DESTDIR)$(PYTHON_SITEDIR)/gpioirq/
	install -m 0755 $(PY_EXT) $(DESTDIR)$(PYTHON_SITEDIR)/gpioirq/
	install -m 0644 $(PY_META) $(DESTDIR)$(PYTHON_SITEDIR)/$(notdir $(PY_DISTINFO))/
	echo make >$(DESTDIR)$(PYTHON_SITEDIR)/$(notdir $(PY_DISTINFO))/INSTALLER
	cd $(DESTDIR)$(PYTHON_SITEDIR) && \
		for f in gpioirq/* $(notdir $(PY_DISTINFO))/*; do \
			[ "$$f" != $(notdir $(PY_DISTINFO))/RECORD ] || continue; \
			echo "$$f,sha256=$$($(PYTHON) -c 'import base64, hashlib, sys; \
				print(base64.urlsafe_b64encode(hashlib.sha256(open(sys.argv[1], "rb").read()).digest()).rstrip(b"=").decode())' "$$f"),$$(stat -c %s "$$f")"; \
		done >$(notdir $(PY_DISTINFO))/RECORD && \
		echo "$(notdir $(PY_DISTINFO))/RECORD,," >>$(notdir $(PY_DISTINFO))/RECORD
# Host tests (no module, no device: bindings/python/tests), plain and with
# the extension and the library built with ASan+UBSan (libasan preloaded
# into python3; CPython's own allocations at exit are not leaks of ours).
PY_ASAN_DIR := $(BUILD)/python-asan
PY_ASAN_OBJS := $(PY_EXT_SRCS:%.c=$(PY_ASAN_DIR)/%.o) $(LIB_SRCS:%.c=$(PY_ASAN_DIR)/%.o)
PY_ASAN_EXT := $(PY_ASAN_DIR)/gpioirq/_gpioirq$(PY_EXT_SUFFIX)
PY_ASAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
CHECK_SUITES += python-host python-host-asan
.PHONY: check-python-host check-python-host-asan

$(PY_ASAN_DIR)/bindings/python/ext/%.o: bindings/python/ext/%.c bindings/python/ext/internal.h $(LIB_HDRS)
	@mkdir -p $(@D)
	$(CC) $(PY_CFLAGS) $(PY_ASAN_FLAGS) -c -o $@ $<
$(PY_ASAN_DIR)/lib/%.o: lib/%.c $(LIB_HDRS)
	@mkdir -p $(@D)
	$(CC) $(LIB_CFLAGS) $(PY_ASAN_FLAGS) -c -o $@ $<
$(PY_ASAN_EXT): $(PY_ASAN_OBJS) $(PY_FILES) $(PY_META)
	@mkdir -p $(@D)
	cp -p $(PY_FILES) $(@D)/ && cp -rp $(PY_DISTINFO) $(PY_ASAN_DIR)/
	$(CC) -shared $(PY_ASAN_FLAGS) -o $@ $(PY_ASAN_OBJS) $(LIB_LDLIBS)

check-python-host: $(PY_EXT) $(PY_FILES) $(PY_META)
	@mkdir -p $(BUILD)/results
	-GPIOIRQ_TAP=$(BUILD)/results/python-host.tap PYTHONPATH=$(PY_DIR) PYTHONDONTWRITEBYTECODE=1 \
		$(PYTHON) -m pytest -q -p no:cacheprovider bindings/python/tests

check-python-host-asan: $(PY_ASAN_EXT)
	@mkdir -p $(BUILD)/results
	-GPIOIRQ_TAP=$(BUILD)/results/python-host-asan.tap PYTHONPATH=$(PY_ASAN_DIR) PYTHONDONTWRITEBYTECODE=1 \
		LD_PRELOAD=$$($(CC) -print-file-name=libasan.so) ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 \
		UBSAN_OPTIONS=print_stacktrace=1 $(PYTHON) -m pytest -q -p no:cacheprovider bindings/python/tests
else
$(info bindings/python: no Python.h for $(PYTHON) (apt install python3-dev): the Python binding is not built)
endif
