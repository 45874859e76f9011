// Addresses as the header logs them (%px: hex, no 0x, lowercase). A key names an
// address uniquely whatever its leading zeros, and holds no memory of the log it was
// read from:
//   a 16-digit address starting with the run's usual 4-digit prefix (that of the first
//   such address not starting with 0: ffff, or ff1b... on a 5-level-paging kernel)
//     -> the number its last 12 digits spell (< 2^48, exact in a double: no string to
//        allocate or hash, the common case of a long log)
//   anything else -> "u" + hex without leading zeros

export type PtrKey = number | string;

/** The run's usual 4-digit prefix (as a little-endian word; 0 while unknown) and its address width (0 while unknown). */
export interface AddressLearning {
  prefixWord: number;
  width: number;
}

/** Odd-width addresses remembered as written (they are rare: each one got a warning). */
const MAX_ODD_WRITTEN = 10_000;

/** The value of each lowercase hex digit by character code, -1 for every other byte. */
const HEX_DIGIT = new Int8Array(256).fill(-1);
for (let c = 48; c <= 57; c++) HEX_DIGIT[c] = c - 48;
for (let c = 97; c <= 102; c++) HEX_DIGIT[c] = c - 87;

export class PointerKeys {
  private prefix: string | undefined;
  /** The prefix's 4 character codes, compared byte by byte on the fast path. */
  private p0 = -1;
  private p1 = -1;
  private p2 = -1;
  private p3 = -1;
  /** The prefix as a little-endian 32-bit word (0 before it is known: no 4 bytes read so match it). */
  private prefixWord = 0;
  /** How many digits %px prints on the run's kernel: 16, or 8 on a 32-bit one (0 until an address says). */
  private width = 0;

  key(ptr: string): PtrKey {
    if (this.width === 0 && (ptr.length === 8 || ptr.length === 16)) this.width = ptr.length;
    // Never a prefix starting with 0: those addresses take the zero-stripping path, so NULL stays "u0".
    if (ptr.length === 16 && ptr.charCodeAt(0) !== 48) {
      if (this.prefix === undefined) this.learn(ptr.charCodeAt(0), ptr.charCodeAt(1), ptr.charCodeAt(2), ptr.charCodeAt(3));
      if (ptr.charCodeAt(0) === this.p0 && ptr.charCodeAt(1) === this.p1 && ptr.charCodeAt(2) === this.p2 && ptr.charCodeAt(3) === this.p3) {
        const low = parseHexLow(ptr);
        if (low >= 0) return low;
      }
    }
    let i = 0;
    const last = ptr.length - 1;
    while (i < last && ptr.charCodeAt(i) === 48) i++;
    const joined = 'u' + ptr.slice(i);
    // Short strings are copied anyway; a longer concatenation is flattened into a fresh string.
    const key = joined.length < 13 ? joined : (joined + ' ').slice(0, -1);
    // An address of neither width (a character lost on the way) is shown as the log wrote it, so it can be found there.
    if (ptr.length !== 8 && ptr.length !== 16 && !this.oddWritten.has(key) && this.oddWritten.size < MAX_ODD_WRITTEN) this.oddWritten.set(key, ptr);
    return key;
  }

  /** Addresses of neither width, as the log wrote them, by key. */
  private readonly oddWritten = new Map<string, string>();

  /**
   * The key of the address in bytes[from, to), or undefined when that is not 1-16
   * lowercase hex digits (%px prints lowercase; the careful text path handles the rest).
   * Checks and converts in one pass, without making a string in the common case.
   */
  keyOfBytes(bytes: Uint8Array, from: number, to: number): PtrKey | undefined {
    const n = to - from;
    // Not the run's width (or, before one is known, neither 16 nor 8): the careful path reads it and says so.
    if (n < 1 || n > 16 || (this.width !== 0 ? n !== this.width : n !== 16 && n !== 8)) return undefined;
    if (n === 16 && bytes[from] !== 48) {
      if (this.prefix === undefined) {
        // All 16 digits, not only the prefix: the bytes may be "1000 64 drv.c:10", no address at all.
        if (!isLowerHex(bytes, from, to)) return undefined;
        this.learn(bytes[from]!, bytes[from + 1]!, bytes[from + 2]!, bytes[from + 3]!);
      }
      if (bytes[from] === this.p0 && bytes[from + 1] === this.p1 && bytes[from + 2] === this.p2 && bytes[from + 3] === this.p3) {
        let v = 0;
        for (let k = from + 4; k < to; k++) {
          const d = HEX_DIGIT[bytes[k]!]!;
          if (d < 0) return undefined;
          v = v * 16 + d;
        }
        return v;
      }
    }
    if (!isLowerHex(bytes, from, to)) return undefined;
    return this.key(String.fromCharCode.apply(null, bytes.subarray(from, to) as unknown as number[]));
  }

