import type { Site } from '../report/schema.js';
import type { AllocEvent, FreeEvent, ReallocEvent } from '../parse/events.js';
import type { PtrKey } from './pointer.js';

// The last N frees, oldest overwritten first, kept to name a double free's first free
// and its allocation. Held field by field in arrays (names and sites are shared,
// interned objects) rather than as the events themselves: a long log frees millions of
// objects, and keeping each event alive for N more frees would make the garbage
// collector copy and promote every one of them.

export interface RememberedFree {
  allocation: AllocEvent;
  free: { api: string; site: Site; logLine: number; seq?: number };
}

export class RecentFrees {
  private readonly keys: PtrKey[] = [];
  private readonly allocModule: string[] = [];
  private readonly allocApi: string[] = [];
  private readonly allocSite: Site[] = [];
  private readonly allocSize: Float64Array;
  private readonly allocLine: Float64Array;
  /** NaN: no kmsg sequence number. */
  private readonly allocSeq: Float64Array;
  private readonly freeApi: string[] = [];
  private readonly freeSite: Site[] = [];
  private readonly freeLine: Float64Array;
  private readonly freeSeq: Float64Array;
  private next = 0;

  constructor(private readonly capacity: number) {
    this.allocSize = new Float64Array(capacity);
    this.allocLine = new Float64Array(capacity);
    this.allocSeq = new Float64Array(capacity);
    this.freeLine = new Float64Array(capacity);
    this.freeSeq = new Float64Array(capacity);
  }

  remember(key: PtrKey, object: AllocEvent, event: FreeEvent | ReallocEvent): void {
    this.rememberFields(key, object.module, object.api, object.site, object.size, object.logLine, object.seq ?? Number.NaN, event);
  }

  /** remember() without an allocation object; `allocSeq` NaN = none. */
  rememberFields(key: PtrKey, module: string, api: string, site: Site, size: number, logLine: number, allocSeq: number, event: FreeEvent | ReallocEvent): void {
    const slot = this.next;
    this.next = slot + 1 === this.capacity ? 0 : slot + 1;
    this.keys[slot] = key;
    this.allocModule[slot] = module;
    this.allocApi[slot] = api;
    this.allocSite[slot] = site;
    this.allocSize[slot] = size;
    this.allocLine[slot] = logLine;
    this.allocSeq[slot] = allocSeq;
    this.freeApi[slot] = event.api;
    this.freeSite[slot] = event.site;
    this.freeLine[slot] = event.logLine;
    this.freeSeq[slot] = event.seq ?? Number.NaN;
  }

  /** The newest remembered free of `key`, or undefined. */
  find(key: PtrKey): RememberedFree | undefined {
    const keys = this.keys;
    const n = keys.length;
    for (let k = 1; k <= n; k++) {
      const slot = (this.next - k + n) % n;
      if (keys[slot] === key) return this.at(slot);
    }
    return undefined;
  }

  private at(slot: number): RememberedFree {
    const allocSeq = this.allocSeq[slot]!;
    const freeSeq = this.freeSeq[slot]!;
    return {
      allocation: {
        type: 'alloc', module: this.allocModule[slot]!, logLine: this.allocLine[slot]!, seq: Number.isNaN(allocSeq) ? undefined : allocSeq,
        api: this.allocApi[slot]!, ptr: this.keys[slot]!, size: this.allocSize[slot]!, site: this.allocSite[slot]!,
      },
      free: { api: this.freeApi[slot]!, site: this.freeSite[slot]!, logLine: this.freeLine[slot]!, ...(Number.isNaN(freeSeq) ? {} : { seq: freeSeq }) },
    };
  }
}
