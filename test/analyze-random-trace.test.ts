import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeLogs } from '../src/analyze.js';
import { Matcher } from '../src/match/matcher.js';
import { PointerKeys } from '../src/match/pointer.js';
import type { RecordFieldSink } from '../src/parse/events.js';
import { LogParser } from '../src/parse/log-parser.js';
import { DiagnosticLog } from '../src/report/diagnostics.js';
import type { Report } from '../src/report/schema.js';

// Random traces over everything the grammar allows (A, F and R records of several APIs
// and modules, BEGIN/END repeated, NULL and ZERO_SIZE_PTR, double and interior frees),
// written as kmsg records, sometimes locally out of order or with a record missing.
// Whatever the trace, the analysis returns a report and its books balance.

const APIS_A = ['kmalloc', 'kzalloc', 'vmalloc', 'kvmalloc', 'kmem_cache_alloc', 'devm_kzalloc', 'osal_alloc', 'kstrdup_const'];
const APIS_F = ['kfree', 'vfree', 'kvfree', 'kmem_cache_free', 'devm_kfree', 'osal_free', 'kfree_const', 'kvfree_rcu'];
const APIS_R = ['krealloc', 'krealloc_array', 'kvrealloc'];
const MODULES = ['alpha', 'beta'];

type Op =
  | { op: 'A'; m: number; api: number; addr: number; size: number }
  | { op: 'F'; m: number; api: number; addr: number }
  | { op: 'R'; m: number; api: number; old: number; next: number; size: number }
  | { op: 'BEGIN' | 'END'; m: number };

// A small address pool so that frees, reallocations and reuse hit live objects often.
const addr = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constantFrom(-1, -2, -3));
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('A' as const), m: fc.nat(1), api: fc.nat(APIS_A.length - 1), addr, size: fc.nat(5000) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('F' as const), m: fc.nat(1), api: fc.nat(APIS_F.length - 1), addr }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('R' as const), m: fc.nat(1), api: fc.nat(APIS_R.length - 1), old: addr, next: addr, size: fc.oneof(fc.constant(0), fc.nat(5000)) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constantFrom('BEGIN' as const, 'END' as const), m: fc.nat(1) }) },
);

/** -1 = NULL, -2 = ZERO_SIZE_PTR, -3 = an address inside object 0; else object slot n. */
function hex(n: number): string {
  if (n === -1) return '0000000000000000';
  if (n === -2) return '0000000000000010';
  if (n === -3) return 'ffff888003a00008';
  return (0xffff888003a00000n + BigInt(n) * 0x1000n).toString(16);
}

function record(o: Op, line: number): string {
  const mod = MODULES[o.m]!;
  switch (o.op) {
    case 'A': return `modleak1 ${mod} A ${APIS_A[o.api]} ${hex(o.addr)} ${o.size} ${mod}.c:${line} ${mod}_fn`;
    case 'F': return `modleak1 ${mod} F ${APIS_F[o.api]} ${hex(o.addr)} ${mod}.c:${line} ${mod}_put`;
    case 'R': return `modleak1 ${mod} R ${APIS_R[o.api]} ${hex(o.old)} ${hex(o.next)} ${o.size} ${mod}.c:${line} ${mod}_grow`;
    default: return `modleak1 ${mod} ${o.op}`;
  }
}

function log(ops: Op[], swaps: number[], drop: number | undefined, plain: boolean): string {
  const lines = ops.map((o, i) => (plain ? '' : `7,${i + 1},${i},-;`) + record(o, i + 1));
  // A lost record (sequence number drop + 1), then local disorder, which the reorder window undoes.
  if (drop !== undefined && drop < lines.length) lines.splice(drop, 1);
  if (!plain) for (const s of swaps) if (s + 1 < lines.length) [lines[s], lines[s + 1]] = [lines[s + 1]!, lines[s]!];
  return lines.join('\n') + '\n';
}

function devmAtEnd(r: Report): number {
  return r.diagnostics.reduce((n, d) => n + Number(/^(\d+) devm_\* object/.exec(d.message)?.[1] ?? 0), 0);
}

