// The header at run time, on both Debian kernels: the all-API test module is built with
// the header injected, booted in QEMU and exercised by the real pipeline (runModule);
// the records it wrote must be exactly the ones its "expect:" comments list (kind, API,
// size, file:line, function), and replaying them must pair every allocation with its free.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCacheDir } from './support/test-cache.js';
import { execCommand } from '../src/run/exec.js';
import { runModule, type RunOutcome } from '../src/run/pipeline.js';
import { ALLAPI_DIR, ALLAPI_FILES, compiledLines, HEADER, readAllExpectations, testKernels, type ExpectedEvent, type TestKernel } from './header-support.js';

const MODULE = 'modleak_allapi';

interface Record {
  seq: number;
  kind: 'A' | 'F' | 'R';
  api: string;
  ptr: bigint;
  newPtr?: bigint;
  size?: number;
  site: string;
  function: string;
}

const RECORD = /^modleak1 (\S+) (?:A (\S+) ([0-9a-f]{16}) (\d+)|F (\S+) ([0-9a-f]{16})|R (\S+) ([0-9a-f]{16}) ([0-9a-f]{16}) (\d+)) (\S+:\d+) (\S+)$/;

/** The module's records from the run's record log (raw /dev/kmsg records), by sequence number. */
function readRecords(log: string): Record[] {
  const records: Record[] = [];
  let order = 0;
  for (const raw of log.split('\n')) {
    const kmsg = /^\d+,(\d+),\d+,[^;]*;(.*)$/.exec(raw);
    const seq = kmsg ? Number(kmsg[1]) : order++;
    const message = (kmsg ? kmsg[2]! : raw).trim();
    if (!message.startsWith(`modleak1 ${MODULE} `) || /(BEGIN|END)$/.test(message)) continue;
    const m = RECORD.exec(message);
    if (!m) throw new Error(`record does not follow the grammar: ${message}`);
    if (m[1] !== MODULE) continue;
    const [site, fn] = [m[11]!, m[12]!];
    if (m[2]) records.push({ seq, kind: 'A', api: m[2], ptr: BigInt(`0x${m[3]}`), size: Number(m[4]), site, function: fn });
    else if (m[5]) records.push({ seq, kind: 'F', api: m[5], ptr: BigInt(`0x${m[6]}`), site, function: fn });
    else records.push({ seq, kind: 'R', api: m[7]!, ptr: BigInt(`0x${m[8]}`), newPtr: BigInt(`0x${m[9]}`), size: Number(m[10]), site, function: fn });
  }
  return records.sort((a, b) => a.seq - b.seq);
}

function describeExpected(e: ExpectedEvent): string {
  return `${e.kind} ${e.api}${e.size === undefined ? '' : ` ${e.size}`} ${e.file}:${e.line} ${e.function}`;
}

function describeRecord(r: Record): string {
  return `${r.kind} ${r.api}${r.size === undefined ? '' : ` ${r.size}`} ${r.site} ${r.function}`;
}

const ZERO_SIZE_PTR = 0x10n;

/** Replays the records: every free names a live object, every allocation a new one; returns what stays live. */
function replay(records: Record[]): string[] {
  const live = new Map<bigint, Record>();
  const problems: string[] = [];
  const allocate = (ptr: bigint, r: Record) => {
    if (ptr === 0n || ptr === ZERO_SIZE_PTR) return;
    if (live.has(ptr)) problems.push(`${describeRecord(r)}: ${ptr.toString(16)} is already live`);
    live.set(ptr, r);
  };
  const release = (ptr: bigint, r: Record) => {
    if (ptr === 0n || ptr === ZERO_SIZE_PTR) return;
    if (!live.delete(ptr)) problems.push(`${describeRecord(r)}: ${ptr.toString(16)} is not live`);
  };
  for (const r of records) {
    if (r.kind === 'A') allocate(r.ptr, r);
    else if (r.kind === 'F') release(r.ptr, r);
    else if (r.newPtr === 0n && r.size! > 0) continue; // failed: the old object stays
    else if (r.ptr !== r.newPtr) {
      release(r.ptr, r);
      allocate(r.newPtr!, r);
    }
  }
  for (const r of live.values()) problems.push(`still live at the end: ${describeRecord(r)}`);
  return problems;
}

