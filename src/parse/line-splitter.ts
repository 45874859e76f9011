// Splits a byte stream into lines without ever buffering more than one capped line:
// a line longer than `maxLineBytes` is cut there, the rest of it skipped and reported.
// Lines are handed over as byte ranges of the chunk they arrived in (no string is made
// unless the receiver wants one); a line that spans chunks is copied into its own
// buffer, so the caller may reuse its chunk buffer once push() returns.

/**
 * Receives each line as bytes[start, end) (CR of a CRLF removed), its 1-based number,
 * the bytes dropped from an overlong line, whether a newline ended it (false for a
 * last line cut short: a truncated tail, perhaps), and how many `modleak1 ` the dropped
 * bytes held (records lost with them). The range is valid only during the call.
 */
export type ByteLineSink = (bytes: Buffer, start: number, end: number, lineNo: number, droppedBytes: number, terminated: boolean, droppedRecords: number) => void;

/** An optional shortcut for the common lines. */
export interface FastLines {
  /**
   * Handles the whole lines it can from bytes[start] on (each ending in a newline before
   * `end`, the end of the chunk), the first of them numbered `lineNo`, and returns how
   * many: 0, having done nothing, to get the line the usual way.
   */
  take(bytes: Buffer, start: number, end: number, lineNo: number): number;
  /** After take() handled lines: where the line after them starts. */
  next: number;
}

export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

/** A log's first chunk without the byte order mark some editors and Windows tools put first (not part of line 1). */
export function withoutByteOrderMark(chunk: Buffer): Buffer {
  return chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? chunk.subarray(3) : chunk;
}

const NEWLINE = 0x0a;
const CR = 0x0d;
const RECORD = Buffer.from('modleak1 ');
/** Bytes before a piece of a line that a `modleak1 ` ending in it may start in. */
const OVERLAP = RECORD.length - 1;

/** How many `modleak1 ` lie wholly in b[from, to). */
function recordsIn(b: Buffer, from: number, to: number): number {
  const part = b.subarray(from, to);
  let n = 0;
  for (let i = part.indexOf(RECORD); i >= 0; i = part.indexOf(RECORD, i + RECORD.length)) n++;
  return n;
}

export class ByteLineSplitter {
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private dropped = 0;
  /** For a line that spans chunks: its bytes so far, the last OVERLAP of them, and the records its dropped part held. */
  private lineBytes = 0;
  private tail = Buffer.alloc(0);
  private droppedRecords = 0;
  private lineNo = 0;

  constructor(private readonly sink: ByteLineSink, private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES, private readonly fastLines?: FastLines) {}

  /** Lines seen so far. */
  get lines(): number {
    return this.lineNo;
  }

  push(chunk: Buffer): void {
    let pos = 0;
    if (this.carryBytes > 0 || this.dropped > 0) {
      const nl = chunk.indexOf(NEWLINE);
      if (nl < 0) {
        this.keep(chunk);
        return;
      }
      this.keep(chunk.subarray(0, nl));
      this.flushCarry(true);
      pos = nl + 1;
    }
    const max = this.maxLineBytes;
    const sink = this.sink;
    const fast = this.fastLines;
    const len = chunk.length;
    for (;;) {
      if (fast !== undefined) {
        const lines = fast.take(chunk, pos, len, this.lineNo + 1);
        if (lines > 0) {
          this.lineNo += lines;
          pos = fast.next;
          continue;
        }
      }
      if (chunk[pos] === CR && pos + 1 < len) {
        // LF-CR line ends (some serial captures): the CR starts the next line; not part of it.
        pos++;
        continue;
      }
      const nl = chunk.indexOf(NEWLINE, pos);
      if (nl < 0) break;
      let end = nl;
      if (end > pos && chunk[end - 1] === CR) end--;
      const lineNo = ++this.lineNo;
      // A record that starts OVERLAP bytes before the cap or later is not wholly kept.
      if (end - pos > max) sink(chunk, pos, pos + max, lineNo, end - pos - max, true, recordsIn(chunk, pos + max - OVERLAP, end));
      else sink(chunk, pos, end, lineNo, 0, true, 0);
      pos = nl + 1;
    }
    if (pos < chunk.length) this.keep(chunk.subarray(pos));
  }

  /** Emits the unterminated last line, if any. */
  end(): void {
    if (this.carryBytes > 0 || this.dropped > 0) this.flushCarry(false);
  }

  private keep(bytes: Buffer): void {
    this.countDroppedRecords(bytes);
    const room = this.maxLineBytes - this.carryBytes;
    if (bytes.length <= room) {
      if (bytes.length > 0) {
        // Copy: the caller may reuse its buffer.
        this.carry.push(Buffer.from(bytes));
        this.carryBytes += bytes.length;
      }
      return;
    }
    if (room > 0) {
      this.carry.push(Buffer.from(bytes.subarray(0, room)));
      this.carryBytes += room;
    }
    this.dropped += bytes.length - Math.max(room, 0);
  }

  /** Counts the `modleak1 ` of a spanning line that end in `bytes` and are not wholly kept (start OVERLAP before the cap or later). */
  private countDroppedRecords(bytes: Buffer): void {
    const at = this.lineBytes;
    const firstUnkept = this.maxLineBytes - OVERLAP;
    if (at + bytes.length > firstUnkept) {
      const tail = this.tail;
      if (tail.length > 0) {
        // Those that start in the bytes before this piece and end in it.
        const joint = Buffer.concat([tail, bytes.subarray(0, OVERLAP)]);
        for (let j = joint.indexOf(RECORD); j >= 0 && j < tail.length; j = joint.indexOf(RECORD, j + 1)) {
          if (at - tail.length + j >= firstUnkept) this.droppedRecords++;
        }
      }
      this.droppedRecords += recordsIn(bytes, Math.max(0, firstUnkept - at), bytes.length);
    }
    this.lineBytes = at + bytes.length;
    this.tail = bytes.length >= OVERLAP ? Buffer.from(bytes.subarray(bytes.length - OVERLAP)) : Buffer.concat([this.tail, bytes]).subarray(-OVERLAP);
  }

  private flushCarry(terminated: boolean): void {
    const line = Buffer.concat(this.carry, this.carryBytes);
    // As in push(): LF-CR line ends' CRs, left at the start of a line that spans chunks.
    let start = 0;
    while (start < line.length && line[start] === CR) start++;
    let end = line.length;
    if (end > start && line[end - 1] === CR) end--;
    this.lineNo++;
    // A CR ending an overlong line is in its dropped bytes: not counted, as in push().
    const dropped = this.dropped > 0 && this.tail[this.tail.length - 1] === CR ? this.dropped - 1 : this.dropped;
    const droppedRecords = this.droppedRecords;
    this.carry = [];
    this.carryBytes = 0;
    this.dropped = 0;
    this.lineBytes = 0;
    this.tail = Buffer.alloc(0);
    this.droppedRecords = 0;
    this.sink(line, start, end, this.lineNo, dropped, terminated, dropped > 0 ? droppedRecords : 0);
  }
}
