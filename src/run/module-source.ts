import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

// What the guest's boot must keep for this module, read from its sources before the
// build (the guest boots while the module builds, so the .ko is not there yet).

const CRYPTO_REGISTRATION = /\b(?:crypto_(?:engine_)?register_|simd_register_)\w*\s*\(/;
const MAX_SOURCE_BYTES = 8 * 1024 * 1024;

/** True when a .c or .h file under `moduleDir` registers a crypto algorithm, template or engine. */
export function registersCryptoAlgorithms(moduleDir: string): boolean {
  let entries: string[];
  try {
    entries = readdirSync(moduleDir, { recursive: true, encoding: 'utf8' });
  } catch {
    return false;
  }
  return entries.some((rel) => {
    if (!/\.[ch]$/.test(rel) || rel.split('/').some((part) => part.startsWith('.'))) return false;
    const path = join(moduleDir, rel);
    try {
      return statSync(path).size <= MAX_SOURCE_BYTES && CRYPTO_REGISTRATION.test(readFileSync(path, 'latin1'));
    } catch {
      return false;
    }
  });
}
