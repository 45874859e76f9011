import type { ApiPair } from '../match/api-table.js';
import { elfSectionBytes } from './elf.js';

// MODLEAK_DECLARE_PAIR(alloc, free) leaves "alloc free\0" strings in the .ko's
// .modleak_pairs section; we read the section and split it.

export function parsePairSection(bytes: Buffer): ApiPair[] {
  const pairs: ApiPair[] = [];
  for (const entry of bytes.toString('latin1').split('\0')) {
    const [alloc, free, ...rest] = entry.trim().split(/\s+/);
    if (alloc && free && rest.length === 0 && !pairs.some((p) => p.alloc === alloc && p.free === free)) pairs.push({ alloc, free });
  }
  return pairs;
}

export function readModulePairs(ko: string): ApiPair[] {
  const bytes = elfSectionBytes(ko, '.modleak_pairs');
  return bytes ? parsePairSection(bytes) : [];
}

/**
 * An allocator that modules of a run declare with different frees: the pairs apply to
 * every module alike, so one module's free passes for the other's objects. Said in a
 * warning, one per allocator.
 */
export function pairConflicts(declared: ReadonlyArray<{ module: string; pairs: readonly ApiPair[] }>): string[] {
  const byAlloc = new Map<string, Map<string, string[]>>();
  for (const { module, pairs } of declared) {
    for (const { alloc, free } of pairs) {
      const frees = byAlloc.get(alloc) ?? new Map<string, string[]>();
      const own = frees.get(module) ?? [];
      if (!own.includes(free)) own.push(free);
      frees.set(module, own);
      byAlloc.set(alloc, frees);
    }
  }
  const warnings: string[] = [];
  for (const [alloc, frees] of byAlloc) {
    const sets = [...frees.values()].map((f) => [...f].sort().join(' '));
    if (new Set(sets).size < 2) continue;
    const each = [...frees].map(([module, f]) => `${f.join(' or ')} in ${module}`).join(', ');
    warnings.push(`modules of this run declare different frees for ${alloc} (${each}): declared pairs apply to every module of a run, so each of these frees is accepted for every module's ${alloc} objects, and a module freeing with another's function is not flagged`);
  }
  return warnings;
}
