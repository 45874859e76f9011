// The header's cost per event, in the guest: one boot per kernel of bench/guest
// (modleak_bench.ko) through the real pipeline. Each round times N kmalloc/kfree pairs
// uninstrumented, with a bare printk of the same record line per event, and through
// the header; the result is the header's time against the bare printk's, measured in
// the same boot (target: <= 1.10x), and the per-event cost of each.
//
//   npm run bench header-overhead            (both kernels, N=20000, 6 rounds)
//   MODLEAK_BENCH_KERNELS=debian:6.1 MODLEAK_BENCH_PAIRS=50000 npm run bench header-overhead
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const repo = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const kernels = (process.env.MODLEAK_BENCH_KERNELS ?? 'debian:6.1,debian:6.12').split(',').map((k) => k.trim()).filter(Boolean);
const pairs = Number(process.env.MODLEAK_BENCH_PAIRS ?? 20000);
// Even, so that each logging mode runs second (after the other's records) equally often.
const rounds = Number(process.env.MODLEAK_BENCH_ROUNDS ?? 6);
const TARGET = 1.10;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// The pipeline is TypeScript: load it through vite's module loader (a dev dependency).
const vite = await createServer({ root: repo, logLevel: 'error', appType: 'custom', server: { middlewareMode: true, hmr: false, watch: null }, optimizeDeps: { noDiscovery: true } });
let failed = false;
try {
  const { runModule } = await vite.ssrLoadModule('/src/run/pipeline.ts');
  for (const kernel of kernels) {
    const out = mkdtempSync(path.join(tmpdir(), 'modleak-bench-header-'));
    try {
      const started = Date.now();
      const { report, files } = await runModule(
        {
          moduleDir: path.join(repo, 'bench', 'guest'),
          kernel,
          moduleParams: `pairs=${pairs} rounds=${rounds}`,
          timeoutSec: 1200,
          outDir: out,
          cacheDir: path.join(tmpdir(), 'modleak-bench-cache'),
        },
        { progress: () => {} },
      );
      const lines = readFileSync(files.recordLog, 'utf8').split('\n').map((l) => /modleak-bench: round (\d+) pairs (\d+) plain (\d+) printk (\d+) header (\d+)/.exec(l)).filter(Boolean);
      if (lines.length !== rounds) {
        console.error(`${kernel}: expected ${rounds} result lines in ${files.recordLog}, found ${lines.length}; run status ${report.status}: ${report.statusReason}`);
        failed = true;
        continue;
      }
      const plain = median(lines.map((m) => Number(m[3])));
      const printk = median(lines.map((m) => Number(m[4])));
      const header = median(lines.map((m) => Number(m[5])));
      const events = 2 * pairs;
      // Each round's own ratio: both modes of a round ran under the same host load.
      const ratio = median(lines.map((m) => Number(m[5]) / Number(m[4])));
      const records = report.summary.allocations + report.summary.frees;
      console.log(`${report.kernel.release ?? kernel} (${report.run?.accel ?? 'qemu'}), ${pairs} kmalloc/kfree pairs x ${rounds} rounds, medians:`);
      console.log(`  uninstrumented pair        ${(plain / pairs).toFixed(0).padStart(8)} ns`);
      console.log(`  bare printk per event      ${((printk - plain) / events).toFixed(0).padStart(8)} ns   (pair ${(printk / pairs).toFixed(0)} ns)`);
      console.log(`  header per event           ${((header - plain) / events).toFixed(0).padStart(8)} ns   (pair ${(header / pairs).toFixed(0)} ns)`);
      console.log(`  header / bare printk       ${ratio.toFixed(3)}x   (median of the rounds' ratios; target <= ${TARGET.toFixed(2)}x: ${ratio <= TARGET ? 'met' : 'NOT met'})`);
      console.log(`  header / uninstrumented    ${(header / plain).toFixed(1)}x`);
      console.log(`  records matched ${records} (every pair of both logging modes), lost ${report.summary.lostRecords}, leaks ${report.summary.leakedObjects}, status ${report.status}; wall ${((Date.now() - started) / 1000).toFixed(0)} s`);
      if (ratio > TARGET || report.summary.lostRecords > 0) failed = true;
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
} finally {
  await vite.close();
}
process.exit(failed ? 1 : 0);
