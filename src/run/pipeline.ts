import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { analyzeLogs } from '../analyze.js';
import type { ApiPair } from '../match/api-table.js';
import { headerPath } from '../paths.js';
import { emptyReport } from '../report/build.js';
import { renderMarkdown } from '../report/markdown.js';
import type { BuildError, Report } from '../report/schema.js';
import { pvhKernel } from './boot-image.js';
import { buildModule, checkModuleDir } from './build.js';
import { classifyRun, findPanic, loadErrorLines, readInitLines } from './classify.js';
import { readEarlyEnds } from './early-ends.js';
import { elfMachine, EM_X86_64, isStaticExecutable } from './elf.js';
import { RunEnvironmentError, RunSettingsError } from './errors.js';
import { CommandNotFoundError } from './exec.js';
import { INIT_PREFIX } from './init-script.js';
import { BUSYBOX, baseInitramfs, buildPayload, checkExecutable } from './initramfs.js';
import { ensurePackages, ensurePrograms } from './install.js';
import { resolveKernel, type KernelInfo } from './kernel.js';
import { registersCryptoAlgorithms } from './module-source.js';
import { pairConflicts, readModulePairs } from './pairs.js';
import { kvmUsable, startGuest, type BootResult, type Guest } from './qemu.js';
import { watchRecords } from './record-watch.js';
import { guestHelperBinary } from './guest-helper.js';
import { headerlessModules } from './header-mark.js';
import { moduleName } from './modules-dep.js';

export interface RunSettings {
  moduleDir: string;
  /** 'auto' | 'debian:6.1' | 'debian:6.12' */
  kernel: string;
  kernelImage?: string;
  kernelBuildDir?: string;
  /** For `auto`: the running kernel's release (default os.release()). */
  hostRelease?: string;
  testScript?: string;
  moduleParams?: string;
  timeoutSec: number;
  outDir: string;
  cacheDir: string;
  suppressionsFiles?: readonly string[];
  pairs?: ApiPair[];
}

export interface RunHooks {
  progress: (message: string) => void;
  restoreCache?: (dir: string, key: string) => Promise<boolean>;
  saveCache?: (dir: string, key: string) => Promise<void>;
}

export interface RunOutcome {
  report: Report;
  files: { reportJson: string; reportMd: string; consoleLog: string; recordLog: string };
}

/** Guest memory and printk buffer: big enough that a burst of a million records is not overwritten before the streamer reads it. */
const GUEST_MEMORY_MB = 1024;
const LOG_BUF_MB = 16;

/** The test script gets the run's time limit minus what booting and draining need. */
export function testScriptLimit(timeoutSec: number): number {
  return timeoutSec >= 60 ? timeoutSec - 30 : Math.max(1, Math.floor(timeoutSec / 2));
}

interface RunPaths {
  moduleDir: string;
  outDir: string;
  cacheDir: string;
  buildDir: string;
  files: RunOutcome['files'];
}

/** A booting guest plus what the host collects from it while it runs. */
interface Session {
  guest: Guest;
  consoleLines: string[];
  /** The signal that stopped the run (Ctrl-C), if one did. */
  interruptedBy?: NodeJS.Signals;
  /** Stops the live event count; returns the events seen. */
  stopWatch: () => number;
}

/**
 * The whole run, from source directory to report. Never throws for a failed build,
 * boot, load or a timeout (those are statuses); throws RunSettingsError for settings
 * that cannot work and RunEnvironmentError for a machine that cannot run it. Anything
 * else that fails (writing the payload, reading the logs back) propagates as it is: the
 * CLI exits 3 with its message, the Action stops with it.
 */
export async function runModule(settings: RunSettings, hooks: RunHooks): Promise<RunOutcome> {
  const started = Date.now();
  const paths = preparePaths(settings);
  const kernel = await environment(settings, paths.cacheDir, hooks);
  // The guest boots from the cached base initramfs while the module builds; the module
  // follows over the payload port, so the build costs (almost) no wall time.
  const session = await bootEarly(kernel, paths, hooks);
  try {
    const build = await buildModule(paths.moduleDir, kernel.buildDir, headerPath(), paths.buildDir, { cacheDir: paths.cacheDir });
    writeFileSync(join(paths.outDir, 'build.log'), build.log);
    if (!build.ok) {
      await stopSession(session);
      return finish(buildFailedReport(build.errors, kernel.release, paths, started), paths.files);
    }
    hooks.progress(`built ${build.modules.map((m) => basename(m)).join(', ')}`);
    checkArchitecture(build.modules);
    const { pairs, conflicts: pairConflictWarnings } = modulePairs(build.modules, settings.pairs ?? []);
    // Built with -DMODLEAK_DISABLE throughout: logs nothing, so the run cannot pass, unless it is an OSAL the others wrap.
    const headerless = headerlessModules(build.modules, pairs);
    const payload = await buildPayload({
      kernel,
      modules: build.modules,
      moduleParams: settings.moduleParams ?? '',
      testScript: settings.testScript ? resolve(settings.testScript) : undefined,
      testScriptTimeoutSec: testScriptLimit(settings.timeoutSec),
      workDir: paths.buildDir,
    });
    for (const w of payload.warnings) hooks.progress(`warning: ${w}`);
    const { boot, watchdogFired } = await runGuest(session, payload.path, settings.timeoutSec, hooks);
    const analysed = await analyzeLogs(
      { records: paths.files.recordLog, console: paths.files.consoleLog },
      {
        modules: payload.moduleNames, suppressionsFiles: settings.suppressionsFiles ?? [], pairs, requireEndMarker: true,
        headerInjected: headerless.unchecked.length + headerless.osal.length < build.modules.length, headerless, capturedByRun: true,
      },
    );
    const init = readInitLines(session.consoleLines);
    const report = classifyRun(analysed, {
      init,
      watchdogFired,
      interruptedBy: session.interruptedBy,
      timeoutSec: settings.timeoutSec,
      accel: boot.accel,
      durationMs: Date.now() - started,
      panicLine: findPanic(session.consoleLines),
      kernelLoadLines: init.loadFailures.length > 0 ? loadErrorLines(readFileSync(paths.files.recordLog, 'utf8'), payload.moduleNames) : [],
      earlyEnds: await readEarlyEnds(paths.files.recordLog, payload.runId),
      pairs,
      pairConflicts: pairConflictWarnings,
    });
    report.kernel.release ??= kernel.release;
    return finish(report, paths.files);
  } catch (e) {
    await stopSession(session);
    if (e instanceof CommandNotFoundError) throw new RunEnvironmentError(e.message);
    throw e;
  }
}

