#!/usr/bin/env bash
# `npm test` runs this first (pretest) so the quick start holds on a fresh machine:
# system packages and kernel headers when any is missing, npm packages when absent.
set -euo pipefail
cd "$(dirname "$0")/.."

have_kernel() { compgen -G "/lib/modules/$1.*-cloud-amd64/build/Makefile" >/dev/null; }
missing=""
for tool in qemu-system-x86_64 mtrace cpio depmod gcc make objcopy; do
  command -v "$tool" >/dev/null || missing="$missing $tool"
done
[ -x /bin/busybox ] || missing="$missing busybox-static"
have_kernel 6.1 || missing="$missing kernel-headers-6.1"
have_kernel 6.12 || missing="$missing kernel-headers-6.12"
if [ -n "$missing" ]; then
  echo "prepare-tests: installing system packages (missing:$missing)"
  bash scripts/install-system-deps.sh
fi
if [ ! -x node_modules/.bin/vitest ]; then
  echo "prepare-tests: npm ci"
  npm ci --no-audit --no-fund
fi
