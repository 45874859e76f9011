import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headerPath } from '../src/paths.js';
import { buildModule } from '../src/run/build.js';
import { parsePairSection, readModulePairs } from '../src/run/pairs.js';

describe('parsePairSection', () => {
  it('splits NUL-terminated "ALLOC FREE" strings, dropping duplicates and padding', () => {
    const bytes = Buffer.from('osal_mem_alloc osal_mem_free\0osal_pool_get osal_pool_put\0\0osal_mem_alloc osal_mem_free\0', 'latin1');
    expect(parsePairSection(bytes)).toEqual([
      { alloc: 'osal_mem_alloc', free: 'osal_mem_free' },
      { alloc: 'osal_pool_get', free: 'osal_pool_put' },
    ]);
  });

  it('ignores entries that are not exactly two names', () => {
    expect(parsePairSection(Buffer.from('lonely\0a b c\0', 'latin1'))).toEqual([]);
  });
});

describe('readModulePairs on a real build', () => {
  it('reads the MODLEAK_PAIR declarations of examples/osal from its .ko', async () => {
    const work = mkdtempSync(join(tmpdir(), 'modleak-pairs-test-'));
    const b = await buildModule(join(import.meta.dirname, '..', 'examples', 'osal'), '/lib/modules/6.1.0-56-cloud-amd64/build', headerPath(), join(work, 'w'));
    expect(b.ok).toBe(true);
    const pairs = readModulePairs(b.modules[0]!);
    expect(pairs.sort((a, z) => a.alloc.localeCompare(z.alloc))).toEqual([
      { alloc: 'osal_mem_alloc', free: 'osal_mem_free' },
      { alloc: 'osal_pool_get', free: 'osal_pool_put' },
    ]);
  }, 120_000);

  it('a module without declarations has none', async () => {
    const work = mkdtempSync(join(tmpdir(), 'modleak-pairs-test-'));
    const b = await buildModule(join(import.meta.dirname, 'run-modules', 'quiet'), '/lib/modules/6.1.0-56-cloud-amd64/build', headerPath(), join(work, 'w'));
    expect(readModulePairs(b.modules[0]!)).toEqual([]);
  }, 120_000);
});
