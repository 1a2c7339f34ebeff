# Packaging checks: DKMS builds the module from the tree 'make install-dkms'
# installs (packaging/test-dkms), and 'make install DESTDIR=...' puts every
# installed part where the docs say (tests/packaging/test-install).
CHECK_SUITES += dkms install

.PHONY: check-dkms check-install
check-dkms:
	@mkdir -p $(BUILD)/results
	MAKE="$(MAKE)" packaging/test-dkms $(KVER) >$(BUILD)/results/dkms.tap; st=$$?; \
		cat $(BUILD)/results/dkms.tap; exit $$st

check-install:
	@mkdir -p $(BUILD)/results
	MAKE="$(MAKE)" BUILD=$(BUILD) tests/packaging/test-install >$(BUILD)/results/install.tap; st=$$?; \
		cat $(BUILD)/results/install.tap; exit $$st
