import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testCacheDir, testKernel } from './support/test-cache.js';
import type { Report } from '../src/report/schema.js';
import { analyzeLogs } from '../src/analyze.js';
import { runModule, type RunSettings } from '../src/run/pipeline.js';

// Real kbuild, real Debian kernels, real QEMU (TCG when KVM is unusable). Each run
// boots a kernel, so the cases are few and each checks everything it can.

const cacheDir = testCacheDir();
const examples = join(import.meta.dirname, '..', 'examples');
const modules = join(import.meta.dirname, 'run-modules');
const RUN_MS = 600_000;

async function run(over: Partial<RunSettings> & { moduleDir: string }): Promise<{ report: Report; outDir: string }> {
  const outDir = mkdtempSync(join(tmpdir(), 'modleak-run-test-'));
  const { report, files } = await runModule({ kernel: 'debian:6.1', timeoutSec: 300, outDir, cacheDir, ...over }, { progress: () => undefined });
  for (const f of Object.values(files)) expect(existsSync(f)).toBe(true);
  expect(JSON.parse(readFileSync(files.reportJson, 'utf8'))).toEqual(JSON.parse(JSON.stringify(report)));
  return { report, outDir };
}

const leakRows = (r: Report) => r.leaks.map((l) => ({ kind: l.kind, site: `${l.site.file}:${l.site.line} ${l.site.function}`, api: l.api, objects: l.objects, bytes: l.bytes }));
const badFreeRows = (r: Report) =>
  r.badFrees.map((b) => ({ kind: b.kind, site: `${b.site.file}:${b.site.line} ${b.site.function}`, api: b.api, allocatedAt: b.allocation ? `${b.allocation.site.file}:${b.allocation.site.line} ${b.allocation.api}` : undefined }));

describe.each(['debian:6.1', 'debian:6.12'])('examples on %s (exact findings from their README)', (kernel) => {
  it('leaky: 4 leak sites, 7 objects, 24657 bytes, one bad free of each kind, and the double free\'s BUG', async () => {
    const { report: r } = await run({ kernel, moduleDir: join(examples, 'leaky'), testScript: join(examples, 'leaky', 'test.sh') });
    expect(r.status).toBe('crashed');
    expect(r.statusReason).toMatch(/^the kernel crashed: kernel BUG at mm\/slub\.c:\d+!$/);
    expect(r.kernel.release).toMatch(kernel === 'debian:6.1' ? /^6\.1\./ : /^6\.12\./);
    expect(r.modules).toEqual(['leaky']);
    expect(leakRows(r)).toEqual([
      { kind: 'leak', site: 'leaky.c:73 leaky_init', api: 'kmalloc', objects: 1, bytes: 16384 },
      { kind: 'leak', site: 'leaky.c:66 leaky_init', api: 'vmalloc', objects: 1, bytes: 8192 },
      { kind: 'leak', site: 'leaky.c:43 leaky_poke_write', api: 'kmalloc', objects: 2, bytes: 64 },
      { kind: 'leak', site: 'leaky.c:29 leaky_conf_new', api: 'kstrdup', objects: 3, bytes: 17 },
    ]);
    expect(badFreeRows(r)).toEqual([
      { kind: 'invalid-free', site: 'leaky.c:75 leaky_init', api: 'kfree', allocatedAt: 'leaky.c:73 kmalloc' },
      { kind: 'mismatched-free', site: 'leaky.c:83 leaky_init', api: 'kfree', allocatedAt: 'leaky.c:82 kvmalloc' },
      { kind: 'double-free', site: 'leaky.c:99 leaky_exit', api: 'kfree', allocatedAt: 'leaky.c:85 kmalloc' },
    ]);
    expect(r.badFrees[0]!.offset).toBe(64);
    expect(r.badFrees[2]!.previousFree?.site).toEqual({ file: 'leaky.c', line: 98, function: 'leaky_exit' });
    expect(r.crashes).toHaveLength(1);
    expect(['bug', 'oops']).toContain(r.crashes[0]!.kind);
    expect(r.crashes[0]!.lines.some((l) => l.includes('leaky_exit'))).toBe(true);
    expect(r.summary).toMatchObject({ leakedObjects: 7, leakedBytes: 24657, leakSites: 4, badFrees: 3, lostRecords: 0 });
    expect(r.run).toMatchObject({ testScriptExit: 0 });
  }, RUN_MS);

  it('osal: exactly one leak, at driver.c:29, with the pairs read from the .ko', async () => {
    const { report: r } = await run({ kernel, moduleDir: join(examples, 'osal'), testScript: join(examples, 'osal', 'test.sh') });
    expect(r.status).toBe('ok');
    expect(r.modules).toEqual(['osal_demo']);
    expect(leakRows(r)).toEqual([{ kind: 'leak', site: 'driver.c:29 demo_session_open', api: 'osal_mem_alloc', objects: 1, bytes: 256 }]);
    expect(r.badFrees).toEqual([]);
    expect(r.crashes).toEqual([]);
    // With the pairs from .modleak_pairs there is no "custom API without a declared pair" note.
    expect(r.diagnostics.filter((d) => /pair/i.test(d.message))).toEqual([]);
    expect(r.summary).toMatchObject({ allocations: 10, frees: 9, lostRecords: 0 });
  }, RUN_MS);

  it('clean: no findings at all', async () => {
    const { report: r } = await run({ kernel, moduleDir: join(examples, 'clean'), testScript: join(examples, 'clean', 'test.sh') });
    expect(r.status).toBe('ok');
    expect(r.leaks).toEqual([]);
    expect(r.badFrees).toEqual([]);
    expect(r.crashes).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(r.summary.allocations).toBeGreaterThan(0);
    expect(r.summary.allocations).toBe(r.summary.frees);
  }, RUN_MS);
});

