// Addresses as the header logs them (%px: hex, no 0x, lowercase). A key names an
// address uniquely whatever its leading zeros, and is built so that it does not keep
// the log chunk it was read from alive (a V8 substring of 13+ characters would):
//   a 16-digit address starting with the run's usual 4-digit prefix (that of the first
//   such address not starting with 0: ffff, or ff1b... on a 5-level-paging kernel) -> its last 12 digits (copied)
//   anything else -> "u" + hex without leading zeros

export class PointerKeys {
  private prefix: string | undefined;

  key(ptr: string): string {
    // Never a prefix starting with 0: those addresses take the zero-stripping path, so NULL stays "u0".
    if (ptr.length === 16 && ptr.charCodeAt(0) !== 48) {
      if (this.prefix === undefined) this.prefix = (' ' + ptr.slice(0, 4)).slice(1);
      const p = this.prefix;
      if (ptr.charCodeAt(0) === p.charCodeAt(0) && ptr.charCodeAt(1) === p.charCodeAt(1) && ptr.charCodeAt(2) === p.charCodeAt(2) && ptr.charCodeAt(3) === p.charCodeAt(3)) {
        return ptr.slice(4);
      }
    }
    let i = 0;
    const last = ptr.length - 1;
    while (i < last && ptr.charCodeAt(i) === 48) i++;
    const key = 'u' + ptr.slice(i);
    // Short strings are copied anyway; a longer concatenation is flattened into a fresh string.
    return key.length < 13 ? key : (key + ' ').slice(0, -1);
  }

  /** The address as %px prints it (16 hex digits). */
  display(key: string): string {
    return key.charCodeAt(0) === 117 /* u */ ? key.slice(1).padStart(16, '0') : this.prefix + key;
  }

  value(key: string): bigint {
    return BigInt('0x' + this.display(key));
  }
}

export function isNullPtr(key: string): boolean {
  return key === 'u0';
}

/** What kmalloc(0) returns: never tracked, and freeing it is legal like NULL. */
export function isZeroSizePtr(key: string): boolean {
  return key === 'u10';
}
