import type { Report, RunInfo, RunStatus } from '../report/schema.js';
import type { EarlyEnd } from './early-ends.js';
import { INIT_PREFIX, STEP } from './init-script.js';

// Pure: decides how a run ended from what QEMU, the guest's init and the matcher said.
// Order matters: a crash explains a hang or a failed insmod, so it wins; an interrupt
// (Ctrl-C, a cancelled job) next, then the watchdog; then what init reported.

export interface InitFacts {
  steps: string[];
  loadFailures: string[];
  /** Modules rmmod could not unload, with its message: their exit functions never ran. */
  unloadFailures: string[];
  testScriptExit?: number;
  testScriptTimeoutSec?: number;
  fatal?: string;
  streamerExit?: number;
  warnings: string[];
  poweredOff: boolean;
}

export function readInitLines(consoleLines: readonly string[]): InitFacts {
  const facts: InitFacts = { steps: [], loadFailures: [], unloadFailures: [], warnings: [], poweredOff: false };
  for (const raw of consoleLines) {
    const at = raw.indexOf(INIT_PREFIX);
    if (at < 0) continue;
    const msg = raw.slice(at + INIT_PREFIX.length).trim();
    const [key, ...rest] = msg.split(': ');
    const value = rest.join(': ');
    switch (key) {
      case 'step': facts.steps.push(value); break;
      case 'load-failed': facts.loadFailures.push(value); break;
      case 'unload-failed': facts.unloadFailures.push(value); break;
      case 'test-script-exit': facts.testScriptExit = Number(value); break;
      case 'test-script-timeout': if (/^\d+$/.test(value)) facts.testScriptTimeoutSec = Number(value); break;
      case 'fatal': facts.fatal = value; break;
      case 'streamer-exit': facts.streamerExit = Number(value); break;
      case 'warning': facts.warnings.push(value); break;
      default: if (msg === 'powering off') facts.poweredOff = true;
    }
  }
  return facts;
}

export interface RunFacts {
  init: InitFacts;
  watchdogFired: boolean;
  /** A signal (Ctrl-C) made the host stop the guest. */
  interruptedBy?: string;
  timeoutSec: number;
  accel: 'kvm' | 'tcg';
  durationMs: number;
  /** Console lines of a panic that stopped the guest ("Kernel panic - not syncing: ..."). */
  panicLine?: string;
  /** Kernel log lines naming the module around a failed load (Unknown symbol, disagrees about version, ...). */
  kernelLoadLines: string[];
  /** END markers in the record log before the runner unloaded the modules (early-ends.ts). */
  earlyEnds?: EarlyEnd[];
  /** The custom allocator pairs the records were matched with. */
  pairs?: ReadonlyArray<{ alloc: string; free: string }>;
  /** Where the modules' declared pairs disagree (pairs.ts). */
  pairConflicts?: readonly string[];
}

export function classifyRun(analysed: Report, facts: RunFacts): Report {
  const run: RunInfo = {
    ...analysed.run, accel: facts.accel, durationMs: facts.durationMs,
    ...(facts.pairs?.length ? { pairs: facts.pairs.map(({ alloc, free }) => ({ alloc, free })) } : {}),
  };
  if (facts.init.testScriptExit !== undefined) run.testScriptExit = facts.init.testScriptExit;
  const diagnostics = [...analysed.diagnostics];
  const lastStep = facts.init.steps[facts.init.steps.length - 1] ?? 'booting the kernel';
  let status: RunStatus = analysed.status;
  let reason = analysed.statusReason;

  if (facts.init.loadFailures.length > 0) {
    run.loadError = [...facts.init.loadFailures, ...facts.kernelLoadLines].join('\n');
  }
  if (analysed.crashes.length > 0 || facts.panicLine) {
    const title = analysed.crashes[0]?.title ?? facts.panicLine!;
    // The first report is often a consequence's warning; the one that stopped things may come after it.
    const others = analysed.crashes.slice(1).map((c) => c.title);
    const more = others.length === 0 ? '' : ` (then ${others.length} more report(s): ${others.slice(0, 2).join('; ')}${others.length > 2 ? '; ...' : ''})`;
    status = 'crashed';
    reason = `the kernel crashed${facts.watchdogFired ? ` and the run was killed after ${facts.timeoutSec} s${stuckAt(lastStep)}` : ''}: ${title}${more}`;
  } else if (facts.interruptedBy) {
    status = 'incomplete';
    reason = `the run was interrupted (${facts.interruptedBy}) at step '${lastStep}' and the guest was stopped; the log up to then was analysed.`;
  } else if (facts.watchdogFired) {
    status = 'timeout';
    reason = `the guest was still running after ${facts.timeoutSec} s (last step: ${lastStep}) and was killed; the log up to then was analysed. ${watchdogAdvice(lastStep, facts.init)}`;
  } else {
    const said = initOutcome(facts.init, facts.kernelLoadLines[0]);
    if (said) ({ status, reason } = said);
  }
  const exit = facts.init.testScriptExit;
  if (exit !== undefined && exit !== 0 && facts.init.testScriptTimeoutSec === undefined) {
    const killed = exit === 139
      ? ` (SIGSEGV: ${analysed.crashes.length > 0 ? 'the kernel kills the task a BUG or oops happens in; see the crash report' : 'a segmentation fault in the script or a program it ran'})`
      : exit !== 137 ? '' : analysed.crashes.length > 0
        ? ' (SIGKILL: the kernel kills the task an oops happens in; see the crash report)'
        : ' (SIGKILL: killed, by the OOM killer or another process)';
    const went = facts.init.steps.includes(STEP.draining) ? 'the run went on (module unloaded, records analysed)' : `the run went on, but the guest got no further than step '${lastStep}'`;
    diagnostics.push({ severity: 'warning', message: `the test script exited with status ${exit}${killed}; ${went}.` });
  }
  for (const { module, logLine } of facts.earlyEnds ?? []) {
    diagnostics.push({
      severity: 'warning',
      message: `module ${module}'s END at log line ${logLine} was written before modleak unloaded the module, by the test script or the module itself: what was allocated then is reported as leaked there, and its frees at unload as invalid frees after that END; test scripts must not write modleak1 records`,
    });
  }
  for (const w of facts.pairConflicts ?? []) diagnostics.push({ severity: 'warning', message: w });
  for (const w of facts.init.warnings) diagnostics.push({ severity: 'warning', message: `guest: ${w}` });
  return { ...analysed, status, statusReason: reason, diagnostics, run };
}

