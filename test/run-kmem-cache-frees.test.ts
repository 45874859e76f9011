// Whether kfree/kvfree/kfree_rcu may release a kmem_cache object depends on the kernel
// (allowed since 6.4 and 6.12): a real module (test/modules/cachefree) built and booted
// on both Debian kernels through runModule. On 6.1 its kfree and kvfree are mismatched
// frees; on 6.12 they, and its kfree_rcu, are legal: no finding at all.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/report/schema.js';
import { REPO } from './header-support.js';
import { bootOnTestKernels, markedLine as markedIn } from './support/module-runs.js';

const DIR = join(REPO, 'test', 'modules', 'cachefree');
const SOURCE = 'modleak_cachefree.c';
const reports = bootOnTestKernels(DIR, 'modleak-cachefree-');
const markedLine = (marker: string) => markedIn(join(DIR, SOURCE), marker);

const badFreeRows = (r: Report) => r.badFrees.map((b) => `${b.kind} ${b.api} ${b.site.file}:${b.site.line} (allocated via ${b.allocation?.api})`);

describe('kmem_cache objects freed with kfree, kvfree and kfree_rcu, judged by the kernel that ran', () => {
  it('6.1: kfree and kvfree are mismatched frees (only kmem_cache_free may release them there)', () => {
    const r = reports.get('6.1')!;
    expect(r.kernel.release).toMatch(/^6\.1\./);
    expect({ status: r.status, reason: r.statusReason }).toEqual({ status: 'ok', reason: r.statusReason });
    expect(badFreeRows(r)).toEqual([
      `mismatched-free kfree ${SOURCE}:${markedLine('kfree')} (allocated via kmem_cache_alloc)`,
      `mismatched-free kvfree ${SOURCE}:${markedLine('kvfree')} (allocated via kmem_cache_zalloc)`,
    ]);
    expect(r.badFrees[0]!.message).toMatch(/which must be released with kmem_cache_free or kmem_cache_free_bulk$/);
    expect(r.summary).toMatchObject({ allocations: 3, frees: 3, leakedObjects: 0, badFrees: 2, lostRecords: 0 });
  });

  it('6.12: kfree, kvfree and kfree_rcu all release them: no finding', () => {
    const r = reports.get('6.12')!;
    expect(r.kernel.release).toMatch(/^6\.12\./);
    expect({ status: r.status, reason: r.statusReason }).toEqual({ status: 'ok', reason: r.statusReason });
    expect(r.crashes).toEqual([]);
    expect(badFreeRows(r)).toEqual([]);
    expect(r.summary).toMatchObject({ allocations: 4, frees: 4, leakedObjects: 0, badFrees: 0, lostRecords: 0 });
  });
});
