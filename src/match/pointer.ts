// Addresses as the header logs them (%px: hex, no 0x). Keys drop leading zeros and
// case so `0000ffff...` and `ffff...` name the same object.

/** What kmalloc(0) returns: never tracked, and freeing it is legal like NULL. */
const ZERO_SIZE_PTR_KEY = '10';

export function ptrKey(ptr: string): string {
  let i = 0;
  const last = ptr.length - 1;
  while (i < last && ptr.charCodeAt(i) === 48) i++;
  return (i === 0 ? ptr : ptr.slice(i)).toLowerCase();
}

export function isNullPtr(key: string): boolean {
  return key === '0';
}

export function isZeroSizePtr(key: string): boolean {
  return key === ZERO_SIZE_PTR_KEY;
}

export function ptrValue(key: string): bigint {
  return BigInt('0x' + key);
}
