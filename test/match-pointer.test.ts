import { describe, expect, it } from 'vitest';
import { isNullPtr, isZeroSizePtr, PointerKeys } from '../src/match/pointer.js';

// One key per address whatever its spelling. Keys are made two ways from a log's bytes:
// byte by byte (keyOfBytes, any address) and 4 digits at a time (keyOfUsual, the common
// 16-digit address): both must give the same key, and the fast one must decline whatever
// is not 12 lowercase hex digits after the usual prefix.

function usual(keys: PointerKeys, text: string): number {
  const bytes = Buffer.from(text, 'latin1');
  return keys.keyOfUsual(new DataView(bytes.buffer, bytes.byteOffset, bytes.length), 0);
}

function bytewise(keys: PointerKeys, text: string) {
  const bytes = Buffer.from(text, 'latin1');
  return keys.keyOfBytes(bytes, 0, bytes.length);
}

describe('PointerKeys', () => {
  it('one key per address whatever its spelling; NULL and ZERO_SIZE_PTR recognised before and after a prefix is learnt', () => {
    const keys = new PointerKeys();
    expect(isNullPtr(keys.key('0000000000000000'))).toBe(true);
    expect(isZeroSizePtr(keys.key('0000000000000010'))).toBe(true);
    const a = keys.key('ff1b686c25dc1760');
    expect(keys.key('ff1b686c25dc1760')).toBe(a);
    expect(keys.display(a)).toBe('ff1b686c25dc1760');
    const other = keys.key('ffff888003a1b200');
    expect(other).not.toBe(keys.key('ff1b888003a1b200'));
    expect(keys.display(other)).toBe('ffff888003a1b200');
    expect(keys.key('1000')).toBe(keys.key('0000000000001000'));
    // An address of neither width is shown as the log wrote it (the first spelling seen).
    expect(keys.display(keys.key('1000'))).toBe('1000');
    // A 12-digit address never collides with a prefixed 16-digit one sharing its last 12 digits.
    expect(keys.key('686c25dc1760')).not.toBe(a);
    expect(isNullPtr(keys.key('0'))).toBe(true);
    expect(keys.value(a)).toBe(0xff1b686c25dc1760n);
  });

  it('spells addresses back with as many digits as the run\'s kernel prints: 8 on a 32-bit one', () => {
    const narrow = new PointerKeys();
    const a = bytewise(narrow, 'c5a1b240')!;
    expect(narrow.display(a)).toBe('c5a1b240');
    expect(isZeroSizePtr(narrow.key('00000010'))).toBe(true);
    expect(narrow.display(narrow.key('00000010'))).toBe('00000010');
    expect(narrow.display(narrow.key('0003f000'))).toBe('0003f000');
    // A 64-bit run stays 16 digits, whichever way its first address was read.
    for (const first of ['0000000000000000', 'ffff888003a1b200']) {
      const wide = new PointerKeys();
      bytewise(wide, first);
      expect(wide.display(wide.key('00000010'))).toBe('0000000000000010');
    }
  });

  it('learns the prefix and width only from 16 hex digits, not from a short address and the fields after it', () => {
    const keys = new PointerKeys();
    const line = Buffer.from('1000 64 drv.c:10 drv_probe');
    // The 16 bytes from the address on are "1000 64 drv.c:10": not an address.
    expect(keys.keyOfBytes(line, 0, 16)).toBeUndefined();
    expect(keys.digits).toBe(0);
    // A 4-digit address before the width is known: left to the careful path, which judges its width once known.
    expect(keys.keyOfBytes(line, 0, 4)).toBeUndefined();
    expect(keys.display(keys.key('1000'))).toBe('1000');
    expect(keys.digits).toBe(0);
  });

  it('reads the usual 16-digit address 4 digits at a time exactly as byte by byte, and declines any other byte in any place', () => {
    const keys = new PointerKeys();
    expect(usual(keys, 'ffff888003a1b200')).toBe(-1); // the prefix is not known yet
    expect(bytewise(keys, 'ffff888003a1b200')).toBe(0x888003a1b200);
    const base = 'ffff888003a1b2c0';
    let compared = 0;
    for (let place = 4; place < 16; place++) {
      for (let byte = 0; byte < 256; byte++) {
        const text = base.slice(0, place) + String.fromCharCode(byte) + base.slice(place + 1);
        const isDigit = /^[0-9a-f]$/.test(String.fromCharCode(byte));
        const key = bytewise(keys, text);
        expect(usual(keys, text), text).toBe(isDigit ? key : -1);
        if (isDigit) expect(typeof key, text).toBe('number');
        compared++;
      }
    }
    expect(compared).toBe(12 * 256);
    for (const text of ['ffffffffffffffff', 'ffff000000000000', 'ffff7fffffffffff', 'ffff800000000001']) {
      expect(usual(keys, text), text).toBe(Number.parseInt(text.slice(4), 16));
    }
  });

  it('declines another prefix, so that address keeps its own key', () => {
    const keys = new PointerKeys();
    bytewise(keys, 'ffff888003a1b200');
    expect(usual(keys, 'ff1b888003a1b200')).toBe(-1);
    expect(bytewise(keys, 'ff1b888003a1b200')).toBe('uff1b888003a1b200');
  });
});

describe('PointerKeys.offsetInside', () => {
  it('is the distance past an object\'s first byte, -1 at its start, past its end, or across the two kinds of key', () => {
    const keys = new PointerKeys();
    const a = keys.key('ffff888003a1b200') as number;
    const b = keys.key('ffff888003a1b240') as number;
    expect([keys.offsetInside(b, a, 0x41), keys.offsetInside(b, a, 0x40), keys.offsetInside(a, a, 0x40)]).toEqual([0x40, -1, -1]);
    const low = keys.key('0000000000001000');
    expect(typeof low).toBe('string');
    expect(keys.offsetInside(keys.key('0000000000001008'), low, 16)).toBe(8);
    expect(keys.offsetInside(keys.key('0000000000001010'), low, 16)).toBe(-1);
    expect([keys.offsetInside(a, low, 2 ** 53), keys.offsetInside(low, a, 2 ** 53)]).toEqual([-1, -1]);
  });
});
