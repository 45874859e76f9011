import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PointerKeys } from '../src/match/pointer.js';
import type { LogEvent, TextEvent } from '../src/parse/events.js';
import { ByteRecordParser } from '../src/parse/record-bytes.js';
import { isRecordError, RecordParser } from '../src/parse/record.js';

// The byte fast path must never disagree with the careful text parser: for any line it
// either declines (undefined: the line goes the careful way) or gives exactly the event
// the careful parser gives, addresses turned into the same keys.

function keyed(e: TextEvent, ptrs: PointerKeys): LogEvent {
  if (e.type === 'alloc' || e.type === 'free') return { ...e, ptr: ptrs.key(e.ptr) };
  if (e.type === 'realloc') return { ...e, oldPtr: ptrs.key(e.oldPtr), newPtr: ptrs.key(e.newPtr) };
  return e;
}

const field = fc.constantFrom('mod', 'my-mod', 'm.x', 'm od', '', 'é', 'kmalloc', 'kfree', 'krealloc', '1bad', '$x', 'a\x1bb', 'm\x7f', '!x', 'a\tb', 'abcdefghij_kl', 'kmalloc_node_track');
const ptr = fc.oneof(
  fc.constantFrom('ffff888003a1b200', 'ffff888003a1b240', 'FFFF888003A1B200', '0000000000000000', '0000000000000010', 'ff1b000000001000', '1000', '', 'ffff888003a1b2000', 'xyz', 'ffff88800 3a1b200'),
  // The usual prefix with any 12 of hex digits and their near misses.
  fc.string({ unit: fc.constantFrom(...'0123456789abcdefgAF/:`@G\x7f\xe1'), minLength: 12, maxLength: 12 }).map((s) => `ffff${s}`),
);
const size = fc.constantFrom('0', '64', '4096', '123456789012345', '1234567890123456', 'x12', '', '-1');
const site = fc.constantFrom('m.c:1 f', 'drivers/a/b.c:42 probe_one', 'm.c:1  f', 'm.c f', 'm.c:x f', 'm.c:1 1f', 'é.c:7 g', 'm.c:1 f\x1b[0m', 'm.c:1 f extra', 'm.c:0 __free_kfree');
const kind = fc.constantFrom('A', 'F', 'R', 'B', 'BEGIN', 'END');
const header = fc.constantFrom('7,1,2,-;', '7,123,4567,c;', '12,9,0,-;', '7,,1,-;', '7,1,2;', 'x,1,2,-;', '7,1,2,-----------------------;');
const line = fc.tuple(header, field, kind, field, ptr, ptr, size, site, fc.constantFrom('', ' ', '\r')).map(([h, m, k, api, p1, p2, sz, st, end]) => {
  const body = k === 'A' ? `${api} ${p1} ${sz} ${st}` : k === 'F' ? `${api} ${p1} ${st}` : k === 'R' ? `${api} ${p1} ${p2} ${sz} ${st}` : '';
  return `${h}modleak1 ${m} ${k}${body === '' ? '' : ' ' + body}${end}`;
});