function preparePaths(settings: RunSettings): RunPaths {
  const moduleDir = resolve(settings.moduleDir);
  checkSettings(settings, moduleDir);
  const outDir = resolve(settings.outDir);
  const cacheDir = resolve(settings.cacheDir);
  mkdirSync(outDir, { recursive: true });
  mkdirSync(cacheDir, { recursive: true });
  const files = {
    reportJson: join(outDir, 'report.json'),
    reportMd: join(outDir, 'report.md'),
    consoleLog: join(outDir, 'console.log'),
    recordLog: join(outDir, 'records.log'),
  };
  writeFileSync(files.consoleLog, '');
  writeFileSync(files.recordLog, '');
  return { moduleDir, outDir, cacheDir, buildDir: join(outDir, 'build'), files };
}

async function bootEarly(kernel: KernelInfo, paths: RunPaths, hooks: RunHooks): Promise<Session> {
  const helper = await guestHelperBinary(paths.cacheDir);
  const base = await baseInitramfs(kernel, helper, paths.cacheDir);
  for (const w of base.warnings) hooks.progress(`warning: ${w}`);
  const accel = (await kvmUsable(paths.cacheDir)) ? 'kvm' : 'tcg';
  const image = accel === 'tcg' ? await uncompressedWhenPossible(kernel.image, paths.cacheDir, hooks) : kernel.image;
  hooks.progress(`booting ${kernel.release} in QEMU (${accel}) while building ${paths.moduleDir}`);
  const consoleLines: string[] = [];
  const stopWatch = watchRecords(paths.files.recordLog, (n) => hooks.progress(`${n} events captured`));
  const guest: Guest = startGuest({
    image,
    initramfs: base.path,
    consoleLog: paths.files.consoleLog,
    recordLog: paths.files.recordLog,
    // UNIX socket paths are limited to 107 bytes: keep it out of a deep --out dir.
    payloadSocket: join(tmpdir(), `modleak-${process.pid}-${randomBytes(4).toString('hex')}.sock`),
    memoryMb: GUEST_MEMORY_MB,
    logBufMb: LOG_BUF_MB,
    accel,
    cryptoSelfTests: registersCryptoAlgorithms(paths.moduleDir),
    onConsoleLine: (line: string) => {
      if (consoleLines.length < 200_000) consoleLines.push(line);
      const at = line.indexOf(INIT_PREFIX);
      if (at >= 0) hooks.progress(`guest: ${line.slice(at + INIT_PREFIX.length).trim()}`);
    },
  });
  const session: Session = { guest, consoleLines, stopWatch };
  // QEMU runs in its own process group, out of reach of the terminal's Ctrl-C: pass
  // the signal on, or an interrupted run would leave the guest running.
  const onSignal = (signal: NodeJS.Signals) => {
    hooks.progress(`${signal}: stopping the guest`);
    session.interruptedBy = signal;
    guest.kill();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  void guest.done.finally(() => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  });
  return session;
}

/** Under TCG, the kernel without its decompressor (see boot-image.ts); the bzImage when that cannot be. */
async function uncompressedWhenPossible(image: string, cacheDir: string, hooks: RunHooks): Promise<string> {
  const pvh = await pvhKernel(image, cacheDir);
  if (pvh.path) return pvh.path;
  hooks.progress(`note: the kernel boots with its own decompressor, which is slow under emulation: ${pvh.reason}`);
  return image;
}

async function stopSession(session: Session): Promise<void> {
  session.guest.kill();
  await session.guest.done.catch(() => undefined);
  session.stopWatch();
}

