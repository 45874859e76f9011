import type { Site } from '../report/schema.js';
import type { AllocEvent, FreeEvent, ReallocEvent } from '../parse/events.js';
import type { PointerKeys, PtrKey } from './pointer.js';

// The last N frees, oldest overwritten first, kept to name a double free's first free
// and its allocation. Held field by field (names and sites are shared, interned
// objects) rather than as the events themselves: a long log frees millions of objects,
// and keeping each event alive for N more frees would make the garbage collector copy
// and promote every one of them. One free's fields sit side by side (one array of
// numbers, one of references), so remembering it touches two or three cache lines, not
// eleven: this runs for every free of a long log.

export interface RememberedFree {
  allocation: AllocEvent;
  free: { api: string; site: Site; logLine: number; seq?: number };
}

// Numbers per free: the key (NaN when it is a string key), the allocation's size, line, seq, the free's line, seq.
const NUMBERS = 6;
// References per free: the allocation's module, api, site, the free's api, site, and a string key.
const REFS = 6;

export class RecentFrees {
  private readonly numbers: Float64Array;
  private readonly refs: Array<string | Site | undefined>;
  private next = 0;
  private filled = 0;

  constructor(private readonly capacity: number) {
    this.numbers = new Float64Array(capacity * NUMBERS);
    this.refs = new Array<string | Site | undefined>(capacity * REFS).fill(undefined);
  }

  remember(key: PtrKey, object: AllocEvent, event: FreeEvent | ReallocEvent): void {
    this.rememberFields(key, object.module, object.api, object.site, object.size, object.logLine, object.seq ?? Number.NaN, event.api, event.site, event.logLine, event.seq ?? Number.NaN);
  }

  /** remember() without objects; a seq of NaN = none. */
  rememberFields(key: PtrKey, module: string, api: string, site: Site, size: number, logLine: number, allocSeq: number,
    freeApi: string, freeSite: Site, freeLine: number, freeSeq: number): void {
    const slot = this.next;
    this.next = slot + 1 === this.capacity ? 0 : slot + 1;
    if (this.filled < this.capacity) this.filled++;
    const n = slot * NUMBERS;
    const numbers = this.numbers;
    const isNumber = typeof key === 'number';
    numbers[n] = isNumber ? key : Number.NaN;
    numbers[n + 1] = size;
    numbers[n + 2] = logLine;
    numbers[n + 3] = allocSeq;
    numbers[n + 4] = freeLine;
    numbers[n + 5] = freeSeq;
    const r = slot * REFS;
    const refs = this.refs;
    refs[r] = module;
    refs[r + 1] = api;
    refs[r + 2] = site;
    refs[r + 3] = freeApi;
    refs[r + 4] = freeSite;
    refs[r + 5] = isNumber ? undefined : key;
  }

  /** The newest remembered free of `key`, or undefined. */
  find(key: PtrKey): RememberedFree | undefined {
    const isNumber = typeof key === 'number';
    for (let k = 1; k <= this.filled; k++) {
      const slot = (this.next - k + this.capacity) % this.capacity;
      if (isNumber ? this.numbers[slot * NUMBERS] === key : this.refs[slot * REFS + 5] === key) return this.at(slot, key);
    }
    return undefined;
  }

  /**
   * The newest remembered free whose object `key` points inside (not at its start), and how
   * far in; not one whose address was handed out again since (`reused`, or a newer free of
   * an object there): its memory is another object's now.
   */
  findContaining(key: PtrKey, pointers: PointerKeys, reused: (start: PtrKey) => boolean): { freed: RememberedFree; offset: number } | undefined {
    const newer = new Set<PtrKey>();
    for (let k = 1; k <= this.filled; k++) {
      const slot = (this.next - k + this.capacity) % this.capacity;
      const number = this.numbers[slot * NUMBERS]!;
      const start = Number.isNaN(number) ? this.refs[slot * REFS + 5] as string : number;
      const offset = pointers.offsetInside(key, start, this.numbers[slot * NUMBERS + 1]!);
      if (offset >= 0 && !newer.has(start) && !reused(start)) return { freed: this.at(slot, start), offset };
      newer.add(start);
    }
    return undefined;
  }

  private at(slot: number, key: PtrKey): RememberedFree {
    const n = slot * NUMBERS;
    const r = slot * REFS;
    const allocSeq = this.numbers[n + 3]!;
    const freeSeq = this.numbers[n + 5]!;
    return {
      allocation: {
        type: 'alloc', module: this.refs[r] as string, logLine: this.numbers[n + 2]!, seq: Number.isNaN(allocSeq) ? undefined : allocSeq,
        api: this.refs[r + 1] as string, ptr: key, size: this.numbers[n + 1]!, site: this.refs[r + 2] as Site,
      },
      free: { api: this.refs[r + 3] as string, site: this.refs[r + 4] as Site, logLine: this.numbers[n + 4]!, ...(Number.isNaN(freeSeq) ? {} : { seq: freeSeq }) },
    };
  }
}
