import { PointerKeys, type AddressLearning } from '../match/pointer.js';
import type { Site } from '../report/schema.js';
import { withoutByteOrderMark } from './line-splitter.js';
import { ALLOC, ByteRecordParser, FREE, NO_RECORD, type HeadFields, type KnownWords, type RecordKind } from './record-bytes.js';
import { RecordParser } from './record.js';

// A long log's record lines read ahead in a second thread (decode-thread.ts): the
// thread reads each chunk of the file with its own ByteRecordParser and writes down,
// record by record, what it read, while the log parser walks the same chunk and takes
// each record written down instead of reading its line again. Only what read() gives
// in any state is written down: allocations and frees at a number key, each at the line
// start where the log parser will look for it. A line the thread did not (or not yet)
// read is read by the log parser as before: the hand-over can only save work, never
// change a record. When the log parser reaches a chunk, the thread leaves the rest of
// it to the log parser and reads on ahead, so each does what it has time for.

/** Per record, in `ints`: the line's start, where the next line starts, the kind, the head's number, the site's number. */
export const DECODED_INTS = 5;
/** Per record, in `numbers`: the kmsg sequence number, the address key, the size. */
export const DECODED_NUMBERS = 3;
/** The most records a chunk of `bytes` can hold (a record line is longer than 32 bytes). */
export function decodedCapacity(bytes: number): number {
  return bytes >> 5;
}
/** Records written between two progress() calls. */
const PROGRESS_EVERY = 64;

export const HEAD = 0;
export const SITE = 1;
export type NameKind = typeof HEAD | typeof SITE;

/** Where the thread writes a chunk's records down. */
export interface DecodeOutput {
  ints: Int32Array;
  numbers: Float64Array;
  /** A head or site first seen (numbered in order, each kind from 0): false when there is no room to say so (its records are left to the log parser). */
  name(kind: NameKind, bytes: Uint8Array): boolean;
  /** The first `count` records are written down; false: stop (the log parser has reached this chunk). */
  progress(count: number, learnt: AddressLearning): boolean;
}

/** The thread's side: reads the record lines of each chunk, in the order the log parser gets the chunks. */
export class ChunkDecoder {
  private readonly ptrs = new PointerKeys();
  private readonly parser = new ByteRecordParser(new RecordParser(), this.ptrs);
  private nextHead = 0;
  private nextSite = 0;
  private atStart = true;
  /** The last chunk ended inside a line: the log parser finishes that line the slow way. */
  private inLine = false;

  /** The next chunk is the log's first (`first`), or follows one that ended inside a line (`inLine`). */
  startAt(first: boolean, inLine: boolean): void {
    this.atStart = first;
    this.inLine = inLine;
  }

  /** Reads the record lines of `chunk` (as LogParser.push() gets it) into `out`. */
  decode(chunk: Buffer, out: DecodeOutput): void {
    const p = this.parser;
    if (this.atStart) {
      this.atStart = false;
      // As LogParser.push() does, so that positions count from the same byte.
      chunk = withoutByteOrderMark(chunk);
    }
    const len = chunk.length;
    let pos = 0;
    if (this.inLine) {
      const nl = chunk.indexOf(10);
      pos = nl < 0 ? len : nl + 1;
    }
    this.inLine = len > 0 && chunk[len - 1] !== 10;
    if (!out.progress(0, this.ptrs.learnt)) return;
    const { ints, numbers } = out;
    const capacity = Math.min(ints.length / DECODED_INTS, numbers.length / DECODED_NUMBERS);
    let count = 0;
    let said = 0;
    while (pos < len && count < capacity) {
      const kind = p.read(chunk, pos, len, false);
      if (kind === NO_RECORD) {
        const nl = chunk.indexOf(10, pos);
        if (nl < 0) break;
        pos = nl + 1;
        continue;
      }
      const ptr = p.ptr;
      if ((kind === ALLOC || kind === FREE) && typeof ptr === 'number' && this.named(p.headEntry!, p.siteEntry!, out)) {
        const i = count * DECODED_INTS;
        ints[i] = pos;
        ints[i + 1] = p.next;
        ints[i + 2] = kind;
        ints[i + 3] = p.headEntry!.id;
        ints[i + 4] = p.siteEntry!.id;
        const n = count * DECODED_NUMBERS;
        numbers[n] = p.seq;
        numbers[n + 1] = ptr;
        numbers[n + 2] = kind === ALLOC ? p.size : 0;
        if (++count - said === PROGRESS_EVERY) {
          said = count;
          if (!out.progress(count, this.ptrs.learnt)) return;
        }
      }
      pos = p.next;
    }
    out.progress(count, this.ptrs.learnt);
  }

