import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeLogs } from '../src/analyze.js';
import { ByteLineSplitter } from '../src/parse/line-splitter.js';
import { normalizeLine } from '../src/parse/normalize.js';
import { RecordParser, SiteTable, findRecord, isRecordError, parseRecordStrict } from '../src/parse/record.js';
import { ReorderWindow } from '../src/parse/reorder.js';
import { crashKind } from '../src/parse/crash.js';
import { LogParser } from '../src/parse/log-parser.js';
import { Matcher } from '../src/match/matcher.js';
import { PointerKeys } from '../src/match/pointer.js';
import { DiagnosticLog } from '../src/report/diagnostics.js';

interface LineInfo { lineNo: number; droppedBytes: number; terminated: boolean; droppedRecords: number }

function split(chunks: Buffer[], max?: number): Array<[string, LineInfo]> {
  const out: Array<[string, LineInfo]> = [];
  const s = new ByteLineSplitter((bytes, start, end, lineNo, droppedBytes, terminated, droppedRecords) => out.push([bytes.toString('utf8', start, end), { lineNo, droppedBytes, terminated, droppedRecords }]), max);
  for (const c of chunks) s.push(c);
  s.end();
  return out;
}

describe('ByteLineSplitter', () => {
  it('gives the same lines wherever the chunks are cut, including inside a UTF-8 character', () => {
    const input = Buffer.from('one\r\ntwo é three\n\nfour €\nlast');
    const whole = split([input]).map(([l]) => l);
    expect(whole).toEqual(['one', 'two é three', '', 'four €', 'last']);
    for (let cut = 0; cut <= input.length; cut++) {
      expect(split([input.subarray(0, cut), input.subarray(cut)]).map(([l]) => l)).toEqual(whole);
    }
  });

  it('numbers lines from 1 and marks an unterminated last line', () => {
    const lines = split([Buffer.from('a\nb\nc')]);
    expect(lines.map(([l, i]) => `${i.lineNo}:${l}:${i.terminated}`)).toEqual(['1:a:true', '2:b:true', '3:c:false']);
  });

  it('cuts an overlong line at the cap, inside one chunk and across many', () => {
    const long = 'x'.repeat(100);
    expect(split([Buffer.from(`${long}\nok\n`)], 10).map(([l, i]) => [l, i.droppedBytes])).toEqual([['x'.repeat(10), 90], ['ok', 0]]);
    const pieces = Array.from({ length: 20 }, () => Buffer.from('y'.repeat(7)));
    expect(split([...pieces, Buffer.from('\nnext\n')], 10).map(([l, i]) => [l, i.droppedBytes])).toEqual([['y'.repeat(10), 130], ['next', 0]]);
  });

  it('reports an overlong CRLF line as long as it is without its CR, wherever the chunks are cut (a file and a pipe alike)', () => {
    const input = Buffer.from(`${'x'.repeat(25)}\r\nok\r\n${'z'.repeat(11)}\r\n`);
    const whole = split([input], 10).map(([l, i]) => [l, i.droppedBytes]);
    expect(whole).toEqual([['x'.repeat(10), 15], ['ok', 0], ['z'.repeat(10), 1]]);
    for (let cut = 0; cut <= input.length; cut++) {
      expect(split([input.subarray(0, cut), input.subarray(cut)], 10).map(([l, i]) => [l, i.droppedBytes]), `cut at ${cut}`).toEqual(whole);
    }
  });

  it('drops the CR that LF-CR line ends put at the start of a line, so it does not count against the cap', () => {
    const input = Buffer.from(`first\n\r${'x'.repeat(10)}\n\rlast\n\r`);
    expect(split([input], 10).map(([l, i]) => [l, i.droppedBytes])).toEqual([['first', 0], ['x'.repeat(10), 0], ['last', 0], ['', 0]]);
    // Wherever the chunks are cut, the CR starting a line that spans two of them included.
    for (let cut = 0; cut <= input.length; cut++) {
      expect(split([input.subarray(0, cut), input.subarray(cut)]).map(([l]) => l), `cut at ${cut}`).toEqual(['first', 'x'.repeat(10), 'last', '']);
    }
  });

  it('counts the records an overlong line loses past its cap, one cut by the cap too, wherever the chunks are cut', () => {
    // Cap 40: \`modleak1 \` (9 bytes) starting at 32 or later is not wholly kept; at 31 or before it is.
    for (const starts of [[0, 31], [32], [35, 50, 70], [10, 39, 48, 70]]) {
      const line = Buffer.alloc(90, 'x');
      for (const at of starts) line.write('modleak1 ', at);
      const lost = starts.filter((at) => at >= 32).length;
      const input = Buffer.concat([line, Buffer.from('\nok\n')]);
      for (let size = 1; size <= input.length; size++) {
        const chunks = Array.from({ length: Math.ceil(input.length / size) }, (_, k) => input.subarray(k * size, (k + 1) * size));
        const lines = split(chunks, 40);
        expect(lines.map(([, i]) => [i.droppedBytes, i.droppedRecords]), `starts ${starts}, chunks of ${size}`).toEqual([[50, lost], [0, 0]]);
      }
    }
  });
});

