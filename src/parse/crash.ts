import type { Crash, CrashKind } from '../report/schema.js';
import { END_LINE, UntitledReports } from './untitled-report.js';

// Finds kernel crash reports (Oops, BUG, panic, KASAN, WARNING, hung tasks, RCU stalls) and keeps each one's
// lines up to its end marker, with a bound on lines per report and reports per log; in the
// record log, also those whose title line is not in it (untitled-report.ts).

const TITLES: ReadonlyArray<[RegExp, CrashKind]> = [
  [/^BUG: KASAN: /, 'kasan'],
  [/^(?:Oops: |Internal error: Oops|general protection fault)/, 'oops'],
  [/^(?:BUG: |kernel BUG at |UBSAN: )/, 'bug'],
  [/^Kernel panic - not syncing/, 'panic'],
  [/^WARNING: /, 'warning'],
  // The hung-task and RCU-stall detectors: a task or a CPU the module kept from running.
  [/^INFO: (?:task \S+ blocked for more than \d+ seconds|rcu_\w+ (?:self-)?detected (?:expedited )?stall)/, 'bug'],
];
/**
 * A title behind a prefix modleak does not strip (a CI log's or a capture tool's time,
 * `journalctl -o export`'s `MESSAGE=`): group 1 is what stands before it.
 */
const TITLE_BEHIND_PREFIX = /(^|[\s\]>:;,=])(?:BUG: |kernel BUG at |Oops: |Internal error: Oops|general protection fault|UBSAN: |Kernel panic - not syncing|WARNING: |INFO: (?:task |rcu_))/;
/**
 * What a kernel crash report prints, each at the start of a line, before its first 40 lines
 * end, and a program's text saying the same words does not; a WARN() splat's title says it.
 */