describe('random traces of every record kind', () => {
  it('never throw, and allocations - frees = objects still allocated at the end (leaks + live-at-end + devm)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(opArb, { maxLength: 120 }),
      fc.array(fc.nat(120), { maxLength: 10 }),
      fc.option(fc.nat(120), { nil: undefined }),
      fc.boolean(),
      async (ops, swaps, drop, plain) => {
        const text = log(ops, swaps, drop, plain);
        const r = await analyzeLogs({ records: '-' }, { stdin: Readable.from([Buffer.from(text)]), pairs: [{ alloc: 'osal_alloc', free: 'osal_free' }] });
        expect(['ok', 'incomplete', 'crashed']).toContain(r.status);
        const stillAllocated = r.leaks.reduce((n, l) => n + l.objects, 0) + devmAtEnd(r);
        expect(r.summary.allocations - r.summary.frees).toBe(stillAllocated);
        // Nothing is suppressed here: every group (leak or live at end) is counted.
        expect(r.summary.leakedObjects).toBe(r.leaks.filter((l) => l.kind === 'leak').reduce((n, l) => n + l.objects, 0));
        expect(r.summary.liveAtEndObjects).toBe(r.leaks.filter((l) => l.kind === 'live-at-end').reduce((n, l) => n + l.objects, 0));
        if (r.status === 'incomplete') expect(r.leaks.every((l) => l.kind === 'live-at-end')).toBe(true);
        // A gap shows only between two records that arrived (not at either end of the log).
        if (drop !== undefined && drop > 0 && drop < ops.length - 1 && !plain) expect(r.status).toBe('incomplete');
      },
    ), { numRuns: 500 });
  });

  it('records handed to the matcher field by field match exactly as the same records as events', () => {
    const matchAll = (text: string, byFields: boolean) => {
      const diagnostics = new DiagnosticLog();
      const pointers = new PointerKeys();
      const matcher = new Matcher({ pairs: [{ alloc: 'osal_alloc', free: 'osal_free' }], diagnostics, file: 'trace', pointers });
      const counted: RecordFieldSink = {
        names: (module, api) => matcher.names(module, api),
        allocNumber: (...a) => { fieldRecords++; matcher.allocNumber(...a); },
        freeNumber: (...a) => { fieldRecords++; matcher.freeNumber(...a); },
      };
      // A small reorder window: the records of these short traces go past it and can take the field path.
      const parser = new LogParser({ file: 'trace', records: true, diagnostics, pointers, reorderWindow: 4 }, (e) => matcher.apply(e), byFields ? counted : undefined);
      parser.push(Buffer.from(text));
      const facts = parser.end();
      return { match: matcher.finish(), facts, diagnostics: diagnostics.list() };
    };
    let fieldRecords = 0;
    fc.assert(fc.property(fc.array(opArb, { maxLength: 120 }), fc.array(fc.nat(120), { maxLength: 10 }), fc.option(fc.nat(120), { nil: undefined }), (ops, swaps, drop) => {
      const text = log(ops, swaps, drop, false);
      const viaFields = matchAll(text, true);
      expect(viaFields).toEqual(matchAll(text, false));
    }), { numRuns: 500 });
    expect(fieldRecords).toBeGreaterThan(0);
  });

  it('the same trace split into chunks anywhere gives the same report', async () => {
    await fc.assert(fc.asyncProperty(fc.array(opArb, { maxLength: 60 }), fc.array(fc.nat(4000), { maxLength: 6 }), async (ops, cuts) => {
      const bytes = Buffer.from(log(ops, [], undefined, false));
      const whole = await analyzeLogs({ records: '-' }, { stdin: Readable.from([bytes]) });
      const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
      const pieces = [0, ...points, bytes.length].slice(1).map((end, i, ends) => bytes.subarray(i === 0 ? 0 : ends[i - 1], end));
      const split = await analyzeLogs({ records: '-' }, { stdin: Readable.from(pieces.map((p) => Buffer.from(p))) });
      expect(split).toEqual(whole);
    }), { numRuns: 200 });
  });
});
