import { appendFileSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { open } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { analyzeLogs, InputError, type AnalyzeOptions } from '../src/analyze.js';
import { DecodeThread } from '../src/parse/decode-thread.js';
import { DecodedRecords, type DecodedChunk } from '../src/parse/decoded-chunk.js';
import { LogParser } from '../src/parse/log-parser.js';
import { feed } from '../src/read-log.js';
import { DiagnosticLog } from '../src/report/diagnostics.js';
import type { Report } from '../src/report/schema.js';

// A record log file read with the read-ahead thread (the bundled dist/decode-worker.js,
// which `.ci/run` checks matches the sources) must give the very report it gives read
// in one thread, whatever the log holds, wherever the chunks are cut, and whether the
// thread takes over at once, late, never, or fails part way.

const fixtures = fileURLToPath(new URL('./fixtures/analyze/', import.meta.url));
const support = (name: string) => fileURLToPath(new URL(`./support/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'modleak-read-log-'));

/** How many records the log parser took from the thread (not the warm-up's), how many chunks the thread gave, and how it failed if it did. */
function countHandOver(): { taken: () => number; chunks: () => number; failures: string[] } {
  let taken = 0;
  let chunks = 0;
  const failures: string[] = [];
  const fromThread = new Set<DecodedChunk>();
  const walking = new WeakMap<DecodedRecords, DecodedChunk>();
  const begin = DecodedRecords.prototype.begin;
  vi.spyOn(DecodedRecords.prototype, 'begin').mockImplementation(function (this: DecodedRecords, chunk: DecodedChunk) {
    walking.set(this, chunk);
    begin.call(this, chunk);
  });
  const takeRun = DecodedRecords.prototype.takeRun;
  vi.spyOn(DecodedRecords.prototype, 'takeRun').mockImplementation(function (this: DecodedRecords, ...args: Parameters<typeof takeRun>) {
    const lines = takeRun.apply(this, args);
    const chunk = walking.get(this);
    if (chunk !== undefined && fromThread.has(chunk)) taken += lines;
    return lines;
  });
  const next = DecodeThread.prototype.next;
  vi.spyOn(DecodeThread.prototype, 'next').mockImplementation(async function (this: DecodeThread) {
    const step = await next.call(this);
    if (step.type === 'chunk') {
      chunks++;
      fromThread.add(step.decoded);
    }
    if (step.type === 'failed') failures.push(step.message);
    return step;
  });
  return { taken: () => taken, chunks: () => chunks, failures };
}

/** A long log of three modules, their records interleaved, with what the careful path reads among them. */
function longLog(records: number): string {
  const lines: string[] = [];
  let seq = 0;
  const modules = ['drv', 'drv_osal', 'drv_net'];
  const record = (text: string) => `7,${seq++},${seq * 10},-;modleak1 ${text}`;
  for (const m of modules) lines.push(record(`${m} BEGIN`));
  const live: Array<{ m: string; addr: string; api: string }> = [];
  for (let k = 0; lines.length < records; k++) {
    const m = modules[k % 3]!;
    if (k % 500 === 7) lines.push(`6,${seq++},${seq * 10},-;${m}: link up, ${k} packets`);
    if (k % 997 === 3) lines.push(`[${(k / 1000).toFixed(6).padStart(12)}] modleak1 ${m} A kmalloc ffff8880${(0x10000000 + k).toString(16)} 32 ${m}/console.c:9 ${m}_console`);
    if (k % 3 !== 2 || live.length === 0) {
      const addr = `ffff8880${(0x3a00000 + 0x40 * k).toString(16).padStart(8, '0')}`;
      const api = k % 5 === 0 ? 'vmalloc' : 'kmalloc';
      live.push({ m, addr, api });
      lines.push(record(`${m} A ${api} ${addr} ${16 + (k % 900)} drivers/${m}/part${k % 7}.c:${40 + (k % 37)} ${m}_op${k % 37}`));
    } else {
      const { m: owner, addr, api } = live.splice((k * 7) % live.length, 1)[0]!;
      // Now and then the wrong free: a mismatched free the report must name either way.
      const free = k % 1001 === 2 ? 'kfree' : api === 'vmalloc' ? 'vfree' : 'kfree';
      lines.push(record(`${owner} F ${free} ${addr} drivers/${owner}/release.c:88 ${owner}_release`));
    }
  }
  for (const m of modules) lines.push(record(`${m} END`));
  return lines.join('\n') + '\n';
}

async function bothWays(path: string, readAhead: AnalyzeOptions['readAhead']): Promise<{ threaded: Report; single: Report }> {
  const single = await analyzeLogs({ records: path }, { readAhead: false });
  const threaded = await analyzeLogs({ records: path }, { readAhead });
  return { threaded, single };
}

afterEach(() => {
  vi.restoreAllMocks();
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('reading a record log file with the read-ahead thread', () => {
  it('gives the same report as reading it in one thread, for every fixture log, cut into chunks of 256 bytes', async () => {
    const names = readdirSync(fixtures).filter((n) => n.endsWith('.log'));
    expect(names.length).toBeGreaterThan(50);
    const handOver = countHandOver();
    for (const name of names) {
      const { threaded, single } = await bothWays(join(fixtures, name), { always: true, chunkBytes: 256, fromStart: true });
      expect({ name, report: threaded }).toEqual({ name, report: single });
    }
    // The thread read every chunk: it did not fail and leave them to the main thread. (How
    // many records it wrote down before the log parser reached each chunk is a race: in
    // chunks this small, few; parse-decoded-chunk.test.ts takes them deterministically.)
    expect(handOver.failures).toEqual([]);
    expect(handOver.chunks()).toBeGreaterThan(100);
  });

  it('gives the same report for a long log of several modules, in chunks of every size, the thread taking over part way', async () => {
    const path = join(dir, 'long.log');
    writeFileSync(path, longLog(60_000));
    const single = await analyzeLogs({ records: path }, { readAhead: false });
    expect(single.status).toBe('ok');
    expect(single.badFrees.map((b) => b.kind)).toContain('mismatched-free');
    let taken = 0;
    for (const chunkBytes of [997, 4096, 65536, 1 << 20]) {
      for (const fromStart of [true, false]) {
        const handOver = countHandOver();
        const threaded = await analyzeLogs({ records: path }, { readAhead: { always: true, chunkBytes, fromStart } });
        expect(threaded).toEqual(single);
        expect(handOver.failures).toEqual([]);
        taken += handOver.taken();
        vi.restoreAllMocks();
      }
    }
    expect(taken).toBeGreaterThan(0);
  });

  it('is used by default for a long file, and not for a short one', async () => {
    const long = join(dir, 'default-long.log');
    writeFileSync(long, longLog(100_000));
    const short = join(fixtures, 'multi-module.log');
    let handOver = countHandOver();
    await analyzeLogs({ records: short });
    expect(handOver.chunks()).toBe(0);
    vi.restoreAllMocks();
    handOver = countHandOver();
    const report = await analyzeLogs({ records: long });
    // Unless this machine has one CPU (then the thread is not started).
    if ((await import('node:os')).availableParallelism() > 1) expect(handOver.chunks()).toBeGreaterThan(0);
    expect(report).toEqual(await analyzeLogs({ records: long }, { readAhead: false }));
  });

  it('runs what must come before the parse (the warm-up) once, before the first chunk is parsed, for a file read with the thread and for a stream', async () => {
    const path = join(dir, 'before-parse.log');
    writeFileSync(path, longLog(20_000));
    for (const input of [{ records: path }, { records: '-', stream: true }]) {
      // Each step when it first comes: the hook, the main thread claiming a chunk from the thread, a chunk parsed.
      const steps: string[] = [];
      const step = (name: string) => steps.includes(name) || steps.push(name);
      const claim = DecodeThread.prototype.claim;
      vi.spyOn(DecodeThread.prototype, 'claim').mockImplementation(function (this: DecodeThread, ...args: Parameters<typeof claim>) {
        step('thread');
        return claim.apply(this, args);
      });
      const push = LogParser.prototype.push;
      vi.spyOn(LogParser.prototype, 'push').mockImplementation(function (this: LogParser, ...args: Parameters<typeof push>) {
        step('chunk');
        return push.apply(this, args);
      });
      const parser = new LogParser({ file: path, records: true, diagnostics: new DiagnosticLog() }, () => undefined);
      await feed(parser, input.records, 'record log', {
        readAhead: { always: true, chunkBytes: 4096 },
        ...(input.stream ? { stdin: Readable.from([readFileSync(path)]) } : {}),
        beforeParse: () => steps.push('before'),
      });
      expect(steps).toEqual(input.stream ? ['before', 'chunk'] : ['before', 'thread', 'chunk']);
      vi.restoreAllMocks();
    }
  });

  // dist/ is built by `npm run bundle` (.ci/run rebuilds it and checks it matches the sources).
  const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  it.skipIf(!existsSync(cli))('the bundled CLI finds its thread beside it: a long log, named or through stdin, gives the one-thread report', async () => {
    const path = join(dir, 'cli-long.log');
    writeFileSync(path, longLog(110_000));
    const single = JSON.parse(JSON.stringify(await analyzeLogs({ records: path }, { readAhead: false }))) as Report;
    const named = spawnSync(process.execPath, [cli, 'analyze', path, '--format', 'json', '--max-leaks', '1000000', '--max-bad-frees', '10'], { maxBuffer: 1 << 26 });
    expect({ status: named.status, stderr: String(named.stderr) }).toEqual({ status: 0, stderr: '' });
    expect(JSON.parse(String(named.stdout))).toEqual(single);
    const stdin = openSync(path, 'r');
    const redirected = spawnSync(process.execPath, [cli, 'analyze', '-', '--format', 'json', '--max-leaks', '1000000', '--max-bad-frees', '10'], { stdio: [stdin, 'pipe', 'pipe'], maxBuffer: 1 << 26 });
    closeSync(stdin);
    expect({ status: redirected.status, stderr: String(redirected.stderr) }).toEqual({ status: 0, stderr: '' });
    expect(JSON.parse(String(redirected.stdout))).toEqual(JSON.parse(JSON.stringify(single).replaceAll(JSON.stringify(path).slice(1, -1), '<stdin>')));
  });

  it.skipIf(!existsSync(cli))('the bundled CLI starts its thread whatever options started Node: imported from `node --input-type=module -e` (as the bench does)', () => {
    const path = join(dir, 'eval-parent.log');
    writeFileSync(path, longLog(110_000));
    // The wrapper says on stderr whether the CLI's thread came up or failed.
    const wrapper = `
      import { createRequire } from 'node:module';
      import { pathToFileURL } from 'node:url';
      const threads = createRequire(import.meta.url)('node:worker_threads');
      const Worker = threads.Worker;
      threads.Worker = class extends Worker {
        constructor(...args) {
          super(...args);
          this.on('online', () => process.stderr.write('thread online\\n'));
          this.on('error', (e) => process.stderr.write('thread failed: ' + e.message + '\\n'));
        }
      };
      const [cli, ...rest] = process.argv.slice(1);
      process.argv = [process.argv[0], cli, ...rest];
      await import(pathToFileURL(cli).href);
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', wrapper, cli, 'analyze', path, '--format', 'json', '--max-leaks', '1000000', '--max-bad-frees', '10'], { maxBuffer: 1 << 26 });
    expect({ status: run.status, stderr: String(run.stderr) }).toEqual({ status: 0, stderr: 'thread online\n' });
  });

  it('reads the rest itself when the thread fails part way, or cannot start at all', async () => {
    const path = join(dir, 'failing.log');
    writeFileSync(path, longLog(20_000));
    const single = await analyzeLogs({ records: path }, { readAhead: false });
    const handOver = countHandOver();
    const failing = await analyzeLogs({ records: path }, { readAhead: { always: true, chunkBytes: 4096, fromStart: true, script: support('decode-worker-fails.mjs') } });
    expect(failing).toEqual(single);
    expect(handOver.chunks()).toBe(2);
    const missing = await analyzeLogs({ records: path }, { readAhead: { always: true, chunkBytes: 4096, fromStart: true, script: join(dir, 'no-such-worker.js') } });
    expect(missing).toEqual(single);
  });

  it('reads the log itself when the thread\'s script is from another build (a stale decode-worker.js beside the CLI)', async () => {
    const path = join(dir, 'other-build.log');
    writeFileSync(path, longLog(20_000));
    const single = await analyzeLogs({ records: path }, { readAhead: false });
    const withScript = async (script: string) => {
      vi.restoreAllMocks();
      const handOver = countHandOver();
      const report = await analyzeLogs({ records: path }, { readAhead: { always: true, chunkBytes: 4096, fromStart: true, script: support(script) } });
      return { report, taken: handOver.taken(), chunks: handOver.chunks(), failures: handOver.failures };
    };
    // The thread refuses a main thread that says another build...
    expect(await withScript('decode-worker-other-build.mjs')).toEqual({
      report: single, taken: 0, chunks: 0,
      failures: [expect.stringMatching(/^the read-ahead thread's script is from another build than the main one's \(it has 'modleak \d+\.\d+\.\d+: 4 slots, .*', the main one 'modleak 0\.0\.1: an older build'\); the log is read in one thread$/)],
    });
    // ...and the main thread a thread that says none (a script from before the two compared builds).
    expect(await withScript('decode-worker-says-no-build.mjs')).toEqual({
      report: single, taken: 0, chunks: 0,
      failures: [expect.stringMatching(/^the read-ahead thread's script is from another build than the main one's \(it did not say which; the main one has 'modleak \d+\.\d+\.\d+: 4 slots, .*'\); the log is read in one thread$/)],
    });
  });

  it('reports a read error in the thread as the one-thread reader does: what was read is analysed, the log incomplete', async () => {
    const path = join(dir, 'read-error.log');
    writeFileSync(path, longLog(20_000));
    const report = await analyzeLogs({ records: path }, { readAhead: { always: true, chunkBytes: 4096, fromStart: true, script: support('decode-worker-read-error.mjs') } });
    expect(report.status).toBe('incomplete');
    const readError = report.diagnostics.find((d) => d.message.includes('failed after'));
    expect(readError?.message).toMatch(/^reading the record log '.*read-error\.log' failed after \d+ bytes: EIO: i\/o error \(test\)$/);
    expect(report.summary.allocations).toBeGreaterThan(0);
  });

  it('reads a log still being written on: what is appended once a read reached its end is read from there, not from the next whole chunk', async () => {
    const path = join(dir, 'growing.log');
    let seq = 0;
    const records = (n: number) => Array.from({ length: n }, () => {
      const k = seq++;
      const address = `ffff8880${(0x100000 + (k >> 1) * 64).toString(16).padStart(8, '0')}`;
      return k % 2 === 0 ? `7,${k},${k},-;modleak1 g A kmalloc ${address} 64 g.c:1 g_alloc\n` : `7,${k},${k},-;modleak1 g F kfree ${address} g.c:2 g_free\n`;
    }).join('');
    writeFileSync(path, records(301));
    // The writer appends right after a read found the end (deterministic here; a race in life).
    const handle = await open(path, 'r');
    const proto = Object.getPrototypeOf(handle) as { read: (...args: unknown[]) => Promise<{ bytesRead: number }> };
    await handle.close();
    const read = proto.read;
    let appended = false;
    vi.spyOn(proto, 'read').mockImplementation(async function (this: unknown, ...args: unknown[]) {
      const result = await read.apply(this, args);
      if (result.bytesRead === 0 && !appended) {
        appended = true;
        appendFileSync(path, records(400));
      }
      return result;
    });
    // A thread that never takes over: this thread reads every chunk, as it does while one starts.
    const report = await analyzeLogs({ records: path }, { readAhead: { always: true, chunkBytes: 4096, script: support('decode-worker-idle.mjs') }, requireEndMarker: false });
    expect(appended).toBe(true);
    expect({ lost: report.summary.lostRecords, allocations: report.summary.allocations, frees: report.summary.frees }).toEqual({ lost: 0, allocations: 351, frees: 350 });
  });

  it('still says when the file cannot be read at all', async () => {
    await expect(analyzeLogs({ records: join(dir, 'absent.log') }, { readAhead: { always: true } })).rejects.toThrow(InputError);
  });
});
