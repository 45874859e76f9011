import type { AllocEvent } from '../parse/events.js';
import type { Site } from '../report/schema.js';
import type { PtrKey } from './pointer.js';

// The live objects by address: the matcher's hottest structure (one lookup per
// record). Number keys (the common case, see PointerKeys) live in an open-addressing
// table over typed arrays, several times cheaper than a Map with keys beyond the
// small-integer range; the rare string keys use a Map. An object is held field by
// field (names and sites are shared, interned objects), not as its event: a long log
// allocates millions of objects, and keeping each event alive until its free would make
// the garbage collector promote them all and the heap grow with the log. Objects come
// back (rebuilt) in the order they were first inserted, like a Map's.

const EMPTY = -1;
const MIN_CAPACITY = 1024;

export type LiveObject = AllocEvent;

export class LiveSet {
  private keys = new Float64Array(MIN_CAPACITY).fill(EMPTY);
  private modules: string[] = new Array<string>(MIN_CAPACITY).fill('');
  private apis: string[] = new Array<string>(MIN_CAPACITY).fill('');
  private sites: Array<Site | undefined> = new Array<Site | undefined>(MIN_CAPACITY).fill(undefined);
  private sizes = new Float64Array(MIN_CAPACITY);
  private lines = new Float64Array(MIN_CAPACITY);
  /** NaN: no kmsg sequence number. */
  private seqs = new Float64Array(MIN_CAPACITY);
  private orders = new Float64Array(MIN_CAPACITY);
  private mask = MIN_CAPACITY - 1;
  private numbers = 0;
  private readonly strings = new Map<string, { value: LiveObject; order: number }>();
  private nextOrder = 0;

  get size(): number {
    return this.numbers + this.strings.size;
  }

  get(key: PtrKey): LiveObject | undefined {
    if (typeof key === 'string') return this.strings.get(key)?.value;
    const slot = this.find(key);
    return slot < 0 ? undefined : this.object(slot);
  }

  /** Inserts or replaces; a replaced object keeps its place in the order. */
  set(key: PtrKey, value: LiveObject): void {
    this.swap(key, value);
  }

