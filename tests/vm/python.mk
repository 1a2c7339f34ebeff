# tests/vm/python.mk: the Python binding's VM suite, tests/vm/python/.
#
#   tests/vm/python/*.py        executable ones are the tests (each runs its
#                               own pytest: one test program per file, as
#                               run-suite wants); the others (simtest.py,
#                               conftest.py) are their helpers
#                               -> $(BUILD)/tests/vm/python/
#   make check-vm-python        one VM boot on the host's kernel (target
#                               amd64), with the python layer (VM_PYTHON=1,
#                               tests/vm/mkpython): results/vm-python.tap
#   make check-vm-python@ENTRY  the same on an amd64 entry of the matrix, with
#                               its release's python3 and pytest
#
# 'make check' runs it once per userland release of the matrix, on its amd64
# kernel (PYTHON_ENTRIES): the binding is user space over the library, whose
# kernels, flavours and architectures the lib suite covers.

VM_PY_SRCS := $(wildcard tests/vm/python/*.py)
VM_PY_FILES := $(VM_PY_SRCS:tests/vm/%=$(BUILD)/tests/vm/%)
VM_PY_TIMEOUTS := $(if $(wildcard tests/vm/python/timeouts),$(BUILD)/tests/vm/python/timeouts)
ALL_TARGETS += $(VM_PY_FILES) $(VM_PY_TIMEOUTS)

# cp -p: the tests stay executable, the helpers do not.
$(BUILD)/tests/vm/python/%.py: tests/vm/python/%.py
	@mkdir -p $(@D)
	cp -p $< $@

# Not a test: not executable (run-suite runs what is).
$(BUILD)/tests/vm/python/timeouts: tests/vm/python/timeouts
	@mkdir -p $(@D)
	cp $< $@

.PHONY: check-vm-python
check-vm-python: $(VM_PY_FILES) $(VM_PY_TIMEOUTS) $(PY_EXT)
	@mkdir -p $(BUILD)/results
	BUILD=$(BUILD) VM_PYTHON=1 tests/vm/check-suite python $(BUILD)/results/vm-python.tap

ifeq ($(GPIOIRQ_CROSS),)
PYTHON_ENTRIES := 5.10-amd64 6.1-amd64 6.12-amd64 sid-amd64
CHECK_SUITES += $(PYTHON_ENTRIES:%=vm-python@%)
.PHONY: $(PYTHON_ENTRIES:%=check-vm-python@%)

# python-entry ENTRY RELEASE
define python-entry
check-vm-python@$(1): modules-$(1) userspace@$(2)
	@mkdir -p $(BUILD)/results
	BUILD=$(BUILD)/rel/$(2) VM_TARGET=$(1) VM_TOP=$(BUILD) VM_PYTHON=1 \
		tests/vm/check-suite python $(BUILD)/results/vm-python@$(1).tap
endef
$(foreach e,$(PYTHON_ENTRIES),$(eval $(call python-entry,$(e),$(call matrix-field,$(e),2))))
endif
