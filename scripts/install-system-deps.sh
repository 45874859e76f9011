#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages modleak's tests and demo need: QEMU, busybox, kmod,
# cpio, the C toolchain, glibc's mtrace (benchmark and differential test), and the kernel
# headers of the two CI kernels: Debian's cloud kernel 6.1 (bookworm) and 6.12
# (bookworm-backports). `modleak run` installs what it misses by itself; this script is for
# CI and for machines that will run the test suite.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo -n"; fi

$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends \
  qemu-system-x86 busybox-static kmod cpio zstd xz-utils libc-dev-bin libc6-dev gcc make binutils \
  bc flex bison libelf-dev ca-certificates

. /etc/os-release
if [ "${ID:-}" = debian ] && [ "${VERSION_CODENAME:-}" = bookworm ]; then
  $SUDO apt-get install -y -q --no-install-recommends linux-headers-cloud-amd64
  # 6.12 comes from bookworm-backports: add it the way the machine already reaches Debian.
  if ! apt-cache policy | grep -q 'bookworm-backports'; then
    node scripts/add-backports-source.mjs
    $SUDO apt-get update -q
  fi
  $SUDO apt-get install -y -q --no-install-recommends -t bookworm-backports linux-headers-6.12-cloud-amd64
else
  echo "install-system-deps: not Debian bookworm (${PRETTY_NAME:-unknown}); skipping Debian's cloud kernel headers." >&2
  echo "  modleak run --kernel debian:6.1 / debian:6.12 fetches them when it needs them." >&2
fi
