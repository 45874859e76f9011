import type { PointerKeys, PtrKey } from '../match/pointer.js';
import type { Site } from '../report/schema.js';
import type { LogEvent } from './events.js';
import type { RecordParser } from './record.js';

// The hot path of a long log: a well-formed raw /dev/kmsg record line
// `prio,seq,usec,flags;modleak1 <module> A|F|R ...` read straight from the bytes the
// file was read into: no line string, no field strings, addresses turned into keys
// from their digits, module/api/site recognised by comparing bytes with ones seen
// before. Anything unusual (markers, other lines, a field this path does not accept)
// returns undefined and the line takes the careful text path, which has the final word
// on what is valid and words every diagnostic.

/** What read() found: NO_RECORD sends the line the careful way. */
export const NO_RECORD = 0;
export const ALLOC = 1;
export const FREE = 2;
export const REALLOC = 3;
export type RecordKind = typeof NO_RECORD | typeof ALLOC | typeof FREE | typeof REALLOC;

const RECENT = 4;
const KNOWN_MAX = 100_000;
const NAMES = 64;
/** Buckets of known heads (2^HEAD_BUCKET_BITS), and heads kept per bucket. */
const HEAD_BUCKET_BITS = 6;
const BUCKET_HEADS = 8;
/**
 * A head's recent sites are tried first while they mostly hold the site: each miss counts
 * 1, each hit takes SITE_HIT off; at SITE_MISSES, the head's next lookups (FIRST_HASH_ONLY,
 * twice as many each time after, up to MAX_HASH_ONLY) go straight to the hash. Break-even
 * is about 1 hit in 5 (a hit saves the hash's pass over the tail; a miss costs a length check).
 */
const SITE_MISSES = 16;
const SITE_HIT = 4;
const FIRST_HASH_ONLY = 32;
const MAX_HASH_ONLY = 4096;
/** "modleak1 " and the 16 bytes headBucket() reads. */
const HEAD_HASHED = 25;

interface KnownBytes<T> {
  bytes: Uint8Array;
  value: T;
}

/**
 * Known bytes with their 8-byte groups read ahead as doubles, compared 8 at a time: the
 * groups at 0, 8, 16, ... and, when the length is not a multiple of 8, the last 8 bytes
 * (overlapping the group before); none below 8 bytes (compared byte by byte). Doubles
 * are equal exactly when their bytes are unless one is a zero or a NaN: known bytes hold
 * no control byte or DEL, so a group of them is never a zero, and a NaN only with a 0xff
 * byte (invalid UTF-8), which then never compares equal: the record goes a slower way.
 */
export interface KnownWords<T> extends KnownBytes<T> {
  words: Float64Array;
  /** Its number in the decode thread's messages (-1 until it is sent; see decoded-chunk.ts). */
  id: number;
}

/** A record's `modleak1 <module> <kind> <api> `, and what it says. */
export interface HeadFields {
  kind: number;
  module: string;
  api: string;
  /** The last sites seen after this head, newest first: a call site calls one API, so they predict the next. */
  sites: Array<KnownWords<Site>>;
  /** Misses of `sites` less SITE_HIT per hit (see SITE_MISSES). */
  siteMisses: number;
  /** Lookups left that go straight to the hash (`sites` is not kept meanwhile), and how many the next such turn has. */
  hashOnly: number;
  hashTurn: number;
  /** Its module and API were given to the log parser's field sink (RecordFieldSink.names). */
  named: boolean;
}

function knownWords<T>(bytes: Uint8Array, value: T): KnownWords<T> {
  const n = bytes.length;
  const view = new DataView(bytes.buffer, bytes.byteOffset, n);
  const words = new Float64Array(n < 8 ? 0 : (n + 7) >> 3);
  for (let k = 0; k < words.length; k++) words[k] = view.getFloat64(Math.min(8 * k, n - 8), true);
  return { bytes, words, value, id: -1 };
}

