import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeLogs } from '../src/analyze.js';
import { ApiTable } from '../src/match/api-table.js';
import { Matcher } from '../src/match/matcher.js';
import { PointerKeys } from '../src/match/pointer.js';
import { DiagnosticLog } from '../src/report/diagnostics.js';
import { execCommand } from '../src/run/exec.js';

/** A record on the field path as the log parser hands it over: its names given first (once would do). */
function allocFields(matcher: Matcher, ...[module, logLine, seq, api, key, size, site]: Parameters<Matcher['allocNumber']>): void {
  matcher.names(module, api);
  matcher.allocNumber(module, logLine, seq, api, key, size, site);
}

function freeFields(matcher: Matcher, ...[module, logLine, seq, api, key, site]: Parameters<Matcher['freeNumber']>): void {
  matcher.names(module, api);
  matcher.freeNumber(module, logLine, seq, api, key, site);
}

describe('ApiTable', () => {
  const table = new ApiTable([{ alloc: 'osal_alloc', free: 'osal_free' }]);
  it.each([
    ['kmalloc', 'kfree', true], ['kzalloc', 'kvfree', true], ['kmalloc', 'vfree', false], ['kmem_cache_alloc', 'kfree', false],
    ['kmem_cache_zalloc', 'kmem_cache_free', true], ['vmalloc', 'kvfree', true], ['vzalloc', 'kfree', false], ['kvmalloc', 'kfree', false],
    ['alloc_pages', '__free_pages', true], ['alloc_pages', 'free_pages', true], ['__get_free_pages', 'free_page', true],
    ['get_zeroed_page', 'free_pages', true], ['devm_kzalloc', 'devm_kfree', true], ['devm_kzalloc', 'kfree', false],
    ['kstrdup_const', 'kfree_const', true], ['kstrdup', 'kfree_const', true], ['kmemdup', 'kfree_sensitive', true],
    ['osal_alloc', 'osal_free', true], ['osal_alloc', 'kfree', false], ['kmalloc', 'osal_free', false],
  ])('%s released by %s: %s', (alloc, free, ok) => {
    expect(table.mayRelease(alloc, free).ok).toBe(ok);
  });

  it('an undeclared custom API on either side cannot be checked', () => {
    expect(table.mayRelease('vendor_get', 'kfree').ok).toBe('unknown');
    expect(table.mayRelease('kmalloc', 'vendor_put').ok).toBe('unknown');
  });
});

// Random traces: a deterministic simulation turns fast-check's choices into events.
type Op = { op: 'alloc' | 'reuse' | 'free' | 'double' | 'unknown' | 'interior'; pick: number; size: number };
interface TraceEvent { kind: '+' | '-'; addr: bigint; size: number }

function simulate(ops: Op[]): TraceEvent[] {
  const live: Array<{ addr: bigint; size: number }> = [];
  const freed: bigint[] = [];
  let next = 0xffff888003a00000n;
  const events: TraceEvent[] = [];
  for (const { op, pick, size } of ops) {
    if (op === 'alloc' || (op === 'reuse' && freed.length === 0)) {
      live.push({ addr: next, size });
      events.push({ kind: '+', addr: next, size });
      next += 0x2000n;
    } else if (op === 'reuse') {
      const addr = freed.splice(pick % freed.length, 1)[0]!;
      live.push({ addr, size });
      events.push({ kind: '+', addr, size });
    } else if (op === 'free' && live.length > 0) {
      const { addr } = live.splice(pick % live.length, 1)[0]!;
      freed.push(addr);
      events.push({ kind: '-', addr, size: 0 });
    } else if (op === 'double' && freed.length > 0) {
      events.push({ kind: '-', addr: freed[pick % freed.length]!, size: 0 });
    } else if (op === 'interior' && live.length > 0) {
      const o = live[pick % live.length]!;
      if (o.size > 1) events.push({ kind: '-', addr: o.addr + BigInt(1 + (pick % (o.size - 1))), size: 0 });
    } else if (op === 'unknown') {
      events.push({ kind: '-', addr: 0xffff888100000000n + BigInt(pick) * 16n, size: 0 });
    }
  }
  return events;
}

