// The only place the Action's inputs are read. Everything after this works on a typed,
// validated ActionSettings; a bad value stops here with a message naming the input,
// the value and what is accepted.
import { statSync } from 'node:fs';
import path from 'node:path';
import type { ApiPair } from '../match/api-table.js';
import { moduleKey } from '../parse/record.js';
import type { Budgets } from '../report/gate.js';
import { KERNEL_CHOICES } from '../run/kernel.js';
import { apiPair, moduleName, wholeNumber } from '../settings/values.js';

export type CommentMode = 'always' | 'on-failure' | 'never';

export type ActionMode =
  | { kind: 'run'; moduleDir: string }
  | {
    kind: 'log';
    recordLog: string;
    consoleLog?: string;
    /** false: a log with no BEGIN/END markers (a real machine's dmesg) is analyzed as it is (the CLI's --no-require-end). */
    requireEndMarker: boolean;
    /** Only these modules' records (the CLI's --module); empty: every module in the log. */
    modules: string[];
  };

export interface ActionSettings {
  mode: ActionMode;
  /** Absolute directory relative inputs were resolved against. */
  workingDirectory: string;
  kernel: string;
  kernelImage?: string;
  kernelBuildDir?: string;
  testScript?: string;
  moduleParams?: string;
  timeoutSec: number;
  budgets: Budgets;
  suppressionsFiles: string[];
  pairs: ApiPair[];
  comment: CommentMode;
  githubToken: string;
  artifactName: string;
  retentionDays?: number;
  /** Tells this job's matrix legs apart: in the comment marker and the artifact name. */
  leg: string;
  /** The pull request to comment on when the event is not one (the workflow_run recipe). */
  pullRequest?: number;
  /** The commit source links point at, overriding the event's. */
  headSha?: string;
}

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export type GetInput = (name: string) => string;

