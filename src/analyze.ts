import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { ApiPair } from './match/api-table.js';
import { Matcher } from './match/matcher.js';
import { LogParser, type LogFacts } from './parse/log-parser.js';
import { buildReport } from './report/build.js';
import { DiagnosticLog } from './report/diagnostics.js';
import type { Report } from './report/schema.js';
import { parseSuppressions, type SuppressionRule } from './report/suppressions.js';

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
  suppressionsFile?: string;
  pairs?: ApiPair[];
  /** Default true: a log without END markers is incomplete. */
  requireEndMarker?: boolean;
  /** Where stdin comes from when records is '-' (default process.stdin). */
  stdin?: Readable;
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
  const suppressions = options.suppressionsFile ? await loadSuppressions(options.suppressionsFile, diagnostics) : [];

  let parser: LogParser | undefined;
  const matcher = new Matcher({ pairs: options.pairs ?? [], diagnostics, file: recordName, lostSoFar: () => parser?.lostSoFar ?? 0 });
  parser = new LogParser({ file: recordName, modules: options.modules ?? [], records: true, diagnostics }, (event) => matcher.apply(event));
  const records = await feed(parser, input.records, 'record log', options.stdin);

  let consoleFacts: LogFacts | undefined;
  if (input.console !== undefined) {
    const consoleParser = new LogParser({ file: input.console, records: false, diagnostics }, () => undefined);
    consoleFacts = await feed(consoleParser, input.console, 'console log', options.stdin);
  }

  return buildReport({
    match: matcher.finish(),
    records,
    ...(consoleFacts ? { console: consoleFacts } : {}),
    requireEndMarker: options.requireEndMarker ?? true,
    suppressions,
    diagnostics,
    requestedModules: options.modules ?? [],
    recordLogName: recordName,
  });
}

async function feed(parser: LogParser, path: string, what: string, stdin: Readable | undefined): Promise<LogFacts> {
  const stream: Readable = path === '-' ? (stdin ?? process.stdin) : createReadStream(path, { highWaterMark: 64 * 1024 });
  let bytes = 0;
  try {
    for await (const chunk of stream) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      bytes += buffer.length;
      parser.push(buffer);
    }
  } catch (e) {
    if (bytes === 0) throw new InputError(`cannot read the ${what} '${path}': ${(e as Error).message}`);
    // Part of the log was read: analyse that part, and say it is only a part.
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