describe('the guest keeps what the module needs (Debian 6.1)', () => {
  const kmsg = (outDir: string) => readFileSync(join(outDir, 'records.log'), 'utf8');

  it('a module that registers a crypto algorithm: the crypto manager tests it; other modules boot without the self-tests under TCG', async () => {
    const crypto = await run({ moduleDir: join(modules, 'crypto-alg') });
    expect(crypto.report.status).toBe('ok');
    expect(crypto.report.summary).toMatchObject({ allocations: 1, frees: 1, leakedObjects: 0 });
    expect(kmsg(crypto.outDir)).toMatch(/;alg: No test for modleak_xor8 \(modleak_xor8-generic\)$/m);
    expect(kmsg(crypto.outDir)).not.toContain('cryptomgr.notests');

    const quiet = await run({ moduleDir: join(modules, 'quiet') });
    expect(quiet.report.status).toBe('ok');
    if (quiet.report.run?.accel === 'tcg') {
      expect(kmsg(quiet.outDir)).toMatch(/;Command line: .* cryptomgr\.notests/);
      expect(kmsg(quiet.outDir)).toContain(';alg: self-tests disabled');
    }
  }, RUN_MS);
});

describe("--kernel auto with the host's own kernel installed", () => {
  it("builds against /lib/modules/<release>/build, boots /boot/vmlinuz-<release> and finds nothing in clean", async () => {
    // Debian's 6.12 image and headers are installed on the test machine (the headers pull
    // the image in): they stand in for a GitHub runner's own kernel.
    const { release } = await testKernel('debian:6.12');
    const { report: r } = await run({ kernel: 'auto', hostRelease: release, moduleDir: join(examples, 'clean'), testScript: join(examples, 'clean', 'test.sh') });
    expect(r.status).toBe('ok');
    expect(r.kernel.release).toBe(release);
    expect(r.leaks).toEqual([]);
    expect(r.badFrees).toEqual([]);
    expect(r.summary.allocations).toBeGreaterThan(0);
    expect(r.summary.allocations).toBe(r.summary.frees);
  }, RUN_MS);
});

