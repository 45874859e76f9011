import { guestHelperSourcePath } from '../paths.js';
import { compiledHelper } from './compiled-helper.js';

/** The guest helper (record streamer, payload receiver, insmod), a static binary for the guest. */
export function guestHelperBinary(cacheDir: string): Promise<string> {
  return compiledHelper({ source: guestHelperSourcePath(), flags: ['-static', '-O2', '-s'], hint: 'gcc -static needs libc6-dev\'s libc.a' }, cacheDir);
}
