import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeLogs } from '../src/analyze.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { escapeMarkdown, escapePreformatted, safeLinkTarget } from '../src/report/markdown-escape.js';
import { cleanReport, crashedReport, leak, leakyReport, manyLeaksReport } from './fixtures/action/reports.js';

const link = (site: { file: string; line: number }) => encodeURI(`https://github.com/o/r/blob/abc123/mod/${site.file}#L${site.line}`);

describe('renderMarkdown', () => {
  it('says a clean run is clean, with the counts', () => {
    const md = renderMarkdown(cleanReport());
    expect(md).toContain(':white_check_mark: **No leaks and no bad frees** in 10 allocation(s) and 10 free(s).');
    expect(md).toContain('| Leaked objects | 0 |');
    expect(md).not.toContain('#### Leaks by call site');
  });

  it('lists leaks by call site with links to the exact line, and bad frees with both sites', () => {
    const md = renderMarkdown(leakyReport(), { sourceUrl: link });
    expect(md).toContain('4 leaked object(s), 448 byte(s) at 2 call site(s); 2 bad free(s)');
    expect(md).toContain('| [leaky.c:42](https://github.com/o/r/blob/abc123/mod/leaky.c#L42) in <code>leaky\\_init</code> | <code>kmalloc</code> | 3 | 384 | leaky |');
    expect(md).toContain('**Double free** of <code>ffff888003a1b400</code> by <code>kfree</code> at [leaky.c:61](https://github.com/o/r/blob/abc123/mod/leaky.c#L61)');
    expect(md).toContain('allocated by <code>kzalloc</code> (64 byte(s)) at [leaky.c:40]');
    expect(md).toContain('first freed by <code>kfree</code> at [leaky.c:58]');
    expect(md).toContain('**Mismatched free** of <code>ffff888004000000</code> by <code>kfree</code>');
    expect(md).toContain('allocated by <code>kvmalloc</code> (128 byte(s)) at [sub/buf.c:8]');
  });

  it('says how far into the allocation an invalid (interior) free pointed', () => {
    const r = leakyReport();
    r.badFrees = [{ ...r.badFrees[1]!, kind: 'invalid-free', offset: 64 }];
    expect(renderMarkdown(r)).toContain('- **Invalid free** of <code>ffff888004000000</code> by <code>kfree</code> at sub/buf.c:12 in <code>buf\\_put</code>\n  - allocated by <code>kvmalloc</code> (128 byte(s); the freed pointer is 64 byte(s) into it) at sub/buf.c:8');
  });

  it('says where an object freed after its module\'s END went there: reported as leaked, or released with its device (devm_*)', () => {
    const r = leakyReport();
    const afterEnd = { module: 'leaky', logLine: 30 };
    r.badFrees = [{ ...r.badFrees[1]!, kind: 'invalid-free', afterEnd }];
    expect(renderMarkdown(r)).toContain("  - still allocated at module <code>leaky</code>'s END (log line 30), where it is reported as leaked: freed after the module unloaded");
    const plain = r.badFrees[0]!;
    r.badFrees = [{ ...plain, allocation: { ...plain.allocation!, api: 'devm_kzalloc' } }];
    expect(renderMarkdown(r)).toContain("  - still allocated at module <code>leaky</code>'s END (log line 30), where the driver core released it with its device: freed after the module unloaded");
    // A run that did not finish lists what it left allocated, as the message says, not as leaks.
    r.badFrees = [plain];
    r.status = 'incomplete';
    expect(renderMarkdown(r)).toContain("  - still allocated at module <code>leaky</code>'s END (log line 30), where it is listed with what the run left allocated: freed after the module unloaded");
  });

  it('hides suppressed leaks from the table but counts them', () => {
    const r = leakyReport();
    r.leaks[1]!.suppressed = true;
    r.summary.suppressedLeakedObjects = 1;
    const md = renderMarkdown(r);
    expect(md).toContain('leaky\\_init');
    expect(md).not.toContain('leaky\\_probe');
    expect(md).toContain('| Suppressed | 1 leaked object(s), 0 bad free(s) |');
  });

  it('puts a crash in <details> and says the run crashed', () => {
    const md = renderMarkdown(crashedReport());
    expect(md).toContain(':x: **The run crashed** (status `crashed`)');
    expect(md).toMatch(/<details><summary>oops: BUG: kernel NULL pointer dereference[^<]*<\/summary>\n\n<pre>\nBUG: kernel NULL/);
    expect(md).toContain('RIP: 0010:leaky_init+0x1a/0x40 [leaky]');
  });

  it('shows crash lines as the report holds them (the parser already dropped the /dev/kmsg header), and the findings of a crashed run', () => {
    const r = crashedReport();
    r.crashes[0]!.lines = ['kernel BUG at mm/slub.c:419!', ' leaky_exit+0x66/0xf4d [leaky]'];
    r.summary = { ...r.summary, leakedObjects: 7, leakedBytes: 24657, leakSites: 4, badFrees: 3 };
    const md = renderMarkdown(r);
    expect(md).toContain('<pre>\nkernel BUG at mm/slub.c:419!\n leaky_exit+0x66/0xf4d [leaky]\n</pre>');
    expect(md).toContain('Found before it stopped: 7 leaked object(s), 24657 byte(s) at 4 call site(s); 3 bad free(s).');
  });

  it('calls objects live at an incomplete end what they are', () => {
    const r = cleanReport();
    r.status = 'incomplete';
    r.statusReason = 'the END marker never arrived';
    r.leaks = [leak('a.c', 1, 'f', 1, 8, { kind: 'live-at-end' })];
    r.summary = { ...r.summary, liveAtEndObjects: 1, liveAtEndBytes: 8 };
    const md = renderMarkdown(r);
    expect(md).toContain('#### Objects still live when the log ended (run did not finish)');
    expect(md).not.toContain('#### Leaks by call site');
    expect(md).toContain(':x: **The run was incomplete** (status `incomplete`): the END marker never arrived. Found before it stopped: 1 object(s), 8 byte(s) still live when the log ended.');
    expect(md).toContain('| Live at end (run did not finish) | 1 object(s), 8 byte(s) |');
  });

  it('in a crashed run keeps the leaks of modules that reached END apart from what was still live', () => {
    const r = cleanReport();
    r.status = 'crashed';
    r.statusReason = 'the record log holds a kernel crash report (Oops at log line 17)';
    r.leaks = [leak('early.c', 5, 'early_init', 1, 40), leak('cr.c', 10, 'cr_init', 1, 64, { kind: 'live-at-end' })];
    r.summary = { ...r.summary, leakedObjects: 1, leakedBytes: 40, leakSites: 1, liveAtEndObjects: 1, liveAtEndBytes: 64 };
    const md = renderMarkdown(r);
    const leaksAt = md.indexOf('#### Leaks by call site');
    const liveAt = md.indexOf('#### Objects still live when the log ended (run did not finish)');
    expect(leaksAt).toBeGreaterThan(0);
    expect(liveAt).toBeGreaterThan(leaksAt);
    expect(md.slice(leaksAt, liveAt)).toContain('early.c');
    expect(md.slice(leaksAt, liveAt)).not.toContain('cr.c');
    expect(md.slice(liveAt)).toContain('cr.c');
    expect(md).toContain('(Oops at log line 17\\). Found before it stopped: 1 leaked object(s), 40 byte(s) at 1 call site(s); 1 object(s), 64 byte(s) still live when the log ended.');
  });

  it('cannot be made to inject HTML, links, tables or mentions by file and function names', () => {
    const r = leakyReport();
    r.leaks[0]!.site = { file: '<img src=x onerror=alert(1)>.c', line: 1, function: '@everyone | ](javascript:alert(1)) `x`' };
    r.crashes = [{ kind: 'bug', title: '</summary></details><script>alert(1)</script>', logLine: 3, lines: ['@octocat </pre>', '', '# heading'] }];
    r.modules = ['@admins'];
    const md = renderMarkdown(r, { sourceUrl: link });
    expect(md).not.toContain('<img');
    expect(md).not.toContain('<script');
    expect(md).not.toContain('</pre>\n\n#');
    expect(md).not.toMatch(/@(?!\u200b)/);
    expect(md).toContain('&lt;img src=x onerror=alert\\(1\\)&gt;.c');
    expect(md).toContain('@\u200beveryone \\| \\]\\(javascript:alert\\(1\\)\\) \\`x\\`');
    // The link target carries the hostile name percent-encoded, so it cannot close the link.
    expect(md).toMatch(/\(https:\/\/github\.com\/o\/r\/blob\/abc123\/mod\/%3Cimg%20src=x%20onerror=alert%281%29%3E\.c#L1\)/);
  });

  it('stays within maxLength, keeps the verdict and table, and points at the artifact', () => {
    const r = manyLeaksReport(3000);
    const full = renderMarkdown(r);
    expect(full.length).toBeGreaterThan(65_536);
    const md = renderMarkdown(r, { maxLength: 65_536, artifactHint: 'the modleak-report-6.1 artifact' });
    expect(md.length).toBeLessThanOrEqual(65_536);
    expect(md).toContain('3000 leaked object(s)');
    expect(md).toContain('| Leak sites | 3000 |');
    expect(md).toMatch(/_…and \d+ more leak site\(s\), left out to fit\._/);
    expect(md).toContain('the full report is in the modleak-report-6.1 artifact');
  });

  it('falls back to a hard cut when even the shortest form is too long', () => {
    const r = cleanReport();
    r.statusReason = 'x'.repeat(5000);
    r.status = 'incomplete';
    const md = renderMarkdown(r, { maxLength: 1000 });
    expect(md.length).toBeLessThanOrEqual(1000);
    expect(md).toContain('the full report is in');
  });
});

describe('escaping', () => {
  it('renderMarkdown emits only its own tags and no live mention, whatever the log said', () => {
    const text = fc.string({ unit: 'binary', maxLength: 60 });
    fc.assert(fc.property(text, text, text, text, text, (file, fn, api, title, reason) => {
      const r = crashedReport();
      r.statusReason = reason;
      r.modules = [api];
      r.leaks = [leak(file, 3, fn, 1, 8, { api, module: fn })];
      r.badFrees = [{ ...leakyReport().badFrees[0]!, api, ptr: title, site: { file: fn, line: 1, function: file } }];
      r.crashes = [{ kind: 'bug', title, logLine: 1, lines: [title, reason, file] }];
      r.diagnostics = [{ severity: 'warning', message: reason, file, field: api }];
      const md = renderMarkdown(r, { sourceUrl: link, title });
      const withoutOwnTags = md.replace(/<\/?(code|details|summary|pre|sub)>/g, '');
      expect(withoutOwnTags).not.toMatch(/[<>]/);
      expect(md).not.toMatch(/@(?!\u200b)/);
      // Every line of the leak table has exactly the table's 6 unescaped pipes.
      const row = md.split('\n').find((l) => l.startsWith('| ') && l.includes('<code>') && !l.startsWith('| Status'));
      expect(row?.replace(/\\\|/g, '').split('|').length).toBe(7);
    }), { numRuns: 300 });
  });

  it('escapeMarkdown leaves no HTML, no raw newline, no bare pipe and no live mention, for any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
      const e = escapeMarkdown(s);
      expect(e).not.toMatch(/[<>\n\r]/);
      expect(e).not.toMatch(/(^|[^\\])\|/);
      expect(e).not.toMatch(/@(?!\u200b)/);
      expect(e).not.toMatch(/(^|[^\\])[`[\]()*_]/);
    }));
  });

  it('escapePreformatted leaves no tag and no blank line that would end the HTML block', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
      const e = escapePreformatted(s);
      expect(e).not.toMatch(/[<>]/);
      expect(e).not.toMatch(/\n\n/);
      expect(e).not.toMatch(/@(?!\u200b)/);
    }));
  });

  it('safeLinkTarget accepts only http(s) and encodes characters that could close the link', () => {
    expect(safeLinkTarget('javascript:alert(1)')).toBeUndefined();
    expect(safeLinkTarget('https://x/a b(c)')).toBeUndefined();
    expect(safeLinkTarget('https://x/a(c)<d>')).toBe('https://x/a%28c%29%3Cd%3E');
  });
});

describe('renderMarkdown of analysed fixture logs', () => {
  const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/analyze/${name}`, import.meta.url));

  it('a mismatched free names the APIs that may release the object', async () => {
    const md = renderMarkdown(await analyzeLogs({ records: fixture('mismatched-free.log') }));
    expect(md).toContain('- **Mismatched free** of <code>ffff888003a1b200</code> by <code>vfree</code> at mis.c:20 in <code>mis\\_exit</code>\n  - allocated by <code>kmalloc</code> (64 byte(s)) at mis.c:10 in <code>mis\\_init</code>\n  - may be released only by <code>kfree</code> or');
  });

  it('an invalid free of an address not allocated does not claim more than the log shows', async () => {
    const md = renderMarkdown(await analyzeLogs({ records: fixture('invalid-free.log') }));
    expect(md).toContain('- **Invalid free** of <code>ffff888007000000</code> by <code>kfree</code> at inv.c:21 in <code>inv\\_exit</code>\n  - not allocated when freed: never allocated, its allocation not logged, or freed more than 4096 frees earlier (a double free too old to name its first free)');
    expect(md).not.toContain('by this module');
  });

  it('a run whose every finding a suppression hid says which rules hid what', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'modleak-md-'));
    const rules = path.join(dir, 'all.txt');
    writeFileSync(rules, 'leak:*_init\nbad-free:alpha*\n');
    const md = renderMarkdown(await analyzeLogs({ records: fixture('multi-module.log') }, { suppressionsFiles: [rules] }));
    expect(md).toContain(':white_check_mark: **No leaks and no bad frees**');
    expect(md).toContain(`#### Suppressed\n\n- <code>leak:\\*\\_init</code> (${escapeMarkdown(rules)}:1) hid 3 leak site(s) (3 object(s), 4360 byte(s))\n`);
    // The rule that hid nothing is a diagnostic, not a row.
    expect(md.split('#### Suppressed\n\n')[1]!.split('\n\n')[0]!.split('\n')).toHaveLength(1);
  });
});
