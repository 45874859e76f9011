// Puts kmsg records back into sequence order with a bounded window: a record may
// reach the host after later ones (several readers, interleaved ports), but not by
// more than `window` lines. Gaps in the sequence are lost records; a record older
// than everything already released is a duplicate (a reader that reopened /dev/kmsg)
// unless it falls in a gap already counted lost, in which case it is late.

export interface Sequenced<T> {
  /** Its kmsg sequence number; a record without one is placed half-way after the highest seen before it. */
  seq: number;
  /** Arrival order: breaks ties between records placed at the same half-way point. */
  order: number;
  /** Undefined for kernel lines that only take part in gap accounting. */
  item: T | undefined;
}

export interface ReorderStats {
  lost: number;
  late: number;
  duplicates: number;
}

const GAP_MEMORY = 1024;

export class ReorderWindow<T> {
  private readonly heap: Sequenced<T>[] = [];
  private released = -1;
  /** The highest sequence number pushed so far (-1: none). */
  private highest = -1;
  private arrivals = 0;
  private readonly gaps: Array<[number, number]> = [];
  readonly stats: ReorderStats = { lost: 0, late: 0, duplicates: 0 };

  constructor(
    private readonly emit: (item: T) => void,
    private readonly onLate: (seq: number, item: T | undefined) => void,
    private readonly window = 4096,
    /** The sequence starts at 0: a first record above it follows records lost. */
    private readonly fromZero = false,
  ) {}

  push(seq: number, item: T | undefined): void {
    if (this.released >= 0 && seq <= this.released) {
      if (this.inGap(seq)) {
        this.stats.late++;
        this.onLate(seq, item);
      } else {
        this.stats.duplicates++;
      }
      return;
    }
    // Nothing is released before the window first fills (or the log ends): the first
    // records to arrive need not be the first in sequence.
    if (seq > this.highest) this.highest = seq;
    if (this.heap.length === 0 && this.released >= 0 && seq === this.released + 1) {
      this.release(seq, item);
      return;
    }
    this.hold(seq, item);
  }

  /**
   * A record without a sequence number (a console line among kmsg records): after
   * everything that arrived before it, and after a late record sent before those.
   */
  pushUnsequenced(item: T): void {
    if (this.highest < 0) {
      this.emit(item);
      return;
    }
    this.hold(this.highest + 0.5, item);
  }

  private hold(seq: number, item: T | undefined): void {
    heapPush(this.heap, { seq, order: this.arrivals++, item });
    while (this.heap.length > 0 && (this.heap[0]!.seq <= this.released + 1 || this.heap.length > this.window)) {
      const next = heapPop(this.heap)!;
      this.release(next.seq, next.item);
    }
  }

  /**
   * When `seq` is the very next record and nothing is held, counts it released and
   * returns true: the caller applies it at once (push() without building an item).
   */
  takeNext(seq: number): boolean {
    if (this.heap.length > 0 || this.released < 0 || seq !== this.released + 1) return false;
    this.released = seq;
    this.highest = seq;
    return true;
  }

  /** Releases everything still held, in order. */
  flush(): void {
    while (this.heap.length > 0) {
      const next = heapPop(this.heap)!;
      this.release(next.seq, next.item);
    }
  }

  private release(seq: number, item: T | undefined): void {
    if (!Number.isInteger(seq)) {
      // Placed among the sequence, not part of it.
      if (item !== undefined) this.emit(item);
      return;
    }
    if (this.released >= 0) {
      if (seq <= this.released) {
        this.stats.duplicates++;
        return;
      }
      if (seq > this.released + 1) {
        this.stats.lost += seq - this.released - 1;
        this.gaps.push([this.released + 1, seq - 1]);
        if (this.gaps.length > GAP_MEMORY) this.gaps.shift();
      }
    } else if (this.fromZero && seq > 0) {
      this.stats.lost += seq;
      this.gaps.push([0, seq - 1]);
    }
    this.released = seq;
    if (item !== undefined) this.emit(item);
  }

  /** Binary search: gaps are recorded in sequence order (a log read twice asks this for every record). */
  private inGap(seq: number): boolean {
    const gaps = this.gaps;
    let lo = 0;
    let hi = gaps.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [first, last] = gaps[mid]!;
      if (seq < first) hi = mid - 1;
      else if (seq > last) lo = mid + 1;
      else return true;
    }
    return false;
  }
}

function before<T>(a: Sequenced<T>, b: Sequenced<T>): boolean {
  return a.seq < b.seq || (a.seq === b.seq && a.order < b.order);
}

function heapPush<T>(heap: Sequenced<T>[], node: Sequenced<T>): void {
  heap.push(node);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(node, heap[parent]!)) break;
    heap[i] = heap[parent]!;
    i = parent;
  }
  heap[i] = node;
}

function heapPop<T>(heap: Sequenced<T>[]): Sequenced<T> | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (top === undefined || last === undefined || heap.length === 0) return top;
  let i = 0;
  const n = heap.length;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const child = r < n && before(heap[r]!, heap[l]!) ? r : l;
    if (!before(heap[child]!, last)) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = last;
  return top;
}