describe('normalizeLine', () => {
  // [line, message, kmsg seq, written from user space, its prefix carries a time, its time in seconds, syslog host, the time's kind]
  it.each([
    ['7,123,4567,-;modleak1 m BEGIN', 'modleak1 m BEGIN', 123, false, true, undefined, undefined, undefined],
    ['12,124,4568,-;modleak1 m END', 'modleak1 m END', 124, true, true, undefined, undefined, undefined],
    ['4,9,1,c; do_one_initcall+0x44/0x220', ' do_one_initcall+0x44/0x220', 9, false, true, undefined, undefined, undefined],
    // A kmsg header behind a CI log's time, or extended netconsole's release: its sequence number counts.
    ['2026-11-27T07:22:51.0000548Z 2,4,2969688,-;kernel BUG at mm/slub.c:419!', 'kernel BUG at mm/slub.c:419!', 4, false, true, undefined, undefined, undefined],
    ['6.1.0-56-cloud-amd64,7,2,2896872,-;modleak1 m BEGIN', 'modleak1 m BEGIN', 2, false, true, undefined, undefined, undefined],
    ['[   12.345678] hello', 'hello', undefined, false, true, 12.345678, undefined, 'boot'],
    ['<7>[    1.000000][    T1] hello', 'hello', undefined, false, true, 1, undefined, 'boot'],
    ['<12>[    1.000000] hello', 'hello', undefined, true, true, 1, undefined, 'boot'],
    ['Nov 26 04:51:04 box kernel: [    4.000005] hello', 'hello', undefined, false, true, 4.000005, 'box', 'boot'],
    ['[    4.000005] box kernel: hello', 'hello', undefined, false, true, 4.000005, 'box', 'boot'],
    ['kern  :warn  : [Wed Nov 26 04:01:11 2026] hello', 'hello', undefined, false, true, Date.UTC(2026, 10, 26, 4, 1, 11) / 1000, undefined, 'dmesg-T'],
    ['[Thu Nov  5 23:59:59 2026] hello', 'hello', undefined, false, true, Date.UTC(2026, 10, 5, 23, 59, 59) / 1000, undefined, 'dmesg-T'],
    // An ISO time is the same moment whatever its zone, read to the second (what counts is a time more than a second back).
    ['2026-11-26T05:01:11,250000+01:00 hello', 'hello', undefined, false, true, Date.UTC(2026, 10, 26, 4, 1, 11) / 1000, undefined, 'iso'],
    ['2026-11-26T00:01:11,000000-0400 hello', 'hello', undefined, false, true, Date.UTC(2026, 10, 26, 4, 1, 11) / 1000, undefined, 'iso'],
    ['2026-11-26T04:01:11.1234567890123456789+00:00 hello', 'hello', undefined, false, true, Date.UTC(2026, 10, 26, 4, 1, 11) / 1000, undefined, 'iso'],
    ['2026-11-26T10:01:11.5+06:00 hello', 'hello', undefined, false, true, Date.UTC(2026, 10, 26, 4, 1, 11) / 1000, undefined, 'iso'],
    // A date or zone that does not exist is no time to compare (the prefix still carries one).
    ['[Fri Feb 30 00:00:00 2026] hello', 'hello', undefined, false, true, undefined, undefined, undefined],
    ['[Fri Nov 32 25:61:61 2026] hello', 'hello', undefined, false, true, undefined, undefined, undefined],
    ['[Fri Nov 27 14:00:02 0099] hello', 'hello', undefined, false, true, undefined, undefined, undefined],
    ['2026-11-26T05:01:11,250000+99:99 hello', 'hello', undefined, false, true, undefined, undefined, undefined],
    // A syslog date is the logger's clock, not the kernel's: no time to compare.
    ['Nov 26 04:51:04 box kernel: hello', 'hello', undefined, false, true, undefined, 'box', undefined],
    ['user  :warn  : [    2.000000] hello', 'hello', undefined, true, true, 2, undefined, 'boot'],
    ['\x1b[1;31m[    1.0] \x1b[0mhello', 'hello', undefined, false, true, 1, undefined, 'boot'],
    ['no prefix at all', 'no prefix at all', undefined, false, false, undefined, undefined, undefined],
    ['Nov 26 04:00:00 host myscript[77]: BUG: said a script', 'Nov 26 04:00:00 host myscript[77]: BUG: said a script', undefined, true, true, undefined, 'host', undefined],
    // Read as a program's line here; the log parser takes it for the kernel's unless the log has `invalid kernel:` lines.
    ['2026-11-27T07:22:50.972771000Z invalid opcode: 0000 [#1]', '2026-11-27T07:22:50.972771000Z invalid opcode: 0000 [#1]', undefined, true, true, undefined, 'invalid', undefined],
  ])('%j', (raw, text, seq, fromUser, timed, seconds, syslogHost, timeKind) => {
    expect(normalizeLine(raw)).toEqual({
      text, fromUser, timed,
      ...(seq === undefined ? {} : { seq }),
      ...(seconds === undefined ? {} : { seconds }),
      ...(syslogHost === undefined ? {} : { syslogHost }),
      ...(timeKind === undefined ? {} : { timeKind }),
    });
  });

  it('skips kmsg dictionary continuation lines', () => {
    expect(normalizeLine(' SUBSYSTEM=virtio')).toBeUndefined();
    expect(normalizeLine(' DEVICE=+virtio:virtio0')).toBeUndefined();
  });
});

