#!/usr/bin/env bash
# `npm test` runs this first (pretest) so the quick start holds on a fresh machine:
# system packages when any is missing, npm packages when absent. (The kernels come in
# test/global-setup.ts, through modleak's own kernel providers.)
set -euo pipefail
cd "$(dirname "$0")/.."

missing=""
for tool in qemu-system-x86_64 mtrace cpio depmod gcc make objcopy; do
  command -v "$tool" >/dev/null || missing="$missing $tool"
done
[ -x /bin/busybox ] || missing="$missing busybox-static"
if [ -n "$missing" ]; then
  echo "prepare-tests: installing system packages (missing:$missing)"
  bash scripts/install-system-deps.sh
fi
if [ ! -x node_modules/.bin/vitest ]; then
  echo "prepare-tests: npm ci"
  npm ci --no-audit --no-fund
fi
