import type { Site } from '../report/schema.js';

// What the parser hands the matcher: one value per modleak1 record or run marker,
// in kmsg sequence order when the log carried sequence numbers.

interface EventBase {
  module: string;
  /** 1-based line in the record log. */
  logLine: number;
  seq?: number;
}

export interface AllocEvent extends EventBase {
  type: 'alloc';
  api: string;
  ptr: string;
  size: number;
  site: Site;
}

export interface FreeEvent extends EventBase {
  type: 'free';
  api: string;
  ptr: string;
  site: Site;
}

export interface ReallocEvent extends EventBase {
  type: 'realloc';
  api: string;
  oldPtr: string;
  newPtr: string;
  size: number;
  site: Site;
}

export interface MarkerEvent extends EventBase {
  type: 'begin' | 'end';
}

export type LogEvent = AllocEvent | FreeEvent | ReallocEvent | MarkerEvent;
