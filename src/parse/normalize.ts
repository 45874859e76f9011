// Strips what log transports put in front of a kernel message: ANSI escapes, CR,
// the /dev/kmsg header `prio,seq,usec,flags;`, a syslog `<7>` level, dmesg's timestamps
// (`[   12.345678]`, and `-T`'s and `--time-format iso`'s clock times), `dmesg -x`'s
// `kern  :info  : `, `[    T1]` caller ids, and a syslog or journalctl "host kernel: " prefix;
// reads the message of `journalctl -o json` and `dmesg -J` entries, and a /dev/kmsg header
// behind a prefix it does not know (a CI log's time).

export interface LogLine {
  /** The kernel message with transport prefixes removed. */
  text: string;
  /** /dev/kmsg sequence number, when the line is a raw kmsg record. */
  seq?: number | undefined;
  /** Its prefix says a facility other than the kernel's (a kmsg or `<N>` priority of 8 or more, `dmesg -x`'s `user  :`): written from user space. */
  fromUser: boolean;
  /** Its prefix carries a time (kmsg, `[   12.3]`, a clock time, syslog): a console line without one, among lines with one, is a program's output. */
  timed: boolean;
  /**
   * A syslog or journal line's host. On a program's line (fromUser) it is only a guess
   * until the log shows the same host's `kernel:` lines: `<ISO time> invalid opcode: 0000`
   * (a CI log's or `docker logs -t`'s time before a kernel message) reads the same way.
   */
  syslogHost?: string | undefined;
  /** The time in its prefix, in seconds, read on the clock `timeKind` says. */
  seconds?: number | undefined;
  timeKind?: TimeKind | undefined;
}

/**
 * The clock of a line's time: since boot (`[   12.345678]`, to the microsecond), the local
 * wall clock `dmesg -T` shows (seconds since 1970 as if local were UTC), or `dmesg
 * --time-format iso`'s (seconds since 1970 UTC; read to the second, as what counts is a
 * time more than a second back). Within one capture of one boot, a later line never has
 * an earlier time of the same kind.
 */
export type TimeKind = 'boot' | 'dmesg-T' | 'iso';

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[@-Z\\-_]/g;
const KMSG_CONTINUATION = /^ [A-Z0-9_]+=/;
// A console prefix: a syslog level, a timestamp, a caller id, each optional.
const LEVEL = String.raw`<\d{1,3}>`;
const TIMESTAMP = String.raw`\[\s*\d+\.\d+\]`;
const CALLER_ID = String.raw`\[\s*[TC]\d+\]`;
/** `dmesg -T` (`[Wed Nov 26 04:00:00 2026]`) and `dmesg --time-format iso` (`2026-11-26T04:00:00,123456+00:00`). */
const CLOCK_TIME = String.raw`\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}\]|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[,.]\d+[+-]\d\d:?\d\d`;
// Groups: 1 the `dmesg -x` facility, 2 the `<N>` priority, 3 the time.
const CONSOLE_PREFIX = new RegExp(String.raw`^(?:([a-z]+[0-7]?)\s*:\s*(?:emerg|alert|crit|err|warn|notice|info|debug)\s*: )?(?:<(\d{1,3})>)?(?:(${TIMESTAMP}|${CLOCK_TIME})\s?)?(?:${CALLER_ID}\s?)?`);
/** The same prefix glued to the end of a line: the start of the next message, after a lost newline. */
const GLUED_CONSOLE_PREFIX = new RegExp(String.raw`\s*(?:${LEVEL})?(?:${TIMESTAMP}\s*)?(?:${CALLER_ID}\s*)?$`);
/**
 * syslog and journalctl (`-o short`, `short-precise`, `short-iso`, `short-iso-precise`, `short-monotonic`): "<time> host kernel: ".
 * Their fractions of a second follow a dot; `dmesg --time-format iso`'s a comma, and its message follows the time directly.
 */
