import { createHash } from 'node:crypto';
import { TOOL_VERSION } from '../version.js';
import { isDevmAlloc, REALLOC_APIS } from '../match/api-table.js';
import { RECENT_FREES, type LeakAggregate, type MatchResult, type RawBadFree } from '../match/matcher.js';
import { MAX_OTHER_MODULES_NAMED, type LogFacts } from '../parse/log-parser.js';
import { moduleKey } from '../parse/record.js';
import { partOf } from '../parse/untitled-report.js';
import type { DiagnosticLog } from './diagnostics.js';
import { crashPlace, REPORT_SCHEMA, type BadFree, type Crash, type LeakGroup, type Report, type RunStatus, type Site, type SuppressionUse } from './schema.js';
import { badFreeRules, leakRules, type SuppressionRule } from './suppressions.js';
import { osalWithoutHeaderMessage, withoutHeaderMessage, type HeaderlessModules } from './headerless.js';
import { noRecordsMessage } from './no-records.js';

// Turns the parser's facts and the matcher's result into contract 2: decides the
// status, fingerprints and words every finding, applies suppressions. Pure (hashing
// is a computation, not I/O).

export interface BuildInput {
  match: MatchResult;
  records: LogFacts;
  console?: LogFacts;
  requireEndMarker: boolean;
  suppressions: readonly SuppressionRule[];
  diagnostics: DiagnosticLog;
  /** Modules the caller asked for (--module). */
  requestedModules?: readonly string[];
  recordLogName: string;
  /** `modleak run` built the module with the header itself (so no records is not a missing header). */
  headerInjected?: boolean;
  /** The record log is `modleak run`'s own capture: its advice is what a run's user can change. */
  capturedByRun?: boolean;
  /** `modleak run`: modules built without the header in every file. */
  headerless?: HeaderlessModules;
  /** The allocator pairs the records were matched with (named when a module is taken for an OSAL). */
  pairs?: ReadonlyArray<{ alloc: string; free: string }>;
}

export function emptyReport(status: RunStatus, statusReason: string): Report {
  return {
    schema: REPORT_SCHEMA,
    tool: { name: 'modleak', version: TOOL_VERSION },
    status,
    statusReason,
    kernel: {},
    modules: [],
    summary: {
      allocations: 0, frees: 0, failedAllocations: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEndObjects: 0, liveAtEndBytes: 0,
      badFrees: 0, suppressedLeakedObjects: 0, suppressedBadFrees: 0, peakLiveBytes: 0, lostRecords: 0,
    },
    leaks: [],
    badFrees: [],
    crashes: [],
    suppressions: [],
    diagnostics: [],
  };
}

export function fingerprint(...parts: string[]): string {
  return createHash('sha1').update(parts.join('\0')).digest('hex').slice(0, 16);
}

export function where(site: Site): string {
  return `${site.file}:${site.line} in ${site.function}()`;
}

