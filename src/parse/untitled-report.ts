import type { Crash, CrashKind } from '../report/schema.js';

// A crash report whose title line is not in the log: the log starts inside it (a pstore
// part, a log buffer that wrapped during the oops), or its title came garbled (a
// terminal wrap, a lost byte). Its end marker is then the first sign of it: the report
// is the lines before the marker back to its own `CPU: N PID: N` line, or, where the
// log (a boot, a pstore part) starts inside it, back to its first line of a report body.

/** What the title of such a report begins with. */
export const UNTITLED = "(the report's title is not in the log) ";

/** The end marker as the kernel prints it, on a line of its own. */
export const END_LINE = /^\s*---\[ end (?:trace|Kernel panic)/;
/** A report's own line after its title. */
const CPU_LINE = /^\s*CPU: \d+ (?:UID: \d+ )?PID: \d+/;
/** A line only a report's body has: its CPU line, Call Trace (arm64: "Call trace:"), RIP or pc line, or a frame. */
const BODY = /^\s*(?:Call [Tt]race:|CPU: \d+ (?:UID: \d+ )?PID: \d+|RIP: |pc : )|^\s+(?:\? )?[\w.$]+\+0x[0-9a-f]+\/0x[0-9a-f]+/;
/** Where the kernel was: x86's kernel-mode RIP (not user space's `RIP: 0033:`), arm64's pc. */
const KERNEL_PLACE = /^\s*(?:RIP: (?!00[23]3:)|pc : )/;
/** KERNEL_PLACE's line, anywhere in a line as it stood (its time before it). */
const PLACE_IN_LINE = /(?:RIP: (?!00[23]3:)|pc : )\S+/;
/** A frame the unwinder is sure of (no `? `). */
const SURE_FRAME = /^\s+[\w.$]+\+0x[0-9a-f]+\/0x[0-9a-f]+/;
/** x86's report header before Linux 6.10 ("divide error: 0000 [#1] PREEMPT SMP"; later "Oops: divide error: ..."), which is no title modleak knows. */
const DIE_HEADER = /^[a-z][\w ]*: [0-9a-f]{4} \[#\d+\]/;
/** The header of a part of a pstore dump (/sys/fs/pstore/dmesg-*). */
const PSTORE_PART = /^(?:Oops|Panic|Emergency|Restart|Halt|Poweroff|Shutdown|Unknown)#\d+ Part\d+\s*$/;

export interface UntitledReport {
  kind: CrashKind;
  title: string;
  lineNo: number;
  lines: string[];
}

/** The kernel lines since the last report, a boot or a pstore part started (at most `size`). */
export class UntitledReports {
  private readonly texts: string[] = [];
  private readonly raws: string[] = [];
  private readonly numbers: number[] = [];
  /** Lines seen. */
  private seen = 0;
  /** The first line (counted as `seen`) a report may start at. */
  private from = 0;
  /** `from` is where the log, a boot or a pstore part starts, not where a report ended. */
  private fresh = true;
  /** Reports ended before their end marker (cut by a limit or by the next report), and the line the last did. */
  private unended = 0;
  private unendedAt = 0;
  /** The state before the first change a report that may be user space's made (see dropProvisional). */
  private beforeProvisional: { from: number; fresh: boolean; unended: number; unendedAt: number } | undefined;

  constructor(private readonly size: number) {}

  /** A kernel line, in a report or not. */
  line(text: string, raw: string, lineNo: number): void {
    const at = this.seen % this.size;
    this.texts[at] = text;
    this.raws[at] = raw;
    this.numbers[at] = lineNo;
    this.seen++;
    // A boot or a pstore part starts: no report started before it goes on after it.
    if (text.startsWith('Linux version ') || (text.includes('#') && PSTORE_PART.test(text))) {
      this.from = this.seen;
      this.fresh = true;
    }
  }

  /** A line that is not the kernel's: a pstore dump's part header (written untimed among timed lines) starts afresh. */
  otherLine(text: string): void {
    if (PSTORE_PART.test(text)) {
      this.from = this.seen;
      this.fresh = true;
    }
  }

  /** A report ended with the last line: none starts inside it. `provisional`: it may be user space's (see dropProvisional). */
  reportEnded(provisional: boolean): void {
    if (provisional) this.beforeProvisional ??= { from: this.from, fresh: this.fresh, unended: this.unended, unendedAt: this.unendedAt };
    this.from = this.seen;
    this.fresh = false;
  }

  /** A report was cut before its end marker (or not kept): the next end marker within `size` lines is its. */
  reportUnended(provisional: boolean): void {
    this.reportEnded(provisional);
    this.unended++;
    this.unendedAt = this.seen;
  }

  /** An end marker a report of a kind that prints none took (a hung task's, cut short): it was a cut report's. */
  markerTaken(): void {
    if (this.unended > 0) this.unended--;
  }

  /** The reports that may have been user space's were: what they changed is undone. */
  dropProvisional(): void {
    const before = this.beforeProvisional;
    if (before === undefined) return;
    this.from = before.from;
    this.fresh = before.fresh;
    this.unended = before.unended;
    this.unendedAt = before.unendedAt;
    this.beforeProvisional = undefined;
  }

  /** The last line is an end marker outside any report (`endText`): the report it ends, when its body stands before it. */
  ended(endText: string): UntitledReport | undefined {
    if (this.unended > 0) {
      const cut = this.seen - this.unendedAt <= this.size;
      this.unended = cut ? this.unended - 1 : 0;
      if (cut) return undefined;
    }
    const last = this.seen - 1;
    const first = Math.max(this.from, this.seen - this.size);
    let start = this.last(CPU_LINE, first, last);
    if (start < 0 && this.fresh && first === this.from) start = this.first(BODY, first, last);
    if (start < 0) return undefined;
    const kind = /end Kernel panic/.test(endText) ? 'panic' : 'oops';
    const lines = (from: number) => Array.from({ length: last - from + 1 }, (_, k) => this.raws[(from + k) % this.size]!);
    // A header before the CPU line is the report's title after all.
    const header = this.last(DIE_HEADER, first, start);
    if (header >= 0 && start - header <= 2) {
      return { kind, title: this.texts[header % this.size]!.trim(), lineNo: this.numbers[header % this.size]!, lines: lines(header) };
    }
    const place = this.first(KERNEL_PLACE, start, last);
    const frame = this.first(SURE_FRAME, start, last);
    const named = place >= 0 ? place : frame >= 0 ? frame : start;
    return { kind, title: UNTITLED + this.texts[named % this.size]!.trim(), lineNo: this.numbers[start % this.size]!, lines: lines(start) };
  }

  /** The first line in [from, to) that `re` matches (-1: none). */
  private first(re: RegExp, from: number, to: number): number {
    for (let k = from; k < to; k++) if (re.test(this.texts[k % this.size]!)) return k;
    return -1;
  }

  private last(re: RegExp, from: number, to: number): number {
    for (let k = to - 1; k >= from; k--) if (re.test(this.texts[k % this.size]!)) return k;
    return -1;
  }
}

/**
 * `untitled` is a report found by its end marker (its title not in its log, or x86's
 * header for one), and the line it is titled by stands in `whole`: the same report, whole.
 */
export function partOf(untitled: Crash, whole: Crash): boolean {
  // x86's header is the same for every boot's first oops: only where the kernel was tells them apart.
  const place = untitled.title.startsWith(UNTITLED) ? untitled.title.slice(UNTITLED.length)
    : DIE_HEADER.test(untitled.title) ? untitled.lines.map((line) => PLACE_IN_LINE.exec(line)?.[0]).find((p) => p !== undefined)
      : undefined;
  return place !== undefined && whole.lines.some((line) => line.includes(place));
}