describe('record parsing', () => {
  const records = [
    'modleak1 m A kmalloc ffff888003a1b200 64 drivers/m.c:42 m_probe',
    'modleak1 m F kfree ffff888003a1b200 drivers/m.c:50 m_remove',
    'modleak1 m R krealloc 0000000000000000 ffff888003a1b200 128 m.c:7 m_grow',
    'modleak1 my-mod BEGIN',
    'modleak1 my-mod END',
  ];

  it('the fast path and the careful path agree on well-formed records', () => {
    for (const text of records) {
      const fast = new RecordParser().parse(text, 0, 5, 77);
      const strict = parseRecordStrict(text, 0, 5, 77, new SiteTable());
      expect(fast).toEqual(strict);
      expect(isRecordError(fast)).toBe(false);
    }
  });

  it('finds a record anywhere in a line, but not modleak without a version', () => {
    expect(findRecord('garbagemodleak1 m BEGIN')).toBe(7);
    expect(findRecord('modleak: loading out-of-tree module')).toBe(-1);
    expect(findRecord('modleak1x m BEGIN')).toBe(-1);
    expect(findRecord('modleak2 m BEGIN')).toBe(0);
  });

  it.each([
    ['modleak1 m A kmalloc ffff888003a1b200 x12 m.c:1 f', 'size', "size 'x12' is not a decimal number"],
    ['modleak1 m A kmalloc 0xffff 64 m.c:1 f', 'ptr', "ptr '0xffff' is not a hexadecimal address"],
    ['modleak1 m F kfree ffff888003a1b200 m.c f', 'file:line', "site 'm.c' is not <file>:<line>"],
    ['modleak1 m F kfree ffff888003a1b200', 'fields', 'F record has 5 field(s), expected 7'],
    ['modleak1 m Z kfree ffff888003a1b200 m.c:1 f', 'kind', "record kind 'Z' is not A, F, R, BEGIN or END"],
    ['modleak1 m R krealloc 0 ffff 10 m.c:1 1f', 'function', "function '1f' is not a C function name"],
  ])('%s -> %s', (text, field, message) => {
    const r = new RecordParser().parse(text, 0, 1, undefined);
    expect(isRecordError(r) && r.field).toBe(field);
    expect(isRecordError(r) && r.message).toContain(message);
  });

  it('refuses an unknown grammar version', () => {
    const r = new RecordParser().parse('modleak2 m A kmalloc ffff 64 m.c:1 f', 0, 1, undefined);
    expect(r).toMatchObject({ error: 'version', field: 'modleak2' });
  });
});

