import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeLogs } from '../src/analyze.js';

// Real captures from `modleak run` (QEMU, TCG): raw /dev/kmsg records plus the serial
// console. Expected values come from reading the records (line numbers are the log's).

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/parse/${name}`, import.meta.url));

describe('real QEMU capture: examples/leaky on Debian 6.1', () => {
  it('finds exactly the leaks and bad frees the module was written with', async () => {
    const r = await analyzeLogs({ records: fixture('qemu-leaky-6.1.log'), console: fixture('qemu-leaky-6.1.console.log') }, { modules: ['leaky'] });
    expect(r.kernel.release).toBe('6.1.0-56-cloud-amd64');
    expect(r.modules).toEqual(['leaky']);
    // The second kfree in leaky_exit (line 456) trips SLUB's freelist check: kernel BUG at line 458.
    expect(r.status).toBe('crashed');
    expect(r.crashes.map((c) => [c.kind, c.logLine, c.lines.length, c.title])).toEqual([['bug', 458, 42, 'kernel BUG at mm/slub.c:419!']]);
    expect(r.crashes[0]!.lines.at(-1)).toBe('---[ end trace 0000000000000000 ]---');

    // 12 allocations (3 kzalloc, 3 kstrdup, vmalloc, 16 KiB kmalloc, kvmalloc, 24-byte and
    // 2 x 32-byte kmalloc); 5 frees (3 kzalloc, the mismatched kfree, the first kfree of the 24 bytes).
    expect(r.summary).toMatchObject({
      allocations: 12, frees: 5, failedAllocations: 0, leakedObjects: 7, leakedBytes: 24657, leakSites: 4, badFrees: 3, lostRecords: 0,
    });
    // The module reached its END marker (written after the oops), so these are leaks.
    expect(r.leaks.map((l) => [l.kind, l.api, `${l.site.file}:${l.site.line}`, l.site.function, l.objects, l.bytes])).toEqual([
      ['leak', 'kmalloc', 'leaky.c:73', 'leaky_init', 1, 16384],
      ['leak', 'vmalloc', 'leaky.c:66', 'leaky_init', 1, 8192],
      ['leak', 'kmalloc', 'leaky.c:43', 'leaky_poke_write', 2, 64],
      ['leak', 'kstrdup', 'leaky.c:29', 'leaky_conf_new', 3, 17],
    ]);
    expect(r.leaks[3]!.samples.map((s) => [s.ptr, s.size, s.logLine, s.seq])).toEqual([
      ['ffff88803ff09880', 6, 439, 362], ['ffff88803ff095b0', 5, 442, 365], ['ffff88803ff09388', 6, 445, 368],
    ]);
    expect(r.badFrees.map((b) => [b.kind, b.api, b.ptr, `${b.site.file}:${b.site.line}`, b.logLine])).toEqual([
      ['invalid-free', 'kfree', 'ffff8880055a0040', 'leaky.c:75', 449],
      ['mismatched-free', 'kfree', 'ffff88803ff53900', 'leaky.c:83', 451],
      ['double-free', 'kfree', 'ffff88803ff61860', 'leaky.c:99', 456],
    ]);
    expect(r.badFrees[0]).toMatchObject({ offset: 64, allocation: { api: 'kmalloc', size: 16384, logLine: 448 } });
    expect(r.badFrees[1]!.allocation).toMatchObject({ api: 'kvmalloc', size: 96, site: { line: 82 } });
    expect(r.badFrees[2]).toMatchObject({ previousFree: { logLine: 455, site: { line: 98 } }, allocation: { size: 24, site: { line: 85 } } });
  });

  it('without the console log the same crash comes from the record log alone', async () => {
    const r = await analyzeLogs({ records: fixture('qemu-leaky-6.1.log') });
    expect(r.crashes).toHaveLength(1);
    expect(r.summary.leakedObjects).toBe(7);
  });
});

describe('real QEMU capture: examples/leaky on Debian 6.12', () => {
  it('finds the same leaks and bad frees as on 6.1: the kvmalloc/kfree mismatch holds on every kernel', async () => {
    const r = await analyzeLogs({ records: fixture('qemu-leaky-6.12.log'), console: fixture('qemu-leaky-6.12.console.log') }, { modules: ['leaky'] });
    expect(r.kernel.release).toBe('6.12.117+deb12-cloud-amd64');
    // The second kfree in leaky_exit (line 467): SLUB's BUG at line 469, with its Oops before the Call Trace.
    expect(r.status).toBe('crashed');
    expect(r.crashes.map((c) => [c.kind, c.logLine, c.title])).toEqual([['oops', 469, 'kernel BUG at mm/slub.c:550!']]);
    expect(r.summary).toMatchObject({ allocations: 12, frees: 5, leakedObjects: 7, leakedBytes: 24657, leakSites: 4, badFrees: 3, lostRecords: 0 });
    expect(r.badFrees.map((b) => [b.kind, b.api, b.ptr, `${b.site.file}:${b.site.line}`, b.logLine])).toEqual([
      ['invalid-free', 'kfree', 'ffff888004d7c040', 'leaky.c:75', 460],
      ['mismatched-free', 'kfree', 'ffff88800519af00', 'leaky.c:83', 462],
      ['double-free', 'kfree', 'ffff888005250400', 'leaky.c:99', 467],
    ]);
    expect(r.badFrees[1]!.allocation).toMatchObject({ api: 'kvmalloc', size: 96, logLine: 461, site: { line: 82 } });
    expect(r.badFrees[1]!.message).toContain('which must be released with kvfree or kvfree_sensitive or kvfree_rcu');
  });
});

describe('real QEMU capture: examples/osal on Debian 6.12 (custom OSAL pairs)', () => {
  const pairs = [{ alloc: 'osal_mem_alloc', free: 'osal_mem_free' }, { alloc: 'osal_pool_get', free: 'osal_pool_put' }];

  it('one leak, no bad frees, with the pairs the module declares', async () => {
    const r = await analyzeLogs({ records: fixture('qemu-osal-6.12.log'), console: fixture('qemu-osal-6.12.console.log') }, { pairs });
    expect(r.status).toBe('ok');
    expect(r.kernel.release).toBe('6.12.117+deb12-cloud-amd64');
    expect(r.modules).toEqual(['osal_demo']);
    // 8 osal_pool_get/put pairs (lines 438-453, size 0, same address reused), two osal_mem_alloc, one osal_mem_free.
    expect(r.summary).toMatchObject({ allocations: 10, frees: 9, leakedObjects: 1, leakedBytes: 256, leakSites: 1, badFrees: 0, lostRecords: 0, peakLiveBytes: 272 });
    expect(r.summary.peakAt).toEqual({ logLine: 455, seq: 382 });
    expect(r.leaks.map((l) => [l.kind, l.api, `${l.site.file}:${l.site.line}`, l.site.function, l.objects, l.bytes])).toEqual([
      ['leak', 'osal_mem_alloc', 'driver.c:29', 'demo_session_open', 1, 256],
    ]);
    expect(r.diagnostics.filter((d) => d.message.includes('no pair declares it'))).toEqual([]);
  });

  it('a wrong pair turns the osal_mem_free into a mismatched free; no pairs only notes the unknown APIs', async () => {
    const wrong = await analyzeLogs({ records: fixture('qemu-osal-6.12.log') }, { pairs: [{ alloc: 'osal_mem_alloc', free: 'osal_pool_put' }] });
    expect(wrong.badFrees.map((b) => [b.kind, b.api, b.logLine])).toEqual([['mismatched-free', 'osal_mem_free', 456]]);
    const none = await analyzeLogs({ records: fixture('qemu-osal-6.12.log') });
    expect(none.summary.badFrees).toBe(0);
    expect(none.diagnostics.filter((d) => d.message.includes('no pair declares it')).map((d) => d.message.split(' ')[0]).sort())
      .toEqual(['osal_mem_alloc', 'osal_mem_free', 'osal_pool_get', 'osal_pool_put']);
  });
});
