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
    // The second kfree in leaky_exit (line 449) trips SLUB's freelist check: kernel BUG at line 451.
    expect(r.status).toBe('crashed');
    expect(r.crashes.map((c) => [c.kind, c.logLine, c.lines.length, c.title])).toEqual([['bug', 451, 44, 'kernel BUG at mm/slub.c:419!']]);
    expect(r.crashes[0]!.lines.at(-1)).toBe('---[ end trace 0000000000000000 ]---');

    // 12 allocations (3 kzalloc, 3 kstrdup, vmalloc, 16 KiB kmalloc, kmem_cache_alloc, 24-byte and
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
      ['ff1b686c3ffcdbe0', 6, 432, 359], ['ff1b686c3ffcd628', 5, 435, 362], ['ff1b686c3ffcd640', 6, 438, 365],
    ]);
    expect(r.badFrees.map((b) => [b.kind, b.api, b.ptr, `${b.site.file}:${b.site.line}`, b.logLine])).toEqual([
      ['invalid-free', 'kfree', 'ff1b686c02744040', 'leaky.c:75', 442],
      ['mismatched-free', 'kfree', 'ff1b686c0119b8a0', 'leaky.c:83', 444],
      ['double-free', 'kfree', 'ff1b686c3ff3bde0', 'leaky.c:99', 449],
    ]);
    expect(r.badFrees[0]).toMatchObject({ offset: 64, allocation: { api: 'kmalloc', size: 16384, logLine: 441 } });
    expect(r.badFrees[1]!.allocation).toMatchObject({ api: 'kmem_cache_alloc', site: { line: 82 } });
    expect(r.badFrees[2]).toMatchObject({ previousFree: { logLine: 448, site: { line: 98 } }, allocation: { size: 24, site: { line: 85 } } });
  });

  it('without the console log the same crash comes from the record log alone', async () => {
    const r = await analyzeLogs({ records: fixture('qemu-leaky-6.1.log') });
    expect(r.crashes).toHaveLength(1);
    expect(r.summary.leakedObjects).toBe(7);
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
