// Whether kfree/kvfree/kfree_rcu may release a kmem_cache object depends on the kernel
// (allowed since 6.4 and 6.12): a real module (test/modules/cachefree) built and booted
// on both Debian kernels through runModule. On 6.1 its kfree and kvfree are mismatched
// frees; on 6.12 they, and its kfree_rcu, are legal: no finding at all.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCacheDir } from './support/test-cache.js';
import { runModule } from '../src/run/pipeline.js';
import type { Report } from '../src/report/schema.js';
import { REPO, testKernels } from './header-support.js';

const DIR = join(REPO, 'test', 'modules', 'cachefree');
const SOURCE = 'modleak_cachefree.c';
const kernels = testKernels();
const reports = new Map<string, Report>();
let root = '';

function markedLine(free: string): number {
  const index = readFileSync(join(DIR, SOURCE), 'utf8').split('\n').findIndex((l) => l.includes(`/* expect: ${free} */`));
  if (index < 0) throw new Error(`${SOURCE} lost its "/* expect: ${free} */" marker`);
  return index + 1;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'modleak-cachefree-'));
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
    expect(r.badFrees[0]!.message).toMatch(/which must be released with kmem_cache_free$/);
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
