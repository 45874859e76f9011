import type { TimeKind } from './normalize.js';

// What the times of the kernel's lines say about a log: one capture of one boot goes
// forward (printk times only go back by the moment between two CPUs' messages), so a time
// well before the last one, or the log's first two timed lines again word for word,
// is a second capture appended to the first, or a second boot.

/** Times this much earlier than the line before (seconds) are not one capture's. */
const TIME_BACK_LIMIT = 1;

export interface Restart {
  lineNo: number;
  /** `time`: times since boot went back; `clock`: wall-clock times went back; `repeat`: the first two timed lines again. */
  by: 'time' | 'clock' | 'repeat';
}

/** The times of one kind of a log's kernel lines, in log order. */
export class TimeOrder {
  private readonly first: Array<{ seconds: number; raw: string }> = [];
  private last = 0;
  /** The line that repeated the first timed line word for word, if the one before this did. */
  private repeatLine = 0;

  constructor(private readonly kind: TimeKind) {}

  /** Takes the next line's time; returns where a second capture or boot starts when this line shows one (only once records were read). */
  see(seconds: number, raw: string, lineNo: number, afterRecords: boolean): Restart | undefined {
    const first = this.first;
    let restart: Restart | undefined;
    if (first.length < 2) {
      first.push({ seconds, raw });
    } else if (afterRecords) {
      if (this.last - seconds > TIME_BACK_LIMIT) restart = { lineNo, by: this.kind === 'boot' ? 'time' : 'clock' };
      else if (this.repeatLine !== 0 && seconds === first[1]!.seconds && raw === first[1]!.raw) restart = { lineNo: this.repeatLine, by: 'repeat' };
      // To the second, one capture repeats lines too: a module loaded twice within a second
      // logs the same lines, at the same address, at the same time.
      this.repeatLine = this.kind !== 'dmesg-T' && seconds === first[0]!.seconds && raw === first[0]!.raw ? lineNo : 0;
    }
    this.last = seconds;
    return restart;
  }
}

/** The times of a log's kernel lines, each kind on its own; which kind speaks for the log is known at its end. */
export class LogTimes {
  /** In the order their kinds first appeared. */
  private readonly orders = new Map<TimeKind, { order: TimeOrder; restart?: Restart }>();

  see(kind: TimeKind, seconds: number, raw: string, lineNo: number, afterRecords: boolean): void {
    let entry = this.orders.get(kind);
    if (entry === undefined) this.orders.set(kind, entry = { order: new TimeOrder(kind) });
    const restart = entry.order.see(seconds, raw, lineNo, afterRecords);
    entry.restart ??= restart;
  }

  /**
   * Where a second capture or boot starts by the times of the log's own kind: since boot
   * when it has such lines (a clock time among them is a program's line, a test script's
   * `dmesg -T`, whose second printout goes back), else the clock first seen.
   */
  restart(): Restart | undefined {
    const kind = this.orders.has('boot') ? 'boot' : this.orders.keys().next().value;
    return kind === undefined ? undefined : this.orders.get(kind)!.restart;
  }
}
