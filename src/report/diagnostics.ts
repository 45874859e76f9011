import type { Diagnostic } from './schema.js';

const DEFAULT_CAP = 20;

/**
 * Collects diagnostics with a cap per kind, so a log with a million bad lines keeps
 * memory flat: the first `cap` of each kind are kept, the rest are only counted.
 */
export class DiagnosticLog {
  private readonly kept: Diagnostic[] = [];
  private readonly counts = new Map<string, { total: number; severity: Diagnostic['severity']; what: string; file?: string }>();

  constructor(private readonly cap = DEFAULT_CAP) {}

  /** `kind` groups diagnostics for the cap; `what` names the kind in the "N more" line. */
  add(kind: string, diagnostic: Diagnostic, what = kind): void {
    const entry = this.counts.get(kind) ?? { total: 0, severity: diagnostic.severity, what, file: diagnostic.file };
    entry.total++;
    this.counts.set(kind, entry);
    if (entry.total <= this.cap) this.kept.push(diagnostic);
  }

  count(kind: string): number {
    return this.counts.get(kind)?.total ?? 0;
  }

  /** The kept diagnostics, errors first, each capped kind followed by its "and N more" line. */
  list(): Diagnostic[] {
    const out = [...this.kept];
    for (const entry of this.counts.values()) {
      if (entry.total > this.cap) {
        out.push({
          severity: entry.severity,
          message: `${entry.total - this.cap} more ${entry.what} diagnostic(s) not shown (${entry.total} in all)`,
          ...(entry.file !== undefined ? { file: entry.file } : {}),
        });
      }
    }
    const rank = { error: 0, warning: 1, info: 2 } as const;
    return out.map((d, i) => ({ d, i })).sort((a, b) => rank[a.d.severity] - rank[b.d.severity] || a.i - b.i).map((x) => x.d);
  }
}
