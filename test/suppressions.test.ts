import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeLogs } from '../src/analyze.js';
import { DiagnosticLog } from '../src/report/diagnostics.js';
import { globToRegExp, parseSuppressions } from '../src/report/suppressions.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/analyze/${name}`, import.meta.url));

describe('suppressions file', () => {
  it('parses rules, and names file and line of each bad one', () => {
    const diagnostics = new DiagnosticLog();
    const rules = parseSuppressions('# c\n\nleak:foo_*\n  bad-free: drivers/x.c:12 \nlek:typo\ndouble-free:\n', 's.txt', diagnostics);
    expect(rules.map((r) => [r.type, r.pattern, r.line])).toEqual([['leak', 'foo_*', 3], ['bad-free', 'drivers/x.c:12', 4]]);
    expect(diagnostics.list().map((d) => [d.line, d.field, d.severity])).toEqual([[5, 'type', 'error'], [6, 'pattern', 'error']]);
    expect(diagnostics.list()[0]!.message).toContain("s.txt:5: rule 'lek:typo' has type 'lek'; expected <type>:<glob> with type leak, bad-free, double-free, invalid-free, mismatched-free");
  });

  it('globs: * spans path separators, ? is one character, the rest is literal', () => {
    expect(globToRegExp('drivers/*.c').test('drivers/net/foo.c')).toBe(true);
    expect(globToRegExp('f?o').test('foo')).toBe(true);
    expect(globToRegExp('f?o').test('fooo')).toBe(false);
    expect(globToRegExp('a.c:1*').test('abc:12')).toBe(false);
    expect(globToRegExp('a.c:1*').test('a.c:12')).toBe(true);
  });

  it('hides matching leak groups and reports what each rule hid', async () => {
    const r = await analyzeLogs({ records: fixture('multi-module.log') }, { suppressionsFile: fixture('suppressions.txt') });
    // multi-module.log leaks alpha_init 4096 + 64 and beta_init 200.
    expect(r.summary).toMatchObject({ leakedObjects: 1, leakedBytes: 200, leakSites: 1, suppressedLeakedObjects: 2 });
    expect(r.leaks.map((l) => [l.site.function, l.suppressed, l.suppressedBy ?? null])).toEqual([
      ['alpha_init', true, 'leak:alpha_init'], ['beta_init', false, null], ['alpha_init', true, 'leak:alpha_init'],
    ]);
    expect(r.suppressions).toEqual([
      { rule: 'leak:alpha_init', file: fixture('suppressions.txt'), line: 2, leakGroups: 2, leakedObjects: 2, leakedBytes: 4160, badFrees: 0 },
    ]);
    const messages = r.diagnostics.map((d) => `${d.severity} ${d.line} ${d.message}`);
    expect(messages.filter((m) => m.startsWith('error'))).toHaveLength(2);
    expect(messages.some((m) => m.startsWith('info 4 ') && m.includes("suppression 'bad-free:beta.c:*' matched nothing"))).toBe(true);
  });

  it('hides a bad free by kind and by fingerprint', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'modleak-supp-'));
    const byKind = path.join(dir, 'kind.txt');
    writeFileSync(byKind, 'double-free:dbl_exit\n');
    const r = await analyzeLogs({ records: fixture('double-free.log') }, { suppressionsFile: byKind });
    expect(r.summary).toMatchObject({ badFrees: 0, suppressedBadFrees: 1 });
    expect(r.suppressions).toEqual([{ rule: 'double-free:dbl_exit', file: byKind, line: 1, leakGroups: 0, leakedObjects: 0, leakedBytes: 0, badFrees: 1 }]);

    const wrongKind = path.join(dir, 'wrong.txt');
    writeFileSync(wrongKind, 'invalid-free:dbl_exit\n');
    expect((await analyzeLogs({ records: fixture('double-free.log') }, { suppressionsFile: wrongKind })).summary.badFrees).toBe(1);

    const fp = r.badFrees[0]!.fingerprint;
    const byFingerprint = path.join(dir, 'fp.txt');
    writeFileSync(byFingerprint, `bad-free:${fp}\n`);
    expect((await analyzeLogs({ records: fixture('double-free.log') }, { suppressionsFile: byFingerprint })).summary.badFrees).toBe(0);
  });

  it('an unreadable suppressions file is an input error naming the path', async () => {
    await expect(analyzeLogs({ records: fixture('double-free.log') }, { suppressionsFile: '/nonexistent/supp.txt' }))
      .rejects.toThrow("cannot read the suppressions file '/nonexistent/supp.txt': ENOENT");
  });
});
