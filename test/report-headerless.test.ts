import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeLogs } from '../src/analyze.js';
import { osalWithoutHeaderMessage, withoutHeaderMessage } from '../src/report/headerless.js';

// What `modleak run` found in the .ko files (run/header-mark.ts) decides the status with
// the log: a module built without the header in every file logged nothing.

const dir = mkdtempSync(join(tmpdir(), 'modleak-headerless-'));
function log(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, lines.map((l, i) => `6,${i + 1},${i},-;${l}\n`).join(''));
  return file;
}

// An OSAL as a .ko of its own (osalcore, no header) and the driver that wraps its calls (drvb).
const OSAL_RUN = log('osal-run.log', [
  'modleak1 osalcore BEGIN',
  'modleak1 drvb BEGIN',
  'modleak1 drvb A osal_alloc ffff888004a1b000 90 drivers/drvb/drvb.c:11 drvb_init',
  'modleak1 drvb A osal_alloc ffff888004a1b100 40 drivers/drvb/drvb.c:12 drvb_init',
  'modleak1 drvb F osal_free ffff888004a1b100 drivers/drvb/drvb.c:20 drvb_exit',
  'modleak1 drvb END',
  'modleak1 osalcore END',
]);
const PAIRS = [{ alloc: 'osal_alloc', free: 'osal_free' }];

describe('modules built without the header', () => {
  it('a run that would pass is incomplete, its leaks listed as live at end, and the reason says what to remove', async () => {
    const r = await analyzeLogs({ records: OSAL_RUN }, { pairs: PAIRS, headerInjected: true, headerless: { unchecked: ['osalcore'], osal: [] } });
    expect(r.status).toBe('incomplete');
    expect(r.statusReason).toBe(
      'module osalcore was built with MODLEAK_DISABLE (or without the modleak header) in every file: no allocation or free was logged, so nothing was checked. '
      + "Remove -DMODLEAK_DISABLE from the module's Kbuild/Makefile ccflags (ccflags-y, EXTRA_CFLAGS); keep it only per file (CFLAGS_osal.o += -DMODLEAK_DISABLE) for an OSAL implementation.",
    );
    expect(r.leaks.map((l) => [l.kind, l.bytes])).toEqual([['live-at-end', 90]]);
    expect(r.summary).toMatchObject({ leakedObjects: 0, liveAtEndObjects: 1, liveAtEndBytes: 90 });
    expect(r.diagnostics).toContainEqual({ severity: 'error', message: withoutHeaderMessage(['osalcore']) });
  });

  it('names every such module', () => {
    expect(withoutHeaderMessage(['a', 'b'])).toMatch(/^modules a, b were built with MODLEAK_DISABLE /);
  });

  it('an OSAL the other modules wrap keeps the run as it is, with a warning that names the pairs', async () => {
    const r = await analyzeLogs({ records: OSAL_RUN }, { pairs: PAIRS, headerInjected: true, headerless: { unchecked: [], osal: ['osalcore'] } });
    expect(r.status).toBe('ok');
    expect(r.leaks.map((l) => [l.kind, l.site.line, l.bytes])).toEqual([['leak', 11, 90]]);
    const warning = osalWithoutHeaderMessage(['osalcore'], PAIRS);
    expect(warning).toContain('uses its symbols and allocator pairs are declared (osal_alloc:osal_free)');
    expect(r.diagnostics).toContainEqual({ severity: 'warning', message: warning });
  });

  it('a run that failed another way keeps its status and reason, with the header finding as an error', async () => {
    const crashed = log('crashed.log', [
      'modleak1 quiet BEGIN',
      'BUG: kernel NULL pointer dereference, address: 0000000000000008',
      'Call Trace:',
      ' <TASK>',
      ' quiet_init+0x10/0x20 [quiet]',
      ' </TASK>',
      'modleak1 quiet END',
    ]);
    const r = await analyzeLogs({ records: crashed }, { headerInjected: false, headerless: { unchecked: ['quiet'], osal: [] } });
    expect(r.status).toBe('crashed');
    expect(r.diagnostics).toContainEqual({ severity: 'error', message: withoutHeaderMessage(['quiet']) });
  });

  it('without such modules, a clean run stays a clean pass', async () => {
    const r = await analyzeLogs({ records: OSAL_RUN }, { pairs: PAIRS, headerInjected: true, headerless: { unchecked: [], osal: [] } });
    expect(r.status).toBe('ok');
    expect(r.diagnostics.filter((d) => /MODLEAK_DISABLE/.test(d.message))).toEqual([]);
  });
});
