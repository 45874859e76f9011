import { fstatSync } from 'node:fs';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { kernelPairProblem, type ApiPair } from './match/api-table.js';
import { Matcher } from './match/matcher.js';
import { PointerKeys } from './match/pointer.js';
import { LogParser, type LogFacts } from './parse/log-parser.js';
import { buildReport } from './report/build.js';
import { DiagnosticLog } from './report/diagnostics.js';
import type { HeaderlessModules } from './report/headerless.js';
import type { Report } from './report/schema.js';
import { parseSuppressions, type SuppressionRule } from './report/suppressions.js';
import { warmUpChunks } from './warm-up.js';

// The I/O edge of the matcher: streams the logs through the pure parser and matcher
// and builds the report. Used by `modleak analyze` and by the runner.

export interface LogInputs {
  /** The record log (raw /dev/kmsg records or dmesg/console text); '-' reads stdin. */
  records: string;
  /** The serial console, scanned for crash reports and dropped-message notes. */
  console?: string;
}

export interface AnalyzeOptions {
  modules?: string[];
  /** Suppressions files, their rules tried in this order. */
  suppressionsFiles?: readonly string[];
  pairs?: ApiPair[];
  /** Default true: a log without END markers is incomplete. */
  requireEndMarker?: boolean;
  /** Where stdin comes from when records is '-' (default process.stdin). */
  stdin?: Readable;
  /** The caller built the module with the header itself (`modleak run`). */
  headerInjected?: boolean;
  /**
   * The record log is `modleak run`'s own capture: the guest's kernel log from its first
   * record, in a buffer modleak sized (a first sequence number above 0 is records lost).
   */
  capturedByRun?: boolean;
  /** `modleak run`: the modules it built without the header in every file (header-mark.ts). */
  headerless?: HeaderlessModules;
}

/** An input that cannot be read at all: the CLI exits 2 with this message. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export async function analyzeLogs(input: LogInputs, options: AnalyzeOptions = {}): Promise<Report> {
  const diagnostics = new DiagnosticLog();
  const recordName = input.records === '-' ? '<stdin>' : input.records;
  const suppressions: SuppressionRule[] = [];
  for (const file of options.suppressionsFiles ?? []) suppressions.push(...await loadSuppressions(file, diagnostics));

  for (const pair of options.pairs ?? []) {
    const problem = kernelPairProblem(pair);
    if (problem === undefined) continue;
    diagnostics.add('kernel-pair', {
      severity: 'warning', file: recordName, field: 'pair',
      message: `the declared pair ${pair.alloc}:${pair.free} is applied as given, but ${problem}. Declare pairs for your OSAL's own functions only`,
    });
  }
  // The console first: the kernel its banner names decides the verdicts until the record log names one.
  let consoleFacts: LogFacts | undefined;
  if (input.console !== undefined) {
    const consoleParser = new LogParser({ file: input.console, records: false, diagnostics }, () => undefined);
    consoleFacts = await feed(consoleParser, input.console, 'console log', options.stdin);
  }

  warmUp(options.pairs ?? []);
  const { parser, matcher } = recordPipeline(recordName, diagnostics, options.modules ?? [], options.pairs ?? [], undefined, consoleFacts?.kernelRelease, options.capturedByRun);
  const records = await feed(parser, input.records, 'record log', options.stdin);

  return buildReport({
    match: matcher.finish(),
    records,
    ...(consoleFacts ? { console: consoleFacts } : {}),
    requireEndMarker: options.requireEndMarker ?? true,
    suppressions,
    diagnostics,
    requestedModules: options.modules ?? [],
    recordLogName: recordName,
    headerInjected: options.headerInjected ?? false,
    capturedByRun: options.capturedByRun ?? false,
    ...(options.headerless ? { headerless: options.headerless } : {}),
    pairs: options.pairs ?? [],
  });
}

/**
 * The parser and the matcher it feeds, for the record log. `consoleRelease`: the kernel
 * the console's banner names, which decides until the record log names one.
 * `fromFirstRecord`: the log should start at kmsg sequence 0 (see capturedByRun).
 */
