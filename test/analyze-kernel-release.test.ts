import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { analyzeLogs } from '../src/analyze.js';
import type { Report } from '../src/report/schema.js';

// Whether kfree, kvfree, kfree_rcu or kvfree_rcu may release a kmem_cache object depends
// on the kernel (6.4 and 6.12 allowed more): the matcher answers by the release in the
// log's own `Linux version` banner, and by the pre-6.4 rule when the log names none.

const banner = (release: string) => `Linux version ${release} (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14+deb12u1) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian`;

const RECORDS = [
  'modleak1 kc BEGIN',
  'modleak1 kc A kmem_cache_alloc ffff888004c00000 192 kc.c:10 kc_init',
  'modleak1 kc A kmem_cache_zalloc ffff888004c00100 192 kc.c:11 kc_init',
  'modleak1 kc A kmem_cache_alloc ffff888004c00200 192 kc.c:12 kc_init',
  'modleak1 kc A kmem_cache_alloc ffff888004c00300 192 kc.c:13 kc_init',
  'modleak1 kc F kfree ffff888004c00000 kc.c:20 kc_exit',
  'modleak1 kc F kvfree ffff888004c00100 kc.c:21 kc_exit',
  'modleak1 kc F kfree_rcu ffff888004c00200 kc.c:22 kc_exit',
  'modleak1 kc F kmem_cache_free ffff888004c00300 kc.c:23 kc_exit',
  'modleak1 kc END',
];

/** As raw /dev/kmsg records (the banner is record 0), or as dmesg lines with timestamps. */
function log(release: string | undefined, format: 'kmsg' | 'dmesg'): string {
  const lines = [...(release === undefined ? [] : [banner(release)]), ...RECORDS];
  return lines.map((text, i) => (format === 'kmsg' ? `${i === 0 && release !== undefined ? 5 : 7},${i},${i * 100},-;${text}` : `[    ${i}.000000] ${text}`)).join('\n') + '\n';
}

async function analyze(release: string | undefined, format: 'kmsg' | 'dmesg' = 'kmsg'): Promise<Report> {
  return analyzeLogs({ records: '-' }, { stdin: Readable.from([Buffer.from(log(release, format))]) });
}

const mismatches = (r: Report) => r.badFrees.map((b) => `${b.kind} ${b.api} kc.c:${b.site.line}`);

describe.each(['kmsg', 'dmesg'] as const)('a kmem_cache object freed with kfree, kvfree and kfree_rcu (%s log)', (format) => {
  it('Linux 6.1: all three are mismatched frees, worded as before', async () => {
    const r = await analyze('6.1.0-56-cloud-amd64', format);
    expect(r.kernel.release).toBe('6.1.0-56-cloud-amd64');
    expect(mismatches(r)).toEqual(['mismatched-free kfree kc.c:20', 'mismatched-free kvfree kc.c:21', 'mismatched-free kfree_rcu kc.c:22']);
    expect(r.badFrees[0]!.message).toBe('Mismatched free of ffff888004c00000 via kfree at kc.c:20 in kc_exit(): the object was allocated via kmem_cache_alloc at kc.c:10 in kc_init(), which must be released with kmem_cache_free or kmem_cache_free_bulk');
    expect(r.summary).toMatchObject({ allocations: 4, frees: 4, leakedObjects: 0, badFrees: 3 });
  });

  it('Linux 6.4: kfree and kvfree are fine, kfree_rcu is not yet', async () => {
    const r = await analyze('6.4.0-1-amd64', format);
    expect(mismatches(r)).toEqual(['mismatched-free kfree_rcu kc.c:22']);
    expect(r.badFrees[0]!.message).toBe('Mismatched free of ffff888004c00200 via kfree_rcu at kc.c:22 in kc_exit(): the object was allocated via kmem_cache_alloc at kc.c:12 in kc_init(), which must be released with kmem_cache_free or kmem_cache_free_bulk or kfree or kvfree or kvfree_sensitive or kfree_bulk or kfree_const or bitmap_free or kfree_strarray');
  });

  it('Linux 6.12: all three are fine', async () => {
    const r = await analyze('6.12.117+deb12-cloud-amd64', format);
    expect(r.badFrees).toEqual([]);
    expect(r.summary).toMatchObject({ allocations: 4, frees: 4, leakedObjects: 0, badFrees: 0 });
    expect(r.status).toBe('ok');
  });

  it('no banner: the pre-6.4 rule, and each message says which later kernel would allow the free', async () => {
    const r = await analyze(undefined, format);
    expect(r.kernel).toEqual({});
    expect(mismatches(r)).toEqual(['mismatched-free kfree kc.c:20', 'mismatched-free kvfree kc.c:21', 'mismatched-free kfree_rcu kc.c:22']);
    expect(r.badFrees.map((b) => b.message.slice(b.message.indexOf('which must')))).toEqual([
      'which must be released with kmem_cache_free or kmem_cache_free_bulk (Linux 6.4 and later also allow kfree, kvfree, kvfree_sensitive, kfree_bulk, kfree_const, bitmap_free and kfree_strarray; this log does not say which kernel ran)',
      'which must be released with kmem_cache_free or kmem_cache_free_bulk (Linux 6.4 and later also allow kfree, kvfree, kvfree_sensitive, kfree_bulk, kfree_const, bitmap_free and kfree_strarray; this log does not say which kernel ran)',
      'which must be released with kmem_cache_free or kmem_cache_free_bulk (Linux 6.12 and later also allow kfree, kvfree, kvfree_sensitive, kfree_bulk, kfree_const, bitmap_free, kfree_strarray, kfree_rcu and kvfree_rcu; this log does not say which kernel ran)',
    ]);
    // The note is wording only: the report's bad frees keep their schema's fields.
    expect(r.badFrees[0]).not.toHaveProperty('allowedSince');
  });
});

