# Shared by scripts/fetch-arm64 and scripts/fetch-amd64-rt (sourced, not run).
#
# A foreign kernel (another architecture, or the PREEMPT_RT flavour) is never
# installed on the host: its .debs are downloaded with apt and unpacked into a
# folder under build/, so the host's own kernel, headers and scripts/kver stay
# as they are. The result is cached: a stamp lists the exact packages and
# versions, and a run that finds the same stamp does nothing, with no network.

# fetch_abi: the Debian kernel ABI the host builds for ("6.1.0-56") and the
# source package version of that ABI ("6.1.192-2"), from the installed
# linux-headers-ABI-common: the foreign kernel is the very same release, so its
# headers work with the host's linux-kbuild-6.1 (the kbuild tools are host
# binaries and must match the headers' release).
fetch_abi() {
	kver=$(scripts/kver)
	ABI=${kver%-amd64}
	ABI=${ABI%-rt}
	SRCVER=$(dpkg-query -W -f='${Version}' "linux-headers-$ABI-common" 2>/dev/null) || {
		echo "fetch: linux-headers-$ABI-common is not installed; run 'make deps'" >&2
		exit 1
	}
	KBUILD=/usr/lib/linux-kbuild-${ABI%%.0-*}
	[ -d "$KBUILD/scripts" ] || {
		echo "fetch: $KBUILD is missing; run 'make deps'" >&2
		exit 1
	}
}

# fetch_cached DIR PKG...: true when DIR already holds exactly PKG...
# (apt names, with :arch and =version as apt-get takes them) unpacked at this
# very path (the fixed-up headers name it).
fetch_cached() {
	dir=$1
	shift
	[ -f "$dir/stamp" ] &&
		[ "$(cat "$dir/stamp")" = "$(fetch_want "$dir" "$@")" ]
}

fetch_want() {
	echo "$(cd "$1" 2>/dev/null && pwd || echo "$1")"
	shift
	printf '%s\n' "$@"
}

# fetch_debs DIR PKG...: download PKG... and unpack them all into DIR/sysroot.
fetch_debs() {
	dir=$1
	shift
	if [ "$(id -u)" -ne 0 ]; then
		echo "fetch: run as root (apt-get update may be needed)" >&2
		exit 1
	fi
	echo "fetch: downloading into $dir: $*"
	rm -rf "$dir/debs" "$dir/sysroot" "$dir/stamp"
	mkdir -p "$dir/debs" "$dir/sysroot"
	# apt's sandbox user cannot write under build/; download in a folder it
	# may write to, then move the files.
	tmp=$(mktemp -d)
	chmod 0777 "$tmp"
	if ! (cd "$tmp" && apt-get download -q "$@" >/dev/null 2>&1); then
		# The lists may predate the packages (fresh machine, new arch).
		apt-get update -qq
		(cd "$tmp" && apt-get download -q "$@" >/dev/null)
	fi
	mv "$tmp"/*.deb "$dir/debs/"
	rmdir "$tmp"
	for d in "$dir"/debs/*.deb; do
		dpkg-deb -x "$d" "$dir/sysroot"
	done
}

# fetch_stamp DIR PKG...: record that DIR is complete.
fetch_stamp() {
	dir=$1
	fetch_want "$@" >"$dir/stamp"
}

# fetch_fix_headers SYSROOT FLAVOUR: make the unpacked
# linux-headers-ABI-FLAVOUR usable from where it lies: its Makefile includes
# the -common tree by absolute path, and both trees link scripts/ and tools/
# to ../../lib/linux-kbuild-6.1, which the packages do not hold (for arm64
# they would be arm64 binaries anyway): point them at the host's kbuild.
fetch_fix_headers() {
	src=$1/usr/src
	hdr=$src/linux-headers-$ABI-$2
	common=$(sed -n 's|^include /usr/src/\(linux-headers-[^/]*\)/Makefile$|\1|p' "$hdr/Makefile")
	[ -n "$common" ] && [ -d "$src/$common" ] || {
		echo "fetch: $hdr/Makefile includes $common, which is not unpacked" >&2
		exit 1
	}
	echo "include $(cd "$src/$common" && pwd)/Makefile" >"$hdr/Makefile"
	for t in "$hdr" "$src/$common"; do
		ln -sfn "$KBUILD/scripts" "$t/scripts"
		ln -sfn "$KBUILD/tools" "$t/tools"
	done
}
