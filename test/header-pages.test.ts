// Page allocators on both Debian kernels (real kbuild + QEMU through runModule): pages
// allocated by struct page * (alloc_pages, alloc_page, alloc_pages_node) and released
// by address (free_pages, free_page), and the other way round (__get_free_pages,
// get_zeroed_page released by __free_pages(virt_to_page())), are legal and must pair
// up; the one interior free in test/modules/pages (marked "expect: invalid-free") is
// the only finding.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, testKernels } from './header-support.js';
import { bootOnTestKernels, markedLine as markedIn } from './support/module-runs.js';

const DIR = join(REPO, 'test', 'modules', 'pages');
const SOURCE = 'modleak_pages.c';
const kernels = testKernels();
const reports = bootOnTestKernels(DIR, 'modleak-pages-');
const markedLine = (marker: string) => markedIn(join(DIR, SOURCE), marker);

describe.each(kernels.map((k) => [k.label] as const))('page allocators on kernel %s', (label) => {
  it('cross-frees pair up: no leak; the interior free is the one finding, inside the alloc_pages object', () => {
    const r = reports.get(label)!;
    const line = markedLine('invalid-free');
    expect({ status: r.status, reason: r.statusReason }).toEqual({ status: 'ok', reason: r.statusReason });
    expect(r.leaks).toEqual([]);
    expect(r.badFrees.map((b) => ({ kind: b.kind, api: b.api, site: `${b.site.file}:${b.site.line}`, offset: b.offset, allocation: b.allocation && `${b.allocation.api} ${b.allocation.size} ${b.allocation.site.file}:${b.allocation.site.line}` })))
      .toEqual([{ kind: 'invalid-free', api: 'free_pages', site: `${SOURCE}:${line}`, offset: 4096, allocation: `alloc_pages 8192 ${SOURCE}:${markedLine('interior-alloc')}` }]);
    // 8 allocations, each freed once (the interior free releases nothing).
    expect(r.summary).toMatchObject({ allocations: 8, frees: 8, failedAllocations: 0, leakedObjects: 0, badFrees: 1, lostRecords: 0 });
  });
});

// free_page() of vmalloc memory (test/modules/freepagevm): the kernel faults on it; the
// header's free record, written first without reading a struct page, names the bug.
const VM_DIR = join(REPO, 'test', 'modules', 'freepagevm');
const VM_SOURCE = 'freepagevm.c';
const vmReports = bootOnTestKernels(VM_DIR, 'modleak-freepagevm-');

describe.each(kernels.map((k) => [k.label] as const))('free_page() of vmalloc memory on kernel %s', (label) => {
  it('is a crash and a mismatched free, the free logged before the kernel faulted', () => {
    const r = vmReports.get(label)!;
    expect(r.status).toBe('crashed');
    expect(r.badFrees.map((b) => ({ kind: b.kind, api: b.api, site: `${b.site.file}:${b.site.line}`, allocation: `${b.allocation?.api} ${b.allocation?.site.file}:${b.allocation?.site.line}` })))
      .toEqual([{ kind: 'mismatched-free', api: 'free_page', site: `${VM_SOURCE}:${markedIn(join(VM_DIR, VM_SOURCE), 'mismatched-free')}`, allocation: `vmalloc ${VM_SOURCE}:${markedIn(join(VM_DIR, VM_SOURCE), 'alloc')}` }]);
  });
});