export function buildReport(input: BuildInput): Report {
  const { match, records, diagnostics } = input;
  const crashes = mergeCrashes(records.crashes, input.console?.crashes ?? [], records.userCrashTitles);
  const consoleDrops = input.console?.droppedMessages ?? 0;
  if (consoleDrops > 0 && records.sequenced) {
    diagnostics.add('console-drops', {
      severity: 'warning', file: 'console',
      message: `the console log says ${consoleDrops} printk message(s) were dropped on the console; the record log carries kmsg sequence numbers, so its own losses are counted from their gaps instead`,
    });
  }
  const lostRecords = Math.min(records.lostRecords + records.droppedMessages + (records.sequenced ? 0 : consoleDrops), Number.MAX_SAFE_INTEGER);
  const decided = decideStatus(input, crashes, lostRecords);
  const { status } = decided;
  // A crash decides the status; a log that also lost records on the way (unreadable ones, a
  // hole, a second capture) may have lost a free too, so what it left allocated is not a sure leak.
  const unsure = status === 'crashed' && (records.malformedRecords > 0 || records.unknownGrammarRecords > 0
    || records.nulHoleLine !== undefined || records.restartLine !== undefined);
  const statusReason = unsure
    ? `${decided.statusReason}; besides, ${decideStatus(input, [], lostRecords).statusReason} (so objects still allocated are listed as live at end, not as leaks)`
    : decided.statusReason;
  const unchecked = input.headerless?.unchecked ?? [];
  // Said even when the run failed some other way (or a later step gives it another status).
  if (unchecked.length > 0) diagnostics.add('headerless', { severity: 'error', message: withoutHeaderMessage(unchecked) });
  const osal = input.headerless?.osal ?? [];
  if (osal.length > 0) diagnostics.add('headerless-osal', { severity: 'warning', message: osalWithoutHeaderMessage(osal, input.pairs ?? []) });

  const uses = new Map<SuppressionRule, SuppressionUse>();
  /** Rules that matched what an unfinished run left allocated, which they do not hide. */
  const liveOnly = new Set<SuppressionRule>();
  /** Rules that matched only findings an earlier rule had hidden, with that rule. */
  const shadowedBy = new Map<SuppressionRule, SuppressionRule>();
  /** The first of `matching` hides the finding: its use, or undefined when none matched. */
  const use = (matching: readonly SuppressionRule[]): SuppressionUse | undefined => {
    const [rule, ...later] = matching;
    if (rule === undefined) return undefined;
    for (const r of later) if (!shadowedBy.has(r)) shadowedBy.set(r, rule);
    let u = uses.get(rule);
    if (!u) {
      u = { rule: rule.text, file: rule.file, line: rule.line, leakGroups: 0, leakedObjects: 0, leakedBytes: 0, badFrees: 0 };
      uses.set(rule, u);
    }
    return u;
  };

  // ok: everything still allocated is a leak. incomplete: nothing can be called a leak
  // for sure. crashed: modules that reached END before the crash keep their leaks, unless
  // the log lost records some other way too.
  const relabel = (g: LeakAggregate): LeakAggregate =>
    status === 'ok' && g.kind === 'live-at-end' ? { ...g, kind: 'leak' } : (status === 'incomplete' || unsure) && g.kind === 'leak' ? { ...g, kind: 'live-at-end' } : g;
  const leaks = mergeGroups(match.leaks.map(relabel))
    .map((g) => leakGroup(g, input.suppressions, use, (matching) => { for (const r of matching) liveOnly.add(r); }));
  leaks.sort((a, b) => b.bytes - a.bytes || b.objects - a.objects || a.site.file.localeCompare(b.site.file) || a.site.line - b.site.line || a.site.function.localeCompare(b.site.function));
  const badFrees = match.badFrees.map((b) => badFree(b, input.suppressions, use, status === 'ok'));

  for (const rule of input.suppressions) {
    if (uses.has(rule)) continue;
    const earlier = shadowedBy.get(rule);
    const what = earlier !== undefined
      ? `hid nothing: what it matches is already hidden by the earlier rule '${earlier.text}' (${earlier.file}:${earlier.line})`
      : liveOnly.has(rule)
        ? 'matched only objects this unfinished run left allocated (live at end), which leak: rules do not hide; it hides them as leaks once a run finishes'
        : 'matched nothing';
    diagnostics.add('unused-suppression', { severity: 'info', file: rule.file, line: rule.line, message: `${rule.file}:${rule.line}: suppression '${rule.text}' ${what}` });
  }
  for (const wanted of input.requestedModules ?? []) {
    if (!hasModule(match.modules, wanted)) {
      const others = records.otherModules.length > 0 ? `; it holds records of ${otherModulesText(records.otherModules)}` : '';
      diagnostics.add('module-missing', { severity: 'warning', file: input.recordLogName, message: `no records or markers of module ${wanted} were found in the log (asked for with --module, the Action's modules)${others}` });
    }
  }
  if (input.records.droppedCrashes > 0) {
    diagnostics.add('crashes-dropped', { severity: 'warning', file: input.recordLogName, message: `${input.records.droppedCrashes} further crash report(s) were not kept` });
  }
  if (match.droppedBadFrees > 0) {
    diagnostics.add('bad-frees-dropped', { severity: 'warning', file: input.recordLogName, message: `${match.droppedBadFrees} further bad free(s) were counted but not listed` });
  }
  const unread = records.malformedRecords + records.unknownGrammarRecords;
  // Records of other modules only: the module-missing warning above says what the log holds instead.
  if (unread === 0 && records.otherModuleRecords === 0 && match.allocations === 0 && match.frees === 0 && match.failedAllocations === 0 && match.badFrees.length === 0 && match.leaks.length === 0) {
    diagnostics.add('no-records', {
      severity: 'warning', file: input.recordLogName,
      message: noRecordsMessage(match.modules, input.headerInjected ?? false),
    });
  }

  const shown = leaks.filter((l) => !l.suppressed);
  const leaked = shown.filter((l) => l.kind === 'leak');
  const liveAtEnd = shown.filter((l) => l.kind === 'live-at-end');
  const hiddenLeaks = leaks.filter((l) => l.suppressed && l.kind === 'leak');
  const shownBad = badFrees.filter((b) => !b.suppressed);
  const report = emptyReport(status, statusReason);
  const release = records.kernelRelease ?? input.console?.kernelRelease;
  return {
    ...report,
    kernel: release === undefined ? {} : { release },
    modules: match.modules,
    summary: {
      allocations: match.allocations,
      frees: match.frees,
      failedAllocations: match.failedAllocations,
      leakedObjects: sum(leaked, (l) => l.objects),
      leakedBytes: sum(leaked, (l) => l.bytes),
      leakSites: leaked.length,
      liveAtEndObjects: sum(liveAtEnd, (l) => l.objects),
      liveAtEndBytes: sum(liveAtEnd, (l) => l.bytes),
      badFrees: shownBad.length + match.droppedBadFrees,
      suppressedLeakedObjects: sum(hiddenLeaks, (l) => l.objects),
      suppressedBadFrees: badFrees.length - shownBad.length,
      peakLiveBytes: match.peakLiveBytes,
      ...(match.peakAt ? { peakAt: match.peakAt } : {}),
      lostRecords,
    },
    leaks,
    badFrees,
    crashes,
    suppressions: input.suppressions.flatMap((rule) => uses.get(rule) ?? []),
    diagnostics: diagnostics.list(),
  };
}