/** All byte strings seen before (up to a cap), by a hash of their bytes. */
class KnownSet<T> {
  private readonly all = new Map<number, KnownWords<T>>();

  /** The entry whose bytes have hash h (the caller compares the bytes), or undefined. */
  withHash(h: number): KnownWords<T> | undefined {
    return this.all.get(h);
  }

  add(h: number, entry: KnownWords<T>): void {
    if (!this.all.has(h) && this.all.size < KNOWN_MAX) this.all.set(h, entry);
  }
}

/** Puts `entry` first in a most-recent-first list of at most RECENT entries. */
function makeNewest<T>(recent: T[], entry: T): void {
  const at = recent.indexOf(entry);
  for (let k = at < 0 ? Math.min(recent.length, RECENT - 1) : at; k > 0; k--) recent[k] = recent[k - 1]!;
  recent[0] = entry;
}

function mix(h: number, word: number): number {
  return (Math.imul(h, 0x9e3779b1) + word) | 0;
}

/** Keeps a hash a small integer (a Map key V8 stores without allocating). */
const HASH_MASK = 0x3fffffff;

export class ByteRecordParser {
  /** Record heads seen; and, for lookup without reading the head to its end, by a hash of its first bytes (see headBucket). */
  private readonly heads = new KnownSet<HeadFields>();
  private readonly headBuckets: Array<Array<KnownWords<HeadFields>>> = Array.from({ length: 1 << HEAD_BUCKET_BITS }, () => []);
  /** Record tails (`<file>:<line> <function>`) seen. */
  private readonly sites = new KnownSet<Site>();
  /** Module and API names seen, newest first: one string each, however often they occur. */
  private readonly names: Array<KnownBytes<string>> = [];
  /** A view of the chunk being read, for reading 4 bytes at a time. */
  private view: DataView = new DataView(new ArrayBuffer(0));
  private viewOf: Uint8Array | undefined;

  /** After a successful read: where the next line starts. */
  next = 0;
  /** scanTail()'s hash. */
  private tailHash = 0;

  // The fields of the record read() just found, valid until the next read() (no object
  // per record: the log parser hands the common ones straight to the matcher).
  seq = 0;
  module = '';
  api = '';
  /** The address (R: the old one). */
  ptr: PtrKey = 0;
  /** R: the new address. */
  newPtr: PtrKey = 0;
  size = 0;
  site: Site = { file: '', line: 0, function: '' };
  /** The known head and site the record repeats (what the decode thread numbers). */
  headEntry: KnownWords<HeadFields> | undefined;
  siteEntry: KnownWords<Site> | undefined;

  constructor(private readonly text: RecordParser, private readonly ptrs: PointerKeys) {}

  /** The record in line bytes[start, end), or undefined for the careful path. */
  parse(b: Uint8Array, start: number, end: number, logLine: number): LogEvent | undefined {
    return this.parseLine(b, start, end, logLine, true);
  }

  /** read() as an event. */
  parseLine(b: Uint8Array, start: number, end: number, logLine: number, exact: boolean): LogEvent | undefined {
    const kind = this.read(b, start, end, exact);
    return kind === NO_RECORD ? undefined : this.event(kind, logLine);
  }

  /** The event of the record the last read() found. */
  event(kind: RecordKind, logLine: number): LogEvent {
    const { module, seq, api, ptr, size, site } = this;
    if (kind === ALLOC) return { type: 'alloc', module, logLine, seq, api, ptr, size, site };
    if (kind === FREE) return { type: 'free', module, logLine, seq, api, ptr, site };
    return { type: 'realloc', module, logLine, seq, api, oldPtr: ptr, newPtr: this.newPtr, size, site };
  }

