import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matcher } from '../src/match/matcher.js';
import { PointerKeys } from '../src/match/pointer.js';
import { DecodedRecords } from '../src/parse/decoded-chunk.js';
import { LocalDecoding } from '../src/parse/decoded-slots.js';
import { LogParser } from '../src/parse/log-parser.js';
import { DiagnosticLog } from '../src/report/diagnostics.js';

// The hand-over of records read ahead (decoded-chunk.ts) can only save work: a log
// parser that takes the records another reader wrote down must give exactly what one
// that reads every line gives, wherever the chunks are cut, however far the writer got
// in each chunk, and whatever else the log holds. Here the writer runs in this thread
// (LocalDecoding); read-log.test.ts runs the same with the real thread.

const address = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('ffff888003a1b200', 'ffff888003a1b240', 'ffff888003a1b280', 'ffff888003a1b2c0', 'ffff888003a1b208') },
  { weight: 1, arbitrary: fc.constantFrom('ff1b000000001000', '0000000000000000', '0000000000000010', '003a1b20', 'ffff88800 3a1b200') },
);
const module = fc.constantFrom('drv', 'drv_osal');
const site = fc.constantFrom('drv.c:10 drv_probe', 'drivers/x/y.c:42 y_open', 'drv.c:11 drv_probe', 'osal.c:7 osal_alloc_impl', 'drv.c:1 f\x1b[0m');
const record = fc.oneof(
  fc.tuple(module, fc.constantFrom('kmalloc', 'vmalloc', 'osal_alloc'), address, fc.constantFrom('0', '64', '4096'), site).map(([m, api, p, size, s]) => `modleak1 ${m} A ${api} ${p} ${size} ${s}`),
  fc.tuple(module, fc.constantFrom('kfree', 'vfree', 'osal_free'), address, site).map(([m, api, p, s]) => `modleak1 ${m} F ${api} ${p} ${s}`),
  fc.tuple(module, address, address, site).map(([m, p, q, s]) => `modleak1 ${m} R krealloc ${p} ${q} 128 ${s}`),
  module.map((m) => `modleak1 ${m} BEGIN`),
  module.map((m) => `modleak1 ${m} END`),
);
/** A line of the log: mostly /dev/kmsg records (sequence numbers filled in later), and what else logs hold. */
const line = fc.oneof(
  { weight: 8, arbitrary: record.map((r) => ({ kmsg: r })) },
  { weight: 1, arbitrary: record.map((r) => ({ text: `[    1.234567] ${r}` })) },
  { weight: 1, arbitrary: fc.constantFrom('', 'junk line', '6,3,4,-;drv: link up', '\x00\x00', '\x00'.repeat(64), 'BUG: sleeping function called from invalid context at drv.c:5', 'Call Trace:', ' dump_stack+0x10/0x20', ' </TASK>', '7,,1,-;modleak1 drv BEGIN').map((text) => ({ text })) },
);

function logOf(lines: Array<{ kmsg?: string; text?: string }>, crlf: boolean, bom: boolean, swap: number | undefined): Buffer {
  let seq = 0;
  const texts = lines.map((l) => (l.kmsg !== undefined ? `7,${seq++},${seq * 3},-;${l.kmsg}` : l.text!));
  if (swap !== undefined && swap + 1 < texts.length) [texts[swap], texts[swap + 1]] = [texts[swap + 1]!, texts[swap]!];
  return Buffer.from((bom ? '\ufeff' : '') + texts.join(crlf ? '\r\n' : '\n') + '\n');
}

function parse(chunks: Buffer[], upTo: Array<number | undefined> | undefined) {
  const diagnostics = new DiagnosticLog();
  const pointers = new PointerKeys();
  const matcher = new Matcher({ pairs: [{ alloc: 'osal_alloc', free: 'osal_free' }], diagnostics, file: 'log', pointers });
  const parser = new LogParser({ file: 'log', records: true, diagnostics, pointers, reorderWindow: 4 }, (e) => matcher.apply(e), matcher);
  const writer = new LocalDecoding();
  chunks.forEach((chunk, k) => parser.push(chunk, upTo === undefined ? undefined : writer.decode(chunk, upTo[k % upTo.length])));
  const facts = parser.end();
  return { match: matcher.finish(), facts, diagnostics: diagnostics.list() };
}

/** Calls `body` with DecodedRecords.takeRun() watched: each run of records taken, as [line start, records]. */
function watchingRuns<T>(body: (runs: Array<[number, number]>) => T): T {
  const runs: Array<[number, number]> = [];
  const takeRun = DecodedRecords.prototype.takeRun;
  DecodedRecords.prototype.takeRun = function (this: DecodedRecords, ...args: Parameters<typeof takeRun>) {
    const lines = takeRun.apply(this, args);
    if (lines > 0) runs.push([args[0], lines]);
    return lines;
  };
  try {
    return body(runs);
  } finally {
    DecodedRecords.prototype.takeRun = takeRun;
  }
}

