import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { analyzeLogs } from '../analyze.js';
import type { ApiPair } from '../match/api-table.js';
import { headerPath } from '../paths.js';
import { emptyReport } from '../report/build.js';
import { renderMarkdown } from '../report/markdown.js';
import type { Report } from '../report/schema.js';
import { buildModule, checkModuleDir } from './build.js';
import { classifyRun, findPanic, loadErrorLines, readInitLines } from './classify.js';
import { elfMachine, EM_X86_64 } from './elf.js';
import { RunEnvironmentError, RunSettingsError } from './errors.js';
import { CommandNotFoundError } from './exec.js';
import { INIT_PREFIX } from './init-script.js';
import { BUSYBOX, baseInitramfs, buildPayload, checkExecutable } from './initramfs.js';
import { ensurePackages, ensurePrograms } from './install.js';
import { isStaticExecutable } from './elf.js';
import { resolveKernel, type KernelInfo } from './kernel.js';
import { readModulePairs } from './pairs.js';
import { kvmUsable, startGuest } from './qemu.js';
import { watchRecords } from './record-watch.js';
import { guestHelperBinary } from './guest-helper.js';

export interface RunSettings {
  moduleDir: string;
  /** 'auto' | 'debian:6.1' | 'debian:6.12' */
  kernel: string;
  kernelImage?: string;
  kernelBuildDir?: string;
  testScript?: string;
  moduleParams?: string;
  timeoutSec: number;
  outDir: string;
  cacheDir: string;
  suppressionsFile?: string;
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

/**
 * The whole run, from source directory to report. Never throws for a failed build,
 * boot, load or a timeout (those are statuses); throws RunSettingsError for settings
 * that cannot work and RunEnvironmentError for a machine that cannot run it.
 */
export async function runModule(settings: RunSettings, hooks: RunHooks): Promise<RunOutcome> {
  const started = Date.now();
  const moduleDir = resolve(settings.moduleDir);
  const outDir = resolve(settings.outDir);
  const cacheDir = resolve(settings.cacheDir);
  checkSettings(settings, moduleDir);
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

  const kernel = await environment(settings, cacheDir, hooks);

  // The guest boots from the cached base initramfs while the module builds; the module
  // follows over the payload port, so the build costs (almost) no wall time.
  const streamer = await guestHelperBinary(cacheDir);
  const base = await baseInitramfs(kernel, streamer, cacheDir);
  for (const w of base.warnings) hooks.progress(`warning: ${w}`);
  const accel = (await kvmUsable(cacheDir)) ? 'kvm' : 'tcg';
  hooks.progress(`booting ${kernel.release} in QEMU (${accel}) while building ${moduleDir}`);
  const consoleLines: string[] = [];
  const stopWatch = watchRecords(files.recordLog, (n) => hooks.progress(`${n} events captured`));
  const guest = startGuest({
    image: kernel.image,
    initramfs: base.path,
    consoleLog: files.consoleLog,
    recordLog: files.recordLog,
    payloadSocket: join(tmpdir(), `modleak-${process.pid}-${randomBytes(4).toString('hex')}.sock`),
    memoryMb: GUEST_MEMORY_MB,
    logBufMb: LOG_BUF_MB,
    accel,
    onConsoleLine: (line: string) => {
      if (consoleLines.length < 200_000) consoleLines.push(line);
      const at = line.indexOf(INIT_PREFIX);
      if (at >= 0) hooks.progress(`guest: ${line.slice(at + INIT_PREFIX.length).trim()}`);
    },
  });
  let watchdog: NodeJS.Timeout | undefined;
  try {
    const build = await buildModule(moduleDir, kernel.buildDir, headerPath(), join(outDir, 'build'));
    writeFileSync(join(outDir, 'build.log'), build.log);
    if (!build.ok) {
      guest.kill();
      await guest.done;
      stopWatch();
      const first = build.errors.find((e) => e.severity === 'error') ?? build.errors[0];
      const report = emptyReport('build-failed', `the module did not build against ${kernel.release}${first ? `: ${first.file}:${first.line}: ${first.message}` : ''} (full log: ${join(outDir, 'build.log')})`);
      report.kernel.release = kernel.release;
      report.run = { buildErrors: build.errors, durationMs: Date.now() - started };
      return finish(report, files);
    }
    hooks.progress(`built ${build.modules.map((m) => basename(m)).join(', ')}`);
    for (const ko of build.modules) {
      const m = elfMachine(ko);
      if (m && m.code !== EM_X86_64) throw new RunSettingsError(`the build produced ${ko} for ${m.name}, but modleak boots x86_64 kernels; build the module for x86_64.`);
    }
    const pairs = [...(settings.pairs ?? [])];
    for (const ko of build.modules) for (const p of await readModulePairs(ko, join(outDir, 'build', '.modleak_pairs.bin'))) if (!pairs.some((q) => q.alloc === p.alloc && q.free === p.free)) pairs.push(p);

    const payload = await buildPayload({
      kernel,
      modules: build.modules,
      moduleParams: settings.moduleParams ?? '',
      testScript: settings.testScript ? resolve(settings.testScript) : undefined,
      testScriptTimeoutSec: testScriptLimit(settings.timeoutSec),
      workDir: join(outDir, 'build'),
    });
    for (const w of payload.warnings) hooks.progress(`warning: ${w}`);
    let watchdogFired = false;
    watchdog = setTimeout(() => {
      watchdogFired = true;
      guest.kill();
    }, settings.timeoutSec * 1000);
    await guest.deliver(readFileSync(payload.path)).catch((e: Error) => hooks.progress(`warning: ${e.message}`));
    const boot = await guest.done;
    clearTimeout(watchdog);
    const captured = stopWatch();
    hooks.progress(`guest stopped after ${(boot.durationMs / 1000).toFixed(1)} s; ${captured} events captured; matching`);
    if (boot.consoleLines === 0 && !watchdogFired) {
      throw new RunEnvironmentError(`QEMU exited (code ${boot.exitCode}) before the guest printed anything: ${boot.stderr.trim().split('\n').slice(-3).join(' ') || 'no message'}. Command: ${boot.command}`);
    }

    const analysed = await analyzeLogs(
      { records: files.recordLog, console: files.consoleLog },
      { modules: payload.moduleNames, suppressionsFile: settings.suppressionsFile, pairs, requireEndMarker: true },
    );
    const init = readInitLines(consoleLines);
    const report = classifyRun(analysed, {
      init,
      watchdogFired,
      timeoutSec: settings.timeoutSec,
      accel,
      durationMs: Date.now() - started,
      panicLine: findPanic(consoleLines),
      kernelLoadLines: init.loadFailures.length > 0 ? loadErrorLines(readFileSync(files.recordLog, 'utf8'), payload.moduleNames) : [],
    });
    report.kernel.release ??= kernel.release;
    return finish(report, files);
  } catch (e) {
    clearTimeout(watchdog);
    guest.kill();
    await guest.done.catch(() => undefined);
    stopWatch();
    if (e instanceof CommandNotFoundError) throw new RunEnvironmentError(e.message);
    throw e;
  }
}

function checkSettings(settings: RunSettings, moduleDir: string): void {
  try {
    checkModuleDir(moduleDir);
    if (settings.testScript) checkExecutable(settings.testScript);
  } catch (e) {
    throw new RunSettingsError((e as Error).message);
  }
  if (!Number.isFinite(settings.timeoutSec) || settings.timeoutSec <= 0) throw new RunSettingsError(`the timeout must be a positive number of seconds; got ${settings.timeoutSec}.`);
  if (settings.suppressionsFile) {
    try {
      accessSync(settings.suppressionsFile, constants.R_OK);
    } catch {
      throw new RunSettingsError(`--suppressions ${settings.suppressionsFile} does not exist or is not readable.`);
    }
  }
  if (!existsSync(headerPath())) throw new RunEnvironmentError(`the modleak header ${headerPath()} is missing; reinstall modleak.`);
}

/** Tools and kernel: installs what is missing (root/sudo) or says exactly what to install. */
async function environment(settings: RunSettings, cacheDir: string, hooks: RunHooks): Promise<KernelInfo> {
  try {
    await ensurePrograms(['make', 'gcc', 'qemu-system-x86_64', 'cpio', 'depmod', 'modinfo', 'objcopy', 'xz', 'zstd'], hooks.progress);
    if (!existsSync(BUSYBOX) || !isStaticExecutable(BUSYBOX)) await ensurePackages(['busybox-static'], hooks.progress);
    // gcc -static for the guest helper needs libc.a.
    if (!existsSync('/usr/lib/x86_64-linux-gnu/libc.a')) await ensurePackages(['libc6-dev'], hooks.progress);
    return await resolveKernel({
      kernel: settings.kernel,
      kernelImage: settings.kernelImage,
      kernelBuildDir: settings.kernelBuildDir,
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
