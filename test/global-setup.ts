import { resolveKernel } from '../src/run/kernel.js';
import { testCacheDir } from './support/test-cache.js';

// The kernel-backed tests of every file share Debian's 6.1 and 6.12 kernels. Fetching them
// here, once and before any worker starts, keeps test files from racing each other into
// apt-get (dpkg's lock) and means a fresh machine needs nothing prepared by hand.
export default async function setup(): Promise<void> {
  const cacheDir = testCacheDir();
  for (const kernel of ['debian:6.1', 'debian:6.12']) {
    const info = await resolveKernel({ kernel, cacheDir, progress: (m) => process.stderr.write(`[kernels] ${m}\n`) });
    process.stderr.write(`[kernels] ${kernel}: ${info.release} (build dir ${info.buildDir})\n`);
  }
}
