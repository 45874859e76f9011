import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { runModule } from '../../src/run/pipeline.js';
import type { Report } from '../../src/report/schema.js';
import { testKernels } from '../header-support.js';
import { testCacheDir } from './test-cache.js';

/**
 * Builds and boots the module in `moduleDir` once per test kernel (real kbuild and QEMU,
 * through runModule) before the file's tests; the reports by kernel label ("6.1", "6.12").
 */
export function bootOnTestKernels(moduleDir: string, tmpPrefix: string): Map<string, Report> {
  const reports = new Map<string, Report>();
  let root = '';
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), tmpPrefix));
    for (const kernel of testKernels()) {
      const outcome = await runModule(
        { moduleDir, kernel: `debian:${kernel.label}`, timeoutSec: 600, outDir: join(root, kernel.label), cacheDir: testCacheDir() },
        { progress: () => {} },
      );
      reports.set(kernel.label, outcome.report);
    }
  }, 1_200_000);
  afterAll(() => {
    if (root && !process.env.MODLEAK_KEEP_TEST_DIRS) rmSync(root, { recursive: true, force: true });
  });
  return reports;
}

/** The 1-based line of `file` marked with the comment `/* expect: <marker> *\/`. */
export function markedLine(file: string, marker: string): number {
  const index = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(`/* expect: ${marker} */`));
  if (index < 0) throw new Error(`${file} lost its "/* expect: ${marker} */" marker`);
  return index + 1;
}
