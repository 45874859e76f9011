import type { AllocEvent } from '../parse/events.js';
import type { Site } from '../report/schema.js';
import type { PointerKeys, PtrKey } from './pointer.js';

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
const NUMBERS = 4;
const REFS = 3;

export type LiveObject = AllocEvent;

export class LiveSet {
  /** Probed on every lookup, so kept apart from the rest. */
  private keys = new Float64Array(MIN_CAPACITY).fill(EMPTY);
  /** Per slot, side by side: size, log line, seq (NaN: none), insertion order. */
  private numbers = new Float64Array(MIN_CAPACITY * NUMBERS);
  /** Per slot, side by side: module, api, site. */
  private refs: Array<string | Site | undefined> = new Array<string | Site | undefined>(MIN_CAPACITY * REFS).fill(undefined);
  private mask = MIN_CAPACITY - 1;
  private count = 0;
  private readonly strings = new Map<string, { value: LiveObject; order: number }>();
  private nextOrder = 0;

  get size(): number {
    return this.count + this.strings.size;
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

  /** set(), returning the object it replaced. */
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
    const slot = this.find(key);
    if (slot >= 0) {
      const previous = this.object(slot);
      this.store(slot, value);
      return previous;
    }
    this.insertNew(key, value.module, value.api, value.site, value.size, value.logLine, value.seq ?? Number.NaN);
    return undefined;
  }

  /**
   * set() of a new number key from its fields (no object): false, and nothing changed,
   * when the key is already live.
   */
  insertNew(key: number, module: string, api: string, site: Site, size: number, logLine: number, seq: number): boolean {
    const keys = this.keys;
    const mask = this.mask;
    let slot = hash(key) & mask;
    for (; ; slot = (slot + 1) & mask) {
      const k = keys[slot]!;
      if (k === key) return false;
      if (k === EMPTY) break;
    }
    keys[slot] = key;
    this.storeFields(slot, module, api, site, size, logLine, seq);
    this.numbers[slot * NUMBERS + 3] = this.nextOrder++;
    if (++this.count * 2 > keys.length) this.grow();
    return true;
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
    return this.refs[slot * REFS + 1] as string;
  }

  sizeAt(slot: number): number {
    return this.numbers[slot * NUMBERS]!;
  }

  moduleAt(slot: number): string {
    return this.refs[slot * REFS] as string;
  }

  siteAt(slot: number): Site {
    return this.refs[slot * REFS + 2] as Site;
  }

  lineAt(slot: number): number {
    return this.numbers[slot * NUMBERS + 1]!;
  }

  /** NaN: none. */
  seqAt(slot: number): number {
    return this.numbers[slot * NUMBERS + 2]!;
  }

  objectAt(slot: number): LiveObject {
    return this.object(slot);
  }

  removeSlot(slot: number): void {
    this.removeAt(slot);
  }

  /**
   * Removes the objects of `module` (all, when undefined) and returns them as [key,
   * object] in first-insertion order. Only theirs are built: a module unloaded many
   * times beside another that holds many objects must not cost a copy of all of them
   * each time.
   */
  takeModule(module: string | undefined): Array<[PtrKey, LiveObject]> {
    const found: Array<{ key: PtrKey; value: LiveObject; order: number }> = [];
    const keys = this.keys;
    const refs = this.refs;
    for (let slot = 0; slot < keys.length; slot++) {
      if (keys[slot] !== EMPTY && (module === undefined || refs[slot * REFS] === module)) {
        found.push({ key: keys[slot]!, value: this.object(slot), order: this.numbers[slot * NUMBERS + 3]! });
      }
    }
    for (const [key, { value, order }] of this.strings) if (module === undefined || value.module === module) found.push({ key, value, order });
    found.sort((a, b) => a.order - b.order);
    for (const { key } of found) this.delete(key);
    return found.map((e) => [e.key, e.value]);
  }