describe('ReorderWindow', () => {
  it('releases in sequence order, counts gaps, drops duplicates, flags late records', () => {
    const out: number[] = [];
    const late: number[] = [];
    const w = new ReorderWindow<number>((n) => out.push(n), (seq) => late.push(seq), 3);
    for (const seq of [1, 3, 2, 2, 8, 9, 10, 11, 5, 1]) w.push(seq, seq);
    w.flush();
    // 4..7 lost once 8 left the window (3 held); 5 then arrives late; 2 and 1 repeat.
    expect(out).toEqual([1, 2, 3, 8, 9, 10, 11]);
    expect(w.stats).toEqual({ lost: 4, late: 1, duplicates: 2 });
    expect(late).toEqual([5]);
  });

  it('places the first records by sequence too: the first to arrive need not be the first sent', () => {
    const out: number[] = [];
    const w = new ReorderWindow<number>((n) => out.push(n), () => undefined, 3);
    // 3 first, then 1: neither a duplicate nor lost; 2 never comes.
    for (const seq of [3, 1, 4, 5, 6, 7]) w.push(seq, seq);
    expect(w.takeNext(8)).toBe(true);
    w.flush();
    expect(out).toEqual([1, 3, 4, 5, 6, 7]);
    expect(w.stats).toEqual({ lost: 1, late: 0, duplicates: 0 });
  });

  it('places a record without a sequence number after everything that arrived before it, without closing the window', () => {
    const out: string[] = [];
    const w = new ReorderWindow<string>((s) => out.push(s), () => undefined, 3);
    w.pushUnsequenced('console 0'); // nothing sequenced yet: at once
    w.push(1, '1');
    w.push(3, '3');
    w.pushUnsequenced('console A');
    w.pushUnsequenced('console B');
    w.push(2, '2'); // late, sent before 3: still in time, and before the console lines
    w.push(4, '4');
    w.flush();
    expect(out).toEqual(['console 0', '1', '2', '3', 'console A', 'console B', '4']);
    expect(w.stats).toEqual({ lost: 0, late: 0, duplicates: 0 });
  });

  it('tells a late record from a repeated one among many gaps (a log with losses, read twice)', () => {
    const late: number[] = [];
    const w = new ReorderWindow<number>(() => undefined, (seq) => late.push(seq), 3);
    // Every third number lost: gaps 3, 6, 9, ..., 600 (200 gaps).
    const sent = Array.from({ length: 600 }, (_, i) => i + 1).filter((seq) => seq % 3 !== 0);
    for (const seq of sent) w.push(seq, seq);
    w.flush();
    expect(w.stats).toEqual({ lost: 199, late: 0, duplicates: 0 });
    // Read again, plus the lost ones arriving: each lost one is late, each of the 400 sent a repeat (600 is new).
    for (let seq = 1; seq <= 600; seq++) w.push(seq, seq);
    expect(late).toEqual(Array.from({ length: 199 }, (_, i) => 3 * (i + 1)));
    expect(w.stats).toEqual({ lost: 199, late: 199, duplicates: 400 });
  });
});

