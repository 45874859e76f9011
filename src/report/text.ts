import { crashPlace, type BadFree, type Crash, type LeakGroup, type Report } from './schema.js';

// The terminal report, in the wording people know from LeakSanitizer. Log-derived
// text has its control characters replaced so a hostile log cannot drive the terminal.

export interface TextOptions {
  color?: boolean;
}

const MAX_CRASH_LINES_SHOWN = 40;

export function renderText(report: Report, options: TextOptions = {}): string {
  const paint = (code: string) => (text: string) => (options.color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const red = paint('1;31');
  const yellow = paint('33');
  const dim = paint('2');
  const bold = paint('1');
  const out: string[] = [];
  const s = report.summary;

  const statusColor = report.status === 'ok' ? paint('32') : red;
  out.push(`${bold('modleak')} ${report.tool.version}: status ${statusColor(report.status)}: ${safe(report.statusReason)}`);
  const facts = [`kernel ${safe(report.kernel.release ?? 'unknown')}`, `module(s) ${report.modules.length ? report.modules.map(safe).join(', ') : 'none seen'}`];
  out.push(dim(facts.join('; ')));

  for (const crash of report.crashes) out.push('', ...crashLines(crash, red, dim));

  const leaks = report.leaks.filter((l) => !l.suppressed);
  for (const leak of leaks) out.push('', ...leakLines(leak, leak.kind === 'leak' ? red : yellow, dim));

  const bad = report.badFrees.filter((b) => !b.suppressed);
  for (const b of bad) out.push('', ...badFreeLines(b, red, dim));

  const hidden = report.leaks.filter((l) => l.suppressed).length + report.badFrees.filter((b) => b.suppressed).length;
  if (report.suppressions.length > 0) {
    out.push('', `Suppressed ${hidden} finding(s):`);
    for (const u of report.suppressions) {
      out.push(`    ${safe(u.rule)} (${safe(u.file)}:${u.line}): ${u.leakGroups} leak group(s), ${u.leakedObjects} object(s), ${u.leakedBytes} byte(s); ${u.badFrees} bad free(s)`);
    }
  }

  if (report.diagnostics.length > 0) {
    out.push('', 'Diagnostics:');
    for (const d of report.diagnostics) {
      const where = diagnosticPlace(d.file, d.line, d.message);
      const tag = d.severity === 'error' ? red('error') : d.severity === 'warning' ? yellow('warning') : dim('info');
      out.push(`    ${tag}: ${where}${safe(d.message)}`);
    }
  }

  const peak = s.peakAt ? ` (at log line ${s.peakAt.logLine})` : '';
  const suppressed = s.suppressedLeakedObjects + s.suppressedBadFrees > 0 ? `; suppressed: ${s.suppressedLeakedObjects} object(s), ${s.suppressedBadFrees} bad free(s)` : '';
  out.push(
    '',
    bold(`SUMMARY: modleak: ${s.leakedBytes} byte(s) leaked in ${s.leakedObjects} allocation(s) at ${s.leakSites} site(s); ${s.badFrees} bad free(s)${liveAtEnd(s)}.`),
    `    ${s.allocations} allocation(s), ${s.frees} free(s), ${s.failedAllocations} failed allocation(s); peak ${s.peakLiveBytes} byte(s) live${peak}; ${s.lostRecords} record(s) lost${suppressed}.`,
  );
  return out.join('\n') + '\n';
}

/** The objects a run that did not finish left allocated: not called leaks, but not nothing either. */
function liveAtEnd(s: Report['summary']): string {
  return s.liveAtEndObjects > 0 ? `; ${s.liveAtEndBytes} byte(s) in ${s.liveAtEndObjects} object(s) live at end (run did not finish)` : '';
}

type Paint = (text: string) => string;

function leakLines(leak: LeakGroup, color: Paint, dim: Paint): string[] {
  const lines = [color(safe(leak.message)), dim(`    module ${safe(leak.module)}, fingerprint ${leak.fingerprint}`)];
  leak.samples.forEach((sample, i) => {
    lines.push(`    #${i} ${safe(sample.ptr)} (${sample.size} byte(s)) allocated at log line ${sample.logLine}${sample.seq !== undefined ? `, kmsg seq ${sample.seq}` : ''}`);
  });
  if (leak.objects > leak.samples.length) lines.push(dim(`    ... and ${leak.objects - leak.samples.length} more object(s)`));
  return lines;
}

function badFreeLines(b: BadFree, color: Paint, dim: Paint): string[] {
  const lines = [color(`ERROR: ${b.kind}: ${safe(b.message)}`), dim(`    module ${safe(b.module)}, log line ${b.logLine}, fingerprint ${b.fingerprint}`)];
  if (b.previousFree) lines.push(`    previously freed via ${safe(b.previousFree.api)} at ${siteText(b.previousFree.site)} (log line ${b.previousFree.logLine})`);
  if (b.allocation) lines.push(`    allocated via ${safe(b.allocation.api)} (${b.allocation.size} byte(s)) at ${siteText(b.allocation.site)} (log line ${b.allocation.logLine})`);
  return lines;
}

function crashLines(crash: Crash, color: Paint, dim: Paint): string[] {
  const lines = [color(`Kernel ${crash.kind} at ${crashPlace(crash)}: ${safe(crash.title)}`)];
  for (const line of crash.lines.slice(0, MAX_CRASH_LINES_SHOWN)) lines.push(`    ${safe(line)}`);
  if (crash.lines.length > MAX_CRASH_LINES_SHOWN) lines.push(dim(`    ... ${crash.lines.length - MAX_CRASH_LINES_SHOWN} more line(s)`));
  return lines;
}

/** Where a diagnostic is, unless its message already says so. */
function diagnosticPlace(file: string | undefined, line: number | undefined, message: string): string {
  if (file === undefined) return '';
  if (line === undefined) return `${safe(file)}: `;
  if (message.includes(`${file}:${line}`)) return '';
  if (message.startsWith(`line ${line}:`)) return `${safe(file)}: `;
  return `${safe(file)}:${line}: `;
}

function siteText(site: { file: string; line: number; function: string }): string {
  return `${safe(site.file)}:${site.line} in ${safe(site.function)}()`;
}

/** Control characters (ESC included) from the log become '?'. */
function safe(text: string): string {
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f\x9b]/g, '?');
}