/** "module a" or "modules a, b", as far as the parser kept their names. */
function otherModulesText(modules: readonly string[]): string {
  if (modules.length === 1) return `module ${modules[0]}`;
  return `modules ${modules.join(', ')}${modules.length >= MAX_OTHER_MODULES_NAMED ? ' and maybe more' : ''}`;
}

/** How a second boot in one log showed itself. */
const RESTART_WORDS: Record<NonNullable<LogFacts['restartBy']>, (line: number) => string> = {
  sequence: (line) => `the kmsg sequence starts again at 0 at line ${line} (the kernel's "Linux version" record): the log holds a second boot, or a reader read the kernel's buffer again from its start`,
  banner: (line) => `the kernel's "Linux version" banner appears again at line ${line}, after records were read: the log holds a second boot (a reboot or power cycle)`,
  journal: (line) => `journalctl's boot separator ("-- Boot <id> --" or "-- Reboot --") at line ${line} starts another boot's messages, after records were read: the log holds two boots`,
  time: (line) => `the console times go back by more than a second at line ${line}, after records were read: the log holds two captures of the kernel's messages (one appended to the other) or two boots`,
  clock: (line) => `the clock times (dmesg -T or --time-format iso) go back by more than a second at line ${line}, after records were read: the log holds two captures of the kernel's messages (one appended to the other)`,
  repeat: (line) => `lines ${line} and on repeat the log's first timed lines word for word, after records were read: the log holds the same capture twice (one appended to the other)`,
};

