import { Worker } from 'node:worker_threads';
import { TOOL_VERSION } from '../version.js';
import { decodedCapacity, DECODED_INTS, DECODED_NUMBERS, type ChunkDecoder, type DecodedChunk } from './decoded-chunk.js';
import { CONTROL_WORDS, DECODE_SLOTS, MAIN_AT, RELEASED, sharedControl, SlotRecords, SlotWriter, START, STOP } from './decoded-slots.js';

// The read-ahead thread (src/decode-worker.ts) and what it shares with the main thread:
// the thread reads a regular file chunk by chunk, each into one of a few shared slots,
// says that the chunk is there, and writes its records down (decoded-chunk.ts) until
// the log parser reaches the chunk. A slot is the thread's until it says the chunk is
// there, the log parser's until it gives the slot back: no chunk is copied, and at most
// SLOTS are read ahead, so memory stays the same however long the log is.

/**
 * What the two sides agree on. The thread's script is a file of its own beside the
 * bundle (dist/decode-worker.js): one left there by another build would write records
 * down another way, and the report would be wrong without a word.
 */
const PROTOCOL = `modleak ${TOOL_VERSION}: ${DECODE_SLOTS} slots, ${CONTROL_WORDS} control words, ${DECODED_INTS} ints and ${DECODED_NUMBERS} numbers per record`;

/** Why the two sides part: the thread's PROTOCOL (undefined: it said none) is not the main thread's. */
function anotherBuild(thread: string | undefined, main: string | undefined): string {
  const which = thread === undefined ? `it did not say which; the main one has '${main}'` : `it has '${thread}', the main one '${main}'`;
  return `the read-ahead thread's script is from another build than the main one's (${which}); the log is read in one thread`;
}

export interface DecodeWorkerData {
  /** The main thread's PROTOCOL: the thread refuses to start on another. */
  protocol: string;
  fd: number;
  /** Every chunk but the last has this many bytes: chunk n starts at n * readBytes. */
  readBytes: number;
  slots: Array<{ bytes: SharedArrayBuffer; ints: SharedArrayBuffer; numbers: SharedArrayBuffer }>;
  control: SharedArrayBuffer;
  names: SharedArrayBuffer;
}

/** What the thread says: its PROTOCOL (first); chunk `index` is in slot `slot`; the file ended; reading it failed. */
export type DecodeMessage =
  | { type: 'hello'; protocol: string }
  | { type: 'chunk'; index: number; slot: number; length: number }
  | { type: 'end' }
  | { type: 'read-error'; message: string };

/** What next() gives: a chunk (give it back with release()), the end, a read error, or the thread's own failure (read the rest another way). */
export type DecodeStep =
  | { type: 'chunk'; index: number; bytes: Buffer; decoded: DecodedChunk }
  | { type: 'end' }
  | { type: 'read-error'; message: string }
  | { type: 'failed'; message: string };

interface SlotViews {
  bytes: Buffer;
  ints: Int32Array;
  numbers: Float64Array;
}

function slotViews(data: DecodeWorkerData): SlotViews[] {
  return data.slots.map((s) => ({ bytes: Buffer.from(s.bytes), ints: new Int32Array(s.ints), numbers: new Float64Array(s.numbers) }));
}

/** The main thread's side. */
export class DecodeThread {
  private readonly worker: Worker;
  private readonly control: Int32Array;
  private readonly views: SlotViews[];
  private readonly chunks: DecodedChunk[];
  private readonly queue: DecodeStep[] = [];
  private waiting: ((step: DecodeStep) => void) | undefined;
  private finished = false;

  /** Starts reading the regular file open at `fd` from its first byte, `readBytes` at a time, in the worker script at `script`. */
  constructor(script: string, fd: number, readBytes: number) {
    const capacity = decodedCapacity(readBytes);
    const data: DecodeWorkerData = {
      protocol: PROTOCOL,
      fd,
      readBytes,
      slots: Array.from({ length: DECODE_SLOTS }, () => ({
        bytes: new SharedArrayBuffer(readBytes),
        ints: new SharedArrayBuffer(capacity * DECODED_INTS * Int32Array.BYTES_PER_ELEMENT),
        numbers: new SharedArrayBuffer(capacity * DECODED_NUMBERS * Float64Array.BYTES_PER_ELEMENT),
      })),
      ...sharedControl(),
    };
    const control = this.control = new Int32Array(data.control);
    const names = new Uint8Array(data.names);
    this.views = slotViews(data);
    this.chunks = this.views.map((view, slot) => new SlotRecords(view.ints, view.numbers, control, names, slot));
    // None of the options Node was started with: the thread needs none, and some stop it
    // from starting (`--input-type`, which a wrapper run with `node -e` carries).
    this.worker = new Worker(script, { workerData: data, execArgv: [] });
    this.worker.on('message', (message: DecodeMessage) => {
      const step = this.step(message);
      if (step !== undefined) this.deliver(step);
    });
    this.worker.on('error', (e) => this.deliver({ type: 'failed', message: e.message }));
    this.worker.on('exit', (code) => this.deliver({ type: 'failed', message: `the read-ahead thread stopped (exit code ${code})` }));
  }