/** Parses and matches `log` read in chunks of the given sizes (cycled); everything the two found, as JSON. */
function matchInChunks(log: Buffer, sizes: readonly number[]): string {
  const diagnostics = new DiagnosticLog();
  const pointers = new PointerKeys();
  const lost = { count: 0 };
  const matcher = new Matcher({ diagnostics, file: 'log', lostSoFar: () => lost.count, pointers });
  const parser = new LogParser({ file: 'log', records: true, diagnostics, pointers }, (e) => matcher.apply(e), matcher);
  for (let at = 0, k = 0; at < log.length; k++) {
    const n = sizes[k % sizes.length]!;
    parser.push(log.subarray(at, at + n));
    at += n;
  }
  const facts = parser.end();
  return JSON.stringify({ facts, match: matcher.finish(), diagnostics: diagnostics.list() });
}

/** A record log with a driver's variety: 3 modules, 4 allocator pairs, 24 sites, bad frees, kernel lines between. */
function variedLog(lineEnd: string): Buffer {
  const modules = ['drv', 'drv_osal', 'net2'];
  const pairs = [['kmalloc', 'kfree'], ['kzalloc', 'kfree'], ['vmalloc', 'vfree'], ['kvmalloc', 'kvfree']];
  const lines = modules.map((m, i) => `6,${i + 1},0,-;modleak1 ${m} BEGIN`);
  const live: Array<[number, number, string]> = [];
  let seq = modules.length + 1;
  for (let i = 0; i < 3000; i++) {
    if (i % 97 === 0) lines.push(`6,${seq++},${i},-;usb 1-1: new device ${i}`);
    if (live.length < 40 || i % 3 !== 0) {
      const m = i % 3;
      const p = (i >> 2) % 4;
      const ptr = `ffff8880${(0x1000000 + i * 0x40).toString(16).padStart(8, '0')}`;
      live.push([m, p, ptr]);
      lines.push(`7,${seq++},${i},-;modleak1 ${modules[m]} A ${pairs[p]![0]} ${ptr} ${16 + (i % 300)} drivers/${modules[m]}/f${p}.c:${10 + (i % 6)} ${modules[m]}_op${i % 6}`);
    } else {
      const [m, p, ptr] = live.splice((i * 7) % live.length, 1)[0]!;
      // Every 50th free uses the wrong API (mismatched); every 70th frees it twice.
      const api = i % 50 === 0 ? 'vfree' : pairs[p]![1];
      lines.push(`7,${seq++},${i},-;modleak1 ${modules[m]} F ${api} ${ptr} drivers/${modules[m]}/release.c:${90 + p} ${modules[m]}_release`);
      if (i % 70 === 0) lines.push(`7,${seq++},${i},-;modleak1 ${modules[m]} F ${api} ${ptr} drivers/${modules[m]}/release.c:99 ${modules[m]}_again`);
    }
  }
  modules.forEach((m) => lines.push(`6,${seq++},0,-;modleak1 ${m} END`));
  return Buffer.from(lines.join(lineEnd) + lineEnd);
}