function decideStatus(input: BuildInput, crashes: Crash[], lostRecords: number): { status: RunStatus; statusReason: string } {
  const { match, records } = input;
  if (crashes.length > 0) {
    const first = crashes[0]!;
    const open = match.openModules.length > 0 || match.unmarkedModules.length > 0
      ? `; objects of module ${[...match.openModules, ...match.unmarkedModules].join(', ')}, which had not reached its END marker, are listed as live at end, not as a clean result` : '';
    const lost = lostRecords > 0
      ? `; ${lostRecords} kernel log record(s) were lost too, so objects still allocated at an END after the loss are listed as live at end, not as leaks` : '';
    return {
      status: 'crashed',
      statusReason: `the kernel reported ${crashes.length} crash report(s), the first at ${crashPlace(first)}: "${first.title}"${open}${lost}`,
    };
  }
  if (records.truncatedTail) {
    return { status: 'incomplete', statusReason: `the record log ends in the middle of a record (line ${records.lines}): its tail was cut off, so frees after it may be missing; rerun and make sure the log is drained before the guest stops` };
  }
  if (records.lines === 0) {
    // Never a clean pass: an empty capture says nothing about the module.
    return { status: 'incomplete', statusReason: `the record log '${input.recordLogName}' is empty (0 bytes): nothing was captured, so nothing can be said about leaks; check that this is the log the run wrote` };
  }
  if (records.restartLine !== undefined) {
    const by = records.restartBy ?? 'sequence';
    const what = by === 'time' || by === 'clock' || by === 'repeat' ? 'each capture' : "each boot's log";
    return {
      status: 'incomplete',
      statusReason: `${RESTART_WORDS[by](records.restartLine)}, and records of the two cannot be told apart; analyse ${what} on its own (cut the log before line ${records.restartLine})`,
    };
  }
  if (records.nulHoleLine !== undefined) {
    return {
      status: 'incomplete',
      statusReason: `line ${records.nulHoleLine} of the record log holds a run of NUL bytes with more of the log after it: the file lost what was written there (a logger whose file system lost data in a crash or power cut), so records may be missing and leaks and bad frees may be wrong; capture the log again`,
    };
  }
  if (lostRecords > 0) {
    return {
      status: 'incomplete',
      statusReason: `${lostRecords} kernel log record(s) were lost (gaps in the kmsg sequence, "printk messages dropped", or journald's "Missed N kernel messages"), so leaks and bad frees may be wrong; ${input.capturedByRun ? "the module logged faster than modleak's reader drained the guest's log buffer: log fewer records per second (a test script that does less, or pauses)" : 'rerun with a larger log buffer (log_buf_len=) or a faster reader'}`,
    };
  }
  if (records.unknownGrammarRecords > 0) {
    return { status: 'incomplete', statusReason: `${records.unknownGrammarRecords} record(s) use a record grammar this modleak does not understand and were not analysed; upgrade modleak` };
  }
  if (records.malformedRecords > 0) {
    const first = records.firstMalformedLine === undefined ? '' : `, the first at line ${records.firstMalformedLine}`;
    return {
      status: 'incomplete',
      statusReason: `${records.malformedRecords} record(s) could not be read (malformed, cut by the line cap of an overlong line, or wrapped by a terminal${first}; see the diagnostics), so an allocation or free may be missing and leaks and bad frees may be wrong; fix what garbles the log (a console that interleaves lines or loses newlines: stream /dev/kmsg instead)`,
    };
  }
  if (match.modules.length === 0) {
    // Even with --no-require-end: a log that says nothing about the module is not a clean pass.
    const which = input.requestedModules?.length ? ` of module ${input.requestedModules.join(', ')}` : '';
    const advice = records.otherModules.length > 0
      ? `it holds ${records.otherModuleRecords} record(s) of ${otherModulesText(records.otherModules)}: check the name given to --module or the Action's modules (as in lsmod, with _ for -)`
      : 'check that the module was built with the modleak header (KCFLAGS="-include header/modleak.h") and that this is the log of its run';
    return {
      status: 'incomplete',
      statusReason: `the record log holds no modleak1 record${which}, so nothing can be said about leaks; ${advice}`,
    };
  }
  const missing = (input.requestedModules ?? []).filter((m) => !hasModule(match.modules, m));
  if (missing.length > 0) {
    return {
      status: 'incomplete',
      statusReason: `the record log holds no modleak1 record of module ${missing.join(', ')}, asked for with --module (the Action's modules), so nothing can be said about its leaks; check the module's name (as in lsmod, with _ for -)${records.otherModules.length > 0 ? ` (the log also holds ${otherModulesText(records.otherModules)})` : ''} and that this is the log of its run`,
    };
  }
  if (match.headlessModules.length > 0) {
    const { module, endLine } = match.headlessModules[0]!;
    const others = match.headlessModules.length > 1 ? ` (and ${match.headlessModules.slice(1).map((h) => h.module).join(', ')})` : '';
    return {
      status: 'incomplete',
      statusReason: `module ${module}'s END at line ${endLine} has no BEGIN before it${others}: the log starts after the module was loaded (the kernel's log buffer wrapped, or the capture started late), so its earlier allocations are unknown: their leaks are missing and their frees read as invalid frees; ${input.capturedByRun ? "the module logged more than the guest's log buffer holds before modleak's reader started: log fewer records at load" : 'capture the whole run (a larger log_buf_len=, or stream /dev/kmsg from before the module is loaded)'}`,
    };
  }
  // Even with --no-require-end, which is for modules with no markers at all: a BEGIN with no END after it shows the log was cut.
  if (match.openModules.length > 0) {
    return {
      status: 'incomplete',
      statusReason: `no END marker after the last BEGIN of module ${match.openModules.join(', ')}: the run did not finish (the guest stopped or the log was cut before the module was unloaded), so still-allocated objects are listed as live at end`,
    };
  }
  const unchecked = input.headerless?.unchecked ?? [];
  if (unchecked.length > 0) return { status: 'incomplete', statusReason: withoutHeaderMessage(unchecked) };
  if (input.requireEndMarker) {
    if (match.endedModules.length > 0 && match.unmarkedModules.length > 0) {
      return {
        status: 'incomplete',
        statusReason: `module ${match.unmarkedModules.join(', ')} logged records but no BEGIN or END marker (END markers were seen for ${match.endedModules.join(', ')}), so its run cannot be shown to have finished; check that the file with its module_init() and module_exit() is built with the modleak header too`,
      };
    }
    if (match.endedModules.length === 0) {
      return {
        status: 'incomplete',
        statusReason: 'the log has no modleak1 END marker, so the run cannot be shown to have finished; for a log from a machine without the modleak runner, pass --no-require-end (the Action\'s require-end: false) to count objects live at the end of the log as leaks',
      };
    }
    return { status: 'ok', statusReason: `the run finished: END markers seen for ${match.endedModules.join(', ')}, no records lost` };
  }
  return { status: 'ok', statusReason: 'analysed to the end of the log (no END marker required): objects still allocated there are counted as leaks' };
}

