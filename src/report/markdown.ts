import { crashPlace, type BadFree, type Crash, type LeakGroup, type Report, type Site } from './schema.js';
import { escapeMarkdown, escapePreformatted, safeLinkTarget } from './markdown-escape.js';
import { RECENT_FREES } from '../match/matcher.js';
import { isDevmAlloc } from '../match/api-table.js';

export interface MarkdownOptions {
  /** Link to a source line (the Action: the file at the PR head SHA); undefined = plain text. */
  sourceUrl?: (site: Site) => string | undefined;
  /** Longest body allowed, in characters; rows are dropped (and said so) to fit. Default: no limit. */
  maxLength?: number;
  /** Where the full report is when this one was cut, e.g. "the modleak-report artifact". */
  artifactHint?: string;
  /** Heading text (plain, escaped here). Default "modleak report". */
  title?: string;
}

/** How many rows of each list to show; halved until the body fits maxLength. */
interface Limits {
  leaks: number;
  badFrees: number;
  crashes: number;
  crashLines: number;
  diagnostics: number;
}

const FULL: Limits = { leaks: Infinity, badFrees: Infinity, crashes: Infinity, crashLines: Infinity, diagnostics: Infinity };

const STATUS_WORDS: Record<Report['status'], string> = {
  ok: 'finished',
  crashed: 'crashed',
  timeout: 'timed out',
  incomplete: 'was incomplete',
  'build-failed': 'failed to build the module',
  'load-failed': 'failed to load the module',
};

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const max = options.maxLength;
  let limits = FULL;
  let body = renderWith(report, options, limits, false);
  if (max === undefined || body.length <= max) return body;
  // Shrink every list until the body fits, then say what was left out.
  limits = startingLimits(report);
  for (let round = 0; round < 40; round++) {
    body = renderWith(report, options, limits, true);
    if (body.length <= max) return body;
    limits = halve(limits);
  }
  return hardCut(body, max, options);
}

function startingLimits(report: Report): Limits {
  return {
    leaks: report.leaks.length,
    badFrees: report.badFrees.length,
    crashes: report.crashes.length,
    crashLines: Math.max(0, ...report.crashes.map((c) => c.lines.length)),
    diagnostics: report.diagnostics.length,
  };
}

function halve(l: Limits): Limits {
  const h = (n: number) => Math.floor(n / 2);
  return { leaks: h(l.leaks), badFrees: h(l.badFrees), crashes: h(l.crashes), crashLines: h(l.crashLines), diagnostics: h(l.diagnostics) };
}

function renderWith(report: Report, options: MarkdownOptions, limits: Limits, cut: boolean): string {
  const parts: string[] = [];
  parts.push(`### ${escapeMarkdown(options.title ?? 'modleak report')}`);
  parts.push(verdictLine(report));
  parts.push(summaryTable(report));
  parts.push(...leakSections(report, options, limits.leaks));
  const badFrees = badFreeSection(report, options, limits.badFrees);
  if (badFrees) parts.push(badFrees);
  const suppressed = suppressionSection(report);
  if (suppressed) parts.push(suppressed);
  const crashes = crashSection(report.crashes, limits);
  if (crashes) parts.push(crashes);
  const run = runSection(report);
  if (run) parts.push(run);
  const diagnostics = diagnosticSection(report, limits.diagnostics);
  if (diagnostics) parts.push(diagnostics);
  if (cut) parts.push(cutNotice(options));
  parts.push(`<sub>modleak ${escapeMarkdown(report.tool.version)} · report schema ${escapeMarkdown(report.schema)}</sub>`);
  return parts.join('\n\n') + '\n';
}

function cutNotice(options: MarkdownOptions): string {
  const where = options.artifactHint ? escapeMarkdown(options.artifactHint) : 'report.json / report.md';
  return `> [!NOTE]\n> This report was shortened to fit; the full report is in ${where}.`;
}

function hardCut(body: string, max: number, options: MarkdownOptions): string {
  const notice = `\n\n${cutNotice(options)}\n`;
  const room = Math.max(0, max - notice.length);
  const head = body.slice(0, room);
  const lastBreak = head.lastIndexOf('\n\n');
  return (lastBreak > 0 ? head.slice(0, lastBreak) : head) + notice;
}

export function verdictLine(report: Report): string {
  const s = report.summary;
  const problems: string[] = [];
  if (s.leakedObjects > 0) problems.push(`${s.leakedObjects} leaked object(s), ${s.leakedBytes} byte(s) at ${s.leakSites} call site(s)`);
  if (s.badFrees > 0) problems.push(`${s.badFrees} bad free(s)`);
  if (s.liveAtEndObjects > 0) problems.push(`${s.liveAtEndObjects} object(s), ${s.liveAtEndBytes} byte(s) still live when the log ended`);
  if (report.status !== 'ok') {
    const found = problems.length ? ` Found before it stopped: ${problems.join('; ')}.` : '';
    return `:x: **The run ${STATUS_WORDS[report.status]}** (status \`${report.status}\`): ${escapeMarkdown(sentence(report.statusReason))}${found}`;
  }
  if (problems.length === 0) {
    return `:white_check_mark: **No leaks and no bad frees** in ${s.allocations} allocation(s) and ${s.frees} free(s).`;
  }
  return `:warning: **${problems.join('; ')}** found in ${s.allocations} allocation(s) and ${s.frees} free(s).`;
}

