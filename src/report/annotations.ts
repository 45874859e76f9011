// Report -> the annotations to publish, within GitHub's per-step limits (10 errors,
// 10 warnings, 10 notices; core.setFailed spends one error). Pure: the Action publishes.
import { crashPlace, type Report, type Site } from './schema.js';

export interface AnnotationSpec {
  level: 'error' | 'warning' | 'notice';
  title: string;
  message: string;
  /** Repository-relative path; absent when the site is outside the repository. */
  file?: string;
  startLine?: number;
}

export interface AnnotationOptions {
  /** Repository-relative path of a site's file, or undefined when not in the repository. */
  locate: (site: Site) => string | undefined;
  /** Leaks within the leak budget are warnings, not errors. */
  leaksWithinBudget?: boolean;
}

/** GitHub shows 10 error and 10 warning annotations per step; the failed check's message is one of the errors. */
const LIMITS = { error: 9, warning: 10 };

export function buildAnnotations(report: Report, options: AnnotationOptions): AnnotationSpec[] {
  const candidates: AnnotationSpec[] = [];
  const at = (site: Site) => {
    const file = options.locate(site);
    return file === undefined ? {} : { file, startLine: site.line };
  };
  for (const b of report.badFrees.filter((x) => !x.suppressed)) {
    candidates.push({ level: 'error', title: `modleak: ${b.kind}`, message: b.message, ...at(b.site) });
  }
  for (const c of report.crashes) {
    candidates.push({ level: 'error', title: `modleak: kernel ${c.kind}`, message: `${c.title} (${crashPlace(c)})` });
  }
  for (const l of report.leaks.filter((x) => !x.suppressed)) {
    const level = l.kind === 'live-at-end' || options.leaksWithinBudget ? 'warning' : 'error';
    const title = l.kind === 'live-at-end' ? 'modleak: live when the log ended' : 'modleak: leak';
    candidates.push({ level, title, message: l.message, ...at(l.site) });
  }
  for (const d of report.diagnostics.filter((x) => x.severity !== 'info')) {
    candidates.push({ level: 'warning', title: 'modleak', message: d.message });
  }

  const used = { error: 0, warning: 0 };
  const kept: AnnotationSpec[] = [];
  const left = { error: 0, warning: 0 };
  for (const a of candidates) {
    const level = a.level as 'error' | 'warning';
    if (used[level] < LIMITS[level]) {
      used[level]++;
      kept.push(a);
    } else {
      left[level]++;
    }
  }
  if (left.error + left.warning > 0) {
    const parts = [];
    if (left.error) parts.push(`${left.error} more error(s)`);
    if (left.warning) parts.push(`${left.warning} more warning(s)`);
    kept.push({
      level: 'notice',
      title: 'modleak: more findings',
      message: `${parts.join(' and ')} not annotated (GitHub shows at most ${LIMITS.error + 1} errors and ${LIMITS.warning} warnings per step); the job summary and the report artifact list them all.`,
    });
  }
  return kept;
}
