# tools/plot: plot-record draws a recording of 'irqctl record --format csv'
# as an SVG (gnuplot), used by 'make demo' and installed with irqctl.
#   make install-plot   PREFIX/bin/gpioirq-plot-record
#   make check-plot     the plot suite (tests/plot/check-plot): results/plot.tap
INSTALL_TARGETS += install-plot
CHECK_SUITES += plot
.PHONY: install-plot check-plot

install-plot:
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 tools/plot/plot-record $(DESTDIR)$(PREFIX)/bin/gpioirq-plot-record

# Never fails: a failing check is a 'not ok' line in the suite's TAP.
check-plot:
	@mkdir -p $(BUILD)/results $(BUILD)/plot
	-tests/plot/check-plot $(BUILD)/plot >$(BUILD)/results/plot.tap 2>&1; \
		cat $(BUILD)/results/plot.tap