const SYSLOG_DATE = String.raw`(?:[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d(?:\.\d+)?|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)`;
const SYSLOG_PREFIX = new RegExp(String.raw`^(?:${SYSLOG_DATE}|\[\s*\d+\.\d+\]) (\S+) kernel: `);
/** The same with a program's name (`Nov 26 04:51:04 host myapp[77]: `): user space. */
const SYSLOG_PROGRAM = new RegExp(String.raw`^${SYSLOG_DATE} (\S+) [\w.@/-]+(?:\[\d+\])?: `);
/**
 * A /dev/kmsg header behind a prefix: a CI log's time before `cat /dev/kmsg` output,
 * extended netconsole's release (`6.1.0-56-cloud-amd64,7,2,1234,-;`).
 */
const KMSG_BEHIND_PREFIX = /^(?:\S{1,64}|\[[^\]]{1,40}\])[\s,](\d{1,3}),(\d+),\d+,[-+c](?:,[^;]*)?;/;

export function stripAnsi(line: string): string {
  return line.includes('\x1b') ? line.replace(ANSI, '') : line;
}

/** `text` without a console prefix (and whitespace) at its end. */
export function stripGluedConsolePrefix(text: string): string {
  return text.replace(GLUED_CONSOLE_PREFIX, '');
}

/** Returns undefined for a kmsg dictionary continuation line (` SUBSYSTEM=...`). */
export function normalizeLine(raw: string): LogLine | undefined {
  const line = stripAnsi(raw);
  const kmsg = parseKmsgHeader(line);
  if (kmsg) return kmsg;
  const first = line.charCodeAt(0);
  if (first === 123 /* { */ || ((first === 32 || first === 9) && (line.includes('"msg": ') || line.includes('"MESSAGE" : ')))) {
    const json = jsonMessage(line);
    if (json) return json;
  }
  if (first === 32 && KMSG_CONTINUATION.test(line)) return undefined;
  // A /dev/kmsg header behind a prefix modleak does not know (not a console's `[` or `<`).
  if (first !== 91 /* [ */ && first !== 60 /* < */ && line.includes(';')) {
    const behind = KMSG_BEHIND_PREFIX.exec(line);
    if (behind) return { text: line.slice(behind[0].length), seq: Number(behind[2]), fromUser: Number(behind[1]) >= 8, timed: true };
  }
  let text = line;
  const syslog = SYSLOG_PREFIX.exec(text);
  if (syslog) {
    text = text.slice(syslog[0].length);
  } else {
    const program = SYSLOG_PROGRAM.exec(text);
    if (program) return { text, fromUser: true, timed: true, syslogHost: program[1]! };
  }
  const prefix = CONSOLE_PREFIX.exec(text);
  // One shape for every line (the fields that do not apply undefined): this runs once per line.
  const syslogHost = syslog?.[1];
  const boot = sinceBoot(prefix?.[3] ?? syslog?.[0]);
  // Not a syslog or journal date: the logger's clock, which may be set back (NTP) while the kernel's times go on.
  const time = boot === undefined ? prefix?.[3] : undefined;
  const dmesgT = time?.charCodeAt(0) === 91; /* [ */
  const clock = time === undefined ? undefined : dmesgT ? dmesgTTime(time) : isoTime(time);
  const seconds = boot ?? clock;
  const timeKind: TimeKind | undefined = boot !== undefined ? 'boot' : clock === undefined ? undefined : dmesgT ? 'dmesg-T' : 'iso';
  if (!prefix || prefix[0].length === 0) return { text, seq: undefined, fromUser: false, timed: syslog !== null, syslogHost, seconds, timeKind };
  // `dmesg -x` (`kern  :`, `user  :` and the other syslog facilities) and `<N>` (facility = N >> 3) say who wrote it.
  const fromUser = (prefix[1] !== undefined && prefix[1] !== 'kern') || (prefix[2] !== undefined && Number(prefix[2]) >= 8);
  return { text: text.slice(prefix[0].length), seq: undefined, fromUser, timed: syslog !== null || prefix[3] !== undefined, syslogHost, seconds, timeKind };
}