describe('LogParser', () => {
  it('finds the same wherever the read chunks are cut, in a log of several modules, APIs and sites (LF and CRLF)', () => {
    for (const lineEnd of ['\n', '\r\n']) {
      const log = variedLog(lineEnd);
      const whole = matchInChunks(log, [log.length]);
      const match = JSON.parse(whole).match;
      expect(match.allocations).toBeGreaterThan(2000);
      expect(match.badFrees.map((b: { kind: string }) => b.kind)).toEqual(expect.arrayContaining(['mismatched-free', 'double-free']));
      expect(matchInChunks(log, [1 << 20])).toBe(whole);
      fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 20 }), (sizes) => {
        expect(matchInChunks(log, sizes)).toBe(whole);
      }), { numRuns: 30 });
    }
  });
});

describe('crash titles', () => {
  it.each([
    ['BUG: KASAN: double-free in leaky_exit+0x1/0x2 [leaky]', 'kasan'],
    ['BUG: unable to handle page fault for address: ffff', 'bug'],
    ['kernel BUG at mm/slub.c:123!', 'bug'],
    ['Oops: 0000 [#1] PREEMPT SMP NOPTI', 'oops'],
    ['general protection fault, probably for non-canonical address', 'oops'],
    ['Kernel panic - not syncing: Fatal exception', 'panic'],
    ['WARNING: CPU: 0 PID: 1 at foo.c:1 foo+0x1/0x2', 'warning'],
    ['a WARNING: in the middle', undefined],
  ])('%s', (text, kind) => {
    expect(crashKind(text)).toBe(kind);
  });
});

