import { describe, expect, it } from 'vitest';
import { emptyReport } from '../src/report/build.js';
import { renderMarkdown } from '../src/report/markdown.js';
import type { Report } from '../src/report/schema.js';
import { classifyRun, findPanic, loadErrorLines, readInitLines, type RunFacts } from '../src/run/classify.js';
import { EarlyEndScanner } from '../src/run/early-ends.js';

function analysed(status: Report['status'] = 'ok', reason = 'the run finished'): Report {
  return emptyReport(status, reason);
}

function facts(consoleLines: string[], over: Partial<RunFacts> = {}): RunFacts {
  return { init: readInitLines(consoleLines), watchdogFired: false, timeoutSec: 300, accel: 'tcg', durationMs: 1234, kernelLoadLines: [], ...over };
}

describe('readInitLines', () => {
  it('reads steps, load failures, the test script result and warnings from the console', () => {
    const init = readInitLines([
      '[    1.0] random kernel line',
      'modleak-init: step: booted',
      'modleak-init: step: loading',
      "modleak-init: load-failed: leaky: insmod exit 1: insmod: cannot insert '/payload/modules/leaky.ko': Unknown symbol in module",
      'modleak-init: test-script-timeout: 15',
      'modleak-init: test-script-exit: 137',
      'modleak-init: warning: dependency /payload/deps/a.ko did not load: exists',
      "modleak-init: unload-failed: leaky: rmmod: can't unload module 'leaky': Resource temporarily unavailable",
      'modleak-init: streamer-exit: 0',
      'modleak-init: powering off',
    ]);
    expect(init.steps).toEqual(['booted', 'loading']);
    expect(init.loadFailures).toEqual(["leaky: insmod exit 1: insmod: cannot insert '/payload/modules/leaky.ko': Unknown symbol in module"]);
    expect(init.testScriptTimeoutSec).toBe(15);
    expect(init.testScriptExit).toBe(137);
    expect(init.warnings).toEqual(['dependency /payload/deps/a.ko did not load: exists']);
    expect(init.unloadFailures).toEqual(["leaky: rmmod: can't unload module 'leaky': Resource temporarily unavailable"]);
    expect(init.streamerExit).toBe(0);
    expect(init.poweredOff).toBe(true);
  });
});