/** Sends the payload and waits for the guest, killing it `timeoutSec` after the module was sent. */
async function runGuest(session: Session, payloadPath: string, timeoutSec: number, hooks: RunHooks): Promise<{ boot: BootResult; watchdogFired: boolean }> {
  let watchdogFired = false;
  const watchdog = setTimeout(() => {
    watchdogFired = true;
    session.guest.kill();
  }, timeoutSec * 1000);
  try {
    await session.guest.deliver(readFileSync(payloadPath)).catch((e: Error) => hooks.progress(`warning: ${e.message}`));
    const boot = await session.guest.done;
    const captured = session.stopWatch();
    hooks.progress(`guest stopped after ${(boot.durationMs / 1000).toFixed(1)} s; ${captured} events captured; matching`);
    if (boot.consoleLines === 0 && !watchdogFired) {
      throw new RunEnvironmentError(`QEMU exited (code ${boot.exitCode}) before the guest printed anything: ${boot.stderr.trim().split('\n').slice(-3).join(' ') || 'no message'}. Command: ${boot.command}`);
    }
    return { boot, watchdogFired };
  } finally {
    clearTimeout(watchdog);
  }
}

function buildFailedReport(errors: BuildError[], release: string, paths: RunPaths, started: number): Report {
  const first = errors.find((e) => e.severity === 'error') ?? errors[0];
  const where = first ? `: ${first.file}:${first.line}: ${first.message}` : '';
  const report = emptyReport('build-failed', `the module did not build against ${release}${where} (full log: ${join(paths.outDir, 'build.log')})`);
  report.kernel.release = release;
  report.run = { buildErrors: errors, durationMs: Date.now() - started };
  return report;
}

function checkArchitecture(modules: string[]): void {
  for (const ko of modules) {
    const m = elfMachine(ko);
    if (m && m.code !== EM_X86_64) throw new RunSettingsError(`the build produced ${ko} for ${m.name}, but modleak boots x86_64 kernels; build the module for x86_64.`);
  }
}

/** The pairs given on the command line plus each .ko's MODLEAK_DECLARE_PAIR declarations, and warnings where the .ko files disagree. */
function modulePairs(modules: string[], given: ApiPair[]): { pairs: ApiPair[]; conflicts: string[] } {
  const pairs = [...given];
  const declared = modules.map((ko) => ({ module: moduleName(ko), pairs: readModulePairs(ko) }));
  for (const { pairs: own } of declared) {
    for (const p of own) {
      if (!pairs.some((q) => q.alloc === p.alloc && q.free === p.free)) pairs.push(p);
    }
  }
  return { pairs, conflicts: pairConflicts(declared) };
}

function checkSettings(settings: RunSettings, moduleDir: string): void {
  try {
    checkModuleDir(moduleDir);
    if (settings.testScript) checkExecutable(settings.testScript);
  } catch (e) {
    throw new RunSettingsError((e as Error).message);
  }
  if (!Number.isFinite(settings.timeoutSec) || settings.timeoutSec <= 0) throw new RunSettingsError(`the timeout must be a positive number of seconds; got ${settings.timeoutSec}.`);
  for (const file of settings.suppressionsFiles ?? []) {
    try {
      accessSync(file, constants.R_OK);
    } catch {
      throw new RunSettingsError(`--suppressions ${file} does not exist or is not readable.`);
    }
  }
  if (!existsSync(headerPath())) throw new RunEnvironmentError(`the modleak header ${headerPath()} is missing; reinstall modleak.`);
}

/** Tools and kernel: installs what is missing (root/sudo) or says exactly what to install. */
async function environment(settings: RunSettings, cacheDir: string, hooks: RunHooks): Promise<KernelInfo> {
  try {
    await ensurePrograms(['make', 'gcc', 'ld', 'qemu-system-x86_64', 'cpio', 'depmod', 'xz', 'zstd', 'lz4'], hooks.progress);
    if (!existsSync(BUSYBOX) || !isStaticExecutable(BUSYBOX)) await ensurePackages(['busybox-static'], hooks.progress);
    // gcc -static for the guest helper needs libc.a.
    if (!existsSync('/usr/lib/x86_64-linux-gnu/libc.a')) await ensurePackages(['libc6-dev'], hooks.progress);
    return await resolveKernel({
      kernel: settings.kernel,
      kernelImage: settings.kernelImage,
      kernelBuildDir: settings.kernelBuildDir,
      hostRelease: settings.hostRelease,
      cacheDir,
      progress: hooks.progress,
      restoreCache: hooks.restoreCache,
      saveCache: hooks.saveCache,
    });
  } catch (e) {
    if (e instanceof RunSettingsError || e instanceof RunEnvironmentError) throw e;
    const msg = (e as Error).message;
    // The user's own kernel files are settings; everything else is the machine.
    if (settings.kernelImage || settings.kernelBuildDir || /^--kernel /.test(msg)) throw new RunSettingsError(msg);
    throw new RunEnvironmentError(msg);
  }
}

function finish(report: Report, files: RunOutcome['files']): RunOutcome {
  writeFileSync(files.reportJson, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(files.reportMd, renderMarkdown(report, { artifactHint: 'report.json beside this file' }));
  return { report, files };
}