describe('byte record parser', () => {
  it('declines or agrees with the careful parser, for any line, read alone or inside a chunk', () => {
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
      const ptrs = new PointerKeys();
      const bytesParser = new ByteRecordParser(new RecordParser(), ptrs);
      const chunk = Buffer.from(lines.map((l) => l + '\n').join(''));
      let pos = 0;
      lines.forEach((text, i) => {
        const semi = text.indexOf(';modleak');
        const careful = new RecordParser().parse(text, semi + 1, i + 1, Number(text.split(',')[1]));
        // Read alone, the line is as the splitter hands it over: without the CR of a CRLF.
        const bare = text.endsWith('\r') ? text.slice(0, -1) : text;
        const alone = bytesParser.parse(Buffer.from(bare), 0, Buffer.byteLength(bare), i + 1);
        const inChunk = bytesParser.parseLine(chunk, pos, chunk.length, i + 1, false);
        const lineEnd = pos + Buffer.byteLength(text) + 1;
        for (const fast of [alone, inChunk]) {
          if (fast === undefined) continue;
          expect(isRecordError(careful)).toBe(false);
          expect(fast).toEqual(keyed(careful as TextEvent, ptrs));
        }
        if (inChunk !== undefined) expect(bytesParser.next).toBe(lineEnd);
        pos = lineEnd;
      });
    }), { numRuns: 2000 });
  });

  it('takes the common record lines (the fast path is really used)', () => {
    const ptrs = new PointerKeys();
    const p = new ByteRecordParser(new RecordParser(), ptrs);
    const text = '7,5,100,-;modleak1 mod A kmalloc ffff888003a1b200 64 drivers/a/b.c:42 probe_one\r\n7,6,101,-;modleak1 mod F kfree ffff888003a1b200 drivers/a/b.c:50 remove_one\n';
    const b = Buffer.from(text);
    expect(p.parseLine(b, 0, b.length, 1, false)).toMatchObject({ type: 'alloc', seq: 5, size: 64, site: { file: 'drivers/a/b.c', line: 42, function: 'probe_one' } });
    expect(p.next).toBe(text.indexOf('\n') + 1);
    expect(p.parseLine(b, p.next, b.length, 2, false)).toMatchObject({ type: 'free', seq: 6, api: 'kfree' });
    expect(p.next).toBe(b.length);
  });

  it('reads a site again and again the same way when its 8-byte groups are not plain numbers (0xff bytes)', () => {
    // Sites are compared 8 bytes at a time as doubles; 8 bytes of 0xff spell a NaN,
    // which equals nothing: such a site is found again the slower way, with the same result.
    const ptrs = new PointerKeys();
    const p = new ByteRecordParser(new RecordParser(), ptrs);
    const site = Buffer.concat([Buffer.from('drivers/'), Buffer.alloc(8, 0xff), Buffer.from('.c:7 f')]);
    const line = (seq: number) => Buffer.concat([Buffer.from(`7,${seq},0,-;modleak1 mod A kmalloc ffff888003a1b2${seq}0 64 `), site, Buffer.from('\n')]);
    const b = Buffer.concat([line(1), line(2), line(3)]);
    const events = [];
    for (let pos = 0, n = 1; pos < b.length; pos = p.next, n++) events.push(p.parseLine(b, pos, b.length, n, false));
    expect(events.map((e) => e?.type)).toEqual(['alloc', 'alloc', 'alloc']);
    const text = line(1).toString('utf8').trimEnd();
    const careful = new RecordParser().parse(text, text.indexOf('modleak1'), 1, 1);
    expect(isRecordError(careful)).toBe(false);
    for (const e of events) expect((e as { site: unknown }).site).toEqual((careful as { site: unknown }).site);
  });

  it('finds every head again when many share a bucket, and short heads whose bucket depends on the address', () => {
    // Heads are found by a hash of the 16 bytes after "modleak1 ": long module names with
    // one prefix all share one bucket (which keeps 8), and a head shorter than 16 bytes
    // lets the address's first digits pick the bucket.
    const ptrs = new PointerKeys();
    const p = new ByteRecordParser(new RecordParser(), ptrs);
    const heads: string[] = [];
    for (let m = 0; m < 12; m++) for (const api of ['kmalloc', 'kzalloc', 'vmalloc']) heads.push(`a_driver_with_a_long_name_${m} A ${api}`);
    for (const module of ['m', 'ab']) heads.push(`${module} F kfree`, `${module} A kmalloc`);
    const lines: string[] = [];
    for (let round = 0; round < 3; round++) {
      heads.forEach((head, h) => {
        const address = (round % 2 === 0 ? 'ffff888003a1' : '0000000000a1') + (4096 + 16 * h).toString(16);
        const tail = head.includes(' F ') ? `${address} d.c:9 f` : `${address} 64 d.c:${h} f${h}`;
        lines.push(`7,${lines.length + 1},0,-;modleak1 ${head} ${tail}`);
      });
    }
    const b = Buffer.from(lines.map((l) => l + '\n').join(''));
    let pos = 0;
    lines.forEach((text, i) => {
      const event = p.parseLine(b, pos, b.length, i + 1, false);
      const careful = new RecordParser().parse(text, text.indexOf('modleak1'), i + 1, i + 1);
      expect(isRecordError(careful)).toBe(false);
      expect(event).toEqual(keyed(careful as TextEvent, ptrs));
      pos = p.next;
    });
    expect(pos).toBe(b.length);
  });

  it('reads the right site when a head goes round more sites than it keeps, then settles on one, and again', () => {
    // A head keeps its last 4 sites; when they mostly miss, it goes straight to the hash
    // for a turn (32 lookups, then 64, ...), then tries them again: every record must read
    // the same site whichever way it was found, and the head must take both ways.
    const ptrs = new PointerKeys();
    const p = new ByteRecordParser(new RecordParser(), ptrs);
    const sites = Array.from({ length: 12 }, (_, k) => `drivers/m/part${k % 3}.c:${40 + k} m_op${k}`);
    const roundRobin = (n: number, step: number) => Array.from({ length: n }, (_, i) => (i * step) % 12);
    const same = (n: number, site: number) => Array.from({ length: n }, () => site);
    const order = [...roundRobin(150, 1), ...same(40, 5), ...roundRobin(200, 7), ...same(10, 3), ...roundRobin(30, 5)];
    const lines = order.map((s, i) => `7,${i + 1},0,-;modleak1 m A kmalloc ffff888003a${(0x10000 + 16 * i).toString(16)} 64 ${sites[s]}`);
    const b = Buffer.from(lines.map((l) => l + '\n').join(''));
    let pos = 0;
    const ways = new Set<string>();
    lines.forEach((text, i) => {
      const event = p.parseLine(b, pos, b.length, i + 1, false);
      const careful = new RecordParser().parse(text, text.indexOf('modleak1'), i + 1, i + 1);
      expect(event).toEqual(keyed(careful as TextEvent, ptrs));
      pos = p.next;
      ways.add(p.headEntry!.value.hashOnly > 0 ? 'hash only' : 'recent first');
    });
    expect(pos).toBe(b.length);
    expect([...ways].sort()).toEqual(['hash only', 'recent first']);
    expect(p.headEntry!.value.hashTurn).toBeGreaterThan(64);
  });
});
