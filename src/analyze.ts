import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { kernelPairProblem, type ApiPair } from './match/api-table.js';
import { Matcher } from './match/matcher.js';
import { PointerKeys } from './match/pointer.js';
import { feed, InputError, type ReadAhead } from './read-log.js';
import { LogParser, type LogFacts } from './parse/log-parser.js';
import { buildReport } from './report/build.js';
import { DiagnosticLog } from './report/diagnostics.js';
import type { HeaderlessModules } from './report/headerless.js';
import type { Report } from './report/schema.js';
import { parseSuppressions, type SuppressionRule } from './report/suppressions.js';
import { withRunnerOutcome } from './run/classify.js';
import { warmUp } from './warm-up.js';

export { InputError } from './read-log.js';

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
  /** Read a long record log file's records ahead in a second thread (default: yes; see ReadAhead). */
  readAhead?: ReadAhead | false;
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
    consoleFacts = await feed(consoleParser, input.console, 'console log', { stdin: options.stdin, readAhead: false });
  }

  const { parser, matcher } = recordPipeline(recordName, diagnostics, {
    modules: options.modules ?? [], pairs: options.pairs ?? [], consoleRelease: consoleFacts?.kernelRelease, fromFirstRecord: options.capturedByRun ?? false,
  });
  // The warm-up runs while the read-ahead thread starts.
  const records = await feed(parser, input.records, 'record log', {
    stdin: options.stdin, readAhead: options.readAhead ?? {},
    beforeParse: (readAhead) => warmUp(() => recordPipeline('warm-up', new DiagnosticLog(), { modules: [], pairs: options.pairs ?? [], reorderWindow: 1 }), readAhead),
  });

  const report = buildReport({
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
  // A run's saved logs analysed again: `modleak run` classifies its own (classify.ts).
  return consoleFacts && !options.capturedByRun ? withRunnerOutcome(report, consoleFacts.runnerLines) : report;
}

interface PipelineOptions {
  modules: readonly string[];
  pairs: readonly ApiPair[];
  /** The reorder window's records (default: LogParser's). */
  reorderWindow?: number;
  /** The kernel the console's banner names, which decides until the record log names one. */
  consoleRelease?: string | undefined;
  /** The log should start at kmsg sequence 0 (see capturedByRun). */
  fromFirstRecord?: boolean;
}

/** The parser and the matcher it feeds, for the record log. */
function recordPipeline(file: string, diagnostics: DiagnosticLog, { modules, pairs, reorderWindow, consoleRelease, fromFirstRecord = false }: PipelineOptions): { parser: LogParser; matcher: Matcher } {
  const pointers = new PointerKeys();
  let parser: LogParser | undefined;
  const matcher = new Matcher({ pairs, diagnostics, file, lostSoFar: () => parser?.lostSoFar ?? 0, pointers });
  if (consoleRelease !== undefined) matcher.setKernelRelease(consoleRelease);
  parser = new LogParser({
    file, modules, records: true, diagnostics, pointers, onKernelRelease: (release) => matcher.setKernelRelease(release ?? consoleRelease), reorderWindow, fromFirstRecord,
  }, (event) => matcher.apply(event), matcher);
  return { parser, matcher };
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
