import type { PtrKey } from './pointer.js';

// The live objects by address: the matcher's hottest structure (one lookup per
// record). Number keys (the common case, see PointerKeys) live in an open-addressing
// table over a Float64Array, several times cheaper than a Map with keys beyond the
// small-integer range; the rare string keys use a Map. Objects come back in the order
// they were first inserted, like a Map's.

const EMPTY = -1;
const MIN_CAPACITY = 1024;

export class LiveSet<V> {
  private keys = new Float64Array(MIN_CAPACITY).fill(EMPTY);
  private values: Array<V | undefined> = new Array<V | undefined>(MIN_CAPACITY).fill(undefined);
  private orders = new Float64Array(MIN_CAPACITY);
  private mask = MIN_CAPACITY - 1;
  private numbers = 0;
  private readonly strings = new Map<string, { value: V; order: number }>();
  private nextOrder = 0;

  get size(): number {
    return this.numbers + this.strings.size;
  }

  get(key: PtrKey): V | undefined {
    if (typeof key === 'string') return this.strings.get(key)?.value;
    const keys = this.keys;
    const mask = this.mask;
    for (let slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
      const k = keys[slot]!;
      if (k === key) return this.values[slot];
      if (k === EMPTY) return undefined;
    }
  }

  /** Inserts or replaces; a replaced object keeps its place in the order. */
  set(key: PtrKey, value: V): void {
    this.swap(key, value);
  }

  /** set(), returning the object it replaced (one probe where get + set take two). */
  swap(key: PtrKey, value: V): V | undefined {
    if (typeof key === 'string') {
      const known = this.strings.get(key);
      if (!known) {
        this.strings.set(key, { value, order: this.nextOrder++ });
        return undefined;
      }
      const previous = known.value;
      known.value = value;
      return previous;
    }
    const keys = this.keys;
    const mask = this.mask;
    let slot = hash(key) & mask;
    for (; ; slot = (slot + 1) & mask) {
      const k = keys[slot]!;
      if (k === key) {
        const previous = this.values[slot];
        this.values[slot] = value;
        return previous;
      }
      if (k === EMPTY) break;
    }
    keys[slot] = key;
    this.values[slot] = value;
    this.orders[slot] = this.nextOrder++;
    if (++this.numbers * 2 > keys.length) this.grow();
    return undefined;
  }

  delete(key: PtrKey): boolean {
    return this.take(key) !== undefined;
  }

  /** Removes the object at key and returns it (one probe where get + delete take two). */
  take(key: PtrKey): V | undefined {
    if (typeof key === 'string') {
      const known = this.strings.get(key);
      if (known) this.strings.delete(key);
      return known?.value;
    }
    const keys = this.keys;
    const mask = this.mask;
    let slot = hash(key) & mask;
    for (; ; slot = (slot + 1) & mask) {
      const k = keys[slot]!;
      if (k === key) break;
      if (k === EMPTY) return undefined;
    }
    const taken = this.values[slot];
    // Backward-shift deletion: no tombstones, so lookups stay short.
    const values = this.values;
    const orders = this.orders;
    let hole = slot;
    for (let next = (hole + 1) & mask; ; next = (next + 1) & mask) {
      const k = keys[next]!;
      if (k === EMPTY) break;
      const home = hash(k) & mask;
      // Move k into the hole unless its home lies cyclically in (hole, next].
      if (hole <= next ? home <= hole || home > next : home <= hole && home > next) {
        keys[hole] = k;
        values[hole] = values[next];
        orders[hole] = orders[next]!;
        hole = next;
      }
    }
    keys[hole] = EMPTY;
    values[hole] = undefined;
    this.numbers--;
    return taken;
  }

  /** Every [key, object], in first-insertion order (a snapshot: safe to delete while walking it). */
  entries(): Array<[PtrKey, V]> {
    const found: Array<{ key: PtrKey; value: V; order: number }> = [];
    const keys = this.keys;
    for (let slot = 0; slot < keys.length; slot++) {
      if (keys[slot] !== EMPTY) found.push({ key: keys[slot]!, value: this.values[slot]!, order: this.orders[slot]! });
    }
    for (const [key, { value, order }] of this.strings) found.push({ key, value, order });
    found.sort((a, b) => a.order - b.order);
    return found.map((e) => [e.key, e.value]);
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const oldOrders = this.orders;
    const capacity = oldKeys.length * 2;
    this.keys = new Float64Array(capacity).fill(EMPTY);
    this.values = new Array<V | undefined>(capacity).fill(undefined);
    this.orders = new Float64Array(capacity);
    this.mask = capacity - 1;
    for (let slot = 0; slot < oldKeys.length; slot++) {
      const k = oldKeys[slot]!;
      if (k === EMPTY) continue;
      let to = hash(k) & this.mask;
      while (this.keys[to] !== EMPTY) to = (to + 1) & this.mask;
      this.keys[to] = k;
      this.values[to] = oldValues[slot];
      this.orders[to] = oldOrders[slot]!;
    }
  }
}

/** Mixes both halves of a key below 2^53 (addresses often differ only in a few middle bits). */
function hash(key: number): number {
  const lo = key >>> 0;
  const hi = (key / 4294967296) >>> 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 13)) >>> 0;
}
