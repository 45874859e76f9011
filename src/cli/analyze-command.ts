import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { analyzeLogs, InputError } from '../analyze.js';
import type { ApiPair } from '../match/api-table.js';
import { EXIT, gate, type Budgets } from '../report/gate.js';
import { renderMarkdown } from '../report/markdown.js';
import type { Report } from '../report/schema.js';
import { renderText } from '../report/text.js';
import { apiPair, moduleName, wholeNumber } from '../settings/values.js';
import { TOOL_VERSION } from '../version.js';
import type { CliIo } from './main.js';

const USAGE = `usage: modleak analyze LOG [options]

Matches the modleak1 allocation/free records in a kernel log (raw /dev/kmsg records,
dmesg or console text; - reads stdin) and reports leaks and bad frees.

options:
  --console FILE           serial console log: scanned for crashes and dropped messages
  --module NAME            only this module's records (repeatable)
  --no-require-end         a log without END markers (dmesg from real hardware): objects
                           live at the end of the log are leaks instead of "incomplete"
  --format text|json|markdown   output format (default text)
  --out FILE               write the report to FILE instead of stdout
  --suppressions FILE      suppressions file (see docs/analyze.md); repeatable
  --pair ALLOC:FREE        a custom allocator pair, e.g. osal_alloc:osal_free (repeatable)
  --max-leaks N            leaked objects allowed (default 0)
  --max-leaked-bytes N     leaked bytes allowed (default: no byte budget)
  --max-bad-frees N        bad frees allowed (default 0)

exit status: 0 within budget, 1 over budget or bad frees, 2 bad usage, unreadable input
or an --out file that cannot be written, 3 the run did not finish cleanly (crash,
incomplete log).
`;

export class UsageError extends Error {}

export const FORMATS = ['text', 'json', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

/** A non-negative integer flag value, or a UsageError naming the flag and the value. */
export function parseCount(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const count = wholeNumber(value);
  if (count === undefined) throw new UsageError(`--${flag} '${value}' is not a non-negative whole number up to ${Number.MAX_SAFE_INTEGER} (e.g. --${flag} 0)`);
  return count;
}

export function parsePair(value: string): ApiPair {
  const pair = apiPair(value);
  if (!pair) throw new UsageError(`--pair '${value}' is not ALLOC:FREE with two C function names (e.g. --pair osal_alloc:osal_free)`);
  return pair;
}

export function parseFormat(value: string | undefined): Format {
  if (value === undefined) return 'text';
  if (!(FORMATS as readonly string[]).includes(value)) throw new UsageError(`--format '${value}' is not one of ${FORMATS.join(', ')}`);
  return value as Format;
}

export function parseBudgets(values: { 'max-leaks'?: string; 'max-leaked-bytes'?: string; 'max-bad-frees'?: string }): Budgets {
  const maxLeakedBytes = parseCount('max-leaked-bytes', values['max-leaked-bytes']);
  return {
    maxLeaks: parseCount('max-leaks', values['max-leaks']) ?? 0,
    maxBadFrees: parseCount('max-bad-frees', values['max-bad-frees']) ?? 0,
    ...(maxLeakedBytes === undefined ? {} : { maxLeakedBytes }),
  };
}

export function formatReport(report: Report, format: Format, color: boolean): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'markdown':
      return renderMarkdown(report);
    case 'text':
      return renderText(report, { color });
  }
}

/** The flags `analyze` and `run` share: how the report is matched, judged and printed. */
export const REPORT_FLAGS = {
  format: { type: 'string' },
  suppressions: { type: 'string', multiple: true },
  pair: { type: 'string', multiple: true },
  'max-leaks': { type: 'string' },
  'max-leaked-bytes': { type: 'string' },
  'max-bad-frees': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/**
 * `--max-leaks -1` as `--max-leaks=-1`: a negative number then reaches the option's own
 * check, whose message says what is accepted (parseArgs calls it "ambiguous").
 */
export function joinNegativeValues(args: readonly string[], options: Readonly<Record<string, { type: string }>>): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') return [...joined, ...args.slice(i)];
    if (arg.startsWith('--') && options[arg.slice(2)]?.type === 'string' && /^-\d/.test(args[i + 1] ?? '')) {
      joined.push(`${arg}=${args[++i]}`);
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

export function versionLine(): string {
  return `modleak ${TOOL_VERSION}\n`;
}

export async function analyzeCommand(args: string[], io: CliIo): Promise<number> {
  const options = {
    console: { type: 'string' },
    module: { type: 'string', multiple: true },
    'no-require-end': { type: 'boolean' },
    out: { type: 'string' },
    ...REPORT_FLAGS,
  } as const;
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(args, options), allowPositionals: true, options });
  } catch (e) {
    io.stderr.write(`modleak analyze: ${(e as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  if (values.version) {
    io.stdout.write(versionLine());
    return EXIT.ok;
  }
  let format: Format;
  let budgets: Budgets;
  let pairs: ApiPair[];
  let modules: string[];
  try {
    if (positionals.length !== 1) {
      throw new UsageError(positionals.length === 0 ? 'expected one LOG argument (a file, or - for stdin); got none' : `expected one LOG argument; got ${positionals.length}: ${positionals.join(' ')}`);
    }
    if (positionals[0] === '-' && values.console === '-') {
      throw new UsageError('LOG and --console cannot both be read from stdin (-): give one of them as a file');
    }
    format = parseFormat(values.format);
    budgets = parseBudgets(values);
    pairs = (values.pair ?? []).map(parsePair);
    modules = (values.module ?? []).map((text) => {
      const name = moduleName(text);
      if (name === undefined) throw new UsageError(`--module '${text}' is not a kernel module name (letters, digits, _ and -)`);
      return name;
    });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`modleak analyze: ${e.message}\n\n${USAGE}`);
    return EXIT.usage;
  }

  let report: Report;
  try {
    report = await analyzeLogs(
      { records: positionals[0]!, ...(values.console !== undefined ? { console: values.console } : {}) },
      {
        modules,
        pairs,
        requireEndMarker: !values['no-require-end'],
        suppressionsFiles: values.suppressions ?? [],
        stdin: io.stdin,
      },
    );
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.stderr.write(`modleak analyze: ${e.message}\n`);
    return EXIT.usage;
  }

  const color = format === 'text' && values.out === undefined && (io.stdout as { isTTY?: boolean }).isTTY === true && !process.env.NO_COLOR;
  const output = formatReport(report, format, color);
  if (values.out !== undefined) {
    try {
      await writeFile(values.out, output);
    } catch (e) {
      io.stderr.write(`modleak analyze: cannot write the report to '${values.out}': ${(e as Error).message}\n`);
      return EXIT.usage;
    }
  } else {
    io.stdout.write(output);
  }
  const verdict = gate(report, budgets);
  for (const reason of verdict.reasons) io.stderr.write(`modleak: ${reason}\n`);
  return verdict.exitCode;
}
