// `npm run bench run-vs-bare-boot`: the wall time of `modleak run` on examples/clean
// against a bare QEMU boot-to-poweroff of the same kernel with a minimal busybox
// initramfs, measured alternately in one process (target: modleak <= 1.5x bare; also
// against the bare boot booted as modleak boots its guest, with the guest's kernel command
// line and, under TCG, the uncompressed kernel: the stricter figure), and
// the rate at which records leave the guest without loss (test/run-modules/million).
// Env: BENCH_KERNEL (default debian:6.1), BENCH_ROUNDS (default 3), BENCH_CLI (default dist/cli.js).
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, homedir, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = process.env.BENCH_CLI ? path.resolve(process.env.BENCH_CLI) : path.join(root, 'dist', 'cli.js');
const kernel = process.env.BENCH_KERNEL ?? 'debian:6.1';
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const cacheDir = path.join(process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'modleak');
const work = mkdtempSync(path.join(tmpdir(), 'modleak-bench-'));

if (!existsSync(cli)) {
  console.error(`bench: ${cli} is missing; run npm run bundle first.`);
  process.exit(2);
}

// CPU seconds used by waited-for children (and theirs): /proc/self/stat cutime + cstime.
function childCpuS() {
  const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(f[13]) + Number(f[14])) / 100;
}

function modleakRun(moduleDir, extra = []) {
  const out = mkdtempSync(path.join(work, 'out-'));
  const cpu0 = childCpuS();
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, 'run', '--module', moduleDir, '--kernel', kernel, '--cache-dir', cacheDir, '--out', out, '--format', 'json', ...extra], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpuS = childCpuS() - cpu0;
  if (!existsSync(path.join(out, 'report.json'))) throw new Error(`modleak run failed (exit ${r.status}):\n${r.stderr}`);
  return { ms, cpuS, out, report: JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) };
}

function bareInitramfs() {
  const dir = path.join(work, 'bare-root');
  mkdirSync(path.join(dir, 'bin'), { recursive: true });
  copyFileSync('/bin/busybox', path.join(dir, 'bin', 'busybox'));
  writeFileSync(path.join(dir, 'init'), '#!/bin/busybox sh\n/bin/busybox poweroff -f\n');
  chmodSync(path.join(dir, 'init'), 0o755);
  const archive = path.join(work, 'bare.cpio');
  const r = spawnSync('cpio', ['--quiet', '-o', '-H', 'newc', '-R', '0:0', '-O', archive], { cwd: dir, input: 'bin\nbin/busybox\ninit\n' });
  if (r.status !== 0) throw new Error(`cpio failed: ${r.stderr}`);
  return archive;
}

const BARE_CMDLINE = 'console=ttyS0 panic=-1 loglevel=4';

/** The uncompressed kernel modleak unpacked for this release under TCG (src/run/boot-image.ts), if any. */
function uncompressedKernel(release) {
  const dir = path.join(cacheDir, 'pvh');
  if (!existsSync(dir)) return undefined;
  const needle = Buffer.from(`Linux version ${release} `);
  return readdirSync(dir)
    .filter((f) => /^vmlinux-[0-9a-f]+$/.test(f))
    .map((f) => path.join(dir, f))
    .find((f) => readFileSync(f).includes(needle));
}

