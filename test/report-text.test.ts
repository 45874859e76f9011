import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeLogs } from '../src/analyze.js';
import { emptyReport } from '../src/report/build.js';
import { renderText } from '../src/report/text.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/analyze/${name}`, import.meta.url));

describe('renderText', () => {
  it('words leaks, bad frees and the summary like LeakSanitizer', async () => {
    const report = await analyzeLogs({ records: fixture('krealloc.log') });
    const text = renderText(report);
    expect(text.split('\n')[0]).toBe('modleak 0.1.0: status ok: the run finished: END markers seen for re, no records lost');
    expect(text).toContain('Direct leak of 1024 byte(s) in 1 object(s) allocated from re.c:12 in re_grow() via krealloc\n');
    expect(text).toContain('ERROR: double-free: Double free of ffff888003a1b200 via krealloc at re.c:40 in re_stale(); first freed via krealloc at re.c:12 in re_grow() (log line 4)');
    expect(text).toContain('SUMMARY: modleak: 1088 byte(s) leaked in 3 allocation(s) at 3 site(s); 1 bad free(s).\n');
    expect(text).toContain('5 allocation(s), 2 free(s), 1 failed allocation(s); peak 1088 byte(s) live (at log line 9); 0 record(s) lost.');
    // Leaks come biggest first.
    expect(text.indexOf('1024 byte(s)')).toBeLessThan(text.indexOf('48 byte(s)'));
    expect(text).not.toContain('\x1b[');
    expect(renderText(report, { color: true })).toContain('\x1b[1;31mDirect leak of 1024');
  });

  it('shows crashes with their lines and "live at end" for an unfinished run', async () => {
    const text = renderText(await analyzeLogs({ records: fixture('oops.log') }));
    expect(text).toContain('status crashed: the kernel reported 2 crash report(s), the first at log line 3');
    expect(text).toContain('Kernel oops at log line 3: BUG: kernel NULL pointer dereference, address: 0000000000000008\n    BUG: kernel NULL pointer dereference');
    expect(text).toContain('Live at end (run did not finish): 64 byte(s) in 1 object(s) allocated from oops.c:10 in oops_init() via kmalloc');
    // Not counted as leaked: the run stopped before the module could free it.
    expect(text).toContain('SUMMARY: modleak: 0 byte(s) leaked in 0 allocation(s) at 0 site(s); 0 bad free(s); 64 byte(s) in 1 object(s) live at end (run did not finish).\n');
  });

  it('replaces control characters from the log so it cannot drive the terminal', () => {
    const report = emptyReport('crashed', 'boom');
    report.crashes.push({ kind: 'bug', title: 'BUG: \x1b]0;pwned\x07 title', logLine: 1, lines: ['BUG: \x1b[2J clear'] });
    const text = renderText(report);
    expect(text).toContain('BUG: ?]0;pwned? title');
    expect(text).toContain('    BUG: ?[2J clear');
    expect(text).not.toMatch(/[\x07\x1b]/);
  });

  it('lists suppressions and diagnostics', async () => {
    const report = await analyzeLogs({ records: fixture('multi-module.log') }, { suppressionsFiles: [fixture('suppressions.txt')] });
    const text = renderText(report);
    expect(text).toContain('Suppressed 2 finding(s):\n    leak:alpha_init (');
    expect(text).toContain(': 2 leak group(s), 2 object(s), 4160 byte(s); 0 bad free(s)');
    expect(text).toMatch(/\n    error: \S*suppressions\.txt:5: rule 'lek:typo_here' has type 'lek'/);
    const malformed = renderText(await analyzeLogs({ records: fixture('malformed.log') }));
    expect(malformed).toContain(`error: ${fixture('malformed.log')}: line 2: size 'x12' is not a decimal number; record skipped`);
  });
});
