import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testCacheDir, testKernel } from './support/test-cache.js';
import { buildDirRelease, checkSameRelease, imageRelease, resolveKernel } from '../src/run/kernel.js';

// Real Debian kernels through apt, cached in the same directory the CLI uses.
const cacheDir = testCacheDir();
const progress = () => undefined;

describe.each([
  ['debian:6.1', /^6\.1\.0-\d+-cloud-amd64$/],
  ['debian:6.12', /^6\.12\.\d+\+deb12-cloud-amd64$/],
])('kernel provider %s', (kernel, releasePattern) => {
  it('yields an unpacked image, its matching headers and a modules tree with modules.dep', async () => {
    const k = await resolveKernel({ kernel, cacheDir, progress });
    expect(k.release).toMatch(releasePattern);
    expect(imageRelease(k.image)).toBe(k.release);
    expect(buildDirRelease(k.buildDir)).toBe(k.release);
    expect(k.modulesDir).toBe(join(cacheDir, 'kernels', k.release, 'root', 'lib', 'modules', k.release));
    expect(k.origin).toBe(kernel);
    // A second call answers from the cache (no apt-cache) with the same kernel.
    const messages: string[] = [];
    const again = await resolveKernel({ kernel, cacheDir, progress: (m) => messages.push(m) });
    expect(again).toEqual(k);
    expect(messages).toEqual([`kernel: Debian ${k.release} (cached)`]);
  }, 600_000);
});

describe('auto', () => {
  it("takes the running kernel's own image, headers and modules when they are installed (as on GitHub's Ubuntu runners)", async () => {
    // Installing Debian's 6.12 headers pulled its image package in: /boot and /lib/modules have it,
    // so it stands in for the runner's kernel.
    const { release } = await testKernel('debian:6.12');
    const messages: string[] = [];
    const k = await resolveKernel({ kernel: 'auto', hostRelease: release, cacheDir, progress: (m) => messages.push(m) });
    expect(k).toEqual({ release, image: `/boot/vmlinuz-${release}`, buildDir: `/lib/modules/${release}/build`, modulesDir: `/lib/modules/${release}`, origin: 'host' });
    expect(messages).toEqual([`kernel: the host's own ${release}`]);
  });

  it("falls back to Debian's 6.1 cloud kernel when the running kernel's files are not there", async () => {
    const k = await resolveKernel({ kernel: 'auto', hostRelease: '6.18.44-not-installed', cacheDir, progress });
    expect(k).toEqual(await testKernel('debian:6.1'));
  });
});

describe('user kernels (bad input)', () => {
  it('refuses an image and a build dir of different releases, naming both', async () => {
    const k61 = await testKernel('debian:6.1');
    const k612 = await testKernel('debian:6.12');
    const build612 = k612.buildDir;
    const msg = `the kernel image ${k61.image} is release ${k61.release} but the build directory ${build612} is release ${k612.release}`;
    expect(() => checkSameRelease(k61.image, build612)).toThrow(msg);
    await expect(resolveKernel({ kernel: 'auto', kernelImage: k61.image, kernelBuildDir: build612, cacheDir, progress })).rejects.toThrow(msg);
  }, 600_000);

  it('accepts a matching pair and finds its installed modules', async () => {
    // Installing Debian's 6.12 headers pulls its image package in: /boot and /lib/modules have it.
    const { release } = await testKernel('debian:6.12');
    const k = await resolveKernel({ kernel: 'auto', kernelImage: `/boot/vmlinuz-${release}`, kernelBuildDir: `/lib/modules/${release}/build`, cacheDir, progress });
    expect(k).toEqual({
      release,
      image: `/boot/vmlinuz-${release}`,
      buildDir: `/lib/modules/${release}/build`,
      modulesDir: `/lib/modules/${release}`,
      origin: 'user',
    });
  });

  it('wants both halves of a user kernel', async () => {
    const k = await testKernel('debian:6.12');
    await expect(resolveKernel({ kernel: 'auto', kernelImage: k.image, cacheDir, progress })).rejects.toThrow('--kernel-image and --kernel-build-dir go together (got only --kernel-image)');
  });

  it('says a file that is not a bzImage is not one', () => {
    const f = join(mkdtempSync(join(tmpdir(), 'modleak-kernel-test-')), 'vmlinux');
    writeFileSync(f, Buffer.alloc(4096, 0x41));
    expect(() => imageRelease(f)).toThrow(`${f} is not an x86 bzImage (no "HdrS" setup header at 0x202)`);
  });

  it('names an unknown --kernel and the accepted ones', async () => {
    await expect(resolveKernel({ kernel: 'debian:5.10', cacheDir, progress })).rejects.toThrow('--kernel debian:5.10 is not a kernel modleak knows; expected one of auto, debian:6.1, debian:6.12');
  });
});
