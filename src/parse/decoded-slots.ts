import type { AddressLearning } from '../match/pointer.js';
import { ChunkDecoder, decodedCapacity, DECODED_INTS, DECODED_NUMBERS, type DecodedChunk, type DecodeOutput, type NameKind } from './decoded-chunk.js';

// Where records written down wait for the log parser: per slot (a chunk at a time),
// the records; for the whole log, the heads and sites numbered and a few control words.
// The read-ahead thread (decode-thread.ts) and LocalDecoding (the warm-up, tests) use
// the same two classes over the same layout: V8 compiles the log parser's and the
// decoder's calls into them for one target each, so code warmed up on LocalDecoding's
// records is not thrown away at the thread's first chunk.

export const DECODE_SLOTS = 4;
/** Bytes for the heads and sites the thread numbers (each with 3 bytes of kind and length). */
export const NAME_BYTES = 1 << 20;

/** In the control words (32-bit). */
export const RELEASED = 0; // chunks of the thread's the log parser gave back
export const STOP = 1; // non-zero: stop
export const MAIN_AT = 2; // the chunk the log parser is walking (-1 before the first)
const NAMES_END = 3; // bytes of the names written
const PREFIX = 4; // the writer's AddressLearning
const WIDTH = 5;
export const START = 6; // the next chunk the main thread will read itself; -1 - n: the thread reads from chunk n on
const WRITTEN = 7; // + slot: records written down of the slot's chunk
export const CONTROL_WORDS = WRITTEN + DECODE_SLOTS;

/** The records of the chunk in one slot, as the log parser reads them. */
export class SlotRecords implements DecodedChunk {
  constructor(readonly ints: Int32Array, readonly numbers: Float64Array, private readonly control: Int32Array, private readonly names: Uint8Array, private readonly slot: number) {}

  written(): number {
    return Atomics.load(this.control, WRITTEN + this.slot);
  }

  learnt(): AddressLearning {
    return { prefixWord: Atomics.load(this.control, PREFIX), width: Atomics.load(this.control, WIDTH) };
  }

  namesFrom(from: number, learn: (kind: NameKind, bytes: Uint8Array) => void): number {
    const names = this.names;
    const end = Atomics.load(this.control, NAMES_END);
    let at = from;
    while (at < end) {
      const length = names[at + 1]! | (names[at + 2]! << 8);
      learn(names[at] as NameKind, names.subarray(at + 3, at + 3 + length));
      at += 3 + length;
    }
    return at;
  }
}

/** Writes a chunk's records down into its slot (the decoder's DecodeOutput). */
export class SlotWriter implements DecodeOutput {
  ints: Int32Array = new Int32Array(0);
  numbers: Float64Array = new Float64Array(0);
  private index = 0;
  private slot = 0;
  /** At most this many records of a chunk (LocalDecoding's upTo), as if the log parser had reached it then. */
  private limit = Number.POSITIVE_INFINITY;

  constructor(private readonly control: Int32Array, private readonly names: Uint8Array) {}

  /** Chunk `index` of the log goes into `slot`, whose arrays are `ints` and `numbers`. */
  start(index: number, slot: number, ints: Int32Array, numbers: Float64Array, limit = Number.POSITIVE_INFINITY): void {
    this.index = index;
    this.slot = slot;
    this.ints = ints;
    this.numbers = numbers;
    this.limit = limit;
    Atomics.store(this.control, WRITTEN + slot, 0);
  }

  name(kind: NameKind, bytes: Uint8Array): boolean {
    const { control, names } = this;
    const at = Atomics.load(control, NAMES_END);
    if (at + 3 + bytes.length > names.length || bytes.length > 0xffff) return false;
    names[at] = kind;
    names[at + 1] = bytes.length & 0xff;
    names[at + 2] = bytes.length >> 8;
    names.set(bytes, at + 3);
    Atomics.store(control, NAMES_END, at + 3 + bytes.length);
    return true;
  }

  progress(count: number, learnt: AddressLearning): boolean {
    const control = this.control;
    if (control[PREFIX] !== learnt.prefixWord) Atomics.store(control, PREFIX, learnt.prefixWord);
    if (control[WIDTH] !== learnt.width) Atomics.store(control, WIDTH, learnt.width);
    const limit = this.limit;
    Atomics.store(control, WRITTEN + this.slot, count < limit ? count : limit);
    return count < limit && Atomics.load(control, MAIN_AT) < this.index && Atomics.load(control, STOP) === 0;
  }
}

/** The control words (no chunk walked yet) and names of a log, in memory a thread can share. */
export function sharedControl(nameBytes = NAME_BYTES): { control: SharedArrayBuffer; names: SharedArrayBuffer } {
  const control = new SharedArrayBuffer(CONTROL_WORDS * Int32Array.BYTES_PER_ELEMENT);
  new Int32Array(control)[MAIN_AT] = -1;
  return { control, names: new SharedArrayBuffer(nameBytes) };
}

/** Room for the names of a log decoded in this thread: the warm-up's and the tests' are short. */
const LOCAL_NAME_BYTES = 1 << 16;

/**
 * Records written down in this thread (the warm-up, tests): the same hand-over as the
 * read-ahead thread's, through the same slots, without a second thread. A chunk's
 * records stay readable until DECODE_SLOTS more chunks are decoded.
 */
export class LocalDecoding {
  private readonly decoder = new ChunkDecoder();
  private readonly control: Int32Array;
  private readonly names: Uint8Array;
  private readonly writer: SlotWriter;
  private chunks = 0;

  constructor() {
    const shared = sharedControl(LOCAL_NAME_BYTES);
    this.control = new Int32Array(shared.control);
    this.names = new Uint8Array(shared.names);
    this.writer = new SlotWriter(this.control, this.names);
  }

  /** `chunk`'s records (as LogParser.push() gets it); `upTo`: at most this many, as a thread the log parser caught up with would. */
  decode(chunk: Buffer, upTo = Number.POSITIVE_INFINITY): DecodedChunk {
    const capacity = decodedCapacity(chunk.length) + 1;
    const ints = new Int32Array(new SharedArrayBuffer(capacity * DECODED_INTS * Int32Array.BYTES_PER_ELEMENT));
    const numbers = new Float64Array(new SharedArrayBuffer(capacity * DECODED_NUMBERS * Float64Array.BYTES_PER_ELEMENT));
    const slot = this.chunks++ % DECODE_SLOTS;
    this.writer.start(0, slot, ints, numbers, upTo);
    this.decoder.decode(chunk, this.writer);
    return new SlotRecords(ints, numbers, this.control, this.names, slot);
  }
}
