// Page allocators on both Debian kernels (real kbuild + QEMU through runModule): pages
// allocated by struct page * (alloc_pages, alloc_page, alloc_pages_node) and released
// by address (free_pages, free_page), and the other way round (__get_free_pages,
// get_zeroed_page released by __free_pages(virt_to_page())), are legal and must pair
// up; the one interior free in test/modules/pages (marked "expect: invalid-free") is
// the only finding.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCacheDir } from './support/test-cache.js';
import { runModule } from '../src/run/pipeline.js';
import type { Report } from '../src/report/schema.js';
import { REPO, testKernels } from './header-support.js';

const DIR = join(REPO, 'test', 'modules', 'pages');
const SOURCE = 'modleak_pages.c';
const kernels = testKernels();
const reports = new Map<string, Report>();
let root = '';

function markedLine(marker: string): number {
  const index = readFileSync(join(DIR, SOURCE), 'utf8').split('\n').findIndex((l) => l.includes(`/* expect: ${marker} */`));
  if (index < 0) throw new Error(`${SOURCE} lost its "/* expect: ${marker} */" marker`);
  return index + 1;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'modleak-pages-'));
  for (const kernel of kernels) {
    const outcome = await runModule(
      { moduleDir: DIR, kernel: `debian:${kernel.label}`, timeoutSec: 600, outDir: join(root, kernel.label), cacheDir: testCacheDir() },
      { progress: () => {} },
    );
    reports.set(kernel.label, outcome.report);
  }
}, 1_200_000);

afterAll(() => {
  if (root && !process.env.MODLEAK_KEEP_TEST_DIRS) rmSync(root, { recursive: true, force: true });
});

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
