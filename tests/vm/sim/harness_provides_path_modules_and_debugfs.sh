#!/bin/sh
# The guest the harness boots: each test starts with the modules unloaded,
# in an empty working directory; PATH holds the project's tools and tests
# and Debian's gpiod tools; debugfs is mounted; modprobe loads both modules
# and /dev/gpioirq appears.
set -u
fail() { echo "FAIL: $*" >&2; exit 1; }

[ ! -d /sys/module/gpioirq ] || fail "gpioirq loaded at the start"
[ ! -d /sys/module/gpioirq_sim ] || fail "gpioirq-sim loaded at the start"
[ -z "$(ls -A .)" ] || fail "working directory not empty: $(ls -A .)"
case $PWD in /tmp/*) ;; *) fail "working directory $PWD" ;; esac
for t in gpiomon gpioinfo gpioset gpiodetect run-suite \
	harness_provides_path_modules_and_debugfs; do
	command -v $t >/dev/null || fail "$t not on PATH ($PATH)"
done
grep -q ' /sys/kernel/debug debugfs ' /proc/mounts || fail "no debugfs"
grep -q ' /dev devtmpfs ' /proc/mounts || fail "no devtmpfs"

modprobe gpioirq-sim || fail "modprobe gpioirq-sim"
[ -d /sys/kernel/debug/gpioirq-sim ] || fail "no simulator debugfs"
chip=$(cat /sys/kernel/debug/gpioirq-sim/chip)
[ -c /dev/$chip ] || fail "no /dev/$chip"
gpiodetect | grep -q "^$chip \[gpioirq-sim\] (8 lines)" || fail "gpiodetect: $(gpiodetect)"
if [ -e /lib/modules/$(uname -r)/extra/gpioirq.ko ]; then
	modprobe gpioirq || fail "modprobe gpioirq"
	[ -c /dev/gpioirq ] || fail "no /dev/gpioirq"
fi
exit 0
