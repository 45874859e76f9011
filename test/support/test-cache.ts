import { defaultCacheDir } from '../../src/cli/run-command.js';

/** The cache every kernel-backed test uses: MODLEAK_TEST_CACHE, else the CLI's own default. */
export function testCacheDir(): string {
  return process.env.MODLEAK_TEST_CACHE ?? defaultCacheDir();
}