export function readActionSettings(getInput: GetInput, env: NodeJS.ProcessEnv = process.env): ActionSettings {
  const read = (name: string) => getInput(name).trim();
  const workingDirectory = path.resolve(env.GITHUB_WORKSPACE ?? process.cwd(), read('working-directory') || '.');
  requireDirectory('working-directory', workingDirectory, read('working-directory') || '.');
  const resolve = (p: string) => path.resolve(workingDirectory, p);

  const moduleInput = read('module');
  const logInput = read('log');
  if ((moduleInput === '') === (logInput === '')) {
    throw new InputError(moduleInput === ''
      ? "Input required: set 'module' (the kernel module's source directory, to build and boot it) or 'log' (a kernel log to analyze); neither is set."
      : `Inputs 'module' ('${moduleInput}') and 'log' ('${logInput}') are both set; set exactly one: 'module' to build and boot, or 'log' to analyze an existing log.`);
  }
  const requireEndMarker = parseRequireEnd(read('require-end'));
  const modules = parseModules(getInput('modules'));
  let mode: ActionMode;
  if (moduleInput) {
    const moduleDir = resolve(moduleInput);
    requireDirectory('module', moduleDir, moduleInput);
    // With 'module' the guest writes the markers itself; the report covers the modules the build made.
    if (!requireEndMarker) {
      throw new InputError(`Input 'require-end' ('${read('require-end')}') only applies when 'log' is set; with 'module' modleak writes the BEGIN/END markers around the run itself. Remove 'require-end'.`);
    }
    if (modules.length > 0) {
      throw new InputError(`Input 'modules' ('${modules.join(', ')}') only applies when 'log' is set; with 'module' the report covers the modules the build produced. Remove 'modules'.`);
    }
    mode = { kind: 'run', moduleDir };
  } else {
    const recordLog = resolve(logInput);
    requireFile('log', recordLog, logInput);
    const consoleInput = read('console-log');
    const consoleLog = consoleInput ? resolve(consoleInput) : undefined;
    if (consoleLog) requireFile('console-log', consoleLog, consoleInput);
    mode = { kind: 'log', recordLog, ...(consoleLog ? { consoleLog } : {}), requireEndMarker, modules };
  }
  if (mode.kind === 'log') {
    for (const name of ['kernel-image', 'kernel-build-dir', 'test-script', 'module-params']) {
      if (read(name)) throw new InputError(`Input '${name}' ('${read(name)}') only applies when 'module' is set; with 'log' the module is not built or booted. Remove '${name}'.`);
    }
  }

  const kernel = read('kernel') || 'auto';
  if (!(KERNEL_CHOICES as readonly string[]).includes(kernel)) {
    throw new InputError(`Input 'kernel' has value '${kernel}'; expected one of ${KERNEL_CHOICES.join(', ')} (or leave it at auto and set kernel-image and kernel-build-dir for your own kernel).`);
  }
  const kernelImage = optionalPath('kernel-image', read('kernel-image'), resolve, 'file');
  const kernelBuildDir = optionalPath('kernel-build-dir', read('kernel-build-dir'), resolve, 'directory');
  if ((kernelImage === undefined) !== (kernelBuildDir === undefined)) {
    const [given, missing] = kernelImage !== undefined ? ['kernel-image', 'kernel-build-dir'] : ['kernel-build-dir', 'kernel-image'];
    throw new InputError(`Input '${given}' is set but '${missing}' is empty; expected both, from the same kernel (the image it boots and the build directory the module is built against).`);
  }
  if (kernelImage !== undefined && kernel !== 'auto') {
    throw new InputError(`Input 'kernel' has value '${kernel}' while 'kernel-image' and 'kernel-build-dir' are set; expected one or the other: leave 'kernel' at auto to boot your own kernel.`);
  }
  const testScript = optionalPath('test-script', read('test-script'), resolve, 'file');
  const suppressionsFiles = read('suppressions').split('\n').map((line) => line.trim()).filter(Boolean).map((file) => optionalPath('suppressions', file, resolve, 'file')!);

  const maxLeakedBytesText = read('max-leaked-bytes');
  const budgets: Budgets = {
    maxLeaks: wholeNumberInput('max-leaks', read('max-leaks') || '0'),
    maxBadFrees: wholeNumberInput('max-bad-frees', read('max-bad-frees') || '0'),
    ...(maxLeakedBytesText ? { maxLeakedBytes: wholeNumberInput('max-leaked-bytes', maxLeakedBytesText) } : {}),
  };
  const timeoutSec = wholeNumberInput('timeout', read('timeout') || '600', 1, 21_600, "whole seconds from 1 to 21600 (a job's own limit is 6 hours)");
  const retentionText = read('retention-days');
  const retentionDays = retentionText ? wholeNumberInput('retention-days', retentionText, 1, 90, "a whole number of days from 1 to 90 (or empty for the repository's default)") : undefined;

  const comment = read('comment') || 'always';
  if (comment !== 'always' && comment !== 'on-failure' && comment !== 'never') {
    throw new InputError(`Input 'comment' has value '${comment}'; expected always, on-failure or never.`);
  }

  const leg = read('leg') || defaultLeg(kernel, mode, workingDirectory);
  if (/[\r\n]|-->/.test(leg)) throw new InputError(`Input 'leg' has value '${leg}'; expected one line without '-->'.`);
  const artifactName = read('artifact-name') || `modleak-report-${slug(leg)}`;
  const badChar = /["':<>|*?\r\n\\/]/.exec(artifactName);
  if (badChar) {
    throw new InputError(`Input 'artifact-name' has value '${artifactName}'; it may not contain ${JSON.stringify(badChar[0])} (nor any of " : < > | * ? \\ / or a line break).`);
  }

  const prText = read('pull-request');
  const pullRequest = prText ? wholeNumberInput('pull-request', prText, 1, Number.MAX_SAFE_INTEGER, "a pull request number (1 or more), or empty for the event's own") : undefined;
  const headSha = read('head-sha');
  if (headSha && !/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(headSha)) {
    throw new InputError(`Input 'head-sha' has value '${headSha}'; expected a full commit SHA (40 or 64 lowercase hex digits), or empty for the event's own.`);
  }

  const moduleParams = read('module-params');
  return {
    mode,
    workingDirectory,
    kernel,
    ...(kernelImage ? { kernelImage } : {}),
    ...(kernelBuildDir ? { kernelBuildDir } : {}),
    ...(testScript ? { testScript } : {}),
    ...(moduleParams ? { moduleParams } : {}),
    timeoutSec,
    budgets,
    suppressionsFiles,
    pairs: parsePairs(getInput('pairs')),
    comment,
    // action.yml defaults it to the workflow token; started by hand, GITHUB_TOKEN may carry it.
    githubToken: read('github-token') || env.GITHUB_TOKEN || '',
    artifactName,
    ...(retentionDays !== undefined ? { retentionDays } : {}),
    leg,
    ...(pullRequest !== undefined ? { pullRequest } : {}),
    ...(headSha ? { headSha } : {}),
  };
}

/** `true` (the default, also when empty) or `false`, spelt as YAML 1.2 and core.getBooleanInput accept them. */
export function parseRequireEnd(text: string): boolean {
  if (text === '' || /^(?:true|True|TRUE)$/.test(text)) return true;
  if (/^(?:false|False|FALSE)$/.test(text)) return false;
  throw new InputError(`Input 'require-end' has value '${text}'; expected true (a log without an END marker is incomplete) or false (a log with no BEGIN/END markers, such as a real machine's dmesg, is analyzed as it is).`);
}

/** Kernel module names, one per line (commas and spaces separate too); each once (`my-drv` and `my_drv` are one, as in the kernel). */
export function parseModules(text: string): string[] {
  const modules: string[] = [];
  for (const entry of text.split(/[\s,]+/).filter(Boolean)) {
    const name = moduleName(entry);
    if (name === undefined) {
      throw new InputError(`Input 'modules' has entry '${entry}'; expected a kernel module name (letters, digits, _ and -, without .ko), e.g. mydrv, one per line.`);
    }
    if (!modules.some((m) => moduleKey(m) === moduleKey(name))) modules.push(name);
  }
  return modules;
}

/** `ALLOC:FREE` entries, one per line or separated by commas/spaces. */
export function parsePairs(text: string): ApiPair[] {
  const pairs: ApiPair[] = [];
  for (const entry of text.split(/[\s,]+/).filter(Boolean)) {
    const pair = apiPair(entry);
    if (!pair) {
      throw new InputError(`Input 'pairs' has entry '${entry}'; expected ALLOC:FREE with C identifiers, e.g. osal_mem_alloc:osal_mem_free (one per line).`);
    }
    pairs.push(pair);
  }
  return pairs;
}

/** A whole number from `min` to `max`; `expected` words that range for the message. */
function wholeNumberInput(name: string, text: string, min = 0, max = Number.MAX_SAFE_INTEGER, expected = 'a whole number, 0 or more'): number {
  const value = wholeNumber(text, min, max);
  if (value === undefined) throw new InputError(`Input '${name}' has value '${text}'; expected ${expected}.`);
  return value;
}

function defaultLeg(kernel: string, mode: ActionMode, workingDirectory: string): string {
  // Log mode: the log's name may change from run to run; the comment must not.
  if (mode.kind === 'log') return 'log';
  return `${kernel} ${path.relative(workingDirectory, mode.moduleDir) || '.'}`;
}

export function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'default';
}

function optionalPath(name: string, value: string, resolve: (p: string) => string, kind: 'file' | 'directory'): string | undefined {
  if (!value) return undefined;
  const full = resolve(value);
  if (kind === 'file') requireFile(name, full, value);
  else requireDirectory(name, full, value);
  return full;
}

function requireFile(name: string, full: string, value: string): void {
  const st = statSync(full, { throwIfNoEntry: false });
  if (!st?.isFile()) {
    throw new InputError(`Input '${name}' has value '${value}', but ${full} ${st ? 'is not a file' : 'does not exist'}; expected a file path relative to the working directory.`);
  }
}

function requireDirectory(name: string, full: string, value: string): void {
  const st = statSync(full, { throwIfNoEntry: false });
  if (!st?.isDirectory()) {
    throw new InputError(`Input '${name}' has value '${value}', but ${full} ${st ? 'is not a directory' : 'does not exist'}; expected a directory relative to the working directory.`);
  }
}
