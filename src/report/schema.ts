// Contract 2 (design.md): the report every renderer reads. Changing a field's meaning
// means a new schema version.

export const REPORT_SCHEMA = 'modleak-report/v1' as const;

export type RunStatus = 'ok' | 'crashed' | 'timeout' | 'incomplete' | 'build-failed' | 'load-failed';

/** Where in the module's source an event happened, as the header logged it. */
export interface Site {
  file: string;
  line: number;
  function: string;
}

/** Where in the analysed log a record stood. */
export interface LogRef {
  /** 1-based line number in the log file the record was read from. */
  logLine: number;
  /** /dev/kmsg sequence number, when the log carried one. */
  seq?: number;
}

export interface AllocationRef extends LogRef {
  api: string;
  ptr: string;
  size: number;
  site: Site;
}

export interface FreeRef extends LogRef {
  api: string;
  ptr: string;
  site: Site;
}

export interface LeakSample extends LogRef {
  ptr: string;
  size: number;
}

export interface LeakGroup {
  /** `leak` when the run reached its end marker; `live-at-end` when it did not finish. */
  kind: 'leak' | 'live-at-end';
  module: string;
  site: Site;
  api: string;
  objects: number;
  bytes: number;
  /** Stable across runs and unrelated edits: hash of module, api, file and function (not line). */
  fingerprint: string;
  suppressed: boolean;
  /** The suppression rule that hid this group, as written in the file. */
  suppressedBy?: string;
  /** LeakSanitizer-style sentence: "Direct leak of 384 byte(s) in 3 object(s) allocated from ...". */
  message: string;
  /** The first few objects, for the reader to find them in the log. */
  samples: LeakSample[];
}

export type BadFreeKind = 'double-free' | 'invalid-free' | 'mismatched-free';

/** A module's END marker in the log. */
export interface EndRef extends LogRef {
  module: string;
}

export interface BadFree extends LogRef {
  kind: BadFreeKind;
  module: string;
  api: string;
  ptr: string;
  site: Site;
  /** The allocation the free collides with: the freed object (double, mismatched) or the one an interior pointer falls in. */
  allocation?: AllocationRef;
  /** Byte offset of ptr inside `allocation` for an interior-pointer invalid free. */
  offset?: number;
  /** The earlier free of the same object (a double free), or of the freed object an interior pointer falls in (an invalid free). */
  previousFree?: FreeRef;
  /** An invalid free of an object still allocated at its module's END (reported as a leak there): that END marker. */
  afterEnd?: EndRef;
  /** A mismatched free: the APIs that may release the object. */
  releasers?: string[];
  fingerprint: string;
  suppressed: boolean;
  suppressedBy?: string;
  message: string;
}

export type CrashKind = 'oops' | 'panic' | 'bug' | 'kasan' | 'warning';

export interface Crash {
  kind: CrashKind;
  /** The first line of the report, e.g. "BUG: KASAN: double-free in leaky_init+0x5a/0x90 [leaky]". */
  title: string;
  /** Its first line's number in the record log, or in the console log when `log` says so. */
  logLine: number;
  /** 'console': found only in the console log (`--console`, or the serial console of `modleak run`). */
  log?: 'console';
  /** The report's lines including its Call Trace, as they stood in the log. */
  lines: string[];
}

/** Where a crash report starts, in words: "log line 12" or "console log line 12". */
export function crashPlace(crash: Crash): string {
  return `${crash.log === 'console' ? 'console log' : 'log'} line ${crash.logLine}`;
}

export interface Diagnostic {
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** File the diagnostic is about (log, suppressions file, module source). */
  file?: string;
  line?: number;
  field?: string;
}

export interface Summary {
  allocations: number;
  frees: number;
  failedAllocations: number;
  /** Objects, bytes and call sites of the `leak` groups (not suppressed). */
  leakedObjects: number;
  leakedBytes: number;
  leakSites: number;
  /** Objects and bytes of the `live-at-end` groups (not suppressed): a run that did not finish, so not called leaks. */
  liveAtEndObjects: number;
  liveAtEndBytes: number;
  badFrees: number;
  suppressedLeakedObjects: number;
  suppressedBadFrees: number;
  peakLiveBytes: number;
  /** The event at which the live set peaked. */
  peakAt?: LogRef;
  lostRecords: number;
}

export interface SuppressionUse {
  rule: string;
  file: string;
  line: number;
  leakGroups: number;
  leakedObjects: number;
  leakedBytes: number;
  badFrees: number;
}

export interface BuildError {
  file: string;
  line: number;
  column?: number;
  severity: 'error' | 'warning';
  message: string;
}

export interface RunInfo {
  accel?: 'kvm' | 'tcg';
  durationMs?: number;
  /** insmod's message and the kernel's lines about it, for load-failed. */
  loadError?: string;
  testScriptExit?: number;
  buildErrors?: BuildError[];
  /** The custom allocator pairs the run matched with (given, and declared in the .ko): `analyze --pair` needs them for the same answer. */
  pairs?: Array<{ alloc: string; free: string }>;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  tool: { name: 'modleak'; version: string };
  status: RunStatus;
  /** One sentence saying why the status is what it is. */
  statusReason: string;
  kernel: { release?: string };
  modules: string[];
  summary: Summary;
  /** Unsuppressed and suppressed groups, sorted by bytes (descending), then objects, then site. */
  leaks: LeakGroup[];
  badFrees: BadFree[];
  crashes: Crash[];
  suppressions: SuppressionUse[];
  diagnostics: Diagnostic[];
  run?: RunInfo;
}
