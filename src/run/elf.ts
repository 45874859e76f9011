import { closeSync, openSync, readSync } from 'node:fs';

export const EM_X86_64 = 62;
const NAMES: Record<number, string> = { 3: 'i386', 8: 'MIPS', 20: 'PowerPC', 21: 'PowerPC64', 22: 's390', 40: 'ARM', 62: 'x86_64', 183: 'AArch64 (arm64)', 243: 'RISC-V' };

/** e_machine of an ELF file; undefined when the file is not ELF. */
export function elfMachine(path: string): { code: number; name: string } | undefined {
  const fd = openSync(path, 'r');
  try {
    const h = Buffer.alloc(20);
    if (readSync(fd, h, 0, 20, 0) < 20 || h.toString('latin1', 0, 4) !== '\x7fELF') return undefined;
    const code = h[5] === 2 ? h.readUInt16BE(18) : h.readUInt16LE(18);
    return { code, name: NAMES[code] ?? `ELF machine ${code}` };
  } finally {
    closeSync(fd);
  }
}

interface SectionHeader {
  name: string;
  offset: number;
  size: number;
}

/** A 64-bit little-endian ELF file's section headers (a .ko is a relocatable object), or undefined when the file is not one. */
function sectionHeaders(fd: number): SectionHeader[] | undefined {
  const h = Buffer.alloc(64);
  if (readSync(fd, h, 0, 64, 0) < 64 || h.toString('latin1', 0, 4) !== '\x7fELF' || h[4] !== 2 || h[5] !== 1) return undefined;
  const shoff = Number(h.readBigUInt64LE(40));
  const entrySize = h.readUInt16LE(58);
  const count = h.readUInt16LE(60);
  const namesIndex = h.readUInt16LE(62);
  if (shoff === 0 || entrySize < 64 || namesIndex >= count) return [];
  const table = Buffer.alloc(entrySize * count);
  readSync(fd, table, 0, table.length, shoff);
  const field = (i: number, at: number) => Number(table.readBigUInt64LE(i * entrySize + at));
  const names = Buffer.alloc(Math.min(field(namesIndex, 32), 16 << 20));
  readSync(fd, names, 0, names.length, field(namesIndex, 24));
  const headers: SectionHeader[] = [];
  for (let i = 0; i < count; i++) {
    const start = table.readUInt32LE(i * entrySize);
    const end = names.indexOf(0, start);
    const name = start < names.length ? names.toString('latin1', start, end < 0 ? names.length : end) : '';
    headers.push({ name, offset: field(i, 24), size: field(i, 32) });
  }
  return headers;
}

/** The bytes of an ELF64 file's section `name` (at most 16 MiB); undefined when it has none or is not ELF64 little-endian. */
export function elfSectionBytes(path: string, name: string): Buffer | undefined {
  const fd = openSync(path, 'r');
  try {
    const section = sectionHeaders(fd)?.find((s) => s.name === name);
    if (!section) return undefined;
    const bytes = Buffer.alloc(Math.min(section.size, 16 << 20));
    const got = readSync(fd, bytes, 0, bytes.length, section.offset);
    return bytes.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

interface ProgramHeaders {
  /** The table as read (zeros past the end of a truncated file). */
  table: Buffer;
  entrySize: number;
  count: number;
  littleEndian: boolean;
}

/** A 64-bit ELF file's program header table (read as little-endian), or undefined when the file is not ELF64. */
function programHeaders(fd: number): ProgramHeaders | undefined {
  const h = Buffer.alloc(64);
  readSync(fd, h, 0, 64, 0);
  if (h.toString('latin1', 0, 4) !== '\x7fELF' || h[4] !== 2) return undefined;
  const phoff = Number(h.readBigUInt64LE(32));
  const entrySize = h.readUInt16LE(54);
  const count = h.readUInt16LE(56);
  const table = Buffer.alloc(entrySize * count);
  readSync(fd, table, 0, table.length, phoff);
  return { table, entrySize, count, littleEndian: h[5] === 1 };
}

/** True when an ELF executable has no PT_INTERP (needs no dynamic loader). */
export function isStaticExecutable(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const ph = programHeaders(fd);
    if (!ph) return false;
    for (let i = 0; i < ph.count; i++) if (ph.table.readUInt32LE(i * ph.entrySize) === 3) return false;
    return true;
  } finally {
    closeSync(fd);
  }
}

const PT_NOTE = 4;
const XEN_ELFNOTE_PHYS32_ENTRY = 18;

/**
 * True when a 64-bit ELF kernel has a PVH entry point (the "Xen" note PHYS32_ENTRY,
 * CONFIG_PVH), which lets QEMU start it directly, without a bzImage's decompressor.
 */
export function hasPvhEntry(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const ph = programHeaders(fd);
    if (!ph?.littleEndian) return false;
    for (let i = 0; i < ph.count; i++) {
      const at = i * ph.entrySize;
      if (ph.table.readUInt32LE(at) !== PT_NOTE) continue;
      const size = Math.min(Number(ph.table.readBigUInt64LE(at + 32)), 1 << 20);
      const notes = Buffer.alloc(size);
      const got = readSync(fd, notes, 0, size, Number(ph.table.readBigUInt64LE(at + 8)));
      for (let n = 0; n + 12 <= got; ) {
        const namesz = notes.readUInt32LE(n);
        const descsz = notes.readUInt32LE(n + 4);
        const type = notes.readUInt32LE(n + 8);
        const name = notes.toString('latin1', n + 12, n + 12 + Math.max(0, namesz - 1));
        if (name === 'Xen' && type === XEN_ELFNOTE_PHYS32_ENTRY) return true;
        n += 12 + align4(namesz) + align4(descsz);
      }
    }
    return false;
  } finally {
    closeSync(fd);
  }
}

const align4 = (n: number) => (n + 3) & ~3;