/**
 * The record log's crash reports, and the console's not among them (by title, each once).
 * A record log that starts inside a report the console has whole: the console's report.
 * `userTitles`: lines the record log shows user space wrote, whose console copies are not crashes.
 */
function mergeCrashes(fromRecords: Crash[], fromConsole: Crash[], userTitles: readonly string[]): Crash[] {
  const seen = new Map<string, number>();
  for (const title of [...fromRecords.map((c) => c.title), ...userTitles]) seen.set(title, (seen.get(title) ?? 0) + 1);
  const extra = fromConsole.filter((c) => {
    const n = seen.get(c.title) ?? 0;
    if (n > 0) {
      seen.set(c.title, n - 1);
      return false;
    }
    return true;
  });
  // Each of the console's own reports stands for at most one of the record log's without a title.
  const free = [...extra];
  const records = fromRecords.filter((r) => {
    const whole = free.findIndex((c) => partOf(r, c));
    if (whole < 0) return true;
    free.splice(whole, 1);
    return false;
  });
  return [...records, ...extra.map((c): Crash => ({ ...c, log: 'console' }))];
}

function mergeGroups(groups: LeakAggregate[]): LeakAggregate[] {
  const byKey = new Map<string, LeakAggregate>();
  for (const g of groups) {
    const key = `${g.kind}\0${g.module}\0${g.api}\0${g.site.file}\0${g.site.line}\0${g.site.function}`;
    const prev = byKey.get(key);
    if (!prev) {
      byKey.set(key, { ...g, samples: [...g.samples] });
      continue;
    }
    prev.objects += g.objects;
    prev.bytes += g.bytes;
    prev.samples = [...prev.samples, ...g.samples].slice(0, 5);
  }
  return [...byKey.values()];
}

type Use = (matching: readonly SuppressionRule[]) => SuppressionUse | undefined;

function leakGroup(g: LeakAggregate, rules: readonly SuppressionRule[], use: Use, matchedLive: (matching: readonly SuppressionRule[]) => void): LeakGroup {
  const fp = fingerprint('leak', g.module, g.api, g.site.file, g.site.function);
  let matching = leakRules(rules, g.site, fp);
  if (g.kind === 'live-at-end') {
    // What an unfinished run left allocated is its state, not a finding: never hidden, so it is always counted.
    matchedLive(matching);
    matching = [];
  }
  const rule = matching[0];
  const u = use(matching);
  if (u) {
    u.leakGroups++;
    u.leakedObjects += g.objects;
    u.leakedBytes += g.bytes;
  }
  const amount = `${g.bytes} byte(s) in ${g.objects} object(s) allocated from ${where(g.site)} via ${g.api}`;
  return {
    kind: g.kind,
    module: g.module,
    site: g.site,
    api: g.api,
    objects: g.objects,
    bytes: g.bytes,
    fingerprint: fp,
    suppressed: rule !== undefined,
    ...(rule ? { suppressedBy: rule.text } : {}),
    message: g.kind === 'leak' ? `Direct leak of ${amount}` : `Live at end (run did not finish): ${amount}`,
    samples: g.samples,
  };
}

