// Splits a byte stream into lines without ever buffering more than one capped line:
// a line longer than `maxLineBytes` is cut there, the rest of it skipped and reported.
// Invalid UTF-8 decodes to U+FFFD instead of throwing.

/**
 * Receives each line as `text.slice(start, end)` without the slice being made (the
 * parser reads most lines in place), its 1-based number, the bytes (or, for a line
 * inside one chunk, characters) dropped from an overlong line, and whether a newline
 * ended it (false for a last line cut short: a truncated tail, perhaps).
 */
export type LineSink = (text: string, start: number, end: number, lineNo: number, droppedBytes: number, terminated: boolean) => void;

export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

const NEWLINE = 0x0a;

export class LineSplitter {
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private dropped = 0;
  private lineNo = 0;

  constructor(private readonly sink: LineSink, private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES) {}

  /** Lines seen so far. */
  get lines(): number {
    return this.lineNo;
  }

  push(chunk: Buffer): void {
    const firstNl = chunk.indexOf(NEWLINE);
    if (firstNl < 0) {
      this.keep(chunk);
      return;
    }
    let bodyStart = 0;
    if (this.carryBytes > 0 || this.dropped > 0) {
      this.keep(chunk.subarray(0, firstNl));
      this.flushCarry(true);
      bodyStart = firstNl + 1;
    }
    const lastNl = chunk.lastIndexOf(NEWLINE);
    if (lastNl >= bodyStart) this.emitWholeLines(chunk.toString('utf8', bodyStart, lastNl + 1));
    if (lastNl + 1 < chunk.length) this.keep(chunk.subarray(lastNl + 1));
  }

  /** Emits the unterminated last line, if any. */
  end(): void {
    if (this.carryBytes > 0 || this.dropped > 0) this.flushCarry(false);
  }

  /** `text` holds only complete lines, each ending in "\n". */
  private emitWholeLines(text: string): void {
    const max = this.maxLineBytes;
    let pos = 0;
    const len = text.length;
    while (pos < len) {
      const nl = text.indexOf('\n', pos);
      let end = nl;
      if (end > pos && text.charCodeAt(end - 1) === 13) end--;
      this.lineNo++;
      if (end - pos > max) this.sink(text, pos, pos + max, this.lineNo, end - pos - max, true);
      else this.sink(text, pos, end, this.lineNo, 0, true);
      pos = nl + 1;
    }
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
    let text = Buffer.concat(this.carry, this.carryBytes).toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    this.lineNo++;
    this.sink(text, 0, text.length, this.lineNo, this.dropped, terminated);
    this.carry = [];
    this.carryBytes = 0;
    this.dropped = 0;
  }
}