describe('failure cases (Debian 6.1)', () => {
  it('a module that does not compile: build-failed with file:line, and the guest is stopped', async () => {
    const { report: r } = await run({ moduleDir: join(modules, 'broken') });
    expect(r.status).toBe('build-failed');
    expect(r.run?.buildErrors?.[0]).toEqual({ file: 'broken.c', line: 11, column: 9, severity: 'error', message: "expected ‘;’ before ‘return’" });
    expect(r.statusReason).toMatch(/^the module did not build against 6\.1\.\S+: broken\.c:11: expected ‘;’ before ‘return’/);
  }, RUN_MS);

  it('a module that panics at load: crashed, with the panic', async () => {
    const { report: r } = await run({ moduleDir: join(modules, 'panic-at-load') });
    expect(r.status).toBe('crashed');
    expect(r.statusReason).toContain('Kernel panic - not syncing: modleak test: panic at load');
    expect(r.crashes.some((c) => c.kind === 'panic' && c.title.includes('modleak test: panic at load'))).toBe(true);
  }, RUN_MS);

  it('a module whose init fails: load-failed with insmod\'s message and the kernel\'s, records of the one init run', async () => {
    const { report: r } = await run({ moduleDir: join(modules, 'init-fails') });
    expect(r.status).toBe('load-failed');
    expect(r.run?.loadError).toBe("init_fails: insmod exit 1: insmod: cannot insert '/payload/modules/init_fails.ko': No such device\ninit_fails: no such device here");
    expect(r.summary).toMatchObject({ allocations: 1, frees: 1, leakedObjects: 0 });
  }, RUN_MS);

  it('a module rmmod cannot unload (no exit function): incomplete, no END written, nothing called a leak', async () => {
    const { report: r, outDir } = await run({ moduleDir: join(modules, 'no-exit') });
    expect(r.status).toBe('incomplete');
    expect(r.statusReason).toMatch(/^rmmod could not unload the module \(no_exit: .*\): its exit function never ran/);
    expect(leakRows(r)).toEqual([{ kind: 'live-at-end', site: 'no_exit.c:10 no_exit_init', api: 'kmalloc', objects: 1, bytes: 10 }]);
    expect(readFileSync(join(outDir, 'records.log'), 'utf8')).not.toContain('modleak1 no_exit END');
  }, RUN_MS);

  it('a test script that hangs: killed at its limit, timeout, the leak it caused still reported', async () => {
    const { report: r } = await run({ moduleDir: join(modules, 'quiet'), testScript: join(modules, 'quiet', 'hang.sh'), timeoutSec: 30 });
    expect(r.status).toBe('timeout');
    expect(r.statusReason).toContain('the test script was still running after 15 s and was killed');
    expect(leakRows(r)).toEqual([{ kind: 'leak', site: 'quiet.c:13 quiet_leak_write', api: 'kmalloc', objects: 1, bytes: 48 }]);
  }, RUN_MS);

  it('a test script stuck in the kernel: killed at its limit, it does not die; timeout, no advice to raise --timeout, nothing called a leak', async () => {
    const { report: r } = await run({ moduleDir: join(modules, 'stuck'), testScript: join(modules, 'stuck', 'block.sh'), timeoutSec: 30 });
    expect(r.status).toBe('timeout');
    expect(r.statusReason).toBe('the guest was still running after 30 s (last step: running test script) and was killed; the log up to then was analysed. The test script passed its own limit (15 s) and did not die when killed: it is stuck in the kernel (a call into the module that blocks uninterruptibly); more time will not help.');
    expect(leakRows(r)).toEqual([{ kind: 'live-at-end', site: 'stuck.c:26 stuck_init', api: 'kmalloc', objects: 1, bytes: 32 }]);
  }, RUN_MS);

  it('a module whose init never returns: the watchdog kills QEMU, timeout, live objects are not called leaks', async () => {
    const { report: r } = await run({ moduleDir: join(modules, 'hang-at-load'), timeoutSec: 15 });
    expect(r.status).toBe('timeout');
    expect(r.statusReason).toMatch(/^the guest was still running after 15 s \(last step: loading\) and was killed/);
    expect(r.leaks.filter((l) => l.kind === 'leak')).toEqual([]);
  }, RUN_MS);

  it('Ctrl-C while the test script runs: the guest is stopped, incomplete, QEMU does not outlive the run', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'modleak-run-test-'));
    let sent = false;
    const progress = (m: string) => {
      // The listener runModule installs is what a real Ctrl-C reaches.
      if (!sent && m === 'guest: step: running test script') {
        sent = true;
        process.emit('SIGINT', 'SIGINT');
      }
    };
    const started = Date.now();
    const listenersBefore = process.listenerCount('SIGINT');
    const { report: r } = await runModule({ kernel: 'debian:6.1', moduleDir: join(modules, 'quiet'), testScript: join(modules, 'quiet', 'hang.sh'), timeoutSec: 300, outDir, cacheDir }, { progress });
    expect(sent).toBe(true);
    expect(r.status).toBe('incomplete');
    expect(r.statusReason).toBe("the run was interrupted (SIGINT) at step 'running test script' and the guest was stopped; the log up to then was analysed.");
    expect(Date.now() - started).toBeLessThan(120_000);
    expect(process.listenerCount('SIGINT')).toBe(listenersBefore);
  }, RUN_MS);

  it('a test script that exits non-zero: reported, the run completes', async () => {
    const { report: r } = await run({ moduleDir: join(modules, 'quiet'), testScript: join(modules, 'quiet', 'fail.sh') });
    expect(r.status).toBe('ok');
    expect(r.run?.testScriptExit).toBe(3);
    expect(r.diagnostics).toContainEqual({ severity: 'warning', message: 'the test script exited with status 3; the run went on (module unloaded, records analysed).' });
    expect(leakRows(r)).toEqual([{ kind: 'leak', site: 'quiet.c:13 quiet_leak_write', api: 'kmalloc', objects: 1, bytes: 48 }]);
  }, RUN_MS);

  it('a test script that writes the END marker itself: the stream goes on to the unload, whose free is reported after that END', async () => {
    const { report: r } = await run({ moduleDir: join(modules, 'quiet'), testScript: join(modules, 'quiet', 'fake-end.sh') });
    expect(r.status).toBe('ok');
    // The object freed at unload was live at the script's END: a leak there, and its free (after that END) an invalid free naming it.
    expect(leakRows(r)).toEqual([{ kind: 'leak', site: 'quiet.c:26 quiet_init', api: 'kzalloc', objects: 1, bytes: 100 }]);
    expect(r.badFrees.map((b) => ({ kind: b.kind, api: b.api, site: `${b.site.file}:${b.site.line}`, afterEnd: b.afterEnd?.module }))).toEqual([
      { kind: 'invalid-free', api: 'kfree', site: 'quiet.c:37', afterEnd: 'quiet' },
    ]);
    // The report says where that END came from.
    const early = r.diagnostics.filter((d) => d.message.includes('was written before modleak unloaded the module'));
    expect(early.map((d) => d.message.replace(/line \d+/, 'line N'))).toEqual([
      "module quiet's END at log line N was written before modleak unloaded the module, by the test script or the module itself: what was allocated then is reported as leaked there, and its frees at unload as invalid frees after that END; test scripts must not write modleak1 records",
    ]);
    expect(r.badFrees[0]!.afterEnd!.logLine).toBe(Number(/line (\d+)/.exec(early[0]!.message)![1]));
  }, RUN_MS);

  it('one million alloc/free records: none lost (or incomplete with the count)', async () => {
    const { report: r } = await run({ moduleDir: join(modules, 'million') });
    if (r.summary.lostRecords > 0) {
      expect(r.status).toBe('incomplete');
      expect(r.statusReason).toContain(`${r.summary.lostRecords}`);
    } else {
      expect(r.status).toBe('ok');
      expect(r.summary).toMatchObject({ allocations: 500_000, frees: 500_000, leakedObjects: 0, badFrees: 0 });
    }
  }, RUN_MS);
});