describe('records handed over from another reader', () => {
  it('give the same match, facts and diagnostics as reading every line, however the log is cut and however far the writer got', () => {
    const runs = watchingRuns((runs) => {
      fc.assert(fc.property(
        fc.array(line, { maxLength: 150, size: 'medium' }), fc.boolean(), fc.boolean(), fc.option(fc.nat(150), { nil: undefined }),
        fc.array(fc.nat(6000), { maxLength: 6 }),
        fc.array(fc.option(fc.nat(200), { nil: undefined }), { minLength: 1, maxLength: 4 }),
        (lines, crlf, bom, swap, cuts, upTo) => {
          const log = logOf(lines, crlf, bom, swap);
          const points = [...new Set(cuts.map((c) => c % (log.length + 1)))].sort((a, b) => a - b);
          const chunks = [...points, log.length].map((end, i, ends) => log.subarray(i === 0 ? 0 : ends[i - 1], end)).filter((c) => c.length > 0);
          expect(parse(chunks, upTo)).toEqual(parse(chunks, undefined));
        },
      ), { numRuns: 400 });
      return runs;
    });
    const taken = runs.reduce((sum, [, records]) => sum + records, 0);
    const longestRun = Math.max(...runs.map(([, records]) => records));
    expect(taken).toBeGreaterThan(1000);
    expect(longestRun).toBeGreaterThan(2);
  });

  it('are taken only where the log parser looks for a line, and only while both read addresses alike', () => {
    // The first record's address teaches each reader the run's prefix: until the log
    // parser has read one itself, it reads the records handed over itself too.
    const log = Buffer.from(['7,0,0,-;modleak1 drv BEGIN', '7,1,1,-;modleak1 drv A kmalloc ffff888003a1b200 64 drv.c:10 drv_probe', '7,2,2,-;modleak1 drv F kfree ffff888003a1b200 drv.c:12 drv_remove', '7,3,3,-;modleak1 drv END', ''].join('\n'));
    const writer = new LocalDecoding();
    const decoded = writer.decode(log);
    expect(decoded.written()).toBe(2);
    const diagnostics = new DiagnosticLog();
    const pointers = new PointerKeys();
    const matcher = new Matcher({ diagnostics, file: 'log', pointers });
    const parser = new LogParser({ file: 'log', records: true, diagnostics, pointers }, (e) => matcher.apply(e), matcher);
    const taken = watchingRuns((runs) => {
      parser.push(log, decoded);
      return runs;
    });
    parser.end();
    // The free only: the allocation came before this side knew the run's prefix.
    expect(taken).toEqual([[log.indexOf('7,2,2,-;'), 1]]);
    const match = matcher.finish();
    expect({ allocations: match.allocations, frees: match.frees, leaks: match.leaks.length, bad: match.badFrees.length }).toEqual({ allocations: 1, frees: 1, leaks: 0, bad: 0 });
  });

  it('do for the log what a record line read does: end a BUG report after its trace, and show a NUL run was a hole', () => {
    // Runs of records taken right after what only the next record line closes: a BUG
    // report's trace (its report ends there, so the junk after is not part of it), and a
    // NUL run (the file lost data there, since more of the log follows).
    let seq = 0;
    const kmsg = (text: string) => `4,${seq++},${seq},-;${text}`;
    const record = (text: string) => kmsg(`modleak1 drv ${text}`);
    const alloc = (n: number) => record(`A kmalloc ffff888003a1b${String(n).padStart(3, '0')} 64 drv.c:10 drv_probe`);
    const log = Buffer.from([
      record('BEGIN'), alloc(100),
      ...['BUG: sleeping function called from invalid context at drv.c:5', 'Call Trace:', ' dump_stack+0x10/0x20', ' </TASK>'].map(kmsg),
      alloc(200), alloc(300), kmsg('drv: after the report'),
      '\0'.repeat(64), alloc(400), alloc(500), '',
    ].join('\n'));
    const chunks = [log];
    const { result, runs } = watchingRuns((runs) => ({ result: parse(chunks, [undefined]), runs: [...runs] }));
    expect(runs.map(([, records]) => records)).toEqual([2, 2]);
    expect(result).toEqual(parse(chunks, undefined));
    expect(result.facts.crashes.map((c) => c.lines.at(-1))).toEqual([' </TASK>']);
    expect(result.facts.nulHoleLine).toBe(10);
  });
});
