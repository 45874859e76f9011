import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import { execCommand } from './exec.js';

// modleak's small C programs, compiled with the host's gcc once per source version and
// flags, and cached.

export interface HelperSource {
  source: string;
  flags: string[];
  /** What a failed compile most likely means. */
  hint: string;
}

export async function compiledHelper(helper: HelperSource, cacheDir: string): Promise<string> {
  const name = basename(helper.source, '.c');
  const hash = createHash('sha256').update(helper.flags.join(' ')).update(readFileSync(helper.source)).digest('hex').slice(0, 16);
  const dir = join(cacheDir, 'helpers');
  const bin = join(dir, `${name}-${hash}`);
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  const tmp = `${bin}.${process.pid}.tmp`;
  const r = await execCommand('gcc', [...helper.flags, '-o', tmp, helper.source], {}, 'Install it: apt-get install gcc libc6-dev.');
  if (r.code !== 0) {
    throw new Error(`could not compile ${helper.source} (${helper.hint}):\n${r.stderr.trim().split('\n').slice(0, 5).join('\n')}`);
  }
  renameSync(tmp, bin);
  return bin;
}