  /**
   * Reads the record line starting at bytes[start] into this parser's fields; returns
   * its kind, or NO_RECORD for the careful path.
   * `exact`: the line is bytes[start, end). Otherwise the line ends at the first newline
   * (LF or CRLF) before `end` (the end of the chunk), found while the record is read,
   * and `next` says where the following line starts: no separate search for line ends.
   */
  read(b: Uint8Array, start: number, end: number, exact: boolean): RecordKind {
    // prio,seq,usec,flags; (one loop per number: this runs for every line of a long log)
    let i = start;
    while (i < end && isDigit(b[i]!)) i++;
    if (i === start || i >= end || b[i] !== 44) return NO_RECORD;
    const seqStart = ++i;
    let seq = 0;
    for (; i < end; i++) {
      const d = b[i]! - 48;
      if (d < 0 || d > 9) break;
      seq = seq * 10 + d;
    }
    if (i === seqStart || i >= end || b[i] !== 44) return NO_RECORD;
    const usecStart = ++i;
    while (i < end && isDigit(b[i]!)) i++;
    if (i === usecStart || i >= end || b[i] !== 44) return NO_RECORD;
    i++;
    let semi = i;
    while (semi < end && semi - i <= 16 && b[semi] !== 59) semi++;
    if (semi >= end || b[semi] !== 59) return NO_RECORD;
    i = semi + 1;
    // "modleak1 <module> <kind> <api> ": almost every record repeats a known one's.
    const head = this.knownHead(b, i, end) ?? this.newHead(b, i, end);
    if (head === undefined) return NO_RECORD;
    this.headEntry = head;
    const headFields = head.value;
    const { kind, module, api } = headFields;
    i += head.bytes.length;
    let sp = i + 16 < end && b[i + 16] === 32 ? i + 16 : spaceAt(b, i, end);
    if (sp < 0) return NO_RECORD;
    const usual = sp === i + 16 ? this.ptrs.keyOfUsual(this.viewFor(b), i) : -1;
    const ptr = usual >= 0 ? usual : this.ptrs.keyOfBytes(b, i, sp);
    if (ptr === undefined) return NO_RECORD;
    if (kind === 70 /* F */) {
      const site = this.siteAt(b, sp + 1, end, exact, headFields);
      if (site === undefined) return NO_RECORD;
      this.fields(seq, module, api, ptr, site);
      return FREE;
    }
    let newPtr: PtrKey = 0;
    if (kind === 82 /* R */) {
      i = sp + 1;
      sp = spaceAt(b, i, end);
      if (sp < 0) return NO_RECORD;
      const key = this.ptrs.keyOfBytes(b, i, sp);
      if (key === undefined) return NO_RECORD;
      newPtr = key;
    }
    i = sp + 1;
    let size = 0;
    let k = i;
    for (; k < end; k++) {
      const c = b[k]! - 48;
      if (c < 0 || c > 9) break;
      size = size * 10 + c;
    }
    if (k === i || k - i > 15 || k >= end || b[k] !== 32) return NO_RECORD;
    sp = k;
    const site = this.siteAt(b, sp + 1, end, exact, headFields);
    if (site === undefined) return NO_RECORD;
    this.fields(seq, module, api, ptr, site);
    this.size = size;
    if (kind === 65) return ALLOC;
    this.newPtr = newPtr;
    return REALLOC;
  }

  /** A known head that the bytes at `from` repeat, or undefined. */
  private knownHead(b: Uint8Array, from: number, end: number): KnownWords<HeadFields> | undefined {
    if (from + HEAD_HASHED > end) return undefined;
    const heads = this.headBuckets[headBucket(this.viewFor(b), from)]!;
    for (let k = 0; k < heads.length; k++) {
      const head = heads[k]!;
      if (from + head.bytes.length < end && this.sameKnown(b, from, head)) return head;
    }
    return undefined;
  }

  /** Makes `head` one that knownHead() finds (the newest of its bucket). */
  private keepHead(b: Uint8Array, from: number, end: number, head: KnownWords<HeadFields>): void {
    if (from + HEAD_HASHED > end) return;
    const heads = this.headBuckets[headBucket(this.viewFor(b), from)]!;
    if (heads.includes(head)) return;
    if (heads.length >= BUCKET_HEADS) heads.pop();
    heads.unshift(head);
  }

