import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { guestHelperSourcePath } from '../paths.js';
import { execCommand } from './exec.js';

/** The guest helper (record streamer, payload receiver, insmod), compiled static once per source version and cached. */
export async function guestHelperBinary(cacheDir: string): Promise<string> {
  const src = guestHelperSourcePath();
  const flags = ['-static', '-O2', '-s'];
  const hash = createHash('sha256').update(flags.join(' ')).update(readFileSync(src)).digest('hex').slice(0, 16);
  const dir = join(cacheDir, 'streamer');
  const bin = join(dir, `modleak-guest-${hash}`);
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  const tmp = `${bin}.${process.pid}.tmp`;
  const r = await execCommand('gcc', [...flags, '-o', tmp, src], {}, 'Install it: apt-get install gcc libc6-dev.');
  if (r.code !== 0) {
    throw new Error(`could not compile the guest helper (gcc -static needs libc6-dev's libc.a):\n${r.stderr.trim().split('\n').slice(0, 5).join('\n')}`);
  }
  renameSync(tmp, bin);
  return bin;
}