/** `text` ending as a sentence does, so that another can follow it. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function summaryTable(report: Report): string {
  const s = report.summary;
  const rows: [string, string][] = [
    ['Status', `\`${report.status}\``],
    ['Kernel', report.kernel.release ? escapeMarkdown(report.kernel.release) : 'unknown'],
    ['Modules', report.modules.length ? report.modules.map(escapeMarkdown).join(', ') : 'none seen'],
    ['Leaked objects', String(s.leakedObjects)],
    ['Leaked bytes', String(s.leakedBytes)],
    ['Leak sites', String(s.leakSites)],
    ...(s.liveAtEndObjects > 0 ? [['Live at end (run did not finish)', `${s.liveAtEndObjects} object(s), ${s.liveAtEndBytes} byte(s)`] as [string, string]] : []),
    ['Bad frees', String(s.badFrees)],
    ['Allocations / frees', `${s.allocations} / ${s.frees}`],
    ['Failed allocations', String(s.failedAllocations)],
    ['Peak live bytes', String(s.peakLiveBytes)],
    ['Lost records', String(s.lostRecords)],
  ];
  if (s.suppressedLeakedObjects > 0 || s.suppressedBadFrees > 0) {
    rows.push(['Suppressed', `${s.suppressedLeakedObjects} leaked object(s), ${s.suppressedBadFrees} bad free(s)`]);
  }
  return ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}

function siteText(site: Site, options: MarkdownOptions): string {
  const where = `${escapeMarkdown(site.file)}:${site.line}`;
  const raw = options.sourceUrl?.(site);
  const url = raw === undefined ? undefined : safeLinkTarget(raw);
  const located = url ? `[${where}](${url})` : where;
  return `${located} in ${code(site.function)}`;
}

/** Log-derived names shown as code: an HTML tag, so the escaped text keeps working in table cells. */
function code(text: string): string {
  return `<code>${escapeMarkdown(text)}</code>`;
}

/** The leak groups, then (a run that did not finish) the objects still live when the log ended. */
function leakSections(report: Report, options: MarkdownOptions, limit: number): string[] {
  const shown = report.leaks.filter((l) => !l.suppressed);
  const sections = [
    leakTable('#### Leaks by call site', shown.filter((l) => l.kind === 'leak'), options, limit),
    leakTable('#### Objects still live when the log ended (run did not finish)', shown.filter((l) => l.kind === 'live-at-end'), options, limit),
  ];
  return sections.filter((section): section is string => section !== undefined);
}

function leakTable(heading: string, groups: LeakGroup[], options: MarkdownOptions, limit: number): string | undefined {
  if (groups.length === 0) return undefined;
  const rows = groups.slice(0, limit).map((l) =>
    `| ${siteText(l.site, options)} | ${code(l.api)} | ${l.objects} | ${l.bytes} | ${escapeMarkdown(l.module)} |`);
  const lines = [heading, '', '| Allocated at | API | Objects | Bytes | Module |', '|---|---|--:|--:|---|', ...rows];
  if (groups.length > rows.length) lines.push('', `_…and ${groups.length - rows.length} more leak site(s), left out to fit._`);
  return lines.join('\n');
}

const BAD_FREE_WORDS: Record<BadFree['kind'], string> = {
  'double-free': 'Double free',
  'invalid-free': 'Invalid free',
  'mismatched-free': 'Mismatched free',
};

function badFreeSection(report: Report, options: MarkdownOptions, limit: number): string | undefined {
  const shown = report.badFrees.filter((b) => !b.suppressed);
  if (shown.length === 0) return undefined;
  const items = shown.slice(0, limit).map((b) => badFreeItem(b, options, report.status === 'ok'));
  const lines = ['#### Bad frees', '', ...items];
  if (shown.length > items.length) lines.push('', `_…and ${shown.length - items.length} more bad free(s), left out to fit._`);
  return lines.join('\n');
}