describe('classifyRun', () => {
  it('keeps the matcher status for a clean run and records accel and duration', () => {
    const r = classifyRun(analysed(), facts(['modleak-init: test-script-exit: 0', 'modleak-init: powering off']));
    expect(r.status).toBe('ok');
    expect(r.run).toEqual({ accel: 'tcg', durationMs: 1234, testScriptExit: 0 });
    expect(r.diagnostics).toEqual([]);
  });

  it('a crash found in the log wins over a failed insmod and over the watchdog', () => {
    const base = analysed('incomplete', 'no END marker');
    base.crashes.push({ kind: 'bug', title: 'kernel BUG at mm/slub.c:419!', logLine: 460, lines: ['kernel BUG at mm/slub.c:419!'] });
    const r = classifyRun(base, facts(['modleak-init: load-failed: m: insmod exit 139: Segmentation fault'], { watchdogFired: true, timeoutSec: 30 }));
    expect(r.status).toBe('crashed');
    expect(r.statusReason).toBe('the kernel crashed and the run was killed after 30 s: kernel BUG at mm/slub.c:419!');
    expect(r.run?.loadError).toBe('m: insmod exit 139: Segmentation fault');
  });

  it('several crash reports: the reason names the first and the ones after it (the BUG a warning came before)', () => {
    const base = analysed('ok', 'the run finished');
    base.crashes.push(
      { kind: 'warning', title: 'WARNING: CPU: 0 PID: 97 at mm/vmalloc.c:275 vunmap_range_noflush+0x3c/0x50', logLine: 440, lines: [] },
      { kind: 'bug', title: 'kernel BUG at mm/slub.c:419!', logLine: 470, lines: [] },
    );
    expect(classifyRun(base, facts([])).statusReason).toBe('the kernel crashed: WARNING: CPU: 0 PID: 97 at mm/vmalloc.c:275 vunmap_range_noflush+0x3c/0x50 (then 1 more report(s): kernel BUG at mm/slub.c:419!)');
  });

  it('a panic on the console is a crash even when the matcher saw no crash report', () => {
    const r = classifyRun(analysed('incomplete', 'no END marker'), facts([], { panicLine: 'Kernel panic - not syncing: boom' }));
    expect(r.status).toBe('crashed');
    expect(r.statusReason).toBe('the kernel crashed: Kernel panic - not syncing: boom');
  });

  it('the watchdog makes a timeout naming the last step', () => {
    const r = classifyRun(analysed('incomplete', 'no END marker'), facts(['modleak-init: step: booted', 'modleak-init: step: loading'], { watchdogFired: true, timeoutSec: 15 }));
    expect(r.status).toBe('timeout');
    expect(r.statusReason).toContain('after 15 s (last step: loading)');
  });

  it('a module rmmod could not unload: incomplete (no END was written), saying its exit function never ran', () => {
    const r = classifyRun(analysed('incomplete', 'no END marker after the last BEGIN of module held'), facts(["modleak-init: unload-failed: held: rmmod: can't unload module 'held': Resource temporarily unavailable"]));
    expect(r.status).toBe('incomplete');
    expect(r.statusReason).toBe("rmmod could not unload the module (held: rmmod: can't unload module 'held': Resource temporarily unavailable): its exit function never ran, so what it frees is still allocated and nothing is called a leak for sure; let the test script release the module before it ends (close the files it opened, stop the processes that use it); a module without an exit function cannot be unloaded at all");
  });

  it('a failed insmod is load-failed with insmod\'s and the kernel\'s words', () => {
    const r = classifyRun(analysed(), facts(["modleak-init: load-failed: x: insmod exit 1: insmod: cannot insert '/payload/modules/x.ko': Unknown symbol in module"], { kernelLoadLines: ['x: Unknown symbol foo (err -2)'] }));
    expect(r.status).toBe('load-failed');
    expect(r.statusReason).toBe("the module did not load: x: insmod exit 1: insmod: cannot insert '/payload/modules/x.ko': Unknown symbol in module (kernel: x: Unknown symbol foo (err -2))");
    expect(r.run?.loadError).toBe("x: insmod exit 1: insmod: cannot insert '/payload/modules/x.ko': Unknown symbol in module\nx: Unknown symbol foo (err -2)");
  });

  it('a test script killed at its limit is a timeout with complete records', () => {
    const r = classifyRun(analysed(), facts(['modleak-init: test-script-timeout: 20', 'modleak-init: test-script-exit: 137']));
    expect(r.status).toBe('timeout');
    expect(r.statusReason).toContain('the test script was still running after 20 s');
    expect(r.diagnostics).toEqual([]);
  });

  it('keeps the allocator pairs the records were matched with, so the saved log can be analysed again the same way', () => {
    const pairs = [{ alloc: 'osal_malloc', free: 'osal_free' }];
    const r = classifyRun(analysed(), facts(['modleak-init: test-script-exit: 0'], { pairs }));
    expect(r.run?.pairs).toEqual(pairs);
    expect(renderMarkdown(r)).toContain('allocator pairs <code>osal\\_malloc:osal\\_free</code>');
    expect(classifyRun(analysed(), facts([], { pairs: [] })).run).not.toHaveProperty('pairs');
  });

  it('a test script exiting non-zero keeps the status and adds a warning', () => {
    const r = classifyRun(analysed(), facts(['modleak-init: step: running test script', 'modleak-init: test-script-exit: 3', 'modleak-init: step: unloading', 'modleak-init: step: draining records']));
    expect(r.status).toBe('ok');
    expect(r.run?.testScriptExit).toBe(3);
    expect(r.diagnostics).toEqual([{ severity: 'warning', message: 'the test script exited with status 3; the run went on (module unloaded, records analysed).' }]);
  });

  it('a test script killed by an oops, then an rmmod that never returns: neither is worded as an unload, and no --timeout advice', () => {
    const base = analysed('incomplete', 'no END marker');
    base.crashes.push({ kind: 'bug', title: 'BUG: kernel NULL pointer dereference, address: 0000000000000018', logLine: 40, lines: [] });
    const lines = ['modleak-init: step: running test script', 'modleak-init: test-script-exit: 137', 'modleak-init: step: unloading'];
    const r = classifyRun(base, facts(lines, { watchdogFired: true, timeoutSec: 60 }));
    expect(r.status).toBe('crashed');
    expect(r.statusReason).toBe("the kernel crashed and the run was killed after 60 s (rmmod never returned: the module's exit waited for something the crash left behind, such as a lock or a reference the killed task held): BUG: kernel NULL pointer dereference, address: 0000000000000018");
    expect(r.diagnostics).toEqual([{
      severity: 'warning',
      message: "the test script exited with status 137 (SIGKILL: the kernel kills the task an oops happens in; see the crash report); the run went on, but the guest got no further than step 'unloading'.",
    }]);
    // Without a crash, a SIGKILL came from elsewhere.
    const oom = classifyRun(analysed(), facts(['modleak-init: step: running test script', 'modleak-init: test-script-exit: 137', 'modleak-init: step: unloading', 'modleak-init: step: draining records']));
    expect(oom.diagnostics.map((d) => d.message)).toEqual(['the test script exited with status 137 (SIGKILL: killed, by the OOM killer or another process); the run went on (module unloaded, records analysed).']);
    // A kernel BUG() in the script's system call ends it with SIGSEGV.
    const segv = classifyRun(base, facts(['modleak-init: step: running test script', 'modleak-init: test-script-exit: 139', 'modleak-init: step: unloading', 'modleak-init: step: draining records']));
    expect(segv.diagnostics.map((d) => d.message)).toEqual(['the test script exited with status 139 (SIGSEGV: the kernel kills the task a BUG or oops happens in; see the crash report); the run went on (module unloaded, records analysed).']);
  });

  it('the watchdog after the test script passed its own limit, or during rmmod: more time is not the advice', () => {
    const stuckScript = classifyRun(analysed('incomplete', 'no END marker'), facts(
      ['modleak-init: step: running test script', 'modleak-init: test-script-timeout: 20'], { watchdogFired: true, timeoutSec: 300 }));
    expect(stuckScript.status).toBe('timeout');
    expect(stuckScript.statusReason).toBe('the guest was still running after 300 s (last step: running test script) and was killed; the log up to then was analysed. The test script passed its own limit (20 s) and did not die when killed: it is stuck in the kernel (a call into the module that blocks uninterruptibly); more time will not help.');
    const stuckExit = classifyRun(analysed('incomplete', 'no END marker'), facts(['modleak-init: step: unloading'], { watchdogFired: true, timeoutSec: 300 }));
    expect(stuckExit.statusReason).toBe("the guest was still running after 300 s (last step: unloading) and was killed; the log up to then was analysed. rmmod never returned: the module's exit function blocks (waiting for work, a thread or a reference that never comes); more time will not help.");
    const slow = classifyRun(analysed('incomplete', 'no END marker'), facts(['modleak-init: step: running test script'], { watchdogFired: true, timeoutSec: 300 }));
    expect(slow.statusReason).toMatch(/Raise --timeout \(the Action's timeout\) if the module or test script needs longer\.$/);
  });

  it('a guest that found no record port is incomplete, never ok', () => {
    const r = classifyRun(analysed(), facts(['modleak-init: fatal: no virtio-serial port named modleak.records appeared; the kernel needs virtio_pci and virtio_console']));
    expect(r.status).toBe('incomplete');
    expect(r.statusReason).toContain('no virtio-serial port');
  });
});

describe('findPanic and loadErrorLines', () => {
  it('finds the panic line inside a timestamped console line', () => {
    expect(findPanic(['[    6.29] Kernel panic - not syncing: modleak test: panic at load', 'x'])).toBe('Kernel panic - not syncing: modleak test: panic at load');
    expect(findPanic(['all fine'])).toBeUndefined();
    // The test script's output (no printk time) quoting a panic is not one.
    expect(findPanic(['Kernel panic - not syncing: as seen in yesterday\'s log', 'echo [ 1.0 ] Kernel panic - not syncing'])).toBeUndefined();
    expect(findPanic(['script text[   12.500000] Kernel panic - not syncing: Fatal exception'])).toBe('Kernel panic - not syncing: Fatal exception');
  });

  it('keeps warning-or-worse records of the module and drops taint notices', () => {
    const log = [
      '4,356,3233046,-;x: loading out-of-tree module taints kernel.',
      '5,357,3245932,-;x: module verification failed: signature and/or required key missing - tainting kernel',
      '3,358,3245999,-;x: Unknown symbol foo (err -2)',
      '4,359,3246000,-;x: disagrees about version of symbol bar',
      '7,360,3246001,-;modleak1 x A kmalloc ffff888000000000 8 x.c:1 f',
      '6,361,3246002,-;x: an info line',
      '3,362,3246003,-;other: Unknown symbol baz (err -2)',
    ].join('\n');
    expect(loadErrorLines(log, ['x'])).toEqual(['x: Unknown symbol foo (err -2)', 'x: disagrees about version of symbol bar']);
  });
});

describe('classifyRun: interrupted runs', () => {
  it('a signal that stopped the guest makes the run incomplete, naming the signal and the step', () => {
    const r = classifyRun(analysed('incomplete', 'no END marker'), facts(['modleak-init: step: running test script'], { interruptedBy: 'SIGINT' }));
    expect(r.status).toBe('incomplete');
    expect(r.statusReason).toBe("the run was interrupted (SIGINT) at step 'running test script' and the guest was stopped; the log up to then was analysed.");
  });
});

describe('END markers before the runner unloaded the modules', () => {
  const scan = (lines: string[]) => {
    const scanner = new EarlyEndScanner('0123abcd');
    for (const l of lines) scanner.line(l);
    return scanner.result();
  };

  it('an END before run.sh\'s unloading message is early; the runner\'s own after it is not', () => {
    expect(scan([
      '12,1,0,-;modleak1 a BEGIN', '7,2,10,-;modleak1 a A kmalloc ffff888003a00000 8 a.c:1 f', '12,3,20,-;modleak1 a END', '12,4,21,-;modleak1 a END',
      '12,5,30,-;modleak-run 0123abcd unloading', '12,6,40,-;modleak1 a END', '12,7,50,-;modleak-run 0123abcd done',
    ])).toEqual([{ module: 'a', logLine: 3 }]);
  });

  it('none without the unloading message (the module never loaded, or the log was cut), nor for another run\'s id or a quoted END', () => {
    expect(scan(['12,1,0,-;modleak1 a BEGIN', '12,2,20,-;modleak1 a END'])).toEqual([]);
    expect(scan(['12,1,0,-;modleak1 a END', '12,2,5,-;modleak-run ffffffff unloading'])).toEqual([]);
    expect(scan(['12,1,0,-;test: modleak1 a END', '12,2,5,-;modleak-run 0123abcd unloading'])).toEqual([]);
  });

  it('classifyRun says where such an END came from and what it did to the report', () => {
    const r = classifyRun(analysed(), facts(['modleak-init: step: draining records'], { earlyEnds: [{ module: 'a', logLine: 3 }] }));
    expect(r.diagnostics).toEqual([{
      severity: 'warning',
      message: "module a's END at log line 3 was written before modleak unloaded the module, by the test script or the module itself: what was allocated then is reported as leaked there, and its frees at unload as invalid frees after that END; test scripts must not write modleak1 records",
    }]);
  });
});
