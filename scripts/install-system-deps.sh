#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages modleak's tests, demo and benchmarks use: QEMU,
# busybox, kmod, cpio, the C toolchain (kbuild, the static guest helper) and glibc's mtrace
# (benchmark and differential test). Kernels and their headers are not here: `modleak run`
# fetches the kernel it is asked for, and the test suite's global setup asks for 6.1 and 6.12.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo -n"; fi

$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends \
  qemu-system-x86 busybox-static kmod cpio zstd xz-utils lz4 libc-dev-bin libc6-dev gcc make binutils \
  bc flex bison libelf-dev ca-certificates