  /**
   * The live object `key` points inside (past its start), and how far in. One pass over
   * the table, no object made for the others: this runs for every invalid free.
   */
  findContaining(key: PtrKey, pointers: PointerKeys): { object: LiveObject; offset: number } | undefined {
    const keys = this.keys;
    const numbers = this.numbers;
    for (let slot = 0; slot < keys.length; slot++) {
      const start = keys[slot]!;
      if (start === EMPTY) continue;
      const offset = pointers.offsetInside(key, start, numbers[slot * NUMBERS]!);
      if (offset >= 0) return { object: this.object(slot), offset };
    }
    for (const [start, { value: object }] of this.strings) {
      const offset = pointers.offsetInside(key, start, object.size);
      if (offset >= 0) return { object, offset };
    }
    return undefined;
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
    this.storeFields(slot, o.module, o.api, o.site, o.size, o.logLine, o.seq ?? Number.NaN);
  }

  /** An object's fields into `slot` (its key and insertion order are the caller's). */
  private storeFields(slot: number, module: string, api: string, site: Site, size: number, logLine: number, seq: number): void {
    const n = slot * NUMBERS;
    const numbers = this.numbers;
    numbers[n] = size;
    numbers[n + 1] = logLine;
    numbers[n + 2] = seq;
    const r = slot * REFS;
    const refs = this.refs;
    refs[r] = module;
    refs[r + 1] = api;
    refs[r + 2] = site;
  }

  private object(slot: number): LiveObject {
    const seq = this.seqAt(slot);
    return {
      type: 'alloc', module: this.moduleAt(slot), logLine: this.lineAt(slot), seq: Number.isNaN(seq) ? undefined : seq,
      api: this.apiAt(slot), ptr: this.keys[slot]!, size: this.sizeAt(slot), site: this.siteAt(slot),
    };
  }

  private move(to: number, from: number): void {
    this.keys[to] = this.keys[from]!;
    const numbers = this.numbers;
    const t = to * NUMBERS;
    const f = from * NUMBERS;
    numbers[t] = numbers[f]!;
    numbers[t + 1] = numbers[f + 1]!;
    numbers[t + 2] = numbers[f + 2]!;
    numbers[t + 3] = numbers[f + 3]!;
    const refs = this.refs;
    refs[to * REFS] = refs[from * REFS];
    refs[to * REFS + 1] = refs[from * REFS + 1];
    refs[to * REFS + 2] = refs[from * REFS + 2];
  }

  /** Backward-shift deletion: no tombstones, so lookups stay short. */
  private removeAt(slot: number): void {
    const keys = this.keys;
    const mask = this.mask;
    let hole = slot;
    for (let next = (hole + 1) & mask; ; next = (next + 1) & mask) {
      const k = keys[next]!;
      if (k === EMPTY) break;
      // Move k into the hole unless its home lies cyclically in (hole, next]. Distances
      // from the hole, not comparisons that depend on the table wrapping round: one path,
      // whose type feedback V8 has from the first collision on (a path first taken late
      // throws the optimized code away).
      const fromHole = ((hash(k) & mask) - hole) & mask;
      if (fromHole === 0 || fromHole > ((next - hole) & mask)) {
        this.move(hole, next);
        hole = next;
      }
    }
    keys[hole] = EMPTY;
    this.refs[hole * REFS + 2] = undefined;
    this.count--;
  }

  private grow(): void {
    const old = { keys: this.keys, numbers: this.numbers, refs: this.refs };
    const capacity = old.keys.length * 2;
    this.keys = new Float64Array(capacity).fill(EMPTY);
    this.numbers = new Float64Array(capacity * NUMBERS);
    this.refs = new Array<string | Site | undefined>(capacity * REFS).fill(undefined);
    this.mask = capacity - 1;
    for (let from = 0; from < old.keys.length; from++) {
      const k = old.keys[from]!;
      if (k === EMPTY) continue;
      let to = hash(k) & this.mask;
      while (this.keys[to] !== EMPTY) to = (to + 1) & this.mask;
      this.keys[to] = k;
      this.numbers.set(old.numbers.subarray(from * NUMBERS, from * NUMBERS + NUMBERS), to * NUMBERS);
      for (let j = 0; j < REFS; j++) this.refs[to * REFS + j] = old.refs[from * REFS + j];
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