describe('module parameters (Debian 6.12)', () => {
  it('reach insmod', async () => {
    const { report: r } = await run({ kernel: 'debian:6.12', moduleDir: join(modules, 'million'), moduleParams: 'pairs=1234' });
    expect(r.status).toBe('ok');
    expect(r.summary).toMatchObject({ allocations: 1234, frees: 1234, lostRecords: 0 });
  }, RUN_MS);
});

describe('a module that allocates and frees nothing (Debian 6.1)', () => {
  it('run says there was nothing to match, not that the header may be missing; analyze of the same log keeps asking', async () => {
    const { report: r, outDir } = await run({ moduleDir: join(modules, 'noalloc') });
    expect(r.status).toBe('ok');
    expect(r.summary).toMatchObject({ allocations: 0, frees: 0, leakedObjects: 0, badFrees: 0 });
    const warnings = (report: Report) => report.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message);
    expect(warnings(r)).toEqual([
      'module noalloc logged BEGIN/END but no allocation or free: nothing to match (modleak run built it with the header, so the module made no call the header wraps)',
    ]);
    // `modleak analyze` cannot know how a foreign log's module was built.
    const analysed = await analyzeLogs({ records: join(outDir, 'records.log') });
    expect(warnings(analysed)).toEqual([
      'the log holds no modleak1 allocation or free records: was the module built with the modleak header (KCFLAGS="-include header/modleak.h")?',
    ]);
  }, RUN_MS);
});

