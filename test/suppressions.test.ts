import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeLogs } from '../src/analyze.js';
import { DiagnosticLog } from '../src/report/diagnostics.js';
import { globMatches, parseSuppressions } from '../src/report/suppressions.js';

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
    expect(globMatches('drivers/*.c', 'drivers/net/foo.c')).toBe(true);
    expect(globMatches('f?o', 'foo')).toBe(true);
    expect(globMatches('f?o', 'fooo')).toBe(false);
    expect(globMatches('a.c:1*', 'abc:12')).toBe(false);
    expect(globMatches('a.c:1*', 'a.c:12')).toBe(true);
    expect(globMatches('*', '')).toBe(true);
    expect(globMatches('*x*', 'abc')).toBe(false);
    expect(globMatches('a*b*c', 'aXbYbZc')).toBe(true);
    expect(globMatches('?', 'é')).toBe(true);
  });

  it('globs with many stars against a long path take steps, not exponential time', () => {
    const path = 'a'.repeat(400);
    // A regular expression of the same stars backtracks for minutes on this (no final b).
    const started = process.hrtime.bigint();
    expect(globMatches('*a*a*a*a*a*a*ab', path)).toBe(false);
    expect(globMatches('*a*a*a*a*a*a*a', path)).toBe(true);
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(5);
  });

  it('hides matching leak groups and reports what each rule hid', async () => {
    const r = await analyzeLogs({ records: fixture('multi-module.log') }, { suppressionsFiles: [fixture('suppressions.txt')] });
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
    const r = await analyzeLogs({ records: fixture('double-free.log') }, { suppressionsFiles: [byKind] });
    expect(r.summary).toMatchObject({ badFrees: 0, suppressedBadFrees: 1 });
    expect(r.suppressions).toEqual([{ rule: 'double-free:dbl_exit', file: byKind, line: 1, leakGroups: 0, leakedObjects: 0, leakedBytes: 0, badFrees: 1 }]);

    const wrongKind = path.join(dir, 'wrong.txt');
    writeFileSync(wrongKind, 'invalid-free:dbl_exit\n');
    expect((await analyzeLogs({ records: fixture('double-free.log') }, { suppressionsFiles: [wrongKind] })).summary.badFrees).toBe(1);

    const fp = r.badFrees[0]!.fingerprint;
    const byFingerprint = path.join(dir, 'fp.txt');
    writeFileSync(byFingerprint, `bad-free:${fp}\n`);
    expect((await analyzeLogs({ records: fixture('double-free.log') }, { suppressionsFiles: [byFingerprint] })).summary.badFrees).toBe(0);
  });

  it('a bad free keeps its fingerprint when the same bug shows as a double free or, its first free forgotten, as an invalid free', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'modleak-supp-'));
    const logWith = (between: number) => {
      const lines = ['6,1,0,-;modleak1 drv BEGIN', '7,2,0,-;modleak1 drv A kmalloc ffff888003a00000 64 drv.c:10 drv_open', '7,3,0,-;modleak1 drv F kfree ffff888003a00000 drv.c:20 drv_release'];
      for (let k = 0; k < between; k++) {
        const ptr = (0xffff888004000000n + BigInt(k) * 64n).toString(16);
        lines.push(`7,${lines.length + 1},0,-;modleak1 drv A kmalloc ${ptr} 64 drv.c:30 drv_rx`, `7,${lines.length + 2},0,-;modleak1 drv F kfree ${ptr} drv.c:31 drv_rx`);
      }
      lines.push(`7,${lines.length + 1},0,-;modleak1 drv F kfree ffff888003a00000 drv.c:20 drv_release`, `6,${lines.length + 2},0,-;modleak1 drv END`);
      const file = path.join(dir, `between-${between}.log`);
      writeFileSync(file, lines.join('\n') + '\n');
      return file;
    };
    const recent = await analyzeLogs({ records: logWith(10) });
    const old = await analyzeLogs({ records: logWith(5000) });
    expect([recent.badFrees[0]!.kind, old.badFrees[0]!.kind]).toEqual(['double-free', 'invalid-free']);
    expect(old.badFrees[0]!.fingerprint).toBe(recent.badFrees[0]!.fingerprint);
    const rules = path.join(dir, 'fp.txt');
    writeFileSync(rules, `bad-free:${recent.badFrees[0]!.fingerprint}\n`);
    for (const between of [10, 5000]) {
      expect((await analyzeLogs({ records: logWith(between) }, { suppressionsFiles: [rules] })).summary).toMatchObject({ badFrees: 0, suppressedBadFrees: 1 });
    }
  });

  it('several files: their rules are tried in order; a rule whose findings an earlier one hid says so', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'modleak-supp-'));
    const first = path.join(dir, 'team.txt');
    const second = path.join(dir, 'vendor.txt');
    writeFileSync(first, 'leak:alpha.c:*\n');
    writeFileSync(second, 'leak:alpha_init\nleak:beta_init\n');
    const r = await analyzeLogs({ records: fixture('multi-module.log') }, { suppressionsFiles: [first, second] });
    expect(r.summary).toMatchObject({ leakedObjects: 0, suppressedLeakedObjects: 3 });
    expect(r.suppressions.map((u) => [u.rule, u.file, u.leakGroups])).toEqual([['leak:alpha.c:*', first, 2], ['leak:beta_init', second, 1]]);
    const unused = r.diagnostics.filter((d) => d.severity === 'info' && d.message.includes('suppression'));
    expect(unused.map((d) => d.message)).toEqual([
      `${second}:1: suppression 'leak:alpha_init' hid nothing: what it matches is already hidden by the earlier rule 'leak:alpha.c:*' (${first}:1)`,
    ]);
  });

  it('a leak rule does not hide what an unfinished run left allocated: it stays shown and counted, so allocations - frees adds up', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'modleak-supp-'));
    const rules = path.join(dir, 'r.txt');
    writeFileSync(rules, 'leak:trunc_*\n');
    const r = await analyzeLogs({ records: fixture('truncated-tail.log') }, { suppressionsFiles: [rules] });
    expect(r.status).toBe('incomplete');
    expect(r.leaks.map((l) => [l.kind, l.suppressed, l.objects])).toEqual([['live-at-end', false, 1]]);
    expect(r.summary).toMatchObject({ leakedObjects: 0, suppressedLeakedObjects: 0, liveAtEndObjects: 1 });
    expect(r.summary.allocations - r.summary.frees).toBe(r.summary.liveAtEndObjects);
    expect(r.suppressions).toEqual([]);
    // The rule is right for a finished run: the report says so rather than "matched nothing".
    expect(r.diagnostics.map((d) => d.message)).toContain(`${rules}:1: suppression 'leak:trunc_*' matched only objects this unfinished run left allocated (live at end), which leak: rules do not hide; it hides them as leaks once a run finishes`);
  });

  it('an unreadable suppressions file is an input error naming the path', async () => {
    await expect(analyzeLogs({ records: fixture('double-free.log') }, { suppressionsFiles: ['/nonexistent/supp.txt'] }))
      .rejects.toThrow("cannot read the suppressions file '/nonexistent/supp.txt': ENOENT");
  });
});