const kernels = testKernels();
const runs = new Map<string, { outcome: RunOutcome; expected: ExpectedEvent[] }>();
let root = '';

/** The lines compiled for this kernel (#if on the kernel version), as "file:line", from the preprocessed source. */
async function compiledFor(kernel: TestKernel, dir: string): Promise<Set<string>> {
  cpSync(ALLAPI_DIR, dir, { recursive: true });
  const r = await execCommand('make', ['-C', kernel.buildDir, `M=${dir}`, `KCFLAGS=-include ${HEADER}`, `${MODULE}.i`], { timeoutMs: 600_000 });
  if (r.code !== 0) throw new Error(`${r.command} failed:\n${r.stderr.slice(-4000)}`);
  const preprocessed = readFileSync(join(dir, `${MODULE}.i`), 'utf8');
  return new Set(ALLAPI_FILES.flatMap((file) => [...compiledLines(preprocessed, file).keys()].map((line) => `${file}:${line}`)));
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'modleak-header-runtime-'));
  const all = readAllExpectations();
  for (const kernel of kernels) {
    const compiled = await compiledFor(kernel, join(root, `cpp-${kernel.label}`));
    const expected = all.filter((e) => (e.cleanup ? compiledCleanup(all, e, compiled) : compiled.has(`${e.file}:${e.line}`)) && !e.skipped);
    const outcome = await runModule(
      {
        moduleDir: ALLAPI_DIR,
        kernel: `debian:${kernel.label}`,
        testScript: join(ALLAPI_DIR, 'test.sh'),
        timeoutSec: 600,
        outDir: join(root, `run-${kernel.label}`),
        cacheDir: testCacheDir(),
      },
      { progress: () => {} },
    );
    runs.set(kernel.label, { outcome, expected });
  }
}, 2_400_000);

/** A scope-exit free is compiled when the allocation on its declaring line is. */
function compiledCleanup(all: ExpectedEvent[], cleanup: ExpectedEvent, compiled: Set<string>): boolean {
  const index = all.indexOf(cleanup);
  const declaring = all.slice(0, index).reverse().find((e) => !e.cleanup);
  return declaring !== undefined && compiled.has(`${declaring.file}:${declaring.line}`);
}

afterAll(() => {
  if (root && !process.env.MODLEAK_KEEP_TEST_DIRS) rmSync(root, { recursive: true, force: true });
});

describe.each(kernels.map((k) => [k.label] as const))('header records on kernel %s', (label) => {
  it('are exactly the expected list: kind, API, size, file:line, function', () => {
    const { outcome, expected } = runs.get(label)!;
    const records = readRecords(readFileSync(outcome.files.recordLog, 'utf8'));
    expect(records.length, `no records in ${outcome.files.recordLog}; run status ${outcome.report.status}: ${outcome.report.statusReason ?? ''}`).toBeGreaterThan(0);
    expect(records.map(describeRecord).sort()).toEqual(expected.map(describeExpected).sort());
  });

  it('pair up: each free releases a live object and nothing is live at the end', () => {
    const { outcome } = runs.get(label)!;
    const records = readRecords(readFileSync(outcome.files.recordLog, 'utf8'));
    expect(records.length).toBeGreaterThan(100);
    expect(replay(records)).toEqual([]);
  });

  it('give a clean report: status ok, no leak, no bad free', () => {
    const { report } = runs.get(label)!.outcome;
    expect({ status: report.status, reason: report.statusReason, leaks: report.summary.leakedObjects, badFrees: report.summary.badFrees })
      .toEqual({ status: 'ok', reason: report.statusReason, leaks: 0, badFrees: 0 });
  });
});