  /**
   * Whether the main thread reads chunk `index` itself (it reads from the first chunk on,
   * while the thread starts); false once the thread has taken over: next() gives chunk
   * `index` and the ones after it.
   */
  claim(index: number): boolean {
    return Atomics.compareExchange(this.control, START, index, index + 1) === index;
  }

  /** The next chunk, in file order (the log parser walks it from now on), or how the reading ended. */
  next(): Promise<DecodeStep> {
    const step = this.queue.shift();
    if (step !== undefined) return Promise.resolve(this.hand(step));
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  /** The log parser is done with the last chunk next() gave: its slot may be read into again. */
  release(): void {
    Atomics.add(this.control, RELEASED, 1);
    Atomics.notify(this.control, RELEASED);
  }

  /** Ends the thread, whether or not it finished (without waiting: a thread that said the end is ending by itself). */
  stop(): void {
    this.finished = true;
    Atomics.store(this.control, STOP, 1);
    Atomics.notify(this.control, RELEASED);
    this.worker.unref();
    this.worker.terminate().catch(() => undefined);
  }

  /** The thread said its PROTOCOL, and it is this thread's. */
  private agreed = false;

  /** What the thread's message means here (nothing, for a hello that agrees). */
  private step(message: DecodeMessage): DecodeStep | undefined {
    if (message.type === 'hello') {
      this.agreed = message.protocol === PROTOCOL;
      return this.agreed ? undefined : { type: 'failed', message: anotherBuild(message.protocol, PROTOCOL) };
    }
    // A script from before the hello was part of the protocol says none.
    if (!this.agreed) return { type: 'failed', message: anotherBuild(undefined, PROTOCOL) };
    if (message.type !== 'chunk') return message;
    return { type: 'chunk', index: message.index, bytes: this.views[message.slot]!.bytes.subarray(0, message.length), decoded: this.chunks[message.slot]! };
  }

  /** A step as next() gives it: the thread leaves a chunk to the log parser from now on. */
  private hand(step: DecodeStep): DecodeStep {
    if (step.type === 'chunk') Atomics.store(this.control, MAIN_AT, step.index);
    return step;
  }

  private deliver(step: DecodeStep): void {
    // After the end or a read error, the thread's exit says nothing more.
    if (this.finished) return;
    if (step.type !== 'chunk') this.finished = true;
    const waiting = this.waiting;
    if (waiting !== undefined) {
      this.waiting = undefined;
      waiting(this.hand(step));
    } else {
      this.queue.push(step);
    }
  }
}

/**
 * The thread's side (src/decode-worker.ts runs it): takes the reading over from the main
 * thread, reads the file chunk by chunk into the slots given back, says each chunk is
 * there, and writes its records down until the log parser reaches it.
 */
export function readAhead(data: DecodeWorkerData, say: (message: DecodeMessage) => void, read: (fd: number, into: Buffer, position: number) => number, decoder: ChunkDecoder): void {
  // Thrown, the thread fails before it takes a chunk over: the main thread reads the log itself.
  if (data.protocol !== PROTOCOL) throw new Error(anotherBuild(PROTOCOL, data.protocol));
  say({ type: 'hello', protocol: PROTOCOL });
  const control = new Int32Array(data.control);
  const names = new Uint8Array(data.names);
  const views = slotViews(data);
  const output = new SlotWriter(control, names);
  let index = 0;
  // Take over from the first chunk the main thread has not started reading.
  for (;;) {
    if (Atomics.load(control, STOP) !== 0) return;
    const next = Atomics.load(control, START);
    if (Atomics.compareExchange(control, START, next, -1 - next) === next) {
      index = next;
      break;
    }
  }
  const first = index;
  const before = Buffer.alloc(1);
  let position = index * data.readBytes;
  try {
    decoder.startAt(index === 0, position > 0 && read(data.fd, before, position - 1) === 1 && before[0] !== 10);
  } catch (e) {
    say({ type: 'read-error', message: (e as Error).message });
    return;
  }
  for (; ; index++) {
    // The slot of chunk index - SLOTS must have been given back.
    for (let released = Atomics.load(control, RELEASED); index - first - released >= views.length; released = Atomics.load(control, RELEASED)) {
      if (Atomics.load(control, STOP) !== 0) return;
      Atomics.wait(control, RELEASED, released);
    }
    if (Atomics.load(control, STOP) !== 0) return;
    const slot = index % views.length;
    const view = views[slot]!;
    let length = 0;
    try {
      // Whole chunks, so that chunk n starts at n * readBytes whoever reads it.
      for (let got = -1; got !== 0 && length < view.bytes.length; length += got) got = read(data.fd, view.bytes.subarray(length), position + length);
    } catch (e) {
      say({ type: 'read-error', message: (e as Error).message });
      return;
    }
    if (length === 0) {
      say({ type: 'end' });
      return;
    }
    position += length;
    output.start(index, slot, view.ints, view.numbers);
    say({ type: 'chunk', index, slot, length });
    decoder.decode(view.bytes.subarray(0, length), output);
  }
}
