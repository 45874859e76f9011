import { describe, expect, it } from 'vitest';
import { Matcher } from '../src/match/matcher.js';
import { PointerKeys } from '../src/match/pointer.js';
import { DecodedRecords } from '../src/parse/decoded-chunk.js';
import { LocalDecoding } from '../src/parse/decoded-slots.js';
import { LogParser } from '../src/parse/log-parser.js';
import { DiagnosticLog } from '../src/report/diagnostics.js';
import { warmUp, warmUpChunks } from '../src/warm-up.js';

// The made-up log analyzeLogs() runs first must take the paths a long log takes, and be
// a clean run: if it stopped parsing (a record the fast path turns down), it would warm
// up nothing, silently.
describe('warm-up log', () => {
  it('is a clean run of two modules whose every record is read, in order', () => {
    const diagnostics = new DiagnosticLog();
    const pointers = new PointerKeys();
    const matcher = new Matcher({ diagnostics, file: 'warm-up', pointers });
    const parser = new LogParser({ file: 'warm-up', records: true, diagnostics, pointers, reorderWindow: 1 }, (event) => matcher.apply(event), matcher);
    const chunks = warmUpChunks();
    for (const chunk of chunks) parser.push(chunk);
    const facts = parser.end();
    const match = matcher.finish();

    expect(diagnostics.list()).toEqual([]);
    expect(facts.records).toBe(604);
    expect({ malformed: facts.malformedRecords, lost: facts.lostRecords, truncated: facts.truncatedTail }).toEqual({ malformed: 0, lost: 0, truncated: false });
    expect({ allocations: match.allocations, frees: match.frees, live: match.liveObjects }).toEqual({ allocations: 300, frees: 300, live: 0 });
    expect(match.leaks).toEqual([]);
    expect(match.badFrees).toEqual([]);
    expect(match.endedModules).toEqual(['modleak_warm_up', 'modleak_warm_up_osal']);
  });

  it('is cut inside an address and inside a call site, as reads of a long log are', () => {
    const chunks = warmUpChunks().map((c) => c.toString('latin1'));
    expect(chunks).toHaveLength(3);
    expect(chunks[0]).toMatch(/ A [a-z]+ ffff[0-9a-f]{1,11}$/);
    expect(chunks[1]).toMatch(/ F [a-z]+ ffff[0-9a-f]{12} drivers\/warm\/warm\.c:88 war$/);
  });

  it('sends some heads round more call sites than they remember, and keeps others on one', () => {
    const log = warmUpChunks().map((c) => c.toString('latin1')).join('');
    const sitesByHead = new Map<string, Set<string>>();
    for (const m of log.matchAll(/modleak1 (\S+ A \S+) \S+ \d+ (\S+ \S+)\n/g)) {
      const sites = sitesByHead.get(m[1]!) ?? new Set<string>();
      sites.add(m[2]!);
      sitesByHead.set(m[1]!, sites);
    }
    const counts = [...sitesByHead.values()].map((s) => s.size);
    expect(Math.max(...counts)).toBeGreaterThan(4);
    expect(sitesByHead.size).toBe(6);
  });

  it('is written down whole by the read-ahead thread\'s decoder (decode-worker.ts warms up on it)', () => {
    const writer = new LocalDecoding();
    const written = warmUpChunks().map((chunk) => writer.decode(chunk).written());
    // 600 allocations and frees; the two records cut by the reads are left to the log parser.
    expect(written.reduce((a, b) => a + b, 0)).toBe(598);
  });

  it('with a read-ahead thread, is run a second time taking the records after the first read as the thread writes them down', () => {
    const passes = (readAhead: boolean) => {
      const pipelines: Array<{ parser: LogParser; matcher: Matcher; diagnostics: DiagnosticLog }> = [];
      const taken: number[] = [];
      const takeRun = DecodedRecords.prototype.takeRun;
      DecodedRecords.prototype.takeRun = function (this: DecodedRecords, ...args: Parameters<typeof takeRun>) {
        const lines = takeRun.apply(this, args);
        taken[pipelines.length - 1] = (taken[pipelines.length - 1] ?? 0) + lines;
        return lines;
      };
      try {
        warmUp(() => {
          const diagnostics = new DiagnosticLog();
          const pointers = new PointerKeys();
          const matcher = new Matcher({ diagnostics, file: 'warm-up', pointers });
          const parser = new LogParser({ file: 'warm-up', records: true, diagnostics, pointers, reorderWindow: 1 }, (event) => matcher.apply(event), matcher);
          pipelines.push({ parser, matcher, diagnostics });
          return { parser, matcher };
        }, readAhead);
      } finally {
        DecodedRecords.prototype.takeRun = takeRun;
      }
      return { taken, clean: pipelines.map((p) => p.diagnostics.list().length === 0) };
    };
    expect(passes(false)).toEqual({ taken: [0], clean: [true] });
    const threaded = passes(true);
    expect(threaded.clean).toEqual([true, true]);
    expect(threaded.taken[0]).toBe(0);
    // The 600 allocations and frees but the first read's 150 and the two records the reads cut.
    expect(threaded.taken[1]).toBe(448);
  });
});