  /** set(), returning the object it replaced (one probe where get + set take two). */
  swap(key: PtrKey, value: LiveObject): LiveObject | undefined {
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
        const previous = this.object(slot);
        this.store(slot, value);
        return previous;
      }
      if (k === EMPTY) break;
    }
    keys[slot] = key;
    this.store(slot, value);
    this.orders[slot] = this.nextOrder++;
    if (++this.numbers * 2 > keys.length) this.grow();
    return undefined;
  }

  delete(key: PtrKey): boolean {
    return this.take(key) !== undefined;
  }

  /** Removes the object at key and returns it (one probe where get + delete take two). */
  take(key: PtrKey): LiveObject | undefined {
    if (typeof key === 'string') {
      const known = this.strings.get(key);
      if (known) this.strings.delete(key);
      return known?.value;
    }
    const slot = this.find(key);
    if (slot < 0) return undefined;
    const taken = this.object(slot);
    this.removeAt(slot);
    return taken;
  }

  /**
   * The hot path of a free, without building the object: the slot of a number key (-1
   * when absent), its fields, and its removal. A slot is valid until the next change.
   */
  slotOf(key: number): number {
    return this.find(key);
  }

  apiAt(slot: number): string {
    return this.apis[slot]!;
  }

  sizeAt(slot: number): number {
    return this.sizes[slot]!;
  }

  moduleAt(slot: number): string {
    return this.modules[slot]!;
  }

  siteAt(slot: number): Site {
    return this.sites[slot]!;
  }

  lineAt(slot: number): number {
    return this.lines[slot]!;
  }

  /** NaN: none. */
  seqAt(slot: number): number {
    return this.seqs[slot]!;
  }

  objectAt(slot: number): LiveObject {
    return this.object(slot);
  }

  removeSlot(slot: number): void {
    this.removeAt(slot);
  }

  /** Every [key, object], in first-insertion order (a snapshot: safe to delete while walking it). */
  entries(): Array<[PtrKey, LiveObject]> {
    const found: Array<{ key: PtrKey; value: LiveObject; order: number }> = [];
    const keys = this.keys;
    for (let slot = 0; slot < keys.length; slot++) {
      if (keys[slot] !== EMPTY) found.push({ key: keys[slot]!, value: this.object(slot), order: this.orders[slot]! });
    }
    for (const [key, { value, order }] of this.strings) found.push({ key, value, order });
    found.sort((a, b) => a.order - b.order);
    return found.map((e) => [e.key, e.value]);
  }

  private find(key: number): number {
    const keys = this.keys;
    const mask = this.mask;
    for (let slot = hash(key) & mask; ; slot = (slot + 1) & mask) {
      const k = keys[slot]!;
      if (k === key) return slot;
      if (k === EMPTY) return -1;
    }
  }

  private store(slot: number, o: LiveObject): void {
    this.modules[slot] = o.module;
    this.apis[slot] = o.api;
    this.sites[slot] = o.site;
    this.sizes[slot] = o.size;
    this.lines[slot] = o.logLine;
    this.seqs[slot] = o.seq ?? Number.NaN;
  }

  private object(slot: number): LiveObject {
    const seq = this.seqs[slot]!;
    return {
      type: 'alloc', module: this.modules[slot]!, logLine: this.lines[slot]!, seq: Number.isNaN(seq) ? undefined : seq,
      api: this.apis[slot]!, ptr: this.keys[slot]!, size: this.sizes[slot]!, site: this.sites[slot]!,
    };
  }

  private move(to: number, from: number): void {
    this.keys[to] = this.keys[from]!;
    this.modules[to] = this.modules[from]!;
    this.apis[to] = this.apis[from]!;
    this.sites[to] = this.sites[from];
    this.sizes[to] = this.sizes[from]!;
    this.lines[to] = this.lines[from]!;
    this.seqs[to] = this.seqs[from]!;
    this.orders[to] = this.orders[from]!;
  }

  /** Backward-shift deletion: no tombstones, so lookups stay short. */
  private removeAt(slot: number): void {
    const keys = this.keys;
    const mask = this.mask;
    let hole = slot;
    for (let next = (hole + 1) & mask; ; next = (next + 1) & mask) {
      const k = keys[next]!;
      if (k === EMPTY) break;
      const home = hash(k) & mask;
      // Move k into the hole unless its home lies cyclically in (hole, next].
      if (hole <= next ? home <= hole || home > next : home <= hole && home > next) {
        this.move(hole, next);
        hole = next;
      }
    }
    keys[hole] = EMPTY;
    this.sites[hole] = undefined;
    this.numbers--;
  }

  private grow(): void {
    const old = { keys: this.keys, modules: this.modules, apis: this.apis, sites: this.sites, sizes: this.sizes, lines: this.lines, seqs: this.seqs, orders: this.orders };
    const capacity = old.keys.length * 2;
    this.keys = new Float64Array(capacity).fill(EMPTY);
    this.modules = new Array<string>(capacity).fill('');
    this.apis = new Array<string>(capacity).fill('');
    this.sites = new Array<Site | undefined>(capacity).fill(undefined);
    this.sizes = new Float64Array(capacity);
    this.lines = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.orders = new Float64Array(capacity);
    this.mask = capacity - 1;
    for (let from = 0; from < old.keys.length; from++) {
      const k = old.keys[from]!;
      if (k === EMPTY) continue;
      let to = hash(k) & this.mask;
      while (this.keys[to] !== EMPTY) to = (to + 1) & this.mask;
      this.keys[to] = k;
      this.modules[to] = old.modules[from]!;
      this.apis[to] = old.apis[from]!;
      this.sites[to] = old.sites[from];
      this.sizes[to] = old.sizes[from]!;
      this.lines[to] = old.lines[from]!;
      this.seqs[to] = old.seqs[from]!;
      this.orders[to] = old.orders[from]!;
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