/** One allocation site per event, so every leak group is one object and its sample names its address. */
function recordLog(events: TraceEvent[]): string {
  const lines = ['12,1,0,-;modleak1 rnd BEGIN'];
  events.forEach((e, i) => {
    const hex = e.addr.toString(16).padStart(16, '0');
    lines.push(e.kind === '+' ? `7,${i + 2},0,-;modleak1 rnd A kmalloc ${hex} ${e.size} t.c:${i + 2} f` : `7,${i + 2},0,-;modleak1 rnd F kfree ${hex} t.c:${i + 2} g`);
  });
  lines.push(`12,${events.length + 2},0,-;modleak1 rnd END`);
  return lines.join('\n') + '\n';
}

function mtraceLog(events: TraceEvent[]): string {
  const lines = ['= Start'];
  for (const e of events) {
    lines.push(e.kind === '+' ? `@ ./prog:[0x401234] + 0x${e.addr.toString(16)} 0x${e.size.toString(16)}` : `@ ./prog:[0x401250] - 0x${e.addr.toString(16)}`);
  }
  lines.push('= End');
  return lines.join('\n') + '\n';
}

const opArb = fc.record({
  op: fc.constantFrom<Op['op']>('alloc', 'alloc', 'alloc', 'reuse', 'free', 'free', 'free', 'double', 'unknown', 'interior'),
  pick: fc.nat({ max: 1_000_000 }),
  size: fc.integer({ min: 1, max: 4096 }),
});

async function analyzeText(text: string) {
  return analyzeLogs({ records: '-' }, { stdin: Readable.from([Buffer.from(text)]) });
}

describe('matcher properties', () => {
  it('allocations - frees = objects still live at END; every free of a non-live address is a bad free', async () => {
    await fc.assert(fc.asyncProperty(fc.array(opArb, { maxLength: 200 }), async (ops) => {
      const events = simulate(ops);
      const r = await analyzeText(recordLog(events));
      const liveAtEnd = r.leaks.reduce((n, l) => n + l.objects, 0);
      expect(r.summary.allocations - r.summary.frees).toBe(liveAtEnd);
      expect(r.summary.allocations).toBe(events.filter((e) => e.kind === '+').length);
      expect(r.summary.frees + r.summary.badFrees).toBe(events.filter((e) => e.kind === '-').length);
      expect(r.status).toBe('ok');
    }), { numRuns: 200 });
  });
});

describe('differential test against glibc mtrace', () => {
  it('leaked addresses = "Memory not freed"; double/invalid frees = "was never alloc\'d"', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'modleak-mtrace-'));
    await fc.assert(fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 150 }), async (ops) => {
      const events = simulate(ops);
      const file = path.join(dir, 'trace.mtrace');
      writeFileSync(file, mtraceLog(events));
      const mtrace = await execCommand('mtrace', [file], {}, 'mtrace comes with the Debian package libc-dev-bin (apt-get install libc-dev-bin)');
      expect(mtrace.stderr).toBe('');
      const theirLeaks = [...mtrace.stdout.matchAll(/^(0x[0-9a-f]+)\s+0x[0-9a-f]+\s+at /gm)].map((m) => BigInt(m[1]!)).sort();
      // mtrace numbers the trace's lines from "= Start" (1); modleak's log has BEGIN on line 1: the same numbering.
      const theirBad = [...mtrace.stdout.matchAll(/^- (0x[0-9a-f]+) Free (\d+) was never alloc'd/gm)].map((m) => `${BigInt(m[1]!)}@${m[2]}`).sort();

      const r = await analyzeText(recordLog(events));
      const ourLeaks = r.leaks.flatMap((l) => l.samples.map((s) => BigInt('0x' + s.ptr))).sort();
      const ourBad = r.badFrees.map((b) => `${BigInt('0x' + b.ptr)}@${b.logLine}`).sort();
      expect(ourLeaks).toEqual(theirLeaks);
      expect(ourBad).toEqual(theirBad);
      expect(mtrace.code).toBe(theirLeaks.length > 0 ? 1 : 0);
    }), { numRuns: 60 });
  });
});

