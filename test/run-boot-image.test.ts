import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { testKernel } from './support/test-cache.js';
import { compressedKernel, pvhKernel } from '../src/run/boot-image.js';
import { hasPvhEntry } from '../src/run/elf.js';

// The uncompressed kernel QEMU starts under TCG: unpacked from Debian's real bzImages (LZ4
// in 6.1, zstd in 6.12), and hand-made images for what must fall back to the bzImage.

const freshCache = () => mkdtempSync(join(tmpdir(), 'modleak-pvh-'));

/** A bzImage header (boot protocol 2.15) around `payload`, as arch/x86/boot/tools/build.c lays it out. */
function fakeBzImage(payload: Buffer, opts: { version?: number; lengthOver?: number } = {}): Buffer {
  const setupSectors = 3;
  const header = Buffer.alloc((setupSectors + 1) * 512);
  header[0x1f1] = setupSectors;
  header.write('HdrS', 0x202, 'latin1');
  header.writeUInt16LE(opts.version ?? 0x20f, 0x206);
  const body = Buffer.concat([Buffer.alloc(0x100), payload]);
  header.writeUInt32LE(0x100, 0x248);
  header.writeUInt32LE(payload.length + (opts.lengthOver ?? 0), 0x24c);
  return Buffer.concat([header, body]);
}

const withSize = (compressed: Buffer, size: number) => {
  const tail = Buffer.alloc(4);
  tail.writeUInt32LE(size);
  return Buffer.concat([compressed, tail]);
};

describe.each([
  ['debian:6.1', '.lz4'],
  ['debian:6.12', '.zst'],
] as const)('%s', (kernel, suffix) => {
  it(`finds the ${suffix} kernel in the bzImage, unpacks it once to an ELF with a PVH entry, then reuses it`, async () => {
    const k = await testKernel(kernel);
    const payload = compressedKernel(readFileSync(k.image));
    expect(typeof payload).toBe('object');
    expect((payload as { suffix: string }).suffix).toBe(suffix);

    const cache = freshCache();
    const first = await pvhKernel(k.image, cache);
    expect(first.reason).toBeUndefined();
    expect(readFileSync(first.path!).subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    expect(readFileSync(first.path!).includes(Buffer.from(`Linux version ${k.release} `))).toBe(true);
    expect(hasPvhEntry(first.path!)).toBe(true);
    expect(await pvhKernel(k.image, cache)).toEqual(first);
  }, 120_000);
});

describe('what boots as the bzImage it is', () => {
  it('a file that is not a bzImage, or has an old boot protocol, or a payload out of range', () => {
    expect(compressedKernel(Buffer.from('#!/bin/sh\necho not a kernel\n'))).toBe('it is not a bzImage (no HdrS boot header)');
    expect(compressedKernel(fakeBzImage(gzipSync('x'), { version: 0x206 }))).toBe('its boot protocol 2.06 predates 2.08, which locates the compressed kernel');
    expect(compressedKernel(fakeBzImage(gzipSync('x'), { lengthOver: 1000 }))).toMatch(/^its payload \(offset 2304, \d+ bytes\) lies outside the \d+-byte file$/);
    expect(compressedKernel(fakeBzImage(withSize(Buffer.from('PK\x03\x04 zip?'), 10)))).toBe('its compressed kernel has an unknown format (starts with 504b0304)');
  });

  it('a kernel without CONFIG_PVH: unpacked, found to have no PVH note, and remembered', async () => {
    // A static ELF that is no kernel stands in for one built without CONFIG_PVH.
    const elf = readFileSync('/bin/busybox');
    expect(hasPvhEntry('/bin/busybox')).toBe(false);
    const cache = freshCache();
    const image = join(cache, 'bzImage-nopvh');
    writeFileSync(image, fakeBzImage(withSize(gzipSync(elf), elf.length)));
    expect(await pvhKernel(image, cache)).toEqual({ reason: 'the kernel has no PVH entry point (CONFIG_PVH is off)' });
    expect(readdirSync(join(cache, 'pvh'))).toEqual([expect.stringMatching(/^vmlinux-[0-9a-f]{16}\.none$/)]);
    expect(await pvhKernel(image, cache)).toEqual({ reason: 'the kernel has no PVH entry point (CONFIG_PVH is off)' });
  });

  it('a corrupt payload: the reason names the tool and the file, nothing is cached', async () => {
    const cache = freshCache();
    const image = join(cache, 'bzImage-corrupt');
    const gz = gzipSync(Buffer.alloc(100_000, 7));
    writeFileSync(image, fakeBzImage(withSize(Buffer.concat([gz.subarray(0, 20), Buffer.alloc(40, 0xff)]), 100_000)));
    const r = await pvhKernel(image, cache);
    expect(r.path).toBeUndefined();
    expect(r.reason).toMatch(new RegExp(`^could not unpack ${image}: gzip could not unpack `));
    expect(readdirSync(join(cache, 'pvh'))).toEqual([]);
  });

  it('a missing image: a reason, no exception', async () => {
    const r = await pvhKernel('/nonexistent/vmlinuz', freshCache());
    expect(r).toEqual({ reason: expect.stringMatching(/ENOENT.*'\/nonexistent\/vmlinuz'/) });
  });
});
