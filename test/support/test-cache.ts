import { defaultCacheDir } from '../../src/cli/run-command.js';
import { resolveKernel, type KernelInfo } from '../../src/run/kernel.js';

/** The cache every kernel-backed test uses: MODLEAK_TEST_CACHE, else the CLI's own default. */
export function testCacheDir(): string {
  return process.env.MODLEAK_TEST_CACHE ?? defaultCacheDir();
}

/** Debian's kernel of that series, as test/global-setup.ts fetched it (no release is hard-coded: apt moves on). */
export function testKernel(kernel: 'debian:6.1' | 'debian:6.12'): Promise<KernelInfo> {
  return resolveKernel({ kernel, cacheDir: testCacheDir(), progress: () => undefined });
}
