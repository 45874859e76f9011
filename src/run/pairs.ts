import type { ApiPair } from '../match/api-table.js';
import { elfSectionBytes } from './elf.js';

// MODLEAK_PAIR(alloc, free) leaves "alloc free\0" strings in the .ko's .modleak_pairs
// section; we read the section and split it.

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