/** `finished`: an ok run, whose objects left allocated at an END are its leaks. */
function badFree(b: RawBadFree, rules: readonly SuppressionRule[], use: Use, finished: boolean): BadFree {
  // One fingerprint for every kind: a double free whose first free is older than the
  // remembered frees shows as an invalid free, and must stay the same finding.
  const fp = fingerprint('bad-free', b.module, b.api, b.site.file, b.site.function);
  const matching = badFreeRules(rules, b.kind, b.site, fp);
  const rule = matching[0];
  const u = use(matching);
  if (u) u.badFrees++;
  const { expected, allowedSince, ...fields } = b;
  return {
    ...fields,
    ...(b.kind === 'mismatched-free' ? { releasers: releasersOf(b, expected) } : {}),
    fingerprint: fp,
    suppressed: rule !== undefined,
    ...(rule ? { suppressedBy: rule.text } : {}),
    message: badFreeMessage(b, expected, finished),
  };
}

/** The APIs that may release a mismatched free's object (a realloc API only when the free was one). */
function releasersOf(b: RawBadFree, expected: readonly string[] | undefined): string[] {
  return (expected ?? []).filter((api) => !REALLOC_APIS.has(api) || REALLOC_APIS.has(b.api));
}

function badFreeMessage(b: RawBadFree, expected: readonly string[] | undefined, finished: boolean): string {
  const head = `of ${b.ptr} via ${b.api} at ${where(b.site)}`;
  const alloc = b.allocation;
  switch (b.kind) {
    case 'double-free': {
      const first = b.previousFree ? `; first freed via ${b.previousFree.api} at ${where(b.previousFree.site)} (log line ${b.previousFree.logLine})` : '';
      const from = alloc ? `; allocated via ${alloc.api} (${alloc.size} bytes) at ${where(alloc.site)}` : '';
      return `Double free ${head}${first}${from}`;
    }
    case 'mismatched-free': {
      const releasers = releasersOf(b, expected);
      const later = b.allowedSince;
      const frees = later?.frees ?? [];
      const unknownKernel = later === undefined ? '' : ` (Linux ${later.release} and later also allow ${frees.length > 1 ? `${frees.slice(0, -1).join(', ')} and ${frees.at(-1)}` : frees[0]}; this log does not say which kernel ran)`;
      return `Mismatched free ${head}: the object was allocated via ${alloc?.api ?? '?'} at ${alloc ? where(alloc.site) : '?'}, which must be released with ${releasers.join(' or ')}${unknownKernel}`;
    }
    case 'invalid-free':
      if (alloc && b.afterEnd !== undefined) {
        const object = `${alloc.size}-byte object allocated via ${alloc.api} at ${where(alloc.site)} (log line ${alloc.logLine})`;
        const subject = b.offset === undefined ? `the ${object}` : `the pointer is ${b.offset} byte(s) inside a ${object}, which`;
        const there = isDevmAlloc(alloc.api)
          ? ', where the driver core released it with its device (devm_* objects are freed when the device unbinds)'
          : ` and is ${finished ? 'reported as leaked there' : 'listed there with what the run left allocated'}`;
        return `Invalid free ${head}: ${subject} was still allocated at module ${b.afterEnd.module}'s END (log line ${b.afterEnd.logLine})${there}; a free after END means code ran after the module was unloaded (work or a callback not flushed at exit) or another module took the object over`;
      }
      if (alloc && b.offset !== undefined) {
        const freed = b.previousFree ? `, already freed via ${b.previousFree.api} at ${where(b.previousFree.site)} (log line ${b.previousFree.logLine})` : '';
        return `Invalid free ${head}: the pointer is ${b.offset} byte(s) inside a ${alloc.size}-byte object allocated via ${alloc.api} at ${where(alloc.site)} (log line ${alloc.logLine})${freed}`;
      }
      return `Invalid free ${head}: this address is not allocated (never allocated, its allocation not logged, or freed more than ${RECENT_FREES} frees earlier: then a double free too old to name its first free)`;
  }
}

function sum<T>(items: readonly T[], f: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += f(item);
  return total;
}

/** Whether `modules` (as the log names them) has `wanted`, spelt with - or _. */
function hasModule(modules: readonly string[], wanted: string): boolean {
  const key = moduleKey(wanted);
  return modules.some((m) => moduleKey(m) === key);
}
