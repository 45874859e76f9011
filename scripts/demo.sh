#!/usr/bin/env bash
# `npm run demo`: runs modleak on examples/leaky on this machine, set-up included
# (modleak installs QEMU, busybox-static, kmod, cpio and the kernel headers through
# apt when they are missing), shows the report, and checks that the findings are the
# ones examples/leaky/README.md lists. Exit 0 = modleak ran and found exactly those.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'demo: %s\n' "$*" >&2; }

if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    say "modleak installs missing packages with apt-get: run this as root, or install sudo."
    exit 2
  fi
  say "not root: asking sudo once, so modleak can install missing packages with sudo -n"
  sudo -v
fi
if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  say "needs Node.js 20 or newer on PATH (found: $(node --version 2>/dev/null || echo none))."
  exit 2
fi
# MODLEAK_CLI: another build of the CLI (default: the committed bundle).
cli=${MODLEAK_CLI:-dist/cli.js}
if [ ! -f "$cli" ]; then
  [ -x node_modules/.bin/ncc ] || { say "installing npm dependencies"; npm ci --no-audit --no-fund; }
  say "bundling $cli"
  npm run --silent bundle || { say "could not bundle $cli (npm run bundle failed)"; exit 1; }
fi

out=out/demo
rm -rf "$out"
set +e
node "$cli" run --module examples/leaky --test-script examples/leaky/test.sh --out "$out"
status=$?
set -e
# leaky over budget (1) or crashed (3, its double free oopses the kernel) is expected;
# 2 means modleak could not start, and no report.json means it never got a result.
if [ "$status" -eq 2 ] || [ ! -f "$out/report.json" ]; then
  say "modleak could not run (exit $status); see the messages above."
  exit 1
fi

node --input-type=module - "$out/report.json" examples/leaky/README.md <<'JS'
import { readFileSync } from 'node:fs';
const [reportPath, readmePath] = process.argv.slice(2);
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const readme = readFileSync(readmePath, 'utf8');
const cells = (line) => line.split('|').slice(1, -1).map((c) => c.trim().replace(/`/g, ''));
const rows = readme.split('\n').filter((l) => l.startsWith('|') && !/^\|\s*-/.test(l)).map(cells);
// | `leaky.c:29` | `leaky_conf_new` | kstrdup | 3 | 17 (...) |
const expectedLeaks = rows.filter((r) => r.length === 5 && /^\S+\.c:\d+$/.test(r[0]))
  .map((r) => `${r[0]} ${r[1]} ${r[2]} ${Number(r[3])} ${parseInt(r[4], 10)}`).sort();
// | invalid-free | `leaky.c:75` `leaky_init` | kfree | ... |
const expectedBadFrees = rows.filter((r) => /^(double|invalid|mismatched)-free$/.test(r[0]))
  .map((r) => `${r[0]} ${r[1].split(/\s+/)[0]} ${r[1].split(/\s+/)[1]} ${r[2]}`).sort();
const gotLeaks = report.leaks.filter((l) => !l.suppressed)
  .map((l) => `${l.site.file}:${l.site.line} ${l.site.function} ${l.api} ${l.objects} ${l.bytes}`).sort();
const gotBadFrees = report.badFrees.filter((b) => !b.suppressed)
  .map((b) => `${b.kind} ${b.site.file}:${b.site.line} ${b.site.function} ${b.api}`).sort();
const crashed = report.crashes.some((c) => /kernel BUG at mm\/slub\.c/.test(c.title));
const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
const problems = [];
if (expectedLeaks.length === 0 || expectedBadFrees.length === 0) problems.push(`could not read the expected findings from ${readmePath}`);
if (!same(gotLeaks, expectedLeaks)) problems.push(`leaks differ:\n  expected ${expectedLeaks.join('\n           ')}\n  got      ${gotLeaks.join('\n           ')}`);
if (!same(gotBadFrees, expectedBadFrees)) problems.push(`bad frees differ:\n  expected ${expectedBadFrees.join('\n           ')}\n  got      ${gotBadFrees.join('\n           ')}`);
if (!crashed) problems.push('the double free\'s "kernel BUG at mm/slub.c" is not in the crashes');
if (problems.length) {
  console.error(`demo: FAILED: the report is not what ${readmePath} lists:\n${problems.join('\n')}`);
  process.exit(1);
}
console.error(`demo: OK: modleak found exactly what ${readmePath} lists: ${gotLeaks.length} leak sites (${report.summary.leakedObjects} objects, ${report.summary.leakedBytes} bytes), ${gotBadFrees.length} bad frees (${expectedBadFrees.map((b) => b.split(' ')[0]).join(', ')}) and the kernel BUG of the double free. Files: ${reportPath.replace(/report\.json$/, '')}`);
JS
