import type { PtrKey } from '../match/pointer.js';
import type { Site } from '../report/schema.js';

// What the parser hands the matcher: one value per modleak1 record or run marker,
// in kmsg sequence order when the log carried sequence numbers. `P` is how an address
// is held: the record parser's raw hex text (string), or, once the log parser has
// converted it, its PointerKeys key (what the matcher receives).

interface EventBase {
  module: string;
  /** 1-based line in the record log. */
  logLine: number;
  seq?: number | undefined;
}

export interface AllocEvent<P = PtrKey> extends EventBase {
  type: 'alloc';
  api: string;
  ptr: P;
  size: number;
  site: Site;
}

export interface FreeEvent<P = PtrKey> extends EventBase {
  type: 'free';
  api: string;
  ptr: P;
  site: Site;
}

export interface ReallocEvent<P = PtrKey> extends EventBase {
  type: 'realloc';
  api: string;
  oldPtr: P;
  newPtr: P;
  size: number;
  site: Site;
}

export interface MarkerEvent extends EventBase {
  type: 'begin' | 'end';
}

export type LogEvent<P = PtrKey> = AllocEvent<P> | FreeEvent<P> | ReallocEvent<P> | MarkerEvent;

/** A record as the text parser read it: addresses still as hex text. */
export type TextEvent = LogEvent<string>;

/**
 * A receiver of the two common records field by field, with the same meaning as an
 * AllocEvent or FreeEvent at a number key: a long log's records reach the matcher
 * without an object each.
 */
export interface RecordFieldSink {
  /**
   * A module and API the records that follow may name: given before the first record
   * that names them, so that they are noted and checked once, not per record.
   */
  names(module: string, api: string): void;
  allocNumber(module: string, logLine: number, seq: number, api: string, key: number, size: number, site: Site): void;
  freeNumber(module: string, logLine: number, seq: number, api: string, key: number, site: Site): void;
}
