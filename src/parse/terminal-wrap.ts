// A console copied from a terminal that wrapped its lines at the terminal's width: every
// long line ends at that column and goes on, without a time, on the next line. A record
// wrapped that way reads well up to the cut (a function name `leaky_` for
// `leaky_conf_new`), so such records are told apart by the log's shape, not their own.

import { findRecord, isRecordError, parseRecordStrict, SiteTable } from './record.js';

/** Lines of one width that went on in an untimed line, before that width is taken for a terminal's. */
const MIN_WRAPS = 5;
/** Narrower lines are not a terminal's width. */
const MIN_WIDTH = 40;
const NOT_BLANK = /\S/;
/** Record lines kept per width. */
const MAX_RECORD_LINES = 1000;

export interface WrappedRecords {
  width: number;
  /** The record lines that ended at that width and went on in the next line. */
  recordLines: number[];
  /** How many of them read as records all the same (not already counted unreadable). */
  readLines: number;
}

export class TerminalWrap {
  private readonly byWidth = new Map<number, { wraps: number; recordLines: number[] }>();
  private previous: { lineNo: number; length: number; record: string | undefined } | undefined;
  private readonly sites = new SiteTable(16);
  /** Record lines already counted unreadable (the cut fell in a field the record cannot do without). */
  private readonly unreadableLines = new Set<number>();

  unreadable(lineNo: number): void {
    if (this.unreadableLines.size < MAX_RECORD_LINES) this.unreadableLines.add(lineNo);
  }

  /**
   * A line read the careful way: its length, whether it starts with a console time
   * (`[   12.345678]`), whether its prefix has any time, whether it held a record, its message.
   */
  line(lineNo: number, length: number, consoleTime: boolean, timed: boolean, record: boolean, text: string): void {
    const before = this.previous;
    if (before !== undefined && before.lineNo === lineNo - 1 && !timed && !record && NOT_BLANK.test(text)) {
      let width = this.byWidth.get(before.length);
      if (width === undefined) {
        if (this.byWidth.size >= 64) return;
        width = { wraps: 0, recordLines: [] };
        this.byWidth.set(before.length, width);
      }
      width.wraps++;
      if (before.record !== undefined && width.recordLines.length < MAX_RECORD_LINES && this.goesOn(before.record, text, lineNo)) width.recordLines.push(before.lineNo);
    }
    this.previous = consoleTime && length >= MIN_WIDTH ? { lineNo, length, record: record ? text : undefined } : undefined;
  }

  /**
   * Whether `next` can be the rest of the record line `record` (its function name's end, or
   * more of its fields): together they read as one record. A test script's `+ echo step 1`
   * or systemd's `[  OK  ] Started ...` after a record do not.
   */
  private goesOn(record: string, next: string, lineNo: number): boolean {
    // A copy from a terminal's screen may lose the space the cut fell on.
    return [record + next, `${record} ${next}`].some((joined) => {
      const at = findRecord(joined);
      return at >= 0 && !isRecordError(parseRecordStrict(joined, at, lineNo, undefined, this.sites));
    });
  }

  /** The width most lines were wrapped at, when it is a terminal's and records were wrapped at it. */
  finish(): WrappedRecords | undefined {
    let best: WrappedRecords | undefined;
    let bestWraps = 0;
    for (const [width, { wraps, recordLines }] of this.byWidth) {
      if (wraps >= MIN_WRAPS && wraps > bestWraps && recordLines.length > 0) {
        best = { width, recordLines, readLines: recordLines.filter((n) => !this.unreadableLines.has(n)).length };
        bestWraps = wraps;
      }
    }
    return best;
  }
}