describe('the console log names the kernel when the record log does not', () => {
  const consoleLog = (release: string) => {
    const file = join(mkdtempSync(join(tmpdir(), 'modleak-kver-')), 'console.log');
    writeFileSync(file, `[    0.000000] ${banner(release)}\n[    1.000000] Run /init as init process\n`);
    return file;
  };

  it('its banner decides the verdicts of a record log without one', async () => {
    const r = await analyzeLogs({ records: '-', console: consoleLog('6.12.117+deb12-cloud-amd64') }, { stdin: Readable.from([Buffer.from(log(undefined, 'kmsg'))]) });
    expect(r.kernel.release).toBe('6.12.117+deb12-cloud-amd64');
    expect(r.badFrees).toEqual([]);
  });

  it('the record log\'s own banner wins', async () => {
    const r = await analyzeLogs({ records: '-', console: consoleLog('6.12.117+deb12-cloud-amd64') }, { stdin: Readable.from([Buffer.from(log('6.1.0-56-cloud-amd64', 'kmsg'))]) });
    expect(r.kernel.release).toBe('6.1.0-56-cloud-amd64');
    expect(mismatches(r)).toEqual(['mismatched-free kfree kc.c:20', 'mismatched-free kvfree kc.c:21', 'mismatched-free kfree_rcu kc.c:22']);
  });
});

describe('the banner\'s words behind a capture tool\'s prefix', () => {
  it('name the kernel (journalctl -o export), but a program\'s journal line saying them does not', async () => {
    const records = RECORDS.map((r) => `MESSAGE=${r}`);
    const exported = [`MESSAGE=${banner('6.12.117+deb12-cloud-amd64')}`, ...records].join('\n') + '\n';
    const r = await analyzeLogs({ records: '-' }, { stdin: Readable.from([Buffer.from(exported)]) });
    expect(r.kernel.release).toBe('6.12.117+deb12-cloud-amd64');
    expect(r.badFrees).toEqual([]);
    const journal = [`Nov 26 04:00:00 host myscript[77]: ${banner('6.12.117+deb12-cloud-amd64')}`, ...RECORDS.map((t) => `Nov 26 04:00:01 host kernel: ${t}`)].join('\n') + '\n';
    const j = await analyzeLogs({ records: '-' }, { stdin: Readable.from([Buffer.from(journal)]) });
    expect(j.kernel).toEqual({});
    expect(mismatches(j)).toEqual(['mismatched-free kfree kc.c:20', 'mismatched-free kvfree kc.c:21', 'mismatched-free kfree_rcu kc.c:22']);
  });
});