describe('Matcher bad-free list', () => {
  it('keeps the first maxBadFrees bad frees, each named, and only counts the rest', () => {
    const pointers = new PointerKeys();
    const matcher = new Matcher({ diagnostics: new DiagnosticLog(), file: 'log', pointers, maxBadFrees: 2 });
    const site = { file: 'x.c', line: 1, function: 'f' };
    matcher.apply({ type: 'alloc', module: 'm', logLine: 1, api: 'kmalloc', ptr: pointers.key('ffff888000001000'), size: 64, site });
    for (let i = 0; i < 5; i++) {
      matcher.apply({ type: 'free', module: 'm', logLine: 2 + i, api: 'kfree', ptr: pointers.key('ffff888000001010'), site });
    }
    const result = matcher.finish();
    expect(result.badFrees.map((b) => [b.kind, b.logLine, b.offset])).toEqual([['invalid-free', 2, 16], ['invalid-free', 3, 16]]);
    expect(result.droppedBadFrees).toBe(3);
  });
});

describe('Matcher objects still allocated at END', () => {
  it('names a free after END as such, on the field path and the event path, until the address is allocated again', () => {
    const pointers = new PointerKeys();
    // One remembered free: a free older than that is no longer a double free to the matcher.
    const matcher = new Matcher({ diagnostics: new DiagnosticLog(), file: 'log', pointers, recentFrees: 1 });
    const site = { file: 'x.c', line: 1, function: 'f' };
    const [a, b, c, d] = ['ffff888000001000', 'ffff888000002000', 'ffff888000003000', 'ffff888000004000'].map((p) => pointers.key(p) as number);
    matcher.apply({ type: 'begin', module: 'm', logLine: 1 });
    allocFields(matcher, 'm', 2, 2, 'kmalloc', a!, 64, site);
    matcher.apply({ type: 'alloc', module: 'm', logLine: 3, seq: 3, api: 'kmalloc', ptr: b!, size: 32, site });
    allocFields(matcher, 'm', 4, 4, 'kmalloc', c!, 16, site);
    matcher.apply({ type: 'end', module: 'm', logLine: 5, seq: 5 });
    freeFields(matcher, 'n', 6, 6, 'kfree', a!, site);
    freeFields(matcher, 'n', 7, 7, 'kfree', a!, site);
    matcher.apply({ type: 'free', module: 'n', logLine: 8, seq: 8, api: 'kfree', ptr: b!, site });
    // c is handed out again and freed; once that free is forgotten, a free of c is not "after END".
    allocFields(matcher, 'n', 9, 9, 'kmalloc', c!, 8, site);
    freeFields(matcher, 'n', 10, 10, 'kfree', c!, site);
    allocFields(matcher, 'n', 11, 11, 'kmalloc', d!, 8, site);
    freeFields(matcher, 'n', 12, 12, 'kfree', d!, site);
    freeFields(matcher, 'n', 13, 13, 'kfree', c!, site);
    const result = matcher.finish();
    expect(result.badFrees.map((f) => [f.kind, f.logLine, f.afterEnd?.logLine, f.allocation?.logLine, f.previousFree?.logLine])).toEqual([
      ['invalid-free', 6, 5, 2, undefined], ['double-free', 7, undefined, 2, 6], ['invalid-free', 8, 5, 3, undefined], ['invalid-free', 13, undefined, undefined, undefined],
    ]);
    expect(result.leaks.map((l) => l.objects)).toEqual([3]);
    expect(result.allocations - result.frees).toBe(3);
  });
});