  /** The head at `from` found by hash, or read field by field; undefined for the careful path. */
  private newHead(b: Uint8Array, from: number, end: number): KnownWords<HeadFields> | undefined {
    // "modleak1 "
    if (end - from < 9 || b[from] !== 109 || b[from + 1] !== 111 || b[from + 2] !== 100 || b[from + 3] !== 108 || b[from + 4] !== 101
      || b[from + 5] !== 97 || b[from + 6] !== 107 || b[from + 7] !== 49 || b[from + 8] !== 32) return undefined;
    // One pass to the space after the api: the head's hash, and where the module ends.
    let h = 0;
    let spaces = 0;
    let moduleEnd = -1;
    let k = from + 9;
    for (; k < end; k++) {
      const c = b[k]!;
      if (c < 32 || c === 127) return undefined;
      h = (Math.imul(h, 31) + c) | 0;
      if (c === 32) {
        if (++spaces === 3) break;
        if (spaces === 1) moduleEnd = k;
      }
    }
    if (k >= end) return undefined;
    const to = k + 1;
    h &= HASH_MASK;
    const seen = this.seenBefore(this.heads, b, from, to, h);
    if (seen !== undefined) {
      this.keepHead(b, from, end, seen);
      return seen;
    }
    const kind = b[moduleEnd + 1]!;
    if ((kind !== 65 && kind !== 70 && kind !== 82) || b[moduleEnd + 2] !== 32) return undefined;
    const module = this.nameAt(b, from + 9, moduleEnd, isModuleName);
    const api = this.nameAt(b, moduleEnd + 3, k, isIdentifier);
    if (module === undefined || api === undefined) return undefined;
    const head = knownWords(copyBytes(b, from, to), { kind, module, api, sites: [], siteMisses: 0, hashOnly: 0, hashTurn: FIRST_HASH_ONLY, named: false });
    this.heads.add(h, head);
    this.keepHead(b, from, end, head);
    return head;
  }

  /** The entry of `set` holding exactly b[from, to) (whose hash is h), or undefined. */
  private seenBefore<T>(set: KnownSet<T>, b: Uint8Array, from: number, to: number, h: number): KnownWords<T> | undefined {
    const entry = set.withHash(h);
    return entry === undefined || entry.bytes.length !== to - from || !this.sameKnown(b, from, entry) ? undefined : entry;
  }

  /** A DataView of b, made once per chunk. */
  private viewFor(b: Uint8Array): DataView {
    if (b !== this.viewOf) {
      this.viewOf = b;
      this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
    }
    return this.view;
  }

  private fields(seq: number, module: string, api: string, ptr: PtrKey, site: KnownWords<Site>): void {
    this.seq = seq;
    this.module = module;
    this.api = api;
    this.ptr = ptr;
    this.siteEntry = site;
    this.site = site.value;
  }

  /**
   * Sets this parser's fields to a record the decode thread read (see decoded-chunk.ts),
   * as read() would have (all but `next`), and returns its kind.
   */
  take(kind: RecordKind, seq: number, head: KnownWords<HeadFields>, site: KnownWords<Site>, ptr: number, size: number): RecordKind {
    this.headEntry = head;
    this.fields(seq, head.value.module, head.value.api, ptr, site);
    this.size = size;
    return kind;
  }

  /** The known head of these bytes (a record's `modleak1 <module> <kind> <api> `), made known if new; undefined when they are not one. */
  learnHead(bytes: Uint8Array): KnownWords<HeadFields> | undefined {
    return this.newHead(bytes, 0, bytes.length);
  }

  /** The known site of these bytes (a record's `<file>:<line> <function>`), made known if new; undefined when they are not one. */
  learnSite(bytes: Uint8Array): KnownWords<Site> | undefined {
    return this.scanTail(bytes, 0, bytes.length) === bytes.length ? this.tailEntry(bytes, 0, bytes.length) : undefined;
  }