  /**
   * The key of a 16-digit address at view[from] with the run's usual prefix, read 4
   * digits at a time; -1 for anything else (then keyOfBytes decides).
   */
  keyOfUsual(view: DataView, from: number): number {
    if (view.getInt32(from, true) !== this.prefixWord) return -1;
    const high = hex4(view.getInt32(from + 4, true));
    const middle = hex4(view.getInt32(from + 8, true));
    const low = hex4(view.getInt32(from + 12, true));
    if ((high | middle | low) < 0) return -1;
    return high * 4294967296 + (((middle << 16) | low) >>> 0);
  }

  /** Whether another reader has learnt the same of the run's addresses (see learnt): then both give every address the same key. */
  hasLearnt(learnt: AddressLearning): boolean {
    return learnt.prefixWord === this.prefixWord && learnt.width === this.width;
  }

  /** What this reader has learnt of the run's addresses from the first ones it read. */
  get learnt(): AddressLearning {
    return { prefixWord: this.prefixWord, width: this.width };
  }

  /** How many hex digits the run's addresses have (16, or 8 on a 32-bit kernel; 0 until one says). */
  get digits(): number {
    return this.width;
  }

  /** The address as %px prints it (16 hex digits; 8 when the run's addresses have 8). */
  display(key: PtrKey): string {
    if (typeof key === 'number') return this.prefix + key.toString(16).padStart(12, '0');
    return this.oddWritten.get(key) ?? key.slice(1).padStart(this.width === 8 ? 8 : 16, '0');
  }

  value(key: PtrKey): bigint {
    return BigInt('0x' + this.display(key));
  }

  /**
   * How far `key` lies inside the object of `size` bytes at `start`, past its first byte;
   * -1 when it does not. Runs for every object a bad free is compared with: two number
   * keys (the common case) are compared as they are, two string keys as addresses; an
   * object at one kind of key cannot hold an address of the other (it would span 2^48 bytes).
   */
  offsetInside(key: PtrKey, start: PtrKey, size: number): number {
    if (typeof key === 'number') return typeof start === 'number' && key > start && key < start + size ? key - start : -1;
    if (typeof start === 'number') return -1;
    const address = this.value(key);
    const first = this.value(start);
    return address > first && address < first + BigInt(size) ? Number(address - first) : -1;
  }

  private learn(c0: number, c1: number, c2: number, c3: number): void {
    if (this.width === 0) this.width = 16;
    this.prefix = String.fromCharCode(c0, c1, c2, c3);
    this.p0 = c0;
    this.p1 = c1;
    this.p2 = c2;
    this.p3 = c3;
    this.prefixWord = (c0 | (c1 << 8) | (c2 << 16) | (c3 << 24)) | 0;
  }
}

/**
 * The value of 4 lowercase hex digits held in a little-endian 32-bit word (the first
 * digit in its low byte), or -1 when a byte is not one. All bytes at once: no byte's
 * arithmetic below can carry into the next.
 */
function hex4(word: number): number {
  const letters = (word >>> 6) & 0x01010101; // bit 6: 'a'-'f' (and other non-digits)
  const v = (word & 0x0f0f0f0f) + letters * 9; // each byte's digit value, if it is a digit
  const over9 = ((v + 0x06060606) >>> 4) & 0x01010101;
  // Valid exactly when every value is at most 15 and spells back to the same byte.
  if (((v + 0x70707070) & 0x80808080) !== 0 || v + 0x30303030 + over9 * 0x27 !== word) return -1;
  return ((v & 0xf) << 12) | (v & 0xf00) | ((v >>> 12) & 0xf0) | ((v >>> 24) & 0xf);
}

function isLowerHex(bytes: Uint8Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = bytes[k]!;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

/** The value of ptr's last 12 hex digits, or -1 when one is not a hex digit. */
function parseHexLow(ptr: string): number {
  let v = 0;
  for (let k = 4; k < 16; k++) {
    const c = ptr.charCodeAt(k);
    if (c >= 48 && c <= 57) v = v * 16 + (c - 48);
    else if (c >= 97 && c <= 102) v = v * 16 + (c - 87);
    else if (c >= 65 && c <= 70) v = v * 16 + (c - 55);
    else return -1;
  }
  return v;
}

export function isNullPtr(key: PtrKey): boolean {
  return key === 'u0';
}

/** What kmalloc(0) returns: never tracked, and freeing it is legal like NULL. */
export function isZeroSizePtr(key: PtrKey): boolean {
  return key === 'u10';
}
