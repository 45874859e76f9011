import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandNotFoundError } from './exec.js';
import { decompressInPlace } from './decompress.js';
import { hasPvhEntry } from './elf.js';

// Under emulation a bzImage spends a good part of its boot decompressing itself: ~0.3 s
// for Debian 6.1's LZ4, ~1.5 s for 6.12's zstd. A kernel built with CONFIG_PVH (Debian's
// and Ubuntu's are) can instead be started by QEMU as the ELF inside the bzImage, which
// is unpacked here once, on the host, and cached next to the downloads.

const LAYOUT_VERSION = '1';

/** The compressions a bzImage's payload can have (arch/x86/boot/compressed), by magic. */
const FORMATS: { magic: number[]; suffix: string }[] = [
  { magic: [0x1f, 0x8b], suffix: '.gz' },
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], suffix: '.xz' },
  { magic: [0x5d, 0x00, 0x00], suffix: '.lzma' },
  { magic: [0x42, 0x5a, 0x68], suffix: '.bz2' },
  { magic: [0x02, 0x21, 0x4c, 0x18], suffix: '.lz4' },
  { magic: [0x28, 0xb5, 0x2f, 0xfd], suffix: '.zst' },
];

export interface PvhKernel {
  /** The uncompressed kernel QEMU can start directly; absent when it cannot. */
  path?: string;
  /** Why the bzImage has to boot as it is. */
  reason?: string;
}

/** Never throws: a kernel that cannot be unpacked simply boots as the bzImage it is. */
export async function pvhKernel(image: string, cacheDir: string): Promise<PvhKernel> {
  let elf: string;
  let none: string;
  try {
    const st = statSync(image);
    const key = createHash('sha256').update([LAYOUT_VERSION, realpathSync(image), st.size, st.mtimeMs].join('\n')).digest('hex').slice(0, 16);
    const dir = join(cacheDir, 'pvh');
    mkdirSync(dir, { recursive: true });
    elf = join(dir, `vmlinux-${key}`);
    none = `${elf}.none`;
  } catch (e) {
    return { reason: (e as Error).message };
  }
  if (existsSync(elf)) return { path: elf };
  if (existsSync(none)) return { reason: readFileSync(none, 'utf8').trim() };

  const tmp = `${elf}.${process.pid}.tmp`;
  try {
    const payload = compressedKernel(readFileSync(image));
    if (typeof payload === 'string') return remember(none, payload);
    writeFileSync(tmp + payload.suffix, payload.data);
    await decompressInPlace(tmp + payload.suffix);
    if (!hasPvhEntry(tmp)) return remember(none, 'the kernel has no PVH entry point (CONFIG_PVH is off)');
    renameSync(tmp, elf);
    return { path: elf };
  } catch (e) {
    // A missing tool is not remembered: installing it makes the next run faster.
    const reason = e instanceof CommandNotFoundError ? e.message : `could not unpack ${image}: ${(e as Error).message}`;
    return { reason };
  } finally {
    for (const f of FORMATS) rmSync(tmp + f.suffix, { force: true });
    rmSync(tmp, { force: true });
  }
}

/** The compressed kernel inside a bzImage (boot protocol >= 2.08), or why there is none. */
export function compressedKernel(bz: Buffer): { data: Buffer; suffix: string } | string {
  if (bz.length < 0x250 || bz.toString('latin1', 0x202, 0x206) !== 'HdrS') return 'it is not a bzImage (no HdrS boot header)';
  const version = bz.readUInt16LE(0x206);
  if (version < 0x208) return `its boot protocol ${version >> 8}.${(version & 0xff).toString().padStart(2, '0')} predates 2.08, which locates the compressed kernel`;
  const setupSectors = bz[0x1f1] || 4;
  const start = (setupSectors + 1) * 512 + bz.readUInt32LE(0x248);
  const length = bz.readUInt32LE(0x24c);
  if (length <= 4 || start + length > bz.length) return `its payload (offset ${start}, ${length} bytes) lies outside the ${bz.length}-byte file`;
  // The build appends the uncompressed size (4 bytes) to the compressed stream.
  const data = bz.subarray(start, start + length - 4);
  const format = FORMATS.find((f) => f.magic.every((b, i) => data[i] === b));
  if (!format) return `its compressed kernel has an unknown format (starts with ${data.subarray(0, 4).toString('hex')})`;
  return { data, suffix: format.suffix };
}

function remember(file: string, reason: string): PvhKernel {
  writeFileSync(file, `${reason}\n`);
  return { reason };
}