/** The seconds of a prefix that starts with a `[   12.345678]` time, else undefined (read by hand: this runs for every console line). */
function sinceBoot(prefix: string | undefined): number | undefined {
  if (prefix === undefined || prefix.charCodeAt(0) !== 91 /* [ */) return undefined;
  let i = 1;
  while (prefix.charCodeAt(i) === 32) i++;
  let whole = 0;
  let digits = 0;
  for (let c = prefix.charCodeAt(i) - 48; c >= 0 && c <= 9; c = prefix.charCodeAt(++i) - 48) {
    whole = whole * 10 + c;
    digits++;
  }
  if (digits === 0 || prefix.charCodeAt(i) !== 46 /* . */) return undefined;
  let fraction = 0;
  let scale = 1;
  for (let c = prefix.charCodeAt(++i) - 48; c >= 0 && c <= 9; c = prefix.charCodeAt(++i) - 48) {
    fraction = fraction * 10 + c;
    scale *= 10;
  }
  return whole + fraction / scale;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DMESG_T = /^\[[A-Z][a-z]{2} ([A-Z][a-z]{2}) ([ \d]\d) (\d\d):(\d\d):(\d\d) (\d{4})\]$/;
/** `--time-format iso` to the second, then its zone (the fraction between them is not read). */
const ISO_SECOND = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)([+-])(\d\d):?(\d\d)$/;

/**
 * The last clock time read to the second, and its seconds: the lines of one second share
 * them (a date is read with a regular expression and checked, too dear for every line).
 */
let lastDmesgT = { time: '', seconds: undefined as number | undefined };
let lastIsoSecond = { head: '', zone: '', seconds: undefined as number | undefined };

/** The seconds of a `dmesg -T` time (`[Wed Nov 26 04:00:00 2026]`; see TimeKind), or undefined for a date that does not exist. */
function dmesgTTime(time: string): number | undefined {
  if (time !== lastDmesgT.time) {
    const t = DMESG_T.exec(time);
    lastDmesgT = { time, seconds: t ? utcSeconds(t[6]!, MONTHS.indexOf(t[1]!) + 1, t[2]!, t[3]!, t[4]!, t[5]!) : undefined };
  }
  return lastDmesgT.seconds;
}

/** The seconds of a `dmesg --time-format iso` time (`2026-11-26T04:00:00,123456+00:00`; see TimeKind), or undefined for a date or zone that does not exist. */
function isoTime(time: string): number | undefined {
  // The prefix's pattern says what is where: 19 characters to the second, `,` or `.`, digits
  // (6 from dmesg), the zone.
  const at26 = time.charCodeAt(26);
  const zone = time.slice(at26 === 43 /* + */ || at26 === 45 /* - */ ? 26 : Math.max(time.lastIndexOf('+'), time.lastIndexOf('-')));
  const head = time.slice(0, 19);
  const last = lastIsoSecond;
  if (head !== last.head || zone !== last.zone) {
    const t = ISO_SECOND.exec(head + zone);
    const local = t ? utcSeconds(t[1]!, Number(t[2]), t[3]!, t[4]!, t[5]!, t[6]!) : undefined;
    const zoneHours = t ? Number(t[8]) : 99;
    const zoneMinutes = t ? Number(t[9]) : 99;
    const offset = (zoneHours * 60 + zoneMinutes) * 60;
    lastIsoSecond = { head, zone, seconds: local === undefined || zoneHours > 14 || zoneMinutes > 59 ? undefined : local - (t![7] === '+' ? offset : -offset) };
  }
  return lastIsoSecond.seconds;
}