  /** Whether the head and site have their numbers (said to the log parser when new). */
  private named(head: KnownWords<HeadFields>, site: KnownWords<Site>, out: DecodeOutput): boolean {
    if (head.id < 0) {
      if (!out.name(HEAD, head.bytes)) return false;
      head.id = this.nextHead++;
    }
    if (site.id < 0) {
      if (!out.name(SITE, site.bytes)) return false;
      site.id = this.nextSite++;
    }
    return true;
  }
}

/** Where DecodedRecords.takeRun() hands the records over. */
export interface RecordTaker {
  /** Before a run's first record. */
  startRun(): void;
  /** A record as read() reads it: its kind (ALLOC or FREE), line, kmsg sequence number, head, site, number key, and size (0 for a free). */
  record(kind: RecordKind, lineNo: number, seq: number, head: KnownWords<HeadFields>, site: KnownWords<Site>, ptr: number, size: number): void;
}

/** The log parser's view of one chunk's records, as the thread writes them down. */
export interface DecodedChunk {
  ints: Int32Array;
  numbers: Float64Array;
  /** How many records are written down so far (more may follow while the chunk is walked). */
  written(): number;
  /** What the thread's reader had learnt of the run's addresses (keys mean the same only between readers that learnt the same). */
  learnt(): AddressLearning;
  /** Calls `learn` with each head and site the thread has numbered since `from` (0, then what the last call returned), in the order numbered. */
  namesFrom(from: number, learn: (kind: NameKind, bytes: Uint8Array) => void): number;
}

/** The log parser's side: the records of the chunk being walked, by line start. */
export class DecodedRecords {
  /** Heads and sites by the thread's numbers, as this side's parser knows them. */
  private readonly heads: Array<KnownWords<HeadFields> | undefined> = [];
  private readonly sites: Array<KnownWords<Site> | undefined> = [];
  /** Where the next name starts (see DecodedChunk.namesFrom). */
  private names = 0;
  /** This side and the thread give addresses the same keys (once true, for the rest of the log: see take). */
  private sameKeys = false;
  private chunk: DecodedChunk | undefined;
  private at = 0;
  private count = 0;
  /** After takeRun() took records: where the line after them starts. */
  next = 0;

  constructor(private readonly parser: ByteRecordParser, private readonly ptrs: PointerKeys) {}

  /** The chunk about to be walked. */
  begin(chunk: DecodedChunk): void {
    this.chunk = chunk;
    this.at = 0;
    this.count = 0;
  }

  end(): void {
    this.chunk = undefined;
  }

  /**
   * Hands `taker` the records the thread read at line start `start` and at the line starts
   * that follow it without a line between (a run of lines, the first numbered `lineNo`),
   * up to one longer than `maxLineBytes` (which goes the usual way, cut); returns how many
   * (0: none, yet), and `next` says where the line after them starts.
   */
  takeRun(start: number, lineNo: number, maxLineBytes: number, taker: RecordTaker): number {
    const chunk = this.chunk;
    if (chunk === undefined) return 0;
    const ints = chunk.ints;
    let at = this.at;
    let count = this.count;
    while (at < count && ints[at * DECODED_INTS]! < start) at++;
    if (at === count) {
      count = this.count = chunk.written();
      while (at < count && ints[at * DECODED_INTS]! < start) at++;
    }
    this.at = at;
    // Until this side has read its first address the same way, its keys could differ: it
    // reads those records itself. A number key means the thread knew the run's prefix and
    // width, which neither side changes once known.
    if (at === count || ints[at * DECODED_INTS] !== start || (!this.sameKeys && !(this.sameKeys = this.ptrs.hasLearnt(chunk.learnt())))) return 0;
    const numbers = chunk.numbers;
    const heads = this.heads;
    const sites = this.sites;
    let pos = start;
    let lines = 0;
    for (;;) {
      if (at === count && at === (count = this.count = chunk.written())) break;
      const i = at * DECODED_INTS;
      const next = ints[i + 1]!;
      if (ints[i] !== pos || next - pos - 1 > maxLineBytes) break;
      const headId = ints[i + 3]!;
      const siteId = ints[i + 4]!;
      if (headId >= heads.length || siteId >= sites.length) this.learnNames(chunk);
      const head = heads[headId];
      const site = sites[siteId];
      if (head === undefined || site === undefined) break;
      if (lines === 0) taker.startRun();
      const n = at * DECODED_NUMBERS;
      taker.record(ints[i + 2] as RecordKind, lineNo + lines, numbers[n]!, head, site, numbers[n + 1]!, numbers[n + 2]!);
      lines++;
      pos = next;
      at++;
    }
    this.at = at;
    this.next = pos;
    return lines;
  }

  private learnNames(chunk: DecodedChunk): void {
    this.names = chunk.namesFrom(this.names, (kind, bytes) => {
      if (kind === HEAD) this.heads.push(this.parser.learnHead(bytes));
      else this.sites.push(this.parser.learnSite(bytes));
    });
  }
}
