// Pages released by their last reference (put_page, folio_put), folios and the bulk
// slab APIs on both Debian kernels (real kbuild + QEMU through runModule): the last
// put pairs with its allocation, a put that is not the last writes nothing, a page the
// module never allocated is no finding; bulk allocations and frees count each object.
// The findings are the ones test/modules/pagerefs/main.c marks.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, testKernels } from './header-support.js';
import { bootOnTestKernels, markedLine as markedIn } from './support/module-runs.js';

const DIR = join(REPO, 'test', 'modules', 'pagerefs');
const SOURCE = 'main.c';
const kernels = testKernels();
const reports = bootOnTestKernels(DIR, 'modleak-pagerefs-');
const markedLine = (marker: string) => markedIn(join(DIR, SOURCE), marker);

describe.each(kernels.map((k) => [k.label] as const))('page references and bulk APIs on kernel %s', (label) => {
  it('the pages whose extra reference is never dropped are the leaks, whichever call dropped their own', () => {
    const r = reports.get(label)!;
    expect({ status: r.status, reason: r.statusReason }).toEqual({ status: 'ok', reason: r.statusReason });
    expect(r.leaks.map((l) => ({ api: l.api, site: `${l.site.file}:${l.site.line}`, objects: l.objects, bytes: l.bytes })))
      .toEqual([
        { api: 'alloc_pages', site: `${SOURCE}:${markedLine('leak')}`, objects: 1, bytes: 4096 },
        { api: 'alloc_pages', site: `${SOURCE}:${markedLine('leak-free-pages')}`, objects: 1, bytes: 4096 },
        { api: '__get_free_pages', site: `${SOURCE}:${markedLine('leak-free-page')}`, objects: 1, bytes: 4096 },
      ]);
    // alloc_page, the compound page, 2 folios, 4 single pages, 4 + 2 bulk objects, 3 kmallocs;
    // each but the 3 leaked pages freed once (the untracked page's put is not a free; the
    // page freed with a reference held is freed by its put_page()).
    expect(r.summary).toMatchObject({ allocations: 17, frees: 14, failedAllocations: 0, leakedObjects: 3, lostRecords: 0 });
  });

  it('a last reference dropped on a page the module never allocated is noted, not a bad free', () => {
    const r = reports.get(label)!;
    expect(r.badFrees.filter((b) => b.api === 'put_page' || b.api === 'folio_put')).toEqual([]);
    expect(r.diagnostics.filter((d) => /put_page\(\) call\(s\) dropped the last reference to a page that was not allocated at the time/.test(d.message))).toHaveLength(1);
  });

  it('kfree_bulk of kmem_cache objects is a mismatched free before 6.4 only', () => {
    const r = reports.get(label)!;
    const expected = label === '6.1'
      ? [0, 1].map(() => ({ kind: 'mismatched-free', api: 'kfree_bulk', site: `${SOURCE}:${markedLine('kfree-bulk-of-cache')}`, allocation: 'kmem_cache_alloc_bulk 64' }))
      : [];
    expect(r.badFrees.map((b) => ({ kind: b.kind, api: b.api, site: `${b.site.file}:${b.site.line}`, allocation: `${b.allocation?.api} ${b.allocation?.size}` })))
      .toEqual(expected);
  });
});
