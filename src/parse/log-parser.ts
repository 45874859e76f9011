import type { Crash, Site } from '../report/schema.js';
import type { DiagnosticLog } from '../report/diagnostics.js';
import { CrashCollector, crashTitle } from './crash.js';
import { PointerKeys, type PtrKey } from '../match/pointer.js';
import { DecodedRecords, type DecodedChunk, type RecordTaker } from './decoded-chunk.js';
import type { LogEvent, RecordFieldSink, TextEvent } from './events.js';
import { ByteLineSplitter, DEFAULT_MAX_LINE_BYTES, withoutByteOrderMark, type FastLines } from './line-splitter.js';
import { normalizeLine, stripAnsi, stripGluedConsolePrefix } from './normalize.js';
import { ALLOC, ByteRecordParser, NO_RECORD, REALLOC, type HeadFields, type KnownWords, type RecordKind } from './record-bytes.js';
import { findRecord, isRecordError, moduleKey, RecordParser, type RecordResult } from './record.js';
import { ReorderWindow } from './reorder.js';
import { TerminalWrap } from './terminal-wrap.js';
import { LogTimes } from './time-order.js';

// The streaming parser: bytes in, matcher events out (in kmsg order), plus what the
// log says about the run itself (crashes, dropped messages, lost records, kernel).
// Memory holds one capped line, the reorder window and bounded diagnostics.

/** A message that starts with a record token not followed by a space: `modleak1\tm\tA ...`, `modleak1m A ...`. */
const BROKEN_RECORD_TOKEN = /^\s*(modleak\d+)[^\d ]/;

export interface LogParserOptions {
  /** The log's name in diagnostics. */
  file: string;
  /** Only records of these modules reach the matcher (all when absent or empty). */
  modules?: readonly string[];
  /** Collect modleak1 records (the record log) or ignore them (the console log). */
  records: boolean;
  diagnostics: DiagnosticLog;
  maxLineBytes?: number;
  reorderWindow?: number;
  /** The log starts at the kernel's first record: records before the first sequence number read were lost. */
  fromFirstRecord?: boolean;
  /** Turns addresses into keys; share it with the matcher, which spells them back. */
  pointers?: PointerKeys;
  /**
   * Told the kernel release as soon as the `Linux version` banner is read (the matcher's
   * rules depend on it); told undefined when the line that named it turns out to be a
   * program's (see sawTimedLine).
   */
  onKernelRelease?: (release: string | undefined) => void;
}

export interface LogFacts {
  crashes: Crash[];
  droppedCrashes: number;
  /** Sum of `** N printk messages dropped **`. */
  droppedMessages: number;
  /** Records missing from the kmsg sequence. */
  lostRecords: number;
  /** True when the log carried kmsg sequence numbers. */
  sequenced: boolean;
  kernelRelease?: string;
  /** The log ends inside a record. */
  truncatedTail: boolean;
  /**
   * The line where the kmsg sequence starts again at 0 (`Linux version`): a second boot in
   * the same log, or a reader that read the kernel's buffer again from its start.
   */
  restartLine?: number;
  /**
   * What showed the restart: the kmsg sequence at 0, the kernel's banner again,
   * journalctl's boot line, times since boot or a wall clock's going back, or the log's first timed line again.
   */
  restartBy?: 'sequence' | 'banner' | 'journal' | 'time' | 'clock' | 'repeat';
  /** A line with a run of NUL bytes and more of the log after it: what the file held there was lost. */
  nulHoleLine?: number;
  /**
   * Titles of crash reports that user space wrote (`echo "<3>WARNING: ..." > /dev/kmsg`):
   * the console shows such a line as the kernel's, so its copy there is not a crash either.
   */
  userCrashTitles: string[];
  /**
   * A console log only: the lines of modleak's guest init (`modleak-init: ...`), which say
   * how a `modleak run` went where the record log cannot (a module that did not load).
   */
  runnerLines: string[];
  lines: number;
  records: number;
  malformedRecords: number;
  /** The log line of the first malformed record. */
  firstMalformedLine?: number;
  unknownGrammarRecords: number;
  /** Records of modules the filter (--module) left out, and the first few of those modules. */
  otherModuleRecords: number;
  otherModules: string[];
}

