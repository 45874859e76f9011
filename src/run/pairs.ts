import { existsSync, readFileSync, rmSync } from 'node:fs';
import type { ApiPair } from '../match/api-table.js';
import { execCommand } from './exec.js';

// MODLEAK_PAIR(alloc, free) leaves "alloc free\0" strings in the .ko's .modleak_pairs
// section; objcopy cuts the section out and we split it.

export function parsePairSection(bytes: Buffer): ApiPair[] {
  const pairs: ApiPair[] = [];
  for (const entry of bytes.toString('latin1').split('\0')) {
    const [alloc, free, ...rest] = entry.trim().split(/\s+/);
    if (alloc && free && rest.length === 0 && !pairs.some((p) => p.alloc === alloc && p.free === free)) pairs.push({ alloc, free });
  }
  return pairs;
}

export async function readModulePairs(ko: string, scratch: string): Promise<ApiPair[]> {
  rmSync(scratch, { force: true });
  const r = await execCommand('objcopy', ['-O', 'binary', '--only-section=.modleak_pairs', ko, scratch], {}, 'Install it: apt-get install binutils.');
  if (r.code !== 0 || !existsSync(scratch)) return [];
  const pairs = parsePairSection(readFileSync(scratch));
  rmSync(scratch, { force: true });
  return pairs;
}