  /** The name in bytes[from, to) (one string per name), or undefined when `valid` rejects it. */
  private nameAt(b: Uint8Array, from: number, to: number, valid: (b: Uint8Array, from: number, to: number) => boolean): string | undefined {
    if (!valid(b, from, to)) return undefined;
    const names = this.names;
    for (let k = 0; k < names.length; k++) if (sameBytes(b, from, to, names[k]!.bytes)) return names[k]!.value;
    const bytes = copyBytes(b, from, to);
    if (names.length >= NAMES) names.pop();
    const name = internalized(latin1(bytes));
    names.unshift({ bytes, value: name });
    return name;
  }

  /**
   * The site of the tail from bytes[from] to the line end (see parseLine): one of the
   * head's recent sites (one that ends where the line does, compared from the end, where
   * tails differ), or found by hash. A head whose recent sites mostly miss (its records
   * go round many sites) goes straight to the hash for a while (see SITE_MISSES).
   */
  private siteAt(b: Uint8Array, from: number, end: number, exact: boolean, head: HeadFields): KnownWords<Site> | undefined {
    if (exact) this.next = end;
    const recent = head.sites;
    if (head.hashOnly === 0) {
      for (let k = 0; k < recent.length; k++) {
        const known = recent[k]!;
        const to = from + known.bytes.length;
        if ((exact ? to === end : this.lineEndsAt(b, to, end)) && this.sameKnown(b, from, known)) {
          if (head.siteMisses !== 0) head.siteMisses = Math.max(0, head.siteMisses - SITE_HIT);
          return known;
        }
      }
      if (++head.siteMisses === SITE_MISSES) {
        head.siteMisses = 0;
        head.hashOnly = head.hashTurn;
        head.hashTurn = Math.min(2 * head.hashTurn, MAX_HASH_ONLY);
      }
    } else {
      head.hashOnly--;
    }
    const to = this.scanTail(b, from, end);
    if (exact ? to !== end : !this.lineEndsAt(b, to, end)) {
      // A control character in the tail (an ANSI escape, say: the careful path strips
      // it), or no line end in this chunk.
      return undefined;
    }
    const entry = this.tailEntry(b, from, to);
    if (entry === undefined) return undefined;
    if (head.hashOnly === 0) makeNewest(recent, entry);
    return entry;
  }

  /** The known site of the tail b[from, to) that scanTail() just hashed, made known if new; undefined when it is not a site. */
  private tailEntry(b: Uint8Array, from: number, to: number): KnownWords<Site> | undefined {
    const h = this.tailHash & HASH_MASK;
    const seen = this.seenBefore(this.sites, b, from, to, h);
    if (seen !== undefined) return seen;
    const site = this.text.siteOf(Buffer.from(b.buffer, b.byteOffset + from, to - from).toString('utf8'));
    if (site === undefined) return undefined;
    const entry = knownWords(copyBytes(b, from, to), site);
    this.sites.add(h, entry);
    return entry;
  }

  /**
   * Where the tail from b[from] ends: at its first control character (the line end, if
   * all is well) or at `end`. Its hash goes to tailHash. Reads 4 bytes at a time; the
   * hash is that of the tail's 4-byte groups, the last one zero-padded, however the
   * reading was split.
   */
  private scanTail(b: Uint8Array, from: number, end: number): number {
    const view = this.viewFor(b);
    let h = 0;
    let at = from;
    for (; at + 4 <= end; at += 4) {
      const w = view.getInt32(at, true);
      // Bytes below 32 (control characters, CR, LF) or 127 (DEL): exact for "is there one", and the lowest flag is the first.
      const del = w ^ 0x7f7f7f7f;
      const flags = ((w - 0x20202020) & ~w & 0x80808080) | ((del - 0x01010101) & ~del & 0x80808080);
      if (flags !== 0) {
        const n = (31 - Math.clz32(flags & -flags)) >>> 3;
        this.tailHash = n === 0 ? h : mix(h, w & ((1 << (8 * n)) - 1));
        return at + n;
      }
      h = mix(h, w);
    }
    let last = 0;
    let n = 0;
    for (; at + n < end && n < 4; n++) {
      const c = b[at + n]!;
      if (c < 32 || c === 127) break;
      last |= c << (8 * n);
    }
    this.tailHash = n === 0 ? h : mix(h, last);
    return at + n;
  }