/** Date.UTC of a date and time that exist (month 1-12, from 1970 on), else undefined. */
function utcSeconds(year: string, month: number, day: string, hours: string, minutes: string, seconds: string): number | undefined {
  const y = Number(year);
  const d = Number(day);
  const h = Number(hours);
  const m = Number(minutes);
  const s = Number(seconds);
  if (y < 1970 || month < 1 || month > 12 || d < 1 || h > 23 || m > 59 || s > 59) return undefined;
  // Day 0 of the next month is the last of this one.
  if (d > new Date(Date.UTC(y, month, 0)).getUTCDate()) return undefined;
  return Date.UTC(y, month - 1, d, h, m, s) / 1000;
}

/** `dmesg -J`'s message line (its priority and time are lines of their own before it). */
const DMESG_JSON_MESSAGE = /^\s*"msg": ("(?:[^"\\]|\\.)*")$/;
/** journald's message when it could not keep up with the kernel's log. */
const JOURNALD_MISSED_TEXT = /^Missed \d+ kernel messages?$/;
/** `journalctl -o json-pretty`: an entry spans lines, its message on one of them. */
const JOURNAL_PRETTY_MESSAGE = /^\s+"MESSAGE" : ("(?:[^"\\]|\\.)*"),?$/;

/**
 * `journalctl -o json` (an object per line, the message in MESSAGE: a string, or an array
 * of bytes when it is not UTF-8) and `dmesg -J`: the message, or undefined for any other line.
 */
function jsonMessage(line: string): LogLine | undefined {
  try {
    const dmesg = DMESG_JSON_MESSAGE.exec(line);
    if (dmesg) return { text: JSON.parse(dmesg[1]!) as string, fromUser: false, timed: true };
    // Only the message line of these is read: the entry's other fields (who wrote it) are on other lines.
    const pretty = JOURNAL_PRETTY_MESSAGE.exec(line);
    if (pretty) {
      const text = JSON.parse(pretty[1]!) as string;
      // journald's own note of what it lost (the only program's message kept apart: it counts).
      return JOURNALD_MISSED_TEXT.test(text) ? { text: `systemd-journald: ${text}`, fromUser: true, timed: true } : { text, fromUser: false, timed: true };
    }
    if (!line.startsWith('{')) return undefined;
    const entry = JSON.parse(line) as Record<string, unknown>;
    const message = entry.MESSAGE;
    const text = typeof message === 'string' ? message
      : Array.isArray(message) && message.every((b) => typeof b === 'number') ? Buffer.from(message as number[]).toString('utf8') : undefined;
    if (text === undefined) return undefined;
    // What user space writes to /dev/kmsg comes by the kernel's transport, with its own facility (the kernel's is 0).
    const fromUser = (entry._TRANSPORT !== undefined && entry._TRANSPORT !== 'kernel') || (entry.SYSLOG_FACILITY !== undefined && String(entry.SYSLOG_FACILITY) !== '0');
    // A program's entry keeps its name, as a syslog line does (journald's own notes are told by it).
    const ident = fromUser && typeof entry.SYSLOG_IDENTIFIER === 'string' ? `${entry.SYSLOG_IDENTIFIER}${typeof entry._PID === 'string' ? `[${entry._PID}]` : ''}: ` : '';
    return { text: ident + text, fromUser, timed: true };
  } catch {
    return undefined;
  }
}

/** `prio,seq,usec,flags;message` parsed by hand: this runs once per line of a long log. */
function parseKmsgHeader(line: string): LogLine | undefined {
  const len = line.length;
  let i = 0;
  let field = 0;
  let prio = 0;
  let seq = 0;
  let digits = 0;
  while (i < len && field < 3) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (field === 0) prio = prio * 10 + (c - 48);
      else if (field === 1) seq = seq * 10 + (c - 48);
      digits++;
    } else if (c === 44 && digits > 0) {
      field++;
      digits = 0;
    } else {
      return undefined;
    }
    i++;
  }
  if (field < 3) return undefined;
  const semi = line.indexOf(';', i);
  if (semi < 0 || semi - i > 16) return undefined;
  // The priority holds the facility above its 3 level bits: 0 is the kernel's.
  return { text: line.slice(semi + 1), seq, fromUser: prio >= 8, timed: true };
}
