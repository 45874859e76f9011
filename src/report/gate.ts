import type { Report } from './schema.js';

export interface Budgets {
  /** Leaked objects allowed (unsuppressed). */
  maxLeaks: number;
  /** Leaked bytes allowed; undefined means no byte budget. */
  maxLeakedBytes?: number;
  maxBadFrees: number;
}

/** Exit statuses of contract 3. */
export const EXIT = { ok: 0, overBudget: 1, usage: 2, runFailed: 3 } as const;

export interface GateResult {
  passed: boolean;
  exitCode: number;
  /** One sentence per exceeded budget or failed run, naming the budget and by how much. */
  reasons: string[];
}

export function gate(report: Report, budgets: Budgets): GateResult {
  const reasons: string[] = [];
  const s = report.summary;
  if (report.status !== 'ok') {
    reasons.push(`the run did not finish cleanly (status ${report.status}): ${report.statusReason}`);
  }
  if (s.leakedObjects > budgets.maxLeaks) {
    reasons.push(`${s.leakedObjects} leaked object(s) exceed max-leaks ${budgets.maxLeaks} by ${s.leakedObjects - budgets.maxLeaks}`);
  }
  if (budgets.maxLeakedBytes !== undefined && s.leakedBytes > budgets.maxLeakedBytes) {
    reasons.push(`${s.leakedBytes} leaked byte(s) exceed max-leaked-bytes ${budgets.maxLeakedBytes} by ${s.leakedBytes - budgets.maxLeakedBytes}`);
  }
  if (s.badFrees > budgets.maxBadFrees) {
    reasons.push(`${s.badFrees} bad free(s) exceed max-bad-frees ${budgets.maxBadFrees} by ${s.badFrees - budgets.maxBadFrees}`);
  }
  const exitCode = report.status !== 'ok' ? EXIT.runFailed : reasons.length > 0 ? EXIT.overBudget : EXIT.ok;
  return { passed: reasons.length === 0, exitCode, reasons };
}