/** Modules left out by --module that the report names (a misspelt name shows what the log holds). */
export const MAX_OTHER_MODULES_NAMED = 8;
/** Odd-width addresses kept for judging once the log's width is known (the diagnostics cap what is shown anyway). */
const MAX_ODD_BEFORE_WIDTH = 1000;
const DROPPED = /\*\* (\d+) printk messages dropped \*\*/;
/** A count the log states, kept within what a number holds exactly (a garbled one can have any number of digits). */
function statedCount(digits: string): number {
  return Math.min(Number(digits), Number.MAX_SAFE_INTEGER);
}
/** `journalctl -o json-pretty`'s MESSAGE as bytes: an array whose numbers follow on the next lines. */
const PRETTY_BYTES_MESSAGE = /^\s+"MESSAGE" : \[\s*$/;
/** The same as a whole line, as the kernel prints it untimed on a console. */
const DROPPED_LINE = /^\*\* (\d+) printk messages dropped \*\*\s*$/;
/** journald's own line when it could not keep up with the kernel's log (`journalctl -b` shows it, `-k` does not). */
const JOURNALD_MISSED = /(?:^|\s)systemd-journald(?:\[\d+\])?: Missed (\d+) kernel messages?$/;
/** A run of NUL bytes this long is a hole in the file (a file system that lost data in a crash), not line noise. */
const NUL_RUN = /\0{64}/;
/** User space's crash-like lines remembered (see LogFacts.userCrashTitles). */
const MAX_USER_CRASH_TITLES = 100;
/** What modleak's guest init writes to the console before each of its lines (run/init-script.ts). */
export const RUNNER_PREFIX = 'modleak-init:';
/** Its lines remembered: a run writes a dozen. */
const MAX_RUNNER_LINES = 1000;
/** Module names whose --module verdict is remembered. */
const MAX_FILTERED_NAMES = 1000;
/** Hosts whose syslog or journal lines the log can hold at most: more are not told apart. */
const MAX_SYSLOG_HOSTS = 16;
const LINUX_VERSION = /Linux version (\d\S*)/;
/** The kernel's first message as it starts a boot: "Linux version 6.1.0-56-cloud-amd64 (debian-kernel@...". */
const BOOT_BANNER = /Linux version \d\S* \(/;
/** What `journalctl` prints between two boots' messages (`-- Reboot --` before systemd 250). */
const JOURNAL_BOOT = /^-- (?:Boot [0-9a-f]{32}|Reboot) --$/;
/** A console timestamp, `[   12.345678]`. */
const CONSOLE_TIME = /\[\s*(\d+)\.(\d+)\]/;

/**
 * Whether a line is the kernel's banner as it starts a boot: its message starts with it,
 * and its timestamp, if it has one, is 0 (a test script echoing /proc/version later, or a
 * driver naming the kernel it was built for, is not one).
 */
function isBootBanner(text: string, raw: string): boolean {
  return text.startsWith('Linux version ') && isBannerText(text, raw);
}

/**
 * The banner's words anywhere in the message, at time 0 or with no time since boot: a
 * capture tool's prefix modleak does not strip (grabserial, minicom, journalctl -o export,
 * RFC 5424) still lets it name the kernel, though not start a boot.
 */
function isBannerText(text: string, raw: string): boolean {
  if (!BOOT_BANNER.test(text)) return false;
  const time = CONSOLE_TIME.exec(raw);
  return time === null || Number(time[1]) + Number(time[2]) === 0;
}

export class LogParser {
  private readonly splitter: ByteLineSplitter;
  private readonly crashes: CrashCollector;
  private readonly recordParser = new RecordParser();
  private readonly byteParser: ByteRecordParser;
  /** Records a second thread read ahead (see decoded-chunk.ts). */
  private readonly decoded: DecodedRecords;
  private readonly ptrs: PointerKeys;
  private readonly reorder: ReorderWindow<LogEvent>;
  /** The modules asked for (--module), by moduleKey; undefined: all. */
  private readonly moduleFilter: ReadonlySet<string> | undefined;
  /** Each module name read, whether the filter leaves it out: one lookup per record, the key made once per name. */
  private readonly filteredOut = new Map<string, boolean>();
  private readonly facts: Omit<LogFacts, 'crashes' | 'droppedCrashes' | 'lostRecords'> = {
    droppedMessages: 0, sequenced: false, truncatedTail: false, lines: 0, records: 0,
    malformedRecords: 0, unknownGrammarRecords: 0, otherModuleRecords: 0, otherModules: [], userCrashTitles: [], runnerLines: [],
  };
  /** Records of each grammar this modleak does not know: how many, and the first one's line. */
  private readonly versionsSeen = new Map<string, { count: number; firstLine: number }>();
  /** Whether facts.kernelRelease came from the kernel's banner itself, not its words behind a prefix not stripped. */
  private releaseFromBanner = false;
  /** The release came from a line without a time, before the log's first timed line. */
  private releaseUntimed = false;
  /** Until the first chunk: it may start with a byte order mark. */
  private atStart = true;
  /** A line whose prefix carries a time was read: a console line without one is then a program's output. */
  private timed = false;
  /** The times of the kernel's lines: a log read twice shows in them (see end()). */
  private readonly times = new LogTimes();
  /** A line ending in a run of NUL bytes: a hole in the file if more of the log follows (else a preallocated file's tail). */
  private nulLine = 0;
  private readonly terminalWrap = new TerminalWrap();
  /** Lines without a record that held bytes not UTF-8 text, and the first of them. */
  private readonly undecodable = { lines: 0, first: 0 };
  /** Hosts of the syslog or journal `kernel:` lines read: a program's line is one only from such a host. */
  private readonly syslogHosts = new Set<string>();
  /** Addresses neither 16 nor 8 digits wide read before the log's width was known. */
  private readonly oddBeforeWidth: Array<{ ptr: string; field: string; lineNo: number }> = [];

  /**
   * `sink` gets every event in kmsg order; `fields`, when given, gets instead the common
   * allocation and free records that arrive in order, field by field.
   */
  constructor(private readonly options: LogParserOptions, sink: (event: LogEvent) => void, private readonly fields?: RecordFieldSink) {
    this.ptrs = options.pointers ?? new PointerKeys();
    // Only the record log finds a report whose title is not in it: the console log only adds reports to the record log's.
    this.crashes = new CrashCollector(options.records);
    this.byteParser = new ByteRecordParser(this.recordParser, this.ptrs);
    this.decoded = new DecodedRecords(this.byteParser, this.ptrs);
    const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.splitter = new ByteLineSplitter(
      (bytes, start, end, lineNo, dropped, terminated, droppedRecords) => this.line(bytes, start, end, lineNo, dropped, terminated, droppedRecords),
      maxLineBytes,
      options.records ? this.fastLines(maxLineBytes) : undefined,
    );
    // Either spelling, - or _, as the kernel compares names (records carry _, a hand-made log may have -).
    this.moduleFilter = options.modules && options.modules.length > 0 ? new Set(options.modules.map(moduleKey)) : undefined;
    this.reorder = new ReorderWindow<LogEvent>(sink, (seq, item) => {
      if (item) {
        options.diagnostics.add('late', {
          severity: 'warning', file: options.file, line: item.logLine,
          message: `record with kmsg sequence ${seq} arrived after its reorder window closed and after its number was counted lost; it was not applied`,
        }, 'late-record');
      }
    }, options.reorderWindow, options.fromFirstRecord);
  }

  /** Records known lost so far (gaps released from the window plus dropped messages). */
  get lostSoFar(): number {
    return this.reorder.stats.lost + this.facts.droppedMessages;
  }

  /** `decoded`: what a read-ahead thread wrote down of this chunk's records (decoded-chunk.ts). */
  push(chunk: Buffer, decoded?: DecodedChunk): void {
    if (this.atStart) {
      this.atStart = false;
      chunk = withoutByteOrderMark(chunk);
    }
    if (decoded === undefined || !this.options.records) {
      this.splitter.push(chunk);
      return;
    }
    this.decoded.begin(decoded);
    this.splitter.push(chunk);
    this.decoded.end();
  }

  /** `readError`: the stream failed part way; what was read is analysed and the tail counts as truncated. */
  end(options: { readError?: string } = {}): LogFacts {
    this.splitter.end();
    this.reorder.flush();
    // Records with kmsg sequence numbers say a second capture themselves (repeated numbers are
    // dropped as such); a timed line among them is a program's (a test script's `dmesg`).
    const byTimes = this.facts.sequenced ? undefined : this.times.restart();
    if (byTimes !== undefined) this.noteRestart(byTimes.lineNo, byTimes.by);
    this.warnOddWidth();
    const { diagnostics, file } = this.options;
    if (options.readError !== undefined) {
      this.facts.truncatedTail = true;
      diagnostics.add('read-error', { severity: 'error', file, message: options.readError });
    }
    if (this.undecodable.lines > 0) {
      const { lines, first } = this.undecodable;
      diagnostics.add('undecodable', {
        severity: 'warning', file, line: first, field: 'line',
        message: `line ${first}: ${lines} line(s) without a modleak1 record held bytes that are not UTF-8 text (binary data, or text in another encoding), the first at line ${first}; read as other text, expected kernel log lines. A log that is all binary is no kernel log: check the file given`,
      });
    }
    const wrapped = this.options.records ? this.terminalWrap.finish() : undefined;
    if (wrapped) {
      const [first] = wrapped.recordLines;
      this.facts.malformedRecords += wrapped.readLines;
      this.facts.firstMalformedLine = Math.min(this.facts.firstMalformedLine ?? first!, first!);
      diagnostics.add('terminal-wrap', {
        severity: 'error', file, line: first, field: 'line',
        message: `line ${first}: this log's long lines end at column ${wrapped.width} and go on in the next line, as a terminal ${wrapped.width} columns wide wraps them: ${wrapped.recordLines.length} record line(s) ending there, the first at line ${first}, lost their end to the next line (a function name cut short reads as another; ${wrapped.readLines} of them read so); capture the console to a file (not from a terminal's screen), or stream /dev/kmsg`,
      });
    }
    for (const [grammar, { count, firstLine }] of this.versionsSeen) {
      diagnostics.add('version', {
        severity: 'error', file, line: firstLine, field: 'grammar',
        message: `record grammar ${grammar} is not understood by this modleak (expects modleak1); upgrade modleak. ${count} such record(s) were not analysed, the first at line ${firstLine}`,
      });
    }
    if (this.reorder.stats.duplicates > 0) {
      diagnostics.add('duplicates', {
        severity: 'info', file,
        message: `${this.reorder.stats.duplicates} record(s) repeated an already seen kmsg sequence number (a reader reopened /dev/kmsg) and were ignored`,
      });
    }
    return {
      ...this.facts,
      lines: this.splitter.lines,
      crashes: this.crashes.finish(),
      droppedCrashes: this.crashes.dropped,
      lostRecords: this.reorder.stats.lost,
    };
  }

  private line(bytes: Buffer, start: number, end: number, lineNo: number, droppedBytes: number, terminated: boolean, droppedRecords: number): void {
    if (droppedBytes > 0) {
      this.options.diagnostics.add('overlong', {
        severity: 'warning', file: this.options.file, line: lineNo,
        message: `line ${lineNo}: it is ${droppedBytes + end - start} bytes long; kept its first ${end - start} bytes and skipped the rest`,
      }, 'overlong-line');
      if (droppedRecords > 0 && this.options.records) this.unreadable(lineNo, `line ${lineNo}: the ${droppedBytes} bytes skipped after the ${end - start} kept hold ${droppedRecords} modleak1 record(s), not read`, 'line', droppedRecords);
    } else if (this.options.records && terminated) {
      const kind = this.byteParser.read(bytes, start, end, true);
      if (kind !== NO_RECORD) {
        this.fastRecord(kind, lineNo);
        return;
      }
    }
    this.slowLine(bytes.toString('utf8', start, end), { lineNo, terminated, cappedAt: droppedBytes > 0 ? end - start : 0 });
  }

  /** Whether --module leaves this module's records out. */
  private leftOut(module: string): boolean {
    const filter = this.moduleFilter;
    if (filter === undefined) return false;
    let out = this.filteredOut.get(module);
    if (out === undefined) {
      out = !filter.has(moduleKey(module));
      // Names are few; a log of garbled ones is not remembered past a bound.
      if (this.filteredOut.size < MAX_FILTERED_NAMES) this.filteredOut.set(module, out);
    }
    return out;
  }

  private skipOtherModule(module: string): void {
    this.facts.otherModuleRecords++;
    const names = this.facts.otherModules;
    if (names.length < MAX_OTHER_MODULES_NAMED && !names.includes(module)) names.push(module);
  }

  /** Records that could not be read: counted as malformed (the run is incomplete), with one diagnostic. */
  private unreadable(lineNo: number, message: string, field: string, count = 1): void {
    this.facts.malformedRecords += count;
    this.facts.firstMalformedLine ??= lineNo;
    this.terminalWrap.unreadable(lineNo);
    this.options.diagnostics.add('malformed', { severity: 'error', file: this.options.file, line: lineNo, field, message }, 'malformed-record');
  }

  /**
   * The splitter's shortcut: the records the read-ahead thread read from this line on, or
   * else a well-formed kmsg record line, read in place up to its newline.
   */
  private fastLines(maxLineBytes: number): FastLines {
    const taker: RecordTaker = {
      startRun: () => this.startTakenRun(),
      record: (kind, lineNo, seq, head, site, ptr, size) => this.takenRecord(kind, lineNo, seq, head, site, ptr, size),
    };
    const fast: FastLines = {
      next: 0,
      take: (bytes, start, end, lineNo) => {
        const taken = this.decoded.takeRun(start, lineNo, maxLineBytes, taker);
        if (taken > 0) {
          fast.next = this.decoded.next;
          return taken;
        }
        const kind = this.byteParser.read(bytes, start, end, false);
        if (kind === NO_RECORD) return 0;
        const next = this.byteParser.next;
        // An overlong line goes the usual way, which cuts it and says so.
        if (next - start - 1 > maxLineBytes) return 0;
        this.fastRecord(kind, lineNo);
        fast.next = next;
        return 1;
      },
    };
    return fast;
  }

  /** What fastRecord() does once per record that can be done once per run of records taken (nothing between them changes it). */
  private startTakenRun(): void {
    this.facts.sequenced = true;
    if (!this.timed || this.nulLine !== 0) this.watchFast();
    this.crashes.interrupt();
  }

  /** fastRecord() of a record the read-ahead thread read (after startTakenRun()), without setting the byte parser's fields when it goes straight to the matcher. */
  private takenRecord(kind: RecordKind, lineNo: number, seq: number, head: KnownWords<HeadFields>, site: KnownWords<Site>, ptr: number, size: number): void {
    const fields = this.fields;
    if (fields !== undefined && this.moduleFilter === undefined && this.reorder.takeNext(seq)) {
      this.facts.records++;
      this.toFields(fields, kind, lineNo, seq, head.value, ptr, size, site.value);
      return;
    }
    this.fastRecord(this.byteParser.take(kind, seq, head, site, ptr, size), lineNo);
  }

  /** The common case: a well-formed kmsg record line, already read from its bytes into byteParser's fields. */
  private fastRecord(kind: RecordKind, lineNo: number): void {
    const p = this.byteParser;
    const seq = p.seq;
    this.facts.sequenced = true;
    this.facts.records++;
    // Rare: the log's first timed line, or a line after a NUL run.
    if (!this.timed || this.nulLine !== 0) this.watchFast();
    this.crashes.interrupt();
    if (this.leftOut(p.module)) {
      this.skipOtherModule(p.module);
      this.reorder.push(seq, undefined);
      return;
    }
    const fields = this.fields;
    const ptr = p.ptr;
    if (fields !== undefined && typeof ptr === 'number' && kind !== REALLOC && this.reorder.takeNext(seq)) {
      this.toFields(fields, kind, lineNo, seq, p.headEntry!.value, ptr, p.size, p.site);
      return;
    }
    this.reorder.push(seq, p.event(kind, lineNo));
  }

  /** An in-order allocation or free at a number key, to the field sink (its head's names first, once). */
  private toFields(fields: RecordFieldSink, kind: RecordKind, lineNo: number, seq: number, head: HeadFields, ptr: number, size: number, site: Site): void {
    if (!head.named) {
      head.named = true;
      fields.names(head.module, head.api);
    }
    if (kind === ALLOC) fields.allocNumber(head.module, lineNo, seq, head.api, ptr, size, site);
    else fields.freeNumber(head.module, lineNo, seq, head.api, ptr, site);
  }

  /** `cappedAt`: the bytes kept of a line that went on past the line cap (its last record, if any, is cut); 0 for a whole line. */
  private slowLine(raw: string, info: { lineNo: number; terminated: boolean; cappedAt: number }): void {
    this.checkNul(raw, info.lineNo);
    const first = raw.charCodeAt(0);
    if ((first === 9 || first === 32) && this.options.records && PRETTY_BYTES_MESSAGE.test(raw)) {
      this.unreadable(info.lineNo, `line ${info.lineNo}: a journalctl -o json-pretty entry's MESSAGE is an array of bytes over several lines (a message that is not UTF-8 text), which modleak does not read, and it may be a record; export the log with journalctl -o json (one entry per line)`, 'MESSAGE');
      return;
    }
    let parsed = normalizeLine(raw);
    if (!parsed) return;
    if (parsed.syslogHost !== undefined) {
      if (!parsed.fromUser) {
        if (this.syslogHosts.size < MAX_SYSLOG_HOSTS) this.syslogHosts.add(parsed.syslogHost);
      } else if (!this.syslogHosts.has(parsed.syslogHost)) {
        // No kernel line of that host: a time and a kernel message that reads like a program's line.
        parsed = { text: parsed.text, fromUser: false, timed: false };
      }
    }
    const { text, seq } = parsed;
    if (parsed.timed) this.sawTimedLine();
    // A banner is the surer sign of a second boot, and says so (kernelLine).
    // In a syslog or journal log, only the kernel's lines carry printk's times (`journalctl -o short-monotonic` shows journald's for others).
    if (parsed.timeKind !== undefined && seq === undefined && !parsed.fromUser && (this.syslogHosts.size === 0 || parsed.syslogHost !== undefined)
      && !text.startsWith('Linux version ')) this.times.see(parsed.timeKind, parsed.seconds!, raw, info.lineNo, this.facts.records > 0);
    if (seq !== undefined) {
      // The kernel's first record again, after records already read: the sequence restarted.
      if (seq === 0 && this.facts.sequenced && text.startsWith('Linux version ')) this.noteRestart(info.lineNo, 'sequence');
      this.facts.sequenced = true;
    }
    let at = text.indexOf('modleak') < 0 ? -1 : findRecord(text);
    // Bytes that are not UTF-8 text (binary garbage, another encoding) in a line without a record; a record's own are its error.
    if (at < 0 && text.includes('\uFFFD') && this.undecodable.lines++ === 0) this.undecodable.first = info.lineNo;
    if (seq === undefined) this.terminalWrap.line(info.lineNo, raw.length, parsed.timeKind === 'boot', parsed.timed, at >= 0, text);
    if (at > 0 && seq !== undefined && text.slice(0, at).trim() !== '') {
      // A /dev/kmsg record is one whole message, and the header's start theirs: one later
      // in a message quotes a record (a test script's echo, a driver dumping text).
      this.options.diagnostics.add('quoted-record', {
        severity: 'info', file: this.options.file, line: info.lineNo,
        message: `line ${info.lineNo}: a kernel message mentions a modleak1 record after its start; read as ordinary text, since a record starts its message`,
      });
      at = -1;
    }
    const broken = at < 0 && this.options.records ? BROKEN_RECORD_TOKEN.exec(text) : null;
    if (broken) {
      // The token run into what follows (a tab, a lost space): a record whose separators a console changed, not text.
      this.facts.records++;
      this.unreadable(info.lineNo, `line ${info.lineNo}: the message starts with the record token '${broken[1]}' but no space follows it (separators changed or lost on the way); record skipped`, 'grammar');
    }
    if (at < 0) {
      // A kmsg record's header is transport framing: crash excerpts show its message; console lines keep their timestamps.
      // What user space wrote (a test script's output, a program's log line) is not the kernel's crash, banner or loss.
      this.kernelLine(text, seq === undefined ? raw : text, info.lineNo, !parsed.fromUser && (parsed.timed || !this.timed), !parsed.timed, parsed.fromUser);
      if (seq !== undefined) this.reorder.push(seq, undefined);
      return;
    }
    this.crashes.interrupt();
    if (!this.options.records) return;
    let start = at;
    let lineSeq = seq;
    for (;;) {
      const result = this.recordParser.parse(text, start, info.lineNo, lineSeq);
      // Records run together only on a console: a kmsg message is one record.
      const next = isRecordError(result) && seq === undefined ? findRecord(text, start + 1) : -1;
      if (next < 0) {
        if (info.cappedAt > 0) {
          this.facts.records++;
          this.unreadable(info.lineNo, `line ${info.lineNo}: its last record runs past the line cap (the first ${info.cappedAt} bytes of the line are kept) and was cut there; record skipped`, 'line');
          // Its number arrived: unreadable, not lost.
          if (lineSeq !== undefined) this.reorder.push(lineSeq, undefined);
        } else {
          this.slowRecord(result, info.lineNo, lineSeq, !info.terminated);
        }
        return;
      }
      // Two records run together (a console that lost the newline between them): each
      // is read on its own; only the first has the line's sequence number.
      const first = stripGluedConsolePrefix(text.slice(start, next));
      this.slowRecord(this.recordParser.parse(first, 0, info.lineNo, lineSeq), info.lineNo, lineSeq, false);
      start = next;
      lineSeq = undefined;
    }
  }

  /** A record the careful path read (or could not); `cut`: the log ends inside it. */
  private slowRecord(result: RecordResult, lineNo: number, seq: number | undefined, cut: boolean): void {
    const { diagnostics, file } = this.options;
    this.facts.records++;
    let event: LogEvent | undefined;
    if (isRecordError(result)) {
      if (result.error === 'version') {
        this.facts.unknownGrammarRecords++;
        const seen = this.versionsSeen.get(result.field);
        if (seen) seen.count++;
        else this.versionsSeen.set(result.field, { count: 1, firstLine: lineNo });
      } else if (cut) {
        this.facts.truncatedTail = true;
        diagnostics.add('truncated', {
          severity: 'error', file, line: lineNo,
          message: `the log ends in the middle of a record (${result.message}): its tail was truncated`,
        });
      } else if (result.module !== undefined && this.leftOut(result.module)) {
        // Another module's record, bad or not: skipped like its good ones.
        this.skipOtherModule(result.module);
      } else {
        this.unreadable(lineNo, `line ${lineNo}: ${result.message}; record skipped`, result.field);
      }
    } else if (this.leftOut(result.module)) {
      this.skipOtherModule(result.module);
    } else {
      if (cut && (result.type === 'alloc' || result.type === 'free' || result.type === 'realloc')) {
        // Its fields all read, but the last one may be cut short (a function name "hw_pro").
        this.facts.truncatedTail = true;
        diagnostics.add('truncated', {
          severity: 'error', file, line: lineNo,
          message: `the log ends inside record line ${lineNo}, with no newline after its function '${result.site.function}': the line may have been cut, so the run is not taken as finished`,
        });
      }
      event = this.keyed(result, lineNo);
    }
    if (seq !== undefined) {
      this.reorder.push(seq, event);
    } else if (event) {
      this.reorder.pushUnsequenced(event);
    }
  }

  /** The event with its addresses as keys. */
  private keyed(event: TextEvent, lineNo: number): LogEvent {
    switch (event.type) {
      case 'alloc':
      case 'free':
        return { ...event, ptr: this.key(event.ptr, 'ptr', lineNo) };
      case 'realloc':
        return { ...event, oldPtr: this.key(event.oldPtr, 'old-ptr', lineNo), newPtr: this.key(event.newPtr, 'new-ptr', lineNo) };
      default:
        return event;
    }
  }

  /** An address's key; one not as wide as the run's others (%px prints every one at full width) is warned about. */
  private key(ptr: string, field: string, lineNo: number): PtrKey {
    const key = this.ptrs.key(ptr);
    if (ptr.length !== 16 && ptr.length !== 8 && this.ptrs.digits === 0 && this.oddBeforeWidth.length < MAX_ODD_BEFORE_WIDTH) {
      // Before the log's width is known (its first addresses are odd): judged once it is.
      this.oddBeforeWidth.push({ ptr, field, lineNo });
    }
    this.warnOddWidth();
    if (this.ptrs.digits !== 0 && ptr.length !== this.ptrs.digits) this.warnWidth(ptr, field, lineNo);
    return key;
  }

  private warnOddWidth(): void {
    if (this.oddBeforeWidth.length === 0 || this.ptrs.digits === 0) return;
    for (const { ptr, field, lineNo } of this.oddBeforeWidth.splice(0)) this.warnWidth(ptr, field, lineNo);
  }

  private warnWidth(ptr: string, field: string, lineNo: number): void {
    const width = this.ptrs.digits;
    if (ptr.length === width || /^0+$/.test(ptr)) return;
    this.options.diagnostics.add('pointer-width', {
      severity: 'warning', file: this.options.file, line: lineNo, field,
      message: `line ${lineNo}: ${field} '${ptr}' has ${ptr.length} hex digits where this log's addresses have ${width} (%px prints every address at full width): a character lost on the way (a serial console overrun?); matched as written, so this record may pair wrongly`,
    });
  }

  /** A record read in place as the log's first timed line, or after a NUL run. */
  private watchFast(): void {
    this.sawTimedLine();
    if (this.nulLine !== 0) this.nulHole();
  }

  /** A run of NUL bytes in `raw`, or the first line with more of the log after one. */
  private checkNul(raw: string, lineNo: number): void {
    if (this.facts.nulHoleLine !== undefined) return;
    const run = raw.includes('\0') && NUL_RUN.test(raw);
    if (run && this.nulLine === 0) this.nulLine = lineNo;
    if (this.nulLine === 0) return;
    const after = run ? raw.slice(raw.lastIndexOf('\0') + 1) : raw.replaceAll('\0', '');
    if (after.trim() !== '') this.nulHole();
  }

  private nulHole(): void {
    const line = this.nulLine;
    this.facts.nulHoleLine = line;
    this.nulLine = 0;
    this.options.diagnostics.add('nul-hole', {
      severity: 'error', file: this.options.file, line,
      message: `line ${line}: a run of NUL bytes with more of the log after it: the file lost what was written there (a logger whose file system lost data in a crash or power cut), so records may be missing`,
    });
  }

  /** Once a line carries a time, one without is a program's: so were the untimed ones before it. */
  private sawTimedLine(): void {
    if (this.timed) return;
    this.timed = true;
    this.crashes.dropProvisional();
    if (this.releaseUntimed) {
      // A test script's `cat /proc/version` before the kernel's first line.
      this.releaseUntimed = false;
      this.releaseFromBanner = false;
      this.facts.kernelRelease = undefined;
      this.options.onKernelRelease?.(undefined);
    }
  }

  /**
   * `fromKernel`: false for what user space wrote, which only a journal's boot separator is
   * read from. `untimed`: the line carries no time (the kernel's only while no line of the log does).
   */
  private kernelLine(text: string, shown: string, lineNo: number, fromKernel: boolean, untimed: boolean, fromUser: boolean): void {
    // The guest init writes its lines whole, from their start (a script's `+ echo modleak-init: ...` or a grep's copy does not).
    if (!this.options.records && shown.startsWith(RUNNER_PREFIX) && this.facts.runnerLines.length < MAX_RUNNER_LINES) this.facts.runnerLines.push(shown);
    // journald's own line (a program's: it says so); a log with kmsg sequence numbers measures its losses by their gaps.
    if (!fromKernel && !this.facts.sequenced && text.includes('kernel message')) {
      const missed = JOURNALD_MISSED.exec(text);
      if (missed) this.facts.droppedMessages += statedCount(missed[1]!);
    }
    if (!fromKernel) {
      // The kernel prints its console's losses without a time (6.1's call_console_driver,
      // console_prepend_dropped since 6.2): in a timed log, the one untimed line that is its.
      if (!fromUser && untimed && text.startsWith('** ')) {
        const dropped = DROPPED_LINE.exec(text);
        if (dropped) this.facts.droppedMessages += statedCount(dropped[1]!);
      }
      this.crashes.otherLine(text);
      if (this.facts.records > 0 && text.startsWith('-- ') && JOURNAL_BOOT.test(text)) this.noteRestart(lineNo, 'journal');
      const title = this.facts.userCrashTitles.length < MAX_USER_CRASH_TITLES ? crashTitle(text) : undefined;
      if (title !== undefined) this.facts.userCrashTitles.push(title);
      return;
    }
    this.crashes.line(text, stripAnsi(shown), lineNo, untimed);
    if (text.includes('messages dropped')) {
      const dropped = DROPPED.exec(text);
      if (dropped) this.facts.droppedMessages += statedCount(dropped[1]!);
    }
    if (text.includes('Linux version ')) {
      const v = LINUX_VERSION.exec(text);
      const banner = v !== null && isBootBanner(text, shown);
      // Without sequence numbers (a console, journalctl) the banner after records starts another boot.
      if (banner && this.facts.records > 0 && !this.facts.sequenced) this.noteRestart(lineNo, 'banner');
      // Only the banner names the kernel: a test script echoing /proc/version later, or a driver naming a version, does not.
      // Its words behind a prefix not stripped do until the banner itself comes (a bootloader line may say them first).
      if (v && (banner ? !this.releaseFromBanner : this.facts.kernelRelease === undefined && isBannerText(text, shown))) {
        this.releaseFromBanner = banner;
        this.releaseUntimed = untimed;
        this.facts.kernelRelease = v[1]!;
        this.options.onKernelRelease?.(v[1]!);
      }
    } else if (this.facts.records > 0 && text.startsWith('-- ') && JOURNAL_BOOT.test(text)) {
      this.noteRestart(lineNo, 'journal');
    }
  }

  /** The earliest restart is the one the report names (what the times show is only known at the end, see end()). */
  private noteRestart(lineNo: number, by: NonNullable<LogFacts['restartBy']>): void {
    if (this.facts.restartLine !== undefined && this.facts.restartLine <= lineNo) return;
    this.facts.restartLine = lineNo;
    this.facts.restartBy = by;
  }
}