function bareBoot(image, initramfs, accel, cmdline = BARE_CMDLINE) {
  const cpu0 = childCpuS();
  const started = process.hrtime.bigint();
  const r = spawnSync('qemu-system-x86_64', ['-accel', accel, '-cpu', 'max', '-m', '1024M', '-smp', '1', '-nodefaults', '-no-user-config', '-no-reboot', '-display', 'none', '-serial', 'stdio', '-monitor', 'none', '-kernel', image, '-initrd', initramfs, '-append', cmdline], { encoding: 'utf8', timeout: 300_000 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`bare boot failed (exit ${r.status}): ${r.stderr}`);
  return { ms, cpuS: childCpuS() - cpu0 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const clean = path.join(root, 'examples', 'clean');
const cleanArgs = ['--test-script', path.join(clean, 'test.sh')];

console.log(`kernel ${kernel}, ${rounds} rounds, cache ${cacheDir}`);
const warm = modleakRun(clean, cleanArgs); // downloads/caches the kernel, helper, base initramfs
const release = warm.report.kernel.release;
const accel = warm.report.run?.accel ?? 'tcg';
const image = path.join(cacheDir, 'kernels', release, 'root', 'boot', `vmlinuz-${release}`);
if (!existsSync(image)) throw new Error(`expected the kernel image at ${image}`);
const bare = bareInitramfs();
bareBoot(image, bare, accel); // warm the page cache for the image too
// A second, stricter baseline: the bare initramfs booted the way modleak boots its guest,
// with the guest's kernel command line (read back from the guest's own log) and the
// kernel image it started, so that what modleak saves with its boot options is not
// counted as saved by the rest of the run.
const guestCmdline = /^[^;]*;Command line: (.*)$/m.exec(readFileSync(path.join(warm.out, 'records.log'), 'utf8'))?.[1];
if (!guestCmdline) throw new Error(`no 'Command line:' record in ${path.join(warm.out, 'records.log')}`);
const guestImage = (accel === 'tcg' && uncompressedKernel(release)) || image;

const bareMs = [];
const sameMs = [];
const runMs = [];
const bareCpu = [];
const runCpu = [];
for (let i = 0; i < rounds; i++) {
  const b = bareBoot(image, bare, accel);
  bareMs.push(b.ms);
  bareCpu.push(b.cpuS);
  const same = bareBoot(guestImage, bare, accel, guestCmdline);
  sameMs.push(same.ms);
  const r = modleakRun(clean, cleanArgs);
  runMs.push(r.ms);
  runCpu.push(r.cpuS);
  console.log(`round ${i + 1}: bare boot ${(b.ms / 1000).toFixed(2)} s (cpu ${b.cpuS.toFixed(2)} s), booted as modleak boots ${(same.ms / 1000).toFixed(2)} s, modleak run ${(r.ms / 1000).toFixed(2)} s (cpu ${r.cpuS.toFixed(2)} s; status ${r.report.status}, ${r.report.summary.allocations} allocations); load ${loadavg()[0].toFixed(1)}`);
}
const ratio = median(runMs) / median(bareMs);
const sameRatio = median(runMs) / median(sameMs);
console.log(`median wall: bare boot ${(median(bareMs) / 1000).toFixed(2)} s, modleak run ${(median(runMs) / 1000).toFixed(2)} s, ratio ${ratio.toFixed(2)}x (target <= 1.50x) ${ratio <= 1.5 ? 'OK' : 'OVER'} [${release}, ${accel}, ${cpus().length} cpus]`);
console.log(`  against the bare boot booted as modleak boots (${path.basename(guestImage)}, ${guestCmdline}): ${(median(sameMs) / 1000).toFixed(2)} s, ratio ${sameRatio.toFixed(2)}x`);
console.log(`median cpu:  bare boot ${median(bareCpu).toFixed(2)} s, modleak run ${median(runCpu).toFixed(2)} s (build + boot + match), ratio ${(median(runCpu) / median(bareCpu)).toFixed(2)}x`);

// Capture rate: one million records from module init, in the guest's own clock
// (first to last record), and whether any was lost.
const million = modleakRun(path.join(root, 'test', 'run-modules', 'million'));
const usec = readFileSync(path.join(million.out, 'records.log'), 'utf8').split('\n')
  .filter((l) => l.includes(';modleak1 million '))
  .map((l) => Number(l.split(',')[2]));
const events = million.report.summary.allocations + million.report.summary.frees;
const spanS = (usec[usec.length - 1] - usec[0]) / 1e6;
console.log(`capture: ${events} events in ${spanS.toFixed(2)} s guest time = ${Math.round(events / spanS)} events/s, ${million.report.summary.lostRecords} lost, status ${million.report.status}; whole run ${(million.ms / 1000).toFixed(1)} s wall`);
rmSync(work, { recursive: true, force: true });
