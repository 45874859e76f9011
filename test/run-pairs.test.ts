import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headerPath } from '../src/paths.js';
import { buildModule } from '../src/run/build.js';
import { pairConflicts, parsePairSection, readModulePairs } from '../src/run/pairs.js';

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

describe('pairConflicts', () => {
  it('warns, once per allocator, where modules declare different frees for one allocator', () => {
    const warnings = pairConflicts([
      { module: 'm4a', pairs: [{ alloc: 'hal_alloc', free: 'hal_free' }, { alloc: 'pool_get', free: 'pool_put' }] },
      { module: 'm4b', pairs: [{ alloc: 'hal_alloc', free: 'hal_release' }, { alloc: 'pool_get', free: 'pool_put' }] },
    ]);
    expect(warnings).toEqual([
      "modules of this run declare different frees for hal_alloc (hal_free in m4a, hal_release in m4b): declared pairs apply to every module of a run, so each of these frees is accepted for every module's hal_alloc objects, and a module freeing with another's function is not flagged",
    ]);
  });

  it('is quiet where the modules agree (one OSAL header in both), or only one module declares an allocator', () => {
    const shared = [{ alloc: 'x_alloc', free: 'x_free' }, { alloc: 'x_alloc', free: 'x_free_sync' }];
    expect(pairConflicts([
      { module: 'a', pairs: shared },
      { module: 'b', pairs: [...shared].reverse() },
      { module: 'c', pairs: [{ alloc: 'y_alloc', free: 'y_free' }, { alloc: 'y_alloc', free: 'y_put' }] },
      { module: 'd', pairs: [] },
    ])).toEqual([]);
  });

  it('names a superset as a disagreement too: the extra free passes for the other module\'s objects', () => {
    expect(pairConflicts([
      { module: 'a', pairs: [{ alloc: 'x_alloc', free: 'x_free' }, { alloc: 'x_alloc', free: 'x_free_sync' }] },
      { module: 'b', pairs: [{ alloc: 'x_alloc', free: 'x_free' }] },
    ])).toEqual([expect.stringMatching(/^modules of this run declare different frees for x_alloc \(x_free or x_free_sync in a, x_free in b\): /)]);
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