const REPORT_BODY = /^\s*(?:Call [Tt]race:|CPU: \d+ (?:UID: \d+ )?PID: \d+|---\[ end (?:trace|Kernel panic)|RIP: |pc : )/;
const SELF_CONFIRMED = /^WARNING: CPU: \d+ (?:UID: \d+ )?PID: \d+/;
const END = /---\[ end (?:trace|Kernel panic)/;
const KASAN_RULE = /^={20,}\s*$/;

export const MAX_CRASH_LINES = 200;
/** A report's header before its Call Trace (registers, code, modules) is shorter: one without a trace by then has none. */
const MAX_LINES_BEFORE_TRACE = 40;
export const MAX_CRASHES = 50;

/** A prefix with its digits as 0: a time's changes do not make it another. */
function shape(prefix: string): string {
  return prefix.replace(/\d/g, '0');
}

/** Where a crash report's title starts in `text` (0, or behind a prefix) and its kind, or undefined. */
function findTitle(text: string): { kind: CrashKind; at: number } | undefined {
  const kind = crashKind(text);
  if (kind) return { kind, at: 0 };
  if (text.length === 0 || END.test(text)) return undefined;
  const behind = TITLE_BEHIND_PREFIX.exec(text);
  if (!behind) return undefined;
  const at = behind.index + behind[1]!.length;
  const title = text.slice(at);
  const behindKind = crashKind(title);
  // Behind a prefix, only a WARN() splat's own title is a warning report: "eth0: WARNING: ..." is a driver's message.
  return behindKind === undefined || (behindKind === 'warning' && !SELF_CONFIRMED.test(title)) ? undefined : { kind: behindKind, at };
}

/** The title a crash report would have if `text` started one (behind a prefix or not), else undefined. */
export function crashTitle(text: string): string | undefined {
  const found = findTitle(text);
  return found && text.slice(found.at).trim();
}

export function crashKind(text: string): CrashKind | undefined {
  const t = text.trimStart();
  for (const [re, kind] of TITLES) if (re.test(t)) return kind;
  return undefined;
}

export class CrashCollector {
  readonly crashes: Crash[] = [];
  /** Reports beyond MAX_CRASHES, counted only. */
  dropped = 0;
  private open: (Crash & {
    /** It ends at a rule of `=` (KASAN's; older kernels' UBSAN's, whose title has a rule before it), not at an end marker. */
    endsAtRule: boolean;
    sawTrace: boolean;
    inTrace: boolean;
    provisional: boolean;
    /**
     * What stood before the title in its line, its digits as 0: taken off the report's later
     * lines that start the same way (a CI log's time), not others (the kernel's `watchdog: `).
     */
    prefix: string;
    /** False for a title found behind a prefix, until a line shows the report's body. */
    confirmed: boolean;
  }) | undefined;
  /** How many of the first reports a line that may be user space's started (see dropProvisional). */
  private provisional = 0;
  /** The line before this one (a rule before a title says how the report ends). */
  private previous = '';
  /** The record log's lines since the last report: a report whose title is not in the log ends among them. */
  private readonly untitled: UntitledReports | undefined;

  /** `untitled`: find reports whose title is not in the log (the record log's; not the console's, which only adds to it). */
  constructor(untitled = false) {
    this.untitled = untitled ? new UntitledReports(MAX_CRASH_LINES) : undefined;
  }

  /**
   * `text` is the message (prefixes stripped); `raw` is the line as it stood.
   * `provisional`: a line without a time before the log's first timed line, which is the
   * kernel's only if no line of the log turns out to carry a time.
   */
  line(text: string, raw: string, lineNo: number, provisional = false): void {
    const previous = this.previous;
    this.previous = text;
    this.untitled?.line(text, raw, lineNo);
    const found = findTitle(text);
    const open = this.open;
    if (found) {
      const { kind, at: prefix } = found;
      if (open && !open.sawTrace && kind === 'oops' && open.kind === 'bug') {
        // "BUG: unable to handle page fault" followed by "Oops: ..." is one report.
        open.kind = 'oops';
        this.add(raw);
        return;
      }
      // Cut by the next report: its end marker may still come.
      this.close(false);
      const title = text.slice(prefix).trim();
      const endsAtRule = kind === 'kasan' || (title.startsWith('UBSAN:') && KASAN_RULE.test(previous.trim()));
      this.start(kind, title, raw, lineNo, provisional, shape(text.slice(0, prefix)), endsAtRule);
      if (prefix > 0 && SELF_CONFIRMED.test(title) && this.open) this.open.confirmed = true;
      return;
    }
    if (!open) {
      if (this.untitled && END_LINE.test(text)) this.untitledEnded(text, provisional);
      return;
    }
    this.add(raw);
    const body = open.prefix !== '' && shape(text.slice(0, open.prefix.length)) === open.prefix ? text.slice(open.prefix.length) : text;
    if (!open.confirmed && REPORT_BODY.test(body)) open.confirmed = true;
    if (/Call Trace:/i.test(body)) open.sawTrace = open.inTrace = true;
    // Frames are indented; `</TASK>` (x86) ends the trace, an unindented line (arm64's `Code:`) too.
    else if (open.inTrace) open.inTrace = body.startsWith(' ') && !/^\s*<\/TASK>/.test(body);
    if (END.test(body)) {
      // A report of a kind that prints no end marker (a hung task's) took it: it ends a report cut before it.
      if (!endsWithMarker(open)) this.untitled?.markerTaken();
      this.close();
    } else if (open.endsAtRule && KASAN_RULE.test(body.trim())) this.close();
    else if (open.lines.length >= MAX_CRASH_LINES || (!open.sawTrace && open.lines.length >= MAX_LINES_BEFORE_TRACE)) this.close(false);
  }

  /** A line that is not the kernel's (see UntitledReports.otherLine). */
  otherLine(text: string): void {
    this.untitled?.otherLine(text);
  }

  /**
   * A modleak record or marker never joins a report: inside one, before or during its
   * trace, it is another CPU's message interleaved with the report, which goes on after
   * it. After the trace it ends a `bug` report, the one kind that may have no end marker
   * ("BUG: sleeping function called from invalid context" is a stack dump).
   */
  interrupt(): void {
    const open = this.open;
    if (open && open.kind === 'bug' && open.sawTrace && !open.inTrace) this.close();
  }

  finish(): Crash[] {
    this.close();
    return this.crashes;
  }

  /**
   * The log's first timed line came: the lines without a time before it were a program's
   * output (a test script printing "WARNING: ..." first), so their reports go.
   */
  dropProvisional(): void {
    this.untitled?.dropProvisional();
    if (this.open?.provisional) this.open = undefined;
    this.crashes.splice(0, this.provisional);
    this.provisional = 0;
  }

  /** An end marker outside any report: the report it ends, if the lines before it are one's body. */
  private untitledEnded(endText: string, provisional: boolean): void {
    const report = this.untitled!.ended(endText);
    if (report === undefined) return;
    if (this.crashes.length >= MAX_CRASHES) {
      this.dropped++;
      return;
    }
    const [first, ...rest] = report.lines;
    this.start(report.kind, report.title, first!, report.lineNo, provisional, '', false);
    for (const line of rest) this.add(line);
    this.close();
  }

  private start(kind: CrashKind, title: string, raw: string, lineNo: number, provisional: boolean, prefix: string, endsAtRule: boolean): void {
    if (this.crashes.length >= MAX_CRASHES) {
      this.dropped++;
      // Not kept: its end marker is no report's whose title is not in the log.
      if (endsWithMarker({ kind, title, endsAtRule })) this.untitled?.reportUnended(provisional);
      return;
    }
    this.open = { kind, title, logLine: lineNo, lines: [raw], endsAtRule, sawTrace: false, inTrace: false, provisional, prefix, confirmed: prefix === '' };
  }

  private add(raw: string): void {
    this.open?.lines.push(raw);
  }

  /** `ended`: the report ended by its end (its marker, KASAN's rule, a record after a `BUG:` trace, the log's end), not cut before it. */
  private close(ended = true): void {
    if (!this.open) return;
    const { endsAtRule, sawTrace: _saw, inTrace: _in, provisional, prefix: _prefix, confirmed, ...crash } = this.open;
    void _saw;
    void _in;
    void _prefix;
    if (!confirmed) {
      // A title's words behind a prefix, with no report after them: a program's text.
      this.open = undefined;
      return;
    }
    if (provisional) this.provisional++;
    this.crashes.push(crash);
    this.open = undefined;
    if (ended || !endsWithMarker({ ...crash, endsAtRule })) this.untitled?.reportEnded(provisional);
    else this.untitled?.reportUnended(provisional);
  }
}

/**
 * Whether the kernel ends such a report with `---[ end trace` (a hung task, a
 * sleeping-in-atomic `BUG:` or an RCU stall has none; KASAN's ends at a rule, and so did
 * older kernels' UBSAN, which put a rule before its title too).
 */
function endsWithMarker(crash: Pick<Crash, 'kind' | 'title'> & { endsAtRule: boolean }): boolean {
  if (crash.endsAtRule) return false;
  return crash.kind === 'oops' || crash.kind === 'warning' || crash.kind === 'panic' || crash.title.startsWith('kernel BUG at') || crash.title.startsWith('UBSAN:');
}
