import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LiveSet } from '../src/match/live-set.js';

describe('LiveSet', () => {
  it('behaves like a Map (contents and first-insertion order) under random set/delete, across growth', () => {
    const keyArb = fc.oneof(
      fc.integer({ min: 0, max: 300 }).map((n) => 0x888003a00000 + n * 64),
      fc.integer({ min: 0, max: 2 ** 48 - 1 }),
      fc.constantFrom('u0', 'u10', 'u1234', 'uffff'),
    );
    const opArb = fc.tuple(fc.constantFrom('set', 'set', 'swap', 'delete', 'take', 'get'), keyArb, fc.nat());
    fc.assert(fc.property(fc.array(opArb, { maxLength: 3000 }), (ops) => {
      const ours = new LiveSet<number>();
      const map = new Map<number | string, number>();
      for (const [op, key, value] of ops) {
        if (op === 'set') {
          ours.set(key, value);
          map.set(key, value);
        } else if (op === 'delete') {
          expect(ours.delete(key)).toBe(map.delete(key));
        } else if (op === 'take') {
          const before = map.get(key);
          map.delete(key);
          expect(ours.take(key)).toBe(before);
        } else if (op === 'swap') {
          const before = map.get(key);
          map.set(key, value);
          expect(ours.swap(key, value)).toBe(before);
        } else {
          expect(ours.get(key)).toBe(map.get(key));
        }
        expect(ours.size).toBe(map.size);
      }
      expect(ours.entries()).toEqual([...map.entries()]);
      for (const key of map.keys()) expect(ours.get(key)).toBe(map.get(key));
    }), { numRuns: 200 });
  });

  it('keeps every object through growth and deletions of most of them (sequential addresses, as slabs hand them out)', () => {
    const ours = new LiveSet<number>();
    const map = new Map<number, number>();
    for (let i = 0; i < 20_000; i++) {
      const key = 0x888003a00000 + i * 64;
      ours.set(key, i);
      map.set(key, i);
      if (i % 3 !== 0) {
        const gone = 0x888003a00000 + Math.floor(i * 0.7) * 64;
        expect(ours.delete(gone)).toBe(map.delete(gone));
      }
    }
    expect(ours.size).toBe(map.size);
    expect(ours.entries()).toEqual([...map.entries()]);
  });
});