describe('Matcher markers', () => {
  it('names an END that follows another END of the same module, an END with no BEGIN, and a BEGIN again', () => {
    const pointers = new PointerKeys();
    const diagnostics = new DiagnosticLog();
    const matcher = new Matcher({ diagnostics, file: 'log', pointers });
    const site = { file: 'x.c', line: 1, function: 'f' };
    const [a, b] = ['ffff888000001000', 'ffff888000002000'].map((p) => pointers.key(p) as number);
    matcher.apply({ type: 'begin', module: 'm', logLine: 1 });
    allocFields(matcher, 'm', 2, 2, 'kmalloc', a!, 64, site);
    matcher.apply({ type: 'end', module: 'm', logLine: 3 });
    allocFields(matcher, 'm', 4, 4, 'kmalloc', b!, 32, site);
    matcher.apply({ type: 'end', module: 'm', logLine: 5 });
    matcher.apply({ type: 'end', module: 'n', logLine: 6 });
    matcher.apply({ type: 'begin', module: 'n', logLine: 7 });
    matcher.apply({ type: 'begin', module: 'n', logLine: 8 });
    const result = matcher.finish();
    const markers = diagnostics.list().filter((d) => /^line \d+: module \S+ (BEGIN|END) /.test(d.message)).map((d) => [d.line, d.message.split(": ")[1]!.split(":")[0]]);
    expect(markers).toEqual([
      [5, 'module m END again after its END at log line 3, with no BEGIN between'],
      [6, 'module n END without a BEGIN before it'],
      [8, 'module n BEGIN again without an END after the previous BEGIN'],
    ]);
    // Each END counts what was allocated before it: one object at line 3, the next at line 5.
    expect(result.leaks.map((l) => l.objects)).toEqual([2]);
  });
});

describe('Matcher API check', () => {
  it('names each API no pair declares once, from the field path and the event path alike', () => {
    const pointers = new PointerKeys();
    const diagnostics = new DiagnosticLog();
    const matcher = new Matcher({ diagnostics, file: 'log', pointers });
    const site = { file: 'x.c', line: 1, function: 'f' };
    const apis = [['kmalloc', 'kfree'], ['pool_get', 'pool_put'], ['kzalloc', 'pool_put'], ['pool_get_big', 'kfree']];
    let line = 0;
    for (let i = 0; i < 40; i++) {
      const [alloc, free] = apis[i % apis.length]!;
      const key = pointers.key(`ffff8880000${(0x10000 + i * 64).toString(16)}`) as number;
      // Even rounds take the field path, odd ones the event path.
      if (i % 2 === 0) allocFields(matcher, 'm', ++line, line, alloc!, key, 64, site);
      else matcher.apply({ type: 'alloc', module: 'm', logLine: ++line, api: alloc!, ptr: key, size: 64, site });
      if (i % 4 < 2) freeFields(matcher, 'm', ++line, line, free!, key, site);
      else matcher.apply({ type: 'free', module: 'm', logLine: ++line, api: free!, ptr: key, site });
    }
    matcher.finish();
    const named = diagnostics.list().filter((d) => d.message.includes('is not a kernel allocation or free API')).map((d) => d.message.split(' ')[0]).sort();
    expect(named).toEqual(['pool_get', 'pool_get_big', 'pool_put']);
  });

  it('checks and registers every API and module past the first few it keeps at hand', () => {
    // The matcher looks through the first 16 names before its maps: 24 modules, 18 of them
    // with their own undeclared API and 6 freeing vmalloc memory with kfree, all seen.
    const pointers = new PointerKeys();
    const diagnostics = new DiagnosticLog();
    const matcher = new Matcher({ diagnostics, file: 'log', pointers });
    const site = { file: 'x.c', line: 1, function: 'f' };
    let line = 0;
    for (let round = 0; round < 2; round++) {
      for (let m = 0; m < 24; m++) {
        const key = pointers.key(`ffff8880000${(0x10000 + (round * 24 + m) * 64).toString(16)}`) as number;
        allocFields(matcher, `mod${m}`, ++line, line, m < 18 ? `pool${m}_get` : 'vmalloc', key, 64, site);
        freeFields(matcher, `mod${m}`, ++line, line, 'kfree', key, site);
      }
    }
    const result = matcher.finish();
    expect(result.modules).toEqual(Array.from({ length: 24 }, (_, m) => `mod${m}`));
    const named = diagnostics.list().filter((d) => d.message.includes('is not a kernel allocation or free API')).map((d) => d.message.split(' ')[0]);
    expect(named.sort()).toEqual(Array.from({ length: 18 }, (_, m) => `pool${m}_get`).sort());
    expect(result.badFrees.map((f) => f.kind)).toEqual(Array.from({ length: 12 }, () => 'mismatched-free'));
  });
});
