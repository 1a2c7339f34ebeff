# tests/vm/vm.mk: the in-guest test programs and the VM suites of 'make check'.
#
# For each suite directory tests/vm/SUITE/ of VM_SUITES that exists:
#   tests/vm/SUITE/*.c         one test program each, linked with
#                              tests/vm/common/vmtest.c (and, for lib and
#                              irqctl, libgpioirq.a and libgpiod)
#                              -> $(BUILD)/tests/vm/SUITE/NAME
#   tests/vm/SUITE/*.sh and other executable files
#                              -> copied, without .sh, as $(BUILD)/tests/vm/SUITE/NAME
#   tests/vm/SUITE/timeouts    optional: lines "NAME SECONDS" for tests that
#                              need more than the runner's 60 s
#   make check-vm-SUITE        runs the suite in one VM boot and writes
#                              $(BUILD)/results/vm-SUITE.tap (and .log)
# VM_BUILD_ONLY suites are built into the image, their check rules are
# elsewhere (rt: tests/targets/targets.mk, on the amd64-rt target).

VM_SUITES := $(patsubst tests/vm/%/,%,$(wildcard $(addprefix tests/vm/,$(addsuffix /,module lib irqctl sim hostile examples))))
VM_BUILD_ONLY := $(patsubst tests/vm/%/,%,$(wildcard tests/vm/rt/))
VM_COMMON_OBJ := $(BUILD)/tests/vm/common/vmtest.o
VM_CFLAGS = $(ALL_CFLAGS) -Itests/vm/common
VM_HDRS := $(wildcard tests/vm/common/*.h) $(wildcard include/*.h include/uapi/*.h)
# Suites that use the library: its static archive when lib/lib.mk defines
# one (LIB_A), and libgpiod.
VM_LIB_SUITES := lib irqctl
VM_LIB_A := $(if $(wildcard lib/lib.mk),$(LIB_A))

$(VM_COMMON_OBJ): tests/vm/common/vmtest.c tests/vm/common/vmtest.h
	@mkdir -p $(@D)
	$(CC) $(VM_CFLAGS) -c -o $@ $<

# vm-suite-rules SUITE: the programs and scripts of one suite.
define vm-suite-rules
VM_C_$(1) := $$(patsubst tests/vm/$(1)/%.c,$$(BUILD)/tests/vm/$(1)/%,$$(wildcard tests/vm/$(1)/*.c))
VM_SH_$(1) := $$(patsubst tests/vm/$(1)/%,$$(BUILD)/tests/vm/$(1)/%,$$(basename $$(sort $$(shell \
	find tests/vm/$(1) -maxdepth 1 -type f \( -name '*.sh' -o -perm -u+x ! -name '*.[ch]' \)))))
VM_EXTRA_$(1) := $$(if $$(wildcard tests/vm/$(1)/timeouts),$$(BUILD)/tests/vm/$(1)/timeouts)
VM_LINK_$(1) := $$(if $$(filter $(1),$$(VM_LIB_SUITES)),$$(VM_LIB_A) $$(LIB_LDLIBS))
VM_TESTS_$(1) := $$(VM_C_$(1)) $$(VM_SH_$(1)) $$(VM_EXTRA_$(1))
ALL_TARGETS += $$(VM_TESTS_$(1))

$$(VM_C_$(1)): $$(BUILD)/tests/vm/$(1)/%: tests/vm/$(1)/%.c $$(VM_COMMON_OBJ) $$(VM_HDRS) \
		$$(wildcard tests/vm/$(1)/*.h) $$(if $$(filter $(1),$$(VM_LIB_SUITES)),$$(VM_LIB_A))
	@mkdir -p $$(@D)
	$$(CC) $$(VM_CFLAGS) -Itests/vm/$(1) $$(if $$(filter $(1),$$(VM_LIB_SUITES)),-Ilib) -o $$@ $$< $$(VM_COMMON_OBJ) $$(VM_LINK_$(1)) $$(LDLIBS_PTHREAD)

$$(BUILD)/tests/vm/$(1)/%: tests/vm/$(1)/%.sh
	@mkdir -p $$(@D)
	cp $$< $$@ && chmod 755 $$@

$$(BUILD)/tests/vm/$(1)/timeouts: tests/vm/$(1)/timeouts
	@mkdir -p $$(@D)
	cp $$< $$@
endef

# vm-check-rule SUITE: check-vm-SUITE, one VM boot for the whole suite.
define vm-check-rule
.PHONY: check-vm-$(1)
check-vm-$(1): $$(VM_TESTS_$(1))
	@mkdir -p $$(BUILD)/results
	BUILD=$$(BUILD) tests/vm/check-suite $(1) $$(BUILD)/results/vm-$(1).tap
endef

$(foreach s,$(VM_SUITES) $(VM_BUILD_ONLY),$(eval $(call vm-suite-rules,$(s))))
$(foreach s,$(VM_SUITES),$(eval $(call vm-check-rule,$(s))))

# Executable test files without an extension: copied as they are.
$(BUILD)/tests/vm/%: tests/vm/%
	@mkdir -p $(@D)
	cp $< $@ && chmod 755 $@

# 'make check' runs these suites on every kernel of the matrix
# (tests/targets/matrix.mk: vm-SUITE@ENTRY); check-vm-SUITE here runs one on
# the host's kernel (target amd64), for iteration.
