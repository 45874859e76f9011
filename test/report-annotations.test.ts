import { describe, expect, it } from 'vitest';
import { buildAnnotations } from '../src/report/annotations.js';
import { crashedReport, leakyReport, manyLeaksReport } from './fixtures/action/reports.js';

const locate = (site: { file: string }) => (site.file.startsWith('/') ? undefined : `drivers/leaky/${site.file}`);

describe('buildAnnotations', () => {
  it('annotates each bad free and leak on its repository-relative line', () => {
    const a = buildAnnotations(leakyReport(), { locate });
    expect(a).toEqual([
      { level: 'error', title: 'modleak: double-free', message: 'double free of 0xffff888003a1b400 in leaky_exit leaky.c:61', file: 'drivers/leaky/leaky.c', startLine: 61 },
      { level: 'error', title: 'modleak: mismatched-free', message: 'mismatched free: kfree of an object from kvmalloc', file: 'drivers/leaky/sub/buf.c', startLine: 12 },
      { level: 'error', title: 'modleak: leak', message: expect.stringContaining('Direct leak of 384 byte(s)'), file: 'drivers/leaky/leaky.c', startLine: 42 },
      { level: 'error', title: 'modleak: leak', message: expect.stringContaining('Direct leak of 64 byte(s)'), file: 'drivers/leaky/leaky.c', startLine: 50 },
    ]);
  });

  it('makes leaks within the budget warnings', () => {
    const a = buildAnnotations(leakyReport(), { locate, leaksWithinBudget: true });
    expect(a.filter((x) => x.title === 'modleak: leak').map((x) => x.level)).toEqual(['warning', 'warning']);
  });

  it('keeps at most 9 errors (setFailed uses the 10th) and summarises the rest in one notice', () => {
    const a = buildAnnotations(manyLeaksReport(25), { locate });
    expect(a.filter((x) => x.level === 'error')).toHaveLength(9);
    const notices = a.filter((x) => x.level === 'notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message).toMatch(/^16 more error\(s\) not annotated/);
  });

  it('keeps at most 10 warnings', () => {
    const a = buildAnnotations(manyLeaksReport(14), { locate, leaksWithinBudget: true });
    expect(a.filter((x) => x.level === 'warning')).toHaveLength(10);
    expect(a.find((x) => x.level === 'notice')!.message).toMatch(/^4 more warning\(s\)/);
  });

  it('leaves out the file for sites outside the repository, and annotates crashes without a file', () => {
    const r = crashedReport();
    r.leaks = [{ ...leakyReport().leaks[0]!, site: { file: '/usr/src/linux/include/slab.h', line: 3, function: 'f' } }];
    const a = buildAnnotations(r, { locate });
    expect(a[0]).toEqual({ level: 'error', title: 'modleak: kernel oops', message: 'BUG: kernel NULL pointer dereference, address: 0000000000000000 (log line 80)' });
    expect(a[1]).not.toHaveProperty('file');
  });

  it('skips suppressed findings', () => {
    const r = leakyReport();
    for (const l of r.leaks) l.suppressed = true;
    for (const b of r.badFrees) b.suppressed = true;
    expect(buildAnnotations(r, { locate })).toEqual([]);
  });
});