function recordPipeline(file: string, diagnostics: DiagnosticLog, modules: readonly string[], pairs: readonly ApiPair[], reorderWindow?: number, consoleRelease?: string, fromFirstRecord = false): { parser: LogParser; matcher: Matcher } {
  const pointers = new PointerKeys();
  let parser: LogParser | undefined;
  const matcher = new Matcher({ pairs, diagnostics, file, lostSoFar: () => parser?.lostSoFar ?? 0, pointers });
  if (consoleRelease !== undefined) matcher.setKernelRelease(consoleRelease);
  parser = new LogParser({
    file, modules, records: true, diagnostics, pointers, onKernelRelease: (release) => matcher.setKernelRelease(release ?? consoleRelease), reorderWindow, fromFirstRecord,
  }, (event) => matcher.apply(event), matcher);
  return { parser, matcher };
}

/**
 * The same pipeline over a small made-up log first, so V8 has seen the common paths
 * before it optimizes them (see warm-up.ts). Its records are released in order at once
 * (a window of 1), as a long log's are once the window has filled: the real log's first
 * records take the path that holds them.
 */
function warmUp(pairs: readonly ApiPair[]): void {
  const { parser, matcher } = recordPipeline('warm-up', new DiagnosticLog(), [], pairs, 1);
  for (const chunk of warmUpChunks()) parser.push(chunk);
  parser.end();
  matcher.finish();
}

const READ_BYTES = 1 << 20;

async function feed(parser: LogParser, path: string, what: string, stdin: Readable | undefined): Promise<LogFacts> {
  if (path !== '-') return feedFile(parser, path, path, what);
  const input = stdin ?? process.stdin;
  // Redirected from a file (`< log`): read as that file. Node's stdin stream ends as if
  // empty on a directory or a file that fails to read, which would pass for an empty log.
  if (input === process.stdin && stdinIsFile()) return feedFile(parser, '/dev/stdin', path, what);
  return feedStream(parser, input, what, path);
}

function stdinIsFile(): boolean {
  try {
    const stat = fstatSync(0);
    return stat.isFile() || stat.isDirectory();
  } catch {
    return false;
  }
}

/** `shown`: the name the messages give it. */
async function feedFile(parser: LogParser, path: string, shown: string, what: string): Promise<LogFacts> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (e) {
    throw new InputError(`cannot read the ${what} '${shown}': ${(e as Error).message}`);
  }
  // Two buffers, reused: the next read runs (in libuv's thread pool) while this chunk
  // is parsed. The parser copies whatever it keeps.
  const buffers = [Buffer.allocUnsafe(READ_BYTES), Buffer.allocUnsafe(READ_BYTES)];
  let bytes = 0;
  let turn = 0;
  const readInto = (buffer: Buffer) => {
    const read = file.read(buffer, 0, READ_BYTES, null).then((r) => r.bytesRead);
    // Marked handled: a read still in flight when the parse stops must not crash the process.
    read.catch(() => undefined);
    return read;
  };
  try {
    let pending = readInto(buffers[0]!);
    for (;;) {
      let got: number;
      try {
        got = await pending;
      } catch (e) {
        if (bytes === 0) throw new InputError(`cannot read the ${what} '${shown}': ${(e as Error).message}`);
        // Part of the log was read: analyse that part, and say it is only a part.
        return parser.end({ readError: `reading the ${what} '${shown}' failed after ${bytes} bytes: ${(e as Error).message}` });
      }
      if (got === 0) break;
      bytes += got;
      const current = buffers[turn]!;
      turn ^= 1;
      pending = readInto(buffers[turn]!);
      parser.push(current.subarray(0, got));
    }
  } finally {
    await file.close().catch(() => undefined);
  }
  return parser.end();
}

async function feedStream(parser: LogParser, stream: Readable, what: string, path: string): Promise<LogFacts> {
  let bytes = 0;
  try {
    for await (const chunk of stream) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string | Uint8Array);
      bytes += buffer.length;
      parser.push(buffer);
    }
  } catch (e) {
    if (bytes === 0) throw new InputError(`cannot read the ${what} '${path}': ${(e as Error).message}`);
    return parser.end({ readError: `reading the ${what} '${path}' failed after ${bytes} bytes: ${(e as Error).message}` });
  }
  return parser.end();
}

async function loadSuppressions(path: string, diagnostics: DiagnosticLog): Promise<SuppressionRule[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read the suppressions file '${path}': ${(e as Error).message}`);
  }
  return parseSuppressions(text, path, diagnostics);
}
