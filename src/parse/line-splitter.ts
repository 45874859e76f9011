// Splits a byte stream into lines without ever buffering more than one capped line:
// a line longer than `maxLineBytes` is cut there, the rest of it skipped and reported.
// Lines are handed over as byte ranges of the chunk they arrived in (no string is made
// unless the receiver wants one); a line that spans chunks is copied into its own
// buffer, so the caller may reuse its chunk buffer once push() returns.

/**
 * Receives each line as bytes[start, end) (CR of a CRLF removed), its 1-based number,
 * the bytes dropped from an overlong line, and whether a newline ended it (false for a
 * last line cut short: a truncated tail, perhaps). The range is valid only during the call.
 */
export type ByteLineSink = (bytes: Buffer, start: number, end: number, lineNo: number, droppedBytes: number, terminated: boolean) => void;

/** The same, decoded: the line is `text.slice(start, end)`. Invalid UTF-8 decodes to U+FFFD. */
export type LineSink = (text: string, start: number, end: number, lineNo: number, droppedBytes: number, terminated: boolean) => void;

/**
 * An optional shortcut for the common line: handles the whole line starting at
 * bytes[start] (ending in a newline before `end`, the end of the chunk) and returns
 * where the next line starts, or -1, having done nothing, to get the line the usual way.
 */
export type FastLine = (bytes: Buffer, start: number, end: number, lineNo: number) => number;

export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

const NEWLINE = 0x0a;
const CR = 0x0d;

export class ByteLineSplitter {
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private dropped = 0;
  private lineNo = 0;

  constructor(private readonly sink: ByteLineSink, private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES, private readonly fastLine?: FastLine) {}

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
    const fast = this.fastLine;
    const len = chunk.length;
    for (;;) {
      if (fast !== undefined) {
        const next = fast(chunk, pos, len, this.lineNo + 1);
        if (next >= 0) {
          this.lineNo++;
          pos = next;
          continue;
        }
      }
      const nl = chunk.indexOf(NEWLINE, pos);
      if (nl < 0) break;
      let end = nl;
      if (end > pos && chunk[end - 1] === CR) end--;
      const lineNo = ++this.lineNo;
      if (end - pos > max) sink(chunk, pos, pos + max, lineNo, end - pos - max, true);
      else sink(chunk, pos, end, lineNo, 0, true);
      pos = nl + 1;
    }
    if (pos < chunk.length) this.keep(chunk.subarray(pos));
  }

  /** Emits the unterminated last line, if any. */
  end(): void {
    if (this.carryBytes > 0 || this.dropped > 0) this.flushCarry(false);
  }

  private keep(bytes: Buffer): void {
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

  private flushCarry(terminated: boolean): void {
    const line = Buffer.concat(this.carry, this.carryBytes);
    let end = line.length;
    if (end > 0 && line[end - 1] === CR) end--;
    this.lineNo++;
    const dropped = this.dropped;
    this.carry = [];
    this.carryBytes = 0;
    this.dropped = 0;
    this.sink(line, 0, end, this.lineNo, dropped, terminated);
  }
}

/** ByteLineSplitter with each line decoded as UTF-8. */
export class LineSplitter {
  private readonly bytes: ByteLineSplitter;

  constructor(sink: LineSink, maxLineBytes = DEFAULT_MAX_LINE_BYTES) {
    this.bytes = new ByteLineSplitter((b, start, end, lineNo, dropped, terminated) => {
      const text = b.toString('utf8', start, end);
      sink(text, 0, text.length, lineNo, dropped, terminated);
    }, maxLineBytes);
  }

  get lines(): number {
    return this.bytes.lines;
  }

  push(chunk: Buffer): void {
    this.bytes.push(chunk);
  }

  end(): void {
    this.bytes.end();
  }
}