describe('bad input never crashes the analysis', () => {
  it('a 300 MB line is cut, diagnosed, and the records after it still count', async () => {
    const mb = Buffer.alloc(1 << 20, 0x41);
    async function* log() {
      yield Buffer.from('12,1,1,-;modleak1 big BEGIN\n7,2,2,-;modleak1 big A kmalloc ffff888003a1b200 64 big.c:1 big_init\n');
      for (let i = 0; i < 300; i++) yield mb;
      yield Buffer.from('\n7,3,3,-;modleak1 big F kfree ffff888003a1b200 big.c:2 big_exit\n12,4,4,-;modleak1 big END\n');
    }
    const before = process.memoryUsage().rss;
    const r = await analyzeLogs({ records: '-' }, { stdin: Readable.from(log()) });
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
    expect(r.status).toBe('ok');
    expect(r.summary).toMatchObject({ allocations: 1, frees: 1, leakedObjects: 0 });
    const overlong = r.diagnostics.find((d) => d.line === 3);
    expect(overlong?.message).toBe(`line 3: it is ${300 * (1 << 20)} bytes long; kept its first 65536 bytes and skipped the rest`);
  });

  it('records an overlong line loses past its cap, or that the cap cuts, make the run incomplete, each named', async () => {
    const junk = 'x'.repeat(70_000);
    const log = [
      '[    1.0] modleak1 cap BEGIN',
      '[    1.1] modleak1 cap A kmalloc ffff888003a1b200 64 cap.c:1 cap_init',
      `[    1.2] ${junk} modleak1 cap F kfree ffff888003a1b200 cap.c:2 cap_exit`,
      `[    1.3] ${'y'.repeat(65_536 - 40)}modleak1 cap A kmalloc ffff888003a1b300 64 cap.c:3 cap_probe_function`,
      '[    1.4] modleak1 cap END', '',
    ].join('\n');
    const r = await analyzeLogs({ records: '-' }, { stdin: Readable.from([Buffer.from(log)]) });
    expect(r.status).toBe('incomplete');
    expect(r.statusReason).toMatch(/^2 record\(s\) could not be read \(malformed, cut by the line cap of an overlong line, or wrapped by a terminal, the first at line 3/);
    expect(r.summary).toMatchObject({ allocations: 1, frees: 0, leakedObjects: 0, liveAtEndObjects: 1 });
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
      'line 3: the 4529 bytes skipped after the 65536 kept hold 1 modleak1 record(s), not read',
      'line 4: its last record runs past the line cap (the first 65536 bytes of the line are kept) and was cut there; record skipped',
    ]);
  });

  it('a raw kmsg record that the cap cuts is unreadable, not lost: its sequence number arrived', async () => {
    const log = [
      '6,1,100,-;modleak1 cap BEGIN',
      '7,2,200,-;modleak1 cap A kmalloc ffff888003a1b200 64 cap.c:1 cap_init',
      `7,3,300,-;modleak1 cap F kfree ffff888003a1b200 cap.c:2 cap_exit_${'f'.repeat(70_000)}`,
      '6,4,400,-;modleak1 cap END', '',
    ].join('\n');
    const r = await analyzeLogs({ records: '-' }, { stdin: Readable.from([Buffer.from(log)]) });
    expect(r.status).toBe('incomplete');
    expect(r.statusReason).toMatch(/^1 record\(s\) could not be read \(malformed, cut by the line cap of an overlong line, or wrapped by a terminal, the first at line 3/);
    expect(r.summary).toMatchObject({ allocations: 1, frees: 0, lostRecords: 0, liveAtEndObjects: 1 });
  });

  it('a record whose token a tab or a lost space runs into what follows is unreadable, not text: never a silent pass', async () => {
    const log = [
      '6,1,100,-;modleak1 m BEGIN',
      '7,2,200,-;modleak1\tm\tA\tkmalloc\tffff888003a1b280\t16\tm.c:12\tm_init',
      '7,3,300,-;modleak1m A kmalloc ffff888003a1b2c0 16 m.c:13 m_init',
      '6,4,400,-;modleak_pages: a module whose name starts like the token prints this',
      '6,5,500,-;modleak1 m END', '',
    ].join('\n');
    const r = await analyzeLogs({ records: '-' }, { stdin: Readable.from([Buffer.from(log)]) });
    expect(r.status).toBe('incomplete');
    expect(r.statusReason).toMatch(/^2 record\(s\) could not be read/);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.line)).toEqual([2, 3]);
    expect(r.diagnostics.find((d) => d.line === 2)?.message).toBe("line 2: the message starts with the record token 'modleak1' but no space follows it (separators changed or lost on the way); record skipped");
    expect(r.summary).toMatchObject({ allocations: 0, lostRecords: 0 });
  });

  it('a module whose name looks like a record token is one record, not two run together', async () => {
    const log = ['modleak1 modleak2 BEGIN', 'modleak1 modleak2 A kmalloc ffff888003a1b200 64 m.c:1 f', 'modleak1 modleak2 END', ''].join('\n');
    const r = await analyzeLogs({ records: '-' }, { stdin: Readable.from([Buffer.from(log)]) });
    expect(r.status).toBe('ok');
    expect(r.summary).toMatchObject({ allocations: 1, leakedObjects: 1 });
    expect(r.leaks[0]).toMatchObject({ module: 'modleak2', api: 'kmalloc' });
  });

  it('random bytes: analyzeLogs never throws and always returns a report', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.constantFrom(
        Buffer.from('modleak1 m A kmalloc ffff888003a1b200 64 m.c:1 f\n'),
        Buffer.from('7,5,1,-;modleak1 m F kfree ffff888003a1b200 m.c:2 g\n'),
        Buffer.from('modleak1 m END\n'), Buffer.from('\n'), Buffer.from('BUG: x\n'), Buffer.from('modleak3 '),
      )), { maxLength: 30 }), async (parts) => {
        const r = await analyzeLogs({ records: '-' }, { stdin: Readable.from(parts.map((p) => Buffer.from(p))) });
        expect(['ok', 'incomplete', 'crashed']).toContain(r.status);
        expect(r.schema).toBe('modleak-report/v1');
      }),
      { numRuns: 300 },
    );
  });
});