/**
 * What the guest's init said went wrong, by the same order: a module that did not load,
 * one rmmod could not unload, a guest that could not run it, a test script killed at its
 * limit. `kernelLine`: the kernel's own words about a failed load.
 */
export function initOutcome(init: InitFacts, kernelLine?: string): { status: RunStatus; reason: string } | undefined {
  if (init.loadFailures.length > 0) {
    return { status: 'load-failed', reason: `the module did not load: ${init.loadFailures[0]}${kernelLine ? ` (kernel: ${kernelLine})` : ''}` };
  }
  if (init.unloadFailures.length > 0) {
    return {
      status: 'incomplete',
      reason: `rmmod could not unload the module (${init.unloadFailures.join('; ')}): its exit function never ran, so what it frees is still allocated and nothing is called a leak for sure; let the test script release the module before it ends (close the files it opened, stop the processes that use it); a module without an exit function cannot be unloaded at all`,
    };
  }
  if (init.fatal) return { status: 'incomplete', reason: `the guest could not run the module: ${init.fatal}` };
  if (init.testScriptTimeoutSec !== undefined) {
    return { status: 'timeout', reason: `the test script was still running after ${init.testScriptTimeoutSec} s and was killed; the module was then unloaded and its records are complete.` };
  }
  return undefined;
}

/**
 * `modleak analyze` of a `modleak run`'s saved logs: the console's init lines say what the
 * record log cannot (a module that did not load, a test script killed at its limit), so
 * the status is the run's own, crashes first as in classifyRun.
 */
export function withRunnerOutcome(report: Report, runnerLines: readonly string[]): Report {
  // Only a modleak guest's console: its init's first line is there, before any other of its lines.
  if (report.status === 'crashed' || runnerLines[0] !== `${INIT_PREFIX} step: ${STEP.booted}`) return report;
  const said = initOutcome(readInitLines(runnerLines));
  return said ? { ...report, status: said.status, statusReason: `${said.reason} (as the run's console log says)` } : report;
}

/** Where a guest that crashed was when it was killed, when that says why it never finished. */
function stuckAt(lastStep: string): string {
  if (lastStep === STEP.unloading) return " (rmmod never returned: the module's exit waited for something the crash left behind, such as a lock or a reference the killed task held)";
  if (lastStep === STEP.runningTestScript) return " (the test script never ended: after an oops, a lock the killed task held often stays taken and the next call into the module waits on it forever)";
  return '';
}

/** What to do about a guest the watchdog killed: more time helps only where time was the problem. */
function watchdogAdvice(lastStep: string, init: InitFacts): string {
  if (lastStep === STEP.runningTestScript && init.testScriptTimeoutSec !== undefined) {
    return `The test script passed its own limit (${init.testScriptTimeoutSec} s) and did not die when killed: it is stuck in the kernel (a call into the module that blocks uninterruptibly); more time will not help.`;
  }
  if (lastStep === STEP.unloading) {
    return "rmmod never returned: the module's exit function blocks (waiting for work, a thread or a reference that never comes); more time will not help.";
  }
  return 'Raise --timeout (the Action\'s timeout) if the module or test script needs longer.';
}

// Only the kernel's own line, after its printk time: the console also carries the test
// script's output, which may quote a panic (as the log parser's user-space rule has it).
const PANIC = /\[\s*\d+\.\d+\] (Kernel panic - not syncing:.*)/;

/** The panic that stopped the guest, from the console (the record streamer stops before it gets there). */
export function findPanic(consoleLines: readonly string[]): string | undefined {
  for (const l of consoleLines) {
    const m = PANIC.exec(l);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * The kernel's own words about a failed load: warning-or-worse records from the module
 * ("<module>: Unknown symbol ...", "disagrees about version of symbol ...", its own
 * pr_err), minus the taint notices every out-of-tree module gets.
 */
export function loadErrorLines(recordLogText: string, modules: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of recordLogText.split('\n')) {
    const m = /^(\d+),\d+,\d+,[^;]*;(.*)$/.exec(line);
    if (!m || (Number(m[1]) & 7) > 4) continue;
    const msg = m[2]!.trim();
    if (!modules.some((name) => msg.startsWith(`${name}: `))) continue;
    if (/taints kernel|tainting kernel|verification failed/.test(msg)) continue;
    out.push(msg);
  }
  return out.slice(0, 20);
}
