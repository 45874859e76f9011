import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LiveSet, type LiveObject } from '../src/match/live-set.js';
import { PointerKeys, type PtrKey } from '../src/match/pointer.js';

const sites = [{ file: 'a.c', line: 1, function: 'f' }, { file: 'b.c', line: 2, function: 'g' }];

/** A distinct object per n, with and without a kmsg sequence number. */
function object(key: PtrKey, n: number): LiveObject {
  return { type: 'alloc', module: `m${n % 3}`, logLine: n, seq: n % 2 === 0 ? n * 7 : undefined, api: n % 2 ? 'kmalloc' : 'vmalloc', ptr: key, size: n * 3, site: sites[n % 2]! };
}

describe('LiveSet', () => {
  it('behaves like a Map (contents and first-insertion order) under random set/swap/take/delete, across growth', () => {
    const keyArb = fc.oneof(
      fc.integer({ min: 0, max: 300 }).map((n) => 0x888003a00000 + n * 64),
      fc.integer({ min: 0, max: 2 ** 48 - 1 }),
      fc.constantFrom('u0', 'u10', 'u1234', 'uffff'),
    );
    const opArb = fc.tuple(fc.constantFrom('set', 'set', 'swap', 'delete', 'take', 'get'), keyArb, fc.nat());
    fc.assert(fc.property(fc.array(opArb, { maxLength: 3000 }), (ops) => {
      const ours = new LiveSet();
      const map = new Map<PtrKey, LiveObject>();
      for (const [op, key, n] of ops) {
        const value = object(key, n);
        if (op === 'set') {
          ours.set(key, value);
          map.set(key, value);
        } else if (op === 'swap') {
          expect(ours.swap(key, value)).toEqual(map.get(key));
          map.set(key, value);
        } else if (op === 'take') {
          expect(ours.take(key)).toEqual(map.get(key));
          map.delete(key);
        } else if (op === 'delete') {
          expect(ours.delete(key)).toBe(map.delete(key));
        } else {
          expect(ours.get(key)).toEqual(map.get(key));
        }
        expect(ours.size).toBe(map.size);
      }
      for (const key of map.keys()) expect(ours.get(key)).toEqual(map.get(key));
      expect(ours.takeModule(undefined)).toEqual([...map.entries()]);
      expect(ours.size).toBe(0);
    }), { numRuns: 200 });
  });

  it('keeps every object through growth and deletions of most of them (sequential addresses, as slabs hand them out)', () => {
    const ours = new LiveSet();
    const map = new Map<number, LiveObject>();
    for (let i = 0; i < 20_000; i++) {
      const key = 0x888003a00000 + i * 64;
      ours.set(key, object(key, i));
      map.set(key, object(key, i));
      if (i % 3 !== 0) {
        const gone = 0x888003a00000 + Math.floor(i * 0.7) * 64;
        expect(ours.delete(gone)).toBe(map.delete(gone));
      }
    }
    expect(ours.size).toBe(map.size);
    expect(ours.takeModule(undefined)).toEqual([...map.entries()]);
  });
});

describe('LiveSet.findContaining', () => {
  // Number keys are the last 12 digits of addresses starting ffff; string keys the others ('u' + hex).
  const pointers = new PointerKeys();
  pointers.key('ffff888003a00000');

  it('finds the object an address falls inside (past its start, before its end) among number and string keys', () => {
    const set = new LiveSet();
    const a = 0x888003a00000;
    set.set(a, { ...object(a, 1), size: 64 });
    set.set('u1000', { ...object('u1000', 2), size: 32 });
    for (let n = 0; n < 2000; n++) set.set(0x888100000000 + n * 4096, { ...object(0, n), size: 100 });
    expect(set.findContaining(a + 16, pointers)).toMatchObject({ object: { ptr: a, size: 64 }, offset: 16 });
    expect(set.findContaining(a + 63, pointers)?.offset).toBe(63);
    expect(set.findContaining(a, pointers)).toBeUndefined(); // its start: a free of the object itself, not an interior pointer
    expect(set.findContaining(a + 64, pointers)).toBeUndefined(); // one past its end
    expect(set.findContaining(0x888100000000 + 1999 * 4096 + 99, pointers)).toMatchObject({ offset: 99 });
    expect(set.findContaining('u1008', pointers)).toMatchObject({ object: { ptr: 'u1000' }, offset: 8 });
    expect(set.findContaining('u1020', pointers)).toBeUndefined();
  });
});

describe('LiveSet.takeModule', () => {
  it('removes one module\'s objects and returns them in first-insertion order, number and string keys alike; the others stay', () => {
    const set = new LiveSet();
    const keys: PtrKey[] = [0x888003a00000, 'u1000', 0x888003a00040, 'u2000', 0x888003a00080, 0x888003a000c0];
    keys.forEach((key, n) => set.set(key, { ...object(key, n), module: n % 2 === 0 ? 'a' : 'b' }));
    expect(set.takeModule('a').map(([key]) => key)).toEqual([0x888003a00000, 0x888003a00040, 0x888003a00080]);
    expect(set.size).toBe(3);
    expect(set.takeModule('a')).toEqual([]);
    expect(set.takeModule(undefined).map(([key, o]) => [key, o.module])).toEqual([['u1000', 'b'], ['u2000', 'b'], [0x888003a000c0, 'b']]);
    expect(set.size).toBe(0);
  });
});