  /** Whether a line ends (LF or CRLF) at b[at], before `end`; if so, `next` is where the next line starts. */
  private lineEndsAt(b: Uint8Array, at: number, end: number): boolean {
    if (at < end && b[at] === 10) {
      this.next = at + 1;
      return true;
    }
    if (at + 1 < end && b[at] === 13 && b[at + 1] === 10) {
      this.next = at + 2;
      return true;
    }
    return false;
  }

  /**
   * b[from, from + length) === known.bytes: 8 bytes at a time (one 8-byte read costs
   * about what two single bytes do), the last ones first, where tails differ.
   */
  private sameKnown(b: Uint8Array, from: number, known: KnownWords<unknown>): boolean {
    const words = known.words;
    const last = words.length - 1;
    if (last < 0) return sameBytes(b, from, from + known.bytes.length, known.bytes);
    const view = this.viewFor(b);
    if (view.getFloat64(from + known.bytes.length - 8, true) !== words[last]) return false;
    for (let k = last - 1; k >= 0; k--) if (view.getFloat64(from + 8 * k, true) !== words[k]) return false;
    return true;
  }
}

/**
 * The bucket of the head at `from` (whose line holds at least HEAD_HASHED bytes from
 * there): a hash of the 16 bytes after "modleak1 " (a short module name, the kind and the
 * api's start; a long module name's heads share one), read at fixed places, so a head
 * need not be read to its end to be found. A head shorter than that lets the address's
 * first digits take part, which its records mostly repeat too.
 */
function headBucket(view: DataView, from: number): number {
  const h = mix(mix(mix(view.getInt32(from + 9, true), view.getInt32(from + 13, true)), view.getInt32(from + 17, true)), view.getInt32(from + 21, true));
  return Math.imul(h, 0x9e3779b1) >>> (32 - HEAD_BUCKET_BITS);
}

/** The first space in bytes[from, end) before any newline, or -1. */
function spaceAt(b: Uint8Array, from: number, end: number): number {
  for (let k = from; k < end; k++) {
    const c = b[k];
    if (c === 32) return k;
    if (c === 10) return -1;
  }
  return -1;
}

function sameBytes(b: Uint8Array, from: number, to: number, word: Uint8Array): boolean {
  const n = word.length;
  if (to - from !== n) return false;
  for (let k = 0; k < n; k++) if (b[from + k] !== word[k]) return false;
  return true;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** [A-Za-z0-9_.-]+, a kernel module name. */
function isModuleName(b: Uint8Array, from: number, to: number): boolean {
  if (to === from) return false;
  for (let k = from; k < to; k++) if (!isNameByte(b[k]!)) return false;
  return true;
}

/** [A-Za-z_$][A-Za-z0-9_$.]*, an API name. */
function isIdentifier(b: Uint8Array, from: number, to: number): boolean {
  if (to === from || !isIdentStart(b[from]!)) return false;
  for (let k = from + 1; k < to; k++) if (!isIdentByte(b[k]!)) return false;
  return true;
}

/** [A-Za-z0-9_.-] */
function isNameByte(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45;
}

/** [A-Za-z_$] */
function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

/** [A-Za-z0-9_$.] */
function isIdentByte(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57) || c === 46;
}

/** A copy (Buffer#slice would share memory with the read buffer, which is reused). */
function copyBytes(b: Uint8Array, from: number, to: number): Uint8Array {
  return Uint8Array.prototype.slice.call(b, from, to);
}

/**
 * The one copy of `s` V8 keeps for property names: two such strings are compared by
 * identity, without a call (the matcher compares each record's names with the ones it
 * holds, and a log with several modules or APIs compares different ones).
 */
function internalized(s: string): string {
  return Object.keys({ [s]: 0 })[0]!;
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
}