/** `finished`: an ok run, whose objects left allocated at an END are its leaks. */
function badFreeItem(b: BadFree, options: MarkdownOptions, finished: boolean): string {
  const lines = [`- **${BAD_FREE_WORDS[b.kind]}** of ${code(b.ptr)} by ${code(b.api)} at ${siteText(b.site, options)}`];
  if (b.allocation) {
    const offset = b.offset ? `; the freed pointer is ${b.offset} byte(s) into it` : '';
    lines.push(`  - allocated by ${code(b.allocation.api)} (${b.allocation.size} byte(s)${offset}) at ${siteText(b.allocation.site, options)}`);
  }
  if (b.previousFree) {
    lines.push(`  - ${b.kind === 'double-free' ? 'first' : 'already'} freed by ${code(b.previousFree.api)} at ${siteText(b.previousFree.site, options)}`);
  }
  if (b.releasers?.length) lines.push(`  - may be released only by ${b.releasers.map(code).join(' or ')}`);
  if (b.afterEnd) {
    const there = b.allocation && isDevmAlloc(b.allocation.api) ? 'the driver core released it with its device'
      : finished ? 'it is reported as leaked' : 'it is listed with what the run left allocated';
    lines.push(`  - still allocated at module ${code(b.afterEnd.module)}'s END (log line ${b.afterEnd.logLine}), where ${there}: freed after the module unloaded`);
  }
  if (!b.allocation && !b.previousFree) {
    lines.push(`  - not allocated when freed: never allocated, its allocation not logged, or freed more than ${RECENT_FREES} frees earlier (a double free too old to name its first free)`);
  }
  return lines.join('\n');
}

/** What each suppression rule hid: a report that hides everything must still say so. */
function suppressionSection(report: Report): string | undefined {
  if (report.suppressions.length === 0) return undefined;
  const rows = report.suppressions.map((u) => {
    const hid = [
      ...(u.leakGroups > 0 ? [`${u.leakGroups} leak site(s) (${u.leakedObjects} object(s), ${u.leakedBytes} byte(s))`] : []),
      ...(u.badFrees > 0 ? [`${u.badFrees} bad free(s)`] : []),
    ];
    return `- ${code(u.rule)} (${escapeMarkdown(u.file)}:${u.line}) hid ${hid.join(' and ')}`;
  });
  return ['#### Suppressed', '', ...rows].join('\n');
}

function crashSection(crashes: Crash[], limits: Limits): string | undefined {
  if (crashes.length === 0) return undefined;
  const blocks = crashes.slice(0, limits.crashes).map((c) => {
    const lines = c.lines.slice(0, limits.crashLines);
    const more = c.lines.length > lines.length ? `\n… ${c.lines.length - lines.length} more line(s)` : '';
    return `<details><summary>${escapePreformatted(c.kind)}: ${escapePreformatted(oneLine(c.title))} (${crashPlace(c)})</summary>\n\n<pre>\n${escapePreformatted(lines.join('\n') + more)}\n</pre>\n\n</details>`;
  });
  const lines = ['#### Kernel crash reports', '', ...blocks];
  if (crashes.length > blocks.length) lines.push('', `_…and ${crashes.length - blocks.length} more crash report(s), left out to fit._`);
  return lines.join('\n');
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

function runSection(report: Report): string | undefined {
  const run = report.run;
  if (!run) return undefined;
  const parts: string[] = [];
  if (run.buildErrors && run.buildErrors.length > 0) {
    const rows = run.buildErrors.slice(0, 20).map((e) =>
      `- ${e.severity} at ${escapeMarkdown(e.file)}:${e.line}${e.column ? `:${e.column}` : ''}: ${escapeMarkdown(e.message)}`);
    parts.push(['#### Build errors', '', ...rows].join('\n'));
  }
  if (run.loadError) {
    parts.push(`<details><summary>Module load error</summary>\n\n<pre>\n${escapePreformatted(run.loadError)}\n</pre>\n\n</details>`);
  }
  const facts: string[] = [];
  if (run.accel) facts.push(`accelerator ${run.accel}`);
  if (run.durationMs !== undefined) facts.push(`${(run.durationMs / 1000).toFixed(1)} s`);
  if (run.testScriptExit !== undefined) facts.push(`test script exit ${run.testScriptExit}`);
  if (run.pairs?.length) facts.push(`allocator pairs ${run.pairs.map((p) => code(`${p.alloc}:${p.free}`)).join(', ')}`);
  if (facts.length) parts.push(`<sub>Run: ${facts.join(', ')}</sub>`);
  return parts.length ? parts.join('\n\n') : undefined;
}

function diagnosticSection(report: Report, limit: number): string | undefined {
  const shown = report.diagnostics.slice(0, limit);
  if (shown.length === 0) return undefined;
  const rows = shown.map((d) => {
    const where = d.file ? ` (${escapeMarkdown(d.file)}${d.line ? `:${d.line}` : ''}${d.field ? `, ${escapeMarkdown(d.field)}` : ''})` : '';
    return `- **${d.severity}**${where}: ${escapeMarkdown(d.message)}`;
  });
  if (report.diagnostics.length > shown.length) rows.push(`- _…and ${report.diagnostics.length - shown.length} more, left out to fit._`);
  return `<details><summary>Diagnostics (${report.diagnostics.length})</summary>\n\n${rows.join('\n')}\n\n</details>`;
}
