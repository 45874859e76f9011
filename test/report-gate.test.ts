import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeLogs } from '../src/analyze.js';
import { EXIT, gate } from '../src/report/gate.js';

// The gate decides the exit status and the failed check, from real fixture reports.
const fixture = (name: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'analyze', name);

describe('gate', () => {
  it('passes at each budget exactly and fails one above it, naming the budget and by how much', async () => {
    // 3 leaked objects, 4360 bytes, no bad free.
    const leaks = await analyzeLogs({ records: fixture('multi-module.log') });
    expect(gate(leaks, { maxLeaks: 3, maxLeakedBytes: 4360, maxBadFrees: 0 })).toEqual({ passed: true, exitCode: EXIT.ok, reasons: [] });
    expect(gate(leaks, { maxLeaks: 2, maxLeakedBytes: 4359, maxBadFrees: 0 })).toEqual({
      passed: false,
      exitCode: EXIT.overBudget,
      reasons: ['3 leaked object(s) exceed max-leaks 2 by 1', '4360 leaked byte(s) exceed max-leaked-bytes 4359 by 1'],
    });
    // No byte budget unless one is given.
    expect(gate(leaks, { maxLeaks: 3, maxBadFrees: 0 }).passed).toBe(true);

    const doubleFree = await analyzeLogs({ records: fixture('double-free.log') });
    expect(gate(doubleFree, { maxLeaks: 0, maxBadFrees: 1 }).exitCode).toBe(EXIT.ok);
    expect(gate(doubleFree, { maxLeaks: 0, maxBadFrees: 0 })).toEqual({ passed: false, exitCode: EXIT.overBudget, reasons: ['1 bad free(s) exceed max-bad-frees 0 by 1'] });
  });

  it('fails a run that did not finish whatever the budgets allow (exit 3), with its status and reason', async () => {
    for (const [name, status] of [['truncated-tail.log', 'incomplete'], ['oops.log', 'crashed']] as const) {
      const report = await analyzeLogs({ records: fixture(name) });
      const verdict = gate(report, { maxLeaks: 1_000_000, maxLeakedBytes: 1_000_000, maxBadFrees: 1_000_000 });
      expect([report.status, verdict.passed, verdict.exitCode]).toEqual([status, false, EXIT.runFailed]);
      expect(verdict.reasons).toEqual([`the run did not finish cleanly (status ${status}): ${report.statusReason}`]);
    }
  });
});