describe('a module built with -DMODLEAK_DISABLE in its Kbuild (Debian 6.1)', () => {
  it('is incomplete, not a clean pass: its allocation at load and free at unload were never logged, so nothing was checked', async () => {
    const moduleDir = mkdtempSync(join(tmpdir(), 'modleak-disabled-'));
    cpSync(join(modules, 'quiet'), moduleDir, { recursive: true });
    appendFileSync(join(moduleDir, 'Kbuild'), 'ccflags-y += -DMODLEAK_DISABLE\n');
    const { report: r } = await run({ moduleDir });
    expect(r.status).toBe('incomplete');
    expect(r.statusReason).toMatch(/^module quiet was built with MODLEAK_DISABLE \(or without the modleak header\) in every file: .* Remove -DMODLEAK_DISABLE from the module's Kbuild\/Makefile ccflags/);
    expect(r.summary).toMatchObject({ allocations: 0, frees: 0, leakedObjects: 0 });
    // The no-records warning no longer claims that the header was in.
    expect(r.diagnostics.map((d) => d.message)).toContain('the log holds no modleak1 allocation or free records: was the module built with the modleak header (KCFLAGS="-include header/modleak.h")?');
  }, RUN_MS);
});

describe('two modules of one run, the first in obj-m using the second\'s symbols (Debian 6.1)', () => {
  it('load in dependency order, not obj-m order: both run, the one leak is the library\'s allocation', async () => {
    const { report: r } = await run({ moduleDir: join(modules, 'depends') });
    expect({ status: r.status, reason: r.statusReason }).toMatchObject({ status: 'ok' });
    expect([...r.modules].sort()).toEqual(['dep_lib', 'dep_user']);
    expect(leakRows(r)).toEqual([{ kind: 'leak', site: 'dep_lib.c:8 dep_lib_get', api: 'kzalloc', objects: 1, bytes: 32 }]);
    expect(r.badFrees).toEqual([]);
    expect(r.summary).toMatchObject({ allocations: 2, frees: 1, lostRecords: 0 });
  }, RUN_MS);
});
