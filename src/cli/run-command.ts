import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ApiPair } from '../match/api-table.js';
import { EXIT, gate, type Budgets } from '../report/gate.js';
import { RunSettingsError } from '../run/errors.js';
import { KERNEL_CHOICES } from '../run/kernel.js';
import { runModule } from '../run/pipeline.js';
import { wholeNumber } from '../settings/values.js';
import { formatReport, joinNegativeValues, parseBudgets, parseFormat, parsePair, REPORT_FLAGS, UsageError, versionLine, type Format } from './analyze-command.js';
import type { CliIo } from './main.js';

const USAGE = `usage: modleak run --module DIR [options]

Builds the module in DIR against a real kernel with the modleak header, boots that
kernel in QEMU, loads the module, runs the test script, unloads it, and reports every
allocation that was never freed and every bad free.

options:
  --module DIR              the module's source directory (with Kbuild or Makefile); required
  --kernel auto|debian:6.1|debian:6.12
                            kernel to build against and boot (default auto: the host's own
                            kernel when /boot/vmlinuz-$(uname -r) and its headers are there,
                            otherwise debian:6.1)
  --kernel-image FILE       boot this bzImage instead (with --kernel-build-dir, same release)
  --kernel-build-dir DIR    build against this kernel build/headers directory
  --test-script FILE        executable run in the guest after the module loaded (busybox sh)
  --module-params "a=1 b=2" insmod parameters
  --timeout SEC             the guest is killed SEC seconds after the module is sent to it (default 300);
                            the test script gets SEC-30 (SEC/2 below 60)
  --out DIR                 console.log, records.log, report.json, report.md (default ./modleak-out)
  --cache-dir DIR           downloaded kernels and the guest streamer
                            (default \${XDG_CACHE_HOME:-~/.cache}/modleak)
  --suppressions FILE       suppressions file; repeatable
  --pair ALLOC:FREE         a custom allocator pair (repeatable; MODLEAK_DECLARE_PAIR in the module
                            is read automatically)
  --format text|json|markdown   report on stdout (default text)
  --max-leaks N             leaked objects allowed (default 0)
  --max-leaked-bytes N      leaked bytes allowed (default: no byte budget)
  --max-bad-frees N         bad frees allowed (default 0)

exit status: 0 within budget, 1 over budget or bad frees, 2 bad usage,
3 the run itself failed (build error, load error, crash, timeout, incomplete log).
`;

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'modleak');
}

/** Node's timers take at most 2^31 - 1 ms; a longer one would fire at once. */
const MAX_TIMEOUT_SEC = Math.floor((2 ** 31 - 1) / 1000);

function parseTimeout(value: string | undefined): number {
  if (value === undefined) return 300;
  const seconds = wholeNumber(value, 1, MAX_TIMEOUT_SEC);
  if (seconds === undefined) throw new UsageError(`--timeout '${value}' is not a whole number of seconds from 1 to ${MAX_TIMEOUT_SEC} (e.g. --timeout 300)`);
  return seconds;
}

export async function runCommand(args: string[], io: CliIo): Promise<number> {
  const options = {
    module: { type: 'string' },
    kernel: { type: 'string' },
    'kernel-image': { type: 'string' },
    'kernel-build-dir': { type: 'string' },
    'test-script': { type: 'string' },
    'module-params': { type: 'string' },
    timeout: { type: 'string' },
    out: { type: 'string' },
    'cache-dir': { type: 'string' },
    ...REPORT_FLAGS,
  } as const;
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(args, options), allowPositionals: false, options });
  } catch (e) {
    io.stderr.write(`modleak run: ${(e as Error).message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  const { values } = parsed;
  if (values.version) {
    io.stdout.write(versionLine());
    return EXIT.ok;
  }
  if (values.help) {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  let format: Format;
  let budgets: Budgets;
  let pairs: ApiPair[];
  let timeoutSec: number;
  try {
    if (!values.module) throw new UsageError('--module DIR is required: the directory holding the module source and its Kbuild or Makefile');
    const kernel = values.kernel ?? 'auto';
    if (!(KERNEL_CHOICES as readonly string[]).includes(kernel)) throw new UsageError(`--kernel '${kernel}' is not one of ${KERNEL_CHOICES.join(', ')}; for your own kernel give --kernel-image FILE --kernel-build-dir DIR`);
    if (values.kernel !== undefined && (values['kernel-image'] || values['kernel-build-dir'])) throw new UsageError('--kernel and --kernel-image/--kernel-build-dir exclude each other; give one or the other');
    if (!!values['kernel-image'] !== !!values['kernel-build-dir']) throw new UsageError('--kernel-image and --kernel-build-dir go together; give both, from the same kernel');
    format = parseFormat(values.format);
    budgets = parseBudgets(values);
    pairs = (values.pair ?? []).map(parsePair);
    timeoutSec = parseTimeout(values.timeout);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`modleak run: ${e.message}\n\n${USAGE}`);
    return EXIT.usage;
  }

  const started = Date.now();
  const progress = (message: string) => io.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}\n`);
  let outcome;
  try {
    outcome = await runModule(
      {
        moduleDir: values.module!,
        kernel: values.kernel ?? 'auto',
        kernelImage: values['kernel-image'],
        kernelBuildDir: values['kernel-build-dir'],
        testScript: values['test-script'],
        moduleParams: values['module-params'],
        timeoutSec,
        outDir: values.out ?? 'modleak-out',
        cacheDir: values['cache-dir'] ?? defaultCacheDir(),
        suppressionsFiles: values.suppressions ?? [],
        pairs,
      },
      { progress },
    );
  } catch (e) {
    const usage = e instanceof RunSettingsError;
    io.stderr.write(`modleak run: ${(e as Error).message}\n`);
    return usage ? EXIT.usage : EXIT.runFailed;
  }
  const { report, files } = outcome;
  const color = format === 'text' && (io.stdout as { isTTY?: boolean }).isTTY === true && !process.env.NO_COLOR;
  io.stdout.write(formatReport(report, format, color));
  const verdict = gate(report, budgets);
  for (const reason of verdict.reasons) io.stderr.write(`modleak run: ${reason}\n`);
  io.stderr.write(`modleak run: wrote ${files.reportJson}, ${files.reportMd}, ${files.consoleLog}, ${files.recordLog}\n`);
  return verdict.exitCode;
}
