import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeLogs, type AnalyzeOptions } from '../src/analyze.js';
import type { Report } from '../src/report/schema.js';
import { renderText } from '../src/report/text.js';

// One fixture per log quirk; every expected value below was worked out by reading
// the fixture, record by record (see the comments), not copied from modleak's output.

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/analyze/${name}`, import.meta.url));

async function analyze(name: string, options: AnalyzeOptions = {}, console?: string): Promise<Report> {
  return analyzeLogs({ records: fixture(name), ...(console ? { console: fixture(console) } : {}) }, options);
}

function counts(r: Report) {
  const s = r.summary;
  return {
    status: r.status,
    allocations: s.allocations,
    frees: s.frees,
    failed: s.failedAllocations,
    leakedObjects: s.leakedObjects,
    leakedBytes: s.leakedBytes,
    leakSites: s.leakSites,
    liveAtEnd: [s.liveAtEndObjects, s.liveAtEndBytes],
    badFrees: s.badFrees,
    lost: s.lostRecords,
  };
}

const leaks = (r: Report) => r.leaks.map((l) => `${l.kind} ${l.module} ${l.api} ${l.site.file}:${l.site.line} ${l.site.function} ${l.objects} ${l.bytes}`);
const bad = (r: Report) => r.badFrees.map((b) => `${b.kind} ${b.api} ${b.ptr} ${b.site.file}:${b.site.line} line ${b.logLine}`);
const crashes = (r: Report) => r.crashes.map((c) => `${c.kind} line ${c.logLine} (${c.lines.length} lines): ${c.title}`);
const diagnosticText = (r: Report) => r.diagnostics.map((d) => `${d.severity} ${d.message}`).join('\n');

describe('analyzeLogs on quirk fixtures', () => {
  it('a free after its module\'s END: the leak stands, the free is named for what it is, a second one is a double free', async () => {
    const r = await analyze('free-after-end.log');
    expect(counts(r)).toEqual({ status: 'ok', allocations: 4, frees: 1, failed: 0, leakedObjects: 3, leakedBytes: 112, leakSites: 3, liveAtEnd: [0, 0], badFrees: 3, lost: 0 });
    expect(leaks(r)).toEqual(['leak ae kmalloc ae.c:10 ae_init 1 64', 'leak ae kmalloc ae.c:11 ae_init 1 32', 'leak ae kmalloc ae.c:12 ae_init 1 16']);
    expect(bad(r)).toEqual([
      'invalid-free kfree ffff888003a1b200 ae.c:20 line 7',
      'double-free kfree ffff888003a1b200 ae.c:20 line 8',
      // Line 9 allocated ffff888003a1b300 again: a new object, freed at line 10 without complaint.
      'invalid-free kfree ffff888003a1b400 ot.c:7 line 11',
    ]);
    const [late, again, other] = r.badFrees;
    expect(late!.afterEnd).toEqual({ module: 'ae', logLine: 6, seq: 6 });
    expect(late!.allocation).toMatchObject({ api: 'kmalloc', size: 64, logLine: 3 });
    expect(late!.message).toBe("Invalid free of ffff888003a1b200 via kfree at ae.c:20 in ae_rcu_cb(): the 64-byte object allocated via kmalloc at ae.c:10 in ae_init() (log line 3) was still allocated at module ae's END (log line 6) and is reported as leaked there; a free after END means code ran after the module was unloaded (work or a callback not flushed at exit) or another module took the object over");
    expect(again!.previousFree).toMatchObject({ logLine: 7 });
    expect(again!.allocation).toMatchObject({ logLine: 3 });
    expect(other!.afterEnd).toEqual({ module: 'ae', logLine: 6, seq: 6 });
    expect(other!.allocation).toMatchObject({ size: 16, logLine: 5 });
  });

  it('a free after END of an address freed once before and allocated again: it frees the newer object, leaked at END, not the old one again', async () => {
    // Lines 3-5: kmalloc at X, kfree, kzalloc at X again (still allocated at END, line 6); line 8 frees X after END.
    const r = await analyze('free-after-end-reused.log');
    expect(leaks(r)).toEqual(['leak m kzalloc a.c:11 second_alloc 1 64']);
    expect(bad(r)).toEqual(['invalid-free kfree ffff888003010000 a.c:30 line 8']);
    expect(r.badFrees[0]!.allocation?.site.function).toBe('second_alloc');
    expect(r.badFrees[0]!.afterEnd).toEqual({ module: 'm', logLine: 6, seq: 5 });
  });

  it('a free after END of an object left allocated there in a run that lost a record still names it and that END', async () => {
    // seq 3 is lost (line 3 is the END); line 5, another module's kfree of line 2's object.
    const r = await analyze('free-after-end-lost.log');
    expect(r.status).toBe('incomplete');
    expect(r.badFrees.map((b) => b.message)).toEqual([
      "Invalid free of ffff888003010000 via kfree at main.c:210 in free_buf(): the 64-byte object allocated via kmalloc at io.c:100 in x_probe() (log line 2) was still allocated at module leaky's END (log line 3) and is listed there with what the run left allocated; a free after END means code ran after the module was unloaded (work or a callback not flushed at exit) or another module took the object over",
    ]);
  });

  it('a pointer inside an object freed long ago whose address was allocated and freed again since names neither: that memory is not the old object\'s any more', async () => {
    // Lines 2-5: 64 bytes at X, freed; 8 bytes at X, freed; line 6 frees X+0x20.
    const r = await analyze('interior-reused.log');
    expect(bad(r)).toEqual(['invalid-free kfree ffff888003010020 a.c:22 line 6']);
    expect(r.badFrees[0]!.allocation).toBeUndefined();
  });

  it('records of a module after its END: one warning naming the END, and the objects are leaks of the next END', async () => {
    const r = await analyze('records-after-end.log');
    expect(counts(r)).toEqual({ status: 'ok', allocations: 4, frees: 2, failed: 0, leakedObjects: 2, leakedBytes: 96, leakSites: 1, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
    expect(leaks(r)).toEqual(['leak late kmalloc late.c:30 late_timer_fn 2 96']);
    const warnings = r.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.map((d) => d.message)).toEqual([
      'line 5: module late logged a record after its END marker (log line 4) with no BEGIN since: its code ran after it was unloaded (a timer, work item or callback its exit function did not stop), or the log lost a BEGIN; objects allocated from here on are counted at the module\'s next END, or at the end of the log',
    ]);
  });

  it('a module with records but no marker beside one that ended: incomplete, not a clean pass', async () => {
    const r = await analyze('unmarked-module.log');
    expect(counts(r)).toEqual({ status: 'incomplete', allocations: 2, frees: 1, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [1, 32], badFrees: 0, lost: 0 });
    expect(r.statusReason).toBe('module nomark logged records but no BEGIN or END marker (END markers were seen for marked), so its run cannot be shown to have finished; check that the file with its module_init() and module_exit() is built with the modleak header too');
    const anyEnd = await analyze('unmarked-module.log', { requireEndMarker: false });
    expect(counts(anyEnd)).toMatchObject({ status: 'ok', leakedObjects: 1, leakedBytes: 32 });
  });

  it('an interior free into an object leaked at its module\'s END names the object, the offset and the END', async () => {
    const r = await analyze('interior-after-end.log');
    expect(bad(r)).toEqual(['invalid-free kfree ffff888003a1b240 ie.c:20 line 4']);
    expect(r.badFrees[0]).toMatchObject({ offset: 64, afterEnd: { module: 'ie', logLine: 3, seq: 3 }, allocation: { logLine: 2, size: 256 } });
    expect(r.badFrees[0]!.message).toMatch(/^Invalid free of ffff888003a1b240 via kfree at ie\.c:20 in ie_work_fn\(\): the pointer is 64 byte\(s\) inside a 256-byte object allocated via kmalloc at ie\.c:10 in ie_init\(\) \(log line 2\), which was still allocated at module ie's END \(log line 3\)/);
    expect(leaks(r)).toEqual(['leak ie kmalloc ie.c:10 ie_init 1 256']);
  });

  it('a reboot in a log without kmsg sequence numbers (a serial console, journalctl) is a second boot: incomplete, not boot 2 freeing boot 1\'s objects', async () => {
    const serial = await analyze('reboot-console.log');
    expect(serial.status).toBe('incomplete');
    expect(serial.statusReason).toMatch(/^the kernel's "Linux version" banner appears again at line 6, after records were read: the log holds a second boot/);
    const journal = await analyze('reboot-journal.log');
    expect(journal.status).toBe('incomplete');
    expect(journal.statusReason).toMatch(/^journalctl's boot separator \("-- Boot <id> --" or "-- Reboot --"\) at line 5 starts another boot's messages/);
  });

  // The prefixes `dmesg` and `journalctl` put before each message, for the n-th line (second n;
  // the time since boot is 0 for the kernel's banner).
  const prefixForms: Array<[string, (n: number, line: string) => string]> = [
    ['dmesg -x', (n, line) => `kern  :alert : [${String(line.startsWith('Linux version') ? 0 : n).padStart(5)}.000000] `],
    ['dmesg -T', (n) => `[Wed Nov 26 04:01:${String(n).padStart(2, '0')} 2026] `],
    ['dmesg -x -T', (n) => `kern  :info  : [Wed Nov 26 04:01:${String(n).padStart(2, '0')} 2026] `],
    ['dmesg --time-format iso', (n) => `2026-11-26T04:01:${String(n).padStart(2, '0')},000000+00:00 `],
    ['journalctl -o short-precise', (n) => `Nov 26 04:01:${String(n).padStart(2, '0')}.000000 labhost kernel: `],
    ['journalctl -o short-iso', (n) => `2026-11-26T04:01:${String(n).padStart(2, '0')}+0000 labhost kernel: `],
  ];
  const inForm = (name: string, prefix: (n: number, line: string) => string) => Readable.from([
    readFileSync(fixture(name), 'utf8').split('\n').filter(Boolean).map((line, n) => prefix(n + 1, line) + line + '\n').join(''),
  ]);

  it.each(prefixForms)('a crash report in %s form is found (the run crashed: never a clean pass)', async (_form, prefix) => {
    const r = await analyzeLogs({ records: '-' }, { stdin: inForm('messages-oops.txt', prefix) });
    expect(r.status).toBe('crashed');
    expect(crashes(r)).toEqual(['oops line 4 (10 lines): BUG: kernel NULL pointer dereference, address: 0000000000000008']);
    expect(r.kernel.release).toBe('6.1.0-28-amd64');
  });

  it.each(prefixForms)('a WARNING and a KASAN report in %s form are found (their titles\' "WORD: WORD:" is no program\'s log line)', async (_form, prefix) => {
    const r = await analyzeLogs({ records: '-' }, { stdin: inForm('messages-warning.txt', prefix) });
    expect(r.status).toBe('crashed');
    expect(crashes(r)).toEqual([
      'warning line 5 (9 lines): WARNING: CPU: 1 PID: 60 at drivers/m.c:15 m_init+0x20/0x40 [m]',
      'kasan line 15 (3 lines): BUG: KASAN: slab-use-after-free in m_exit+0x30/0x50 [m]',
    ]);
  });

  it.each(prefixForms)('the kernel\'s banner again after records in %s form is a second boot', async (_form, prefix) => {
    const r = await analyzeLogs({ records: '-' }, { stdin: inForm('messages-reboot.txt', prefix) });
    expect(r.status).toBe('incomplete');
    expect(r.statusReason).toMatch(/^the kernel's "Linux version" banner appears again at line 4, after records were read/);
  });

  it('journalctl\'s older "-- Reboot --" separator is a second boot too', async () => {
    const r = await analyze('reboot-journal-old.log');
    expect(r.status).toBe('incomplete');
    expect(r.statusReason).toMatch(/^journalctl's boot separator .* at line 6 starts another boot's messages/);
  });

  it('"Linux version" echoed by a test script or named by a driver after records is not a reboot, and does not name the kernel', async () => {
    const r = await analyze('version-mentions.log');
    expect(counts(r)).toMatchObject({ status: 'ok', leakedObjects: 1, leakedBytes: 128 });
    expect(r.kernel.release).toBe('6.12.117+deb12-cloud-amd64');
  });

  it('the kernel is the one its banner names, not one a bootloader line mentioned before it', async () => {
    const r = await analyze('bootloader-version.log');
    expect(r.status).toBe('ok');
    expect(r.kernel.release).toBe('6.1.0-56-cloud-amd64');
  });

  it('a kmsg message that quotes a record after its start is not a record (a record starts its message)', async () => {
    const r = await analyze('quoted-kmsg.log');
    expect(counts(r)).toEqual({ status: 'ok', allocations: 2, frees: 0, failed: 0, leakedObjects: 2, leakedBytes: 128, leakSites: 1, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
    expect(r.diagnostics.filter((d) => d.message.includes('mentions a modleak1 record after its start')).map((d) => d.line)).toEqual([5, 6]);
    // Only blanks before it (a hand-written log) still start the message.
    const text = readFileSync(fixture('quoted-kmsg.log'), 'utf8').replace('7,3,3000,-;modleak1', '7,3,3000,-; modleak1');
    const dir = mkdtempSync(join(tmpdir(), 'modleak-quoted-'));
    writeFileSync(join(dir, 'blank.log'), text);
    expect((await analyzeLogs({ records: join(dir, 'blank.log') })).summary).toMatchObject({ allocations: 2, leakedObjects: 2 });
  });

  it('a last line cut inside the function name, with no newline after it, is a truncated tail even when its fields all read', async () => {
    const r = await analyze('cut-function.log', { requireEndMarker: false });
    expect(r.status).toBe('incomplete');
    expect(diagnosticText(r)).toContain("the log ends inside record line 3, with no newline after its function 'hw_pro'");
  });

  it('an address narrower than the run\'s others (a character lost on a serial console) is warned about', async () => {
    const r = await analyze('pointer-overrun.log');
    expect(diagnosticText(r)).toContain("warning line 5: ptr 'ffff88803a1b200' has 15 hex digits where this log's addresses have 16");
    // Shown as the log wrote it, so it can be found there.
    expect(bad(r)).toEqual(['invalid-free kfree ffff88803a1b200 drv.c:20 line 5']);
  });

  it('so is one that comes before any address of the log\'s width', async () => {
    const r = await analyze('pointer-overrun-first.log');
    expect(diagnosticText(r)).toContain("warning line 2: ptr 'ffff88800300000' has 15 hex digits where this log's addresses have 16");
    expect(leaks(r)).toEqual(['leak m kmalloc m.c:1 a1 1 64']);
  });

  it('a log whose only allocation record is malformed does not ask whether the module was built with the header', async () => {
    const r = await analyze('only-malformed.log');
    expect(r.status).toBe('incomplete');
    expect(diagnosticText(r)).toContain("line 2: size 'x64' is not a decimal number; record skipped");
    expect(diagnosticText(r)).not.toContain('built with the modleak header');
  });

  it('an address handed out twice after a double free: the warning names the double free as a possible cause', async () => {
    const r = await analyze('reuse-after-double-free.log');
    expect(bad(r)).toEqual(['double-free kfree ffff888003a1b200 df.c:21 line 4']);
    expect(diagnosticText(r)).toContain("line 6: kmalloc returned ffff888003a1b200, which was still live (allocated at df.c:10 in df_get() via kmalloc, log line 5): its free was not logged, or the double free at log line 4 corrupted the allocator's free list so that it handed the address out twice, so the earlier object is forgotten");
  });

  it('a byte order mark before the first record is not part of it', async () => {
    // Without the mark's 3 bytes stripped, line 1 would not be a kmsg record: its sequence
    // number 2 would be missing, counted lost.
    const r = await analyze('bom.log');
    expect(counts(r)).toEqual({ status: 'ok', allocations: 1, frees: 1, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
  });

  it('dmesg -x lines (facility and level before the timestamp): records and the kernel release', async () => {
    const r = await analyze('dmesg-x.log');
    expect(counts(r)).toEqual({ status: 'ok', allocations: 2, frees: 1, failed: 0, leakedObjects: 1, leakedBytes: 48, leakSites: 1, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
    expect(leaks(r)).toEqual(['leak dx kzalloc dx.c:12 dx_probe 1 48']);
    expect(r.kernel.release).toBe('6.1.0-56-cloud-amd64');
  });

  it('a second boot in the same log (the kmsg sequence starts again at 0) is never a clean pass', async () => {
    const r = await analyze('two-boots.log');
    expect(r.status).toBe('incomplete');
    expect(r.statusReason).toMatch(/^the kmsg sequence starts again at 0 at line 9 \(the kernel's "Linux version" record\)/);
    // The first boot alone, its "Linux version" record first: nothing restarted.
    const firstBoot = readFileSync(fixture('two-boots.log'), 'utf8').split('\n').slice(0, 8).join('\n') + '\n';
    const one = await analyzeLogs({ records: '-' }, { stdin: Readable.from([firstBoot]) });
    expect(one.status).toBe('ok');
    expect(one.kernel.release).toBe('6.1.0-56-cloud-amd64');
  });

  it('LF-CR line ends (a CR at the start of each next line) keep the kmsg sequence numbers: the late record is put in place', async () => {
    const r = await analyze('lf-cr.log');
    expect(counts(r)).toEqual({ status: 'ok', allocations: 1, frees: 1, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
  });

  it('CRLF line ends and console timestamps', async () => {
    const r = await analyze('crlf.log');
    expect(counts(r)).toEqual({ status: 'ok', allocations: 2, frees: 1, failed: 0, leakedObjects: 1, leakedBytes: 32, leakSites: 1, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
    expect(leaks(r)).toEqual(['leak crlf kzalloc crlf.c:11 crlf_init 1 32']);
    expect(r.kernel.release).toBe('6.12.117+deb12-cloud-amd64');
    expect(r.leaks[0]!.message).toBe('Direct leak of 32 byte(s) in 1 object(s) allocated from crlf.c:11 in crlf_init() via kzalloc');
  });

  it('syslog <N> levels, [T1] caller ids and "host kernel:" prefixes', async () => {
    const r = await analyze('timestamps.log');
    // b200 and b280 from stamp.c:10 (128 each), vmalloc 4096 at stamp.c:12; only b200 freed.
    expect(counts(r)).toEqual({ status: 'ok', allocations: 3, frees: 1, failed: 0, leakedObjects: 2, leakedBytes: 4224, leakSites: 2, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
    expect(leaks(r)).toEqual(['leak stamp vmalloc stamp.c:12 stamp_init 1 4096', 'leak stamp kmalloc stamp.c:10 stamp_init 1 128']);
    expect(r.kernel.release).toBe('6.1.0-56-cloud-amd64');
  });

  it('a truncated last line makes the run incomplete and leaks only "live at end"', async () => {
    const r = await analyze('truncated-tail.log');
    expect(counts(r)).toEqual({ status: 'incomplete', allocations: 2, frees: 1, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [1, 64], badFrees: 0, lost: 0 });
    expect(leaks(r)).toEqual(['live-at-end trunc kmalloc trunc.c:10 trunc_init 1 64']);
    expect(r.leaks[0]!.message).toMatch(/^Live at end \(run did not finish\): 64 byte\(s\)/);
    expect(r.statusReason).toMatch(/tail was cut off/);
    expect(r.diagnostics.some((d) => d.line === 5 && /truncated/.test(d.message))).toBe(true);
  });

  it('a gap in the kmsg sequence counts lost records', async () => {
    const r = await analyze('seq-gap.log');
    // seq 13, 14 and 15 are missing.
    expect(counts(r)).toEqual({ status: 'incomplete', allocations: 2, frees: 1, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [1, 64], badFrees: 0, lost: 3 });
    expect(leaks(r)).toEqual(['live-at-end gap kmalloc gap.c:10 gap_init 1 64']);
    expect(r.statusReason).toMatch(/^3 kernel log record\(s\) were lost.*; rerun with a larger log buffer \(log_buf_len=\) or a faster reader$/);
    // modleak run reads the guest's log from its first record (seq 0), in a buffer it sized
    // itself: seq 0-9 were lost before its reader started, and the advice is what its user can change.
    const run = await analyze('seq-gap.log', { capturedByRun: true });
    expect(run.summary.lostRecords).toBe(13);
    expect(run.statusReason).toMatch(/; the module logged faster than modleak's reader drained the guest's log buffer: log fewer records per second \(a test script that does less, or pauses\)$/);
  });

  it('"** 5 printk messages dropped **" counts as lost', async () => {
    const r = await analyze('dropped.log');
    expect(counts(r)).toEqual({ status: 'incomplete', allocations: 1, frees: 1, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [0, 0], badFrees: 0, lost: 5 });
  });

  it('records of one length, each followed by a test script\'s untimed `+ echo step N`, are not a terminal\'s wrap: ok', async () => {
    // 6 kmalloc 64 at m.c:1, 6 kfree at m.c:2, END: nothing left, nothing lost.
    const r = await analyze('not-wrapped-script-echo.log');
    expect(counts(r)).toEqual({ status: 'ok', allocations: 6, frees: 6, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
    expect(r.diagnostics.filter((d) => d.message.includes('terminal'))).toEqual([]);
  });

  it('"** 12 printk messages dropped **" without a time in a timed console log is the kernel\'s (how it prints a console\'s losses): lost, and the object left allocated is live at end, not a leak', async () => {
    // Line 4, untimed between timed lines, CRLF: lost 12. Lines 8-9 only quote it (a script's echo): not counted.
    const r = await analyze('dropped-untimed-console.log');
    expect(counts(r)).toEqual({ status: 'incomplete', allocations: 2, frees: 1, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [1, 32], badFrees: 0, lost: 12 });
  });

  describe('behind a prefix modleak does not strip (a CI log\'s time, docker logs -t, netconsole\'s release)', () => {
    it('a crash report is still found: crashed, not a clean pass', async () => {
      // Lines 5-11: kernel BUG, its Call Trace and end marker, each behind a GitHub Actions time.
      const gha = await analyze('prefixed-crash-gha.log');
      expect(crashes(gha)).toEqual(['bug line 5 (7 lines): kernel BUG at mm/slub.c:419!']);
      expect(gha.status).toBe('crashed');
      // docker logs -t: "<time> invalid opcode: 0000" reads like a syslog program's line; no "kernel:" line says so.
      const docker = await analyze('prefixed-crash-docker.log');
      expect(crashes(docker)).toEqual(['bug line 5 (7 lines): kernel BUG at mm/slub.c:419!']);
      expect(docker.status).toBe('crashed');
    });

    it('a title\'s words with no report after them are a program\'s text, not a crash', async () => {
      // Line 3: "selftest: BUG: ..." behind a time, no CPU/PID line, Call Trace or end marker follows.
      const r = await analyze('prefixed-script-bug.log');
      expect(r.crashes).toEqual([]);
      expect(counts(r)).toEqual({ status: 'ok', allocations: 1, frees: 1, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
    });

    it('a console log with the crash only there', async () => {
      const r = await analyze('prefixed-console.records.log', {}, 'prefixed-console.console.log');
      expect(r.status).toBe('crashed');
      expect(r.crashes.map((c) => c.title)).toEqual(['kernel BUG at mm/slub.c:419!']);
    });

    it('kmsg records keep their sequence numbers: a gap is lost records', async () => {
      // seq 3 (the free) is missing in both: one record lost, the allocation live at end.
      for (const name of ['prefixed-kmsg-gap.log', 'netconsole-release-gap.log']) {
        const r = await analyze(name);
        expect(counts(r), name).toEqual({ status: 'incomplete', allocations: 1, frees: 0, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [1, 16], badFrees: 0, lost: 1 });
        expect(r.kernel, name).toEqual({ release: '6.1.0-56-cloud-amd64' });
      }
    });
  });

  it('a crash in a log that also has an unreadable record: what was left allocated is live at end, not a sure leak', async () => {
    // Line 3, the free of line 2's object, has a broken address: that object may well have been freed.
    const r = await analyze('crashed-unreadable.log');
    expect(r.status).toBe('crashed');
    expect(leaks(r)).toEqual(['live-at-end cu kmalloc cu.c:10 cu_init 1 64']);
    expect(r.statusReason).toMatch(/^the kernel reported 1 crash report\(s\), the first at log line 5: "BUG: kernel NULL pointer dereference, address: 0000000000000008"; besides, 1 record\(s\) could not be read .* \(so objects still allocated are listed as live at end, not as leaks\)$/);
  });

  it('journalctl -o json and dmesg -J: the message of each entry is read', async () => {
    // The example module's run (examples/leaky/README.md): 7 objects, 24657 bytes at 4 sites; 3 bad frees.
    const journal = await analyze('journal-json.log');
    expect(counts(journal)).toEqual({ status: 'ok', allocations: 12, frees: 5, failed: 0, leakedObjects: 7, leakedBytes: 24657, leakSites: 4, liveAtEnd: [0, 0], badFrees: 3, lost: 0 });
    expect(journal.kernel).toEqual({ release: '6.1.0-56-cloud-amd64' });
    // Line 26 of the pretty-printed document: the BUG, and the report after it.
    const dmesg = await analyze('dmesg-json-crash.log');
    expect(dmesg.status).toBe('crashed');
    expect(dmesg.crashes.map((c) => c.title)).toEqual(['kernel BUG at mm/slub.c:419!']);
    // journalctl -o json-pretty: an entry spans lines; its "MESSAGE" : line is read. kmalloc 64
    // at m.c:1 and 32 at m.c:2, the 32 freed: one leak of 64 bytes.
    const pretty = await analyze('journal-json-pretty.log');
    expect(counts(pretty)).toEqual({ status: 'ok', allocations: 2, frees: 1, failed: 0, leakedObjects: 1, leakedBytes: 64, leakSites: 1, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
    // journald's own "Missed 5 kernel messages" (line 23) counts there too: lost 5, the object freed after it is matched.
    const missed = await analyze('journal-json-pretty-missed.log');
    expect(counts(missed)).toEqual({ status: 'incomplete', allocations: 1, frees: 1, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [0, 0], badFrees: 0, lost: 5 });
    // A MESSAGE spelt as an array of bytes over several lines (line 19) is not read, and may be a record: incomplete, named.
    const bytes = await analyze('journal-json-pretty-bytes.log');
    expect(bytes.status).toBe('incomplete');
    expect(bytes.diagnostics.filter((d) => d.severity === 'error').map((d) => d.line)).toEqual([19]);
  });

  it('a soft lockup behind the kernel\'s own "watchdog: " prefix is a crash, and so is the RCU stall after it (a real 6.1 capture)', async () => {
    // Lines 435 and 477: "watchdog: BUG: soft lockup - CPU#0 stuck for 7s!" and 16s, each with CPU/PID, RIP and Call Trace lines.
    const r = await analyze('qemu-softlockup-6.1.log');
    expect(r.status).toBe('crashed');
    expect(crashes(r).map((c) => c.replace(/ \(\d+ lines\)/, ''))).toEqual([
      'bug line 435: BUG: soft lockup - CPU#0 stuck for 7s! [test-script:98]',
      'bug line 477: BUG: soft lockup - CPU#0 stuck for 16s! [test-script:98]',
      // Line 519: the RCU stall the same loop caused, behind "rcu: ", with its task's stack.
      'bug line 519: INFO: rcu_preempt detected stalls on CPUs/tasks:',
    ]);
  });

  it('an RCU stall (behind the kernel\'s "rcu: ") and a hung task are crashes: a CPU or a task the module kept from running', async () => {
    const r = await analyze('stall-hung.log');
    expect(r.status).toBe('crashed');
    expect(crashes(r)).toEqual([
      'bug line 3 (10 lines): INFO: rcu_preempt detected stalls on CPUs/tasks:',
      'bug line 13 (7 lines): INFO: task sh:97 blocked for more than 120 seconds.',
    ]);
  });

  it('a crash title user space wrote to /dev/kmsg (priority 11) is not a crash, nor its copy on the console', async () => {
    // records line 4: 11,3,...;WARNING: ...; console line 1: the same message with the kernel's time.
    const r = await analyze('user-warning.records.log', {}, 'user-warning.console.log');
    expect(r.crashes).toEqual([]);
    expect(r.status).toBe('ok');
  });

  it('a console copied from a terminal that wrapped it at 80 columns: its wrapped records may read as other function names, so the run is incomplete', async () => {
    // Lines 11, 13 and 15 end inside a function name at column 80 (read as wrap_config and wrap_configurati), line 17 inside its path (malformed).
    const r = await analyze('terminal-wrap.console.log');
    expect(r.status).toBe('incomplete');
    expect(r.summary.leakedObjects).toBe(0);
    expect(r.statusReason).toMatch(/^4 record\(s\) could not be read \(malformed, cut by the line cap of an overlong line, or wrapped by a terminal, the first at line 11;/);
    expect(r.diagnostics.find((d) => d.message.includes('as a terminal 80 columns wide wraps them'))?.line).toBe(11);
  });

  it('fine logs the heuristics above must leave alone: ok, nothing lost, no crash (from an outside review)', async () => {
    for (const name of [
      'not-crash-ci-grep.log', // a CI step's `set -x` lines grepping for "BUG:|...|Kernel panic" and "Call Trace:"
      'not-kmsg-in-text.log', // a message quoting "6,5,3,-;" mid-line: no sequence number
      'not-crash-warning-sysrq.log', // "Spectre V2 : WARNING: ..." (a message, not a WARN() splat), then a sysrq task dump
      'not-back-journal-program.log', // journalctl -o short-monotonic: a program's line with journald's later time
      'not-missed-json-user.log', // "Missed 5 kernel messages" in a test script's journal entry, not journald's
      'not-missed-script.log', // the same words in a test script's output on the console
      'not-missed-kmsg.log', // journald's line in a raw kmsg log without a gap
    ]) {
      const r = await analyze(name);
      expect({ name, status: r.status, lost: r.summary.lostRecords, crashes: r.crashes.length }).toEqual({ name, status: 'ok', lost: 0, crashes: 0 });
    }
    // A real one the same rules catch: the RCU stall's expedited form behind "rcu: ".
    const stall = await analyze('rcu-expedited-stall.log');
    expect(stall.crashes.map((c) => c.title)).toEqual([expect.stringMatching(/^INFO: rcu_preempt detected expedited stalls/)]);
  });

  it('journald\'s "Missed 1 kernel messages" (journalctl -b) counts as lost', async () => {
    const r = await analyze('journald-missed.log');
    expect(counts(r)).toEqual({ status: 'incomplete', allocations: 1, frees: 0, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [1, 16], badFrees: 0, lost: 1 });
    expect(r.statusReason).toMatch(/^1 kernel log record\(s\) were lost \(gaps in the kmsg sequence, "printk messages dropped", or journald's "Missed N kernel messages"\)/);
  });

  it('the same capture appended twice, or console times that go back: incomplete, not twice the findings', async () => {
    // Lines 6-10 repeat lines 1-5 (a double free each time).
    const twice = await analyze('captured-twice.log');
    expect(twice.status).toBe('incomplete');
    expect(twice.statusReason).toMatch(/^lines 6 and on repeat the log's first timed lines word for word, after records were read: the log holds the same capture twice .*analyse each capture on its own \(cut the log before line 6\)$/);
    // A hand-made log with one time for every line that loads its module twice repeats only its first line: one capture.
    const dir = mkdtempSync(join(tmpdir(), 'modleak-twice-'));
    const sameTime = ['BEGIN', 'A kmalloc ffff888003a1b000 64 t.c:10 t_init', 'F kfree ffff888003a1b000 t.c:20 t_exit', 'END', 'BEGIN', 'A kmalloc ffff888003a1b040 64 t.c:10 t_init', 'END'];
    writeFileSync(join(dir, 'same-time.log'), sameTime.map((r) => `[    1.000000] modleak1 t ${r}\n`).join(''));
    const once = await analyzeLogs({ records: join(dir, 'same-time.log') });
    expect(once.status).toBe('ok');
    expect(leaks(once)).toEqual(['leak t kmalloc t.c:10 t_init 1 64']);
    // Line 5 is 2.4 s earlier than line 4: another capture's.
    const back = await analyze('time-back.log');
    expect(back.status).toBe('incomplete');
    expect(back.statusReason).toMatch(/^the console times go back by more than a second at line 5, after records were read/);
    // The same with `dmesg -T`'s clock times: lines 6-10 repeat lines 1-5, 3 s earlier than line 5. (To the
    // second, a repeat alone proves nothing: one capture repeats lines within a second, below.)
    const clock = await analyze('captured-twice-clock.log');
    expect(clock.status).toBe('incomplete');
    expect(clock.statusReason).toMatch(/^the clock times \(dmesg -T or --time-format iso\) go back by more than a second at line 6, after records were read: .*\(cut the log before line 6\)$/);
    // A second `dmesg -T` capture of the same boot whose ring buffer no longer held the first lines: its times go back.
    const clockLines = (times: string[], records: string[]) => times.map((t, k) => `[Fri Nov 27 14:00:${t} 2026] modleak1 t ${records[k]}\n`).join('');
    const first = ['BEGIN', 'A kmalloc ffff888003a1b000 64 t.c:10 t_init', 'A kmalloc ffff888003a1b040 64 t.c:10 t_init', 'F kfree ffff888003a1b000 t.c:20 t_exit', 'END'];
    writeFileSync(join(dir, 'clock-back.log'), clockLines(['02', '03', '06', '09', '10'], first) + clockLines(['03', '06', '09', '10'], first.slice(1)));
    const clockBack = await analyzeLogs({ records: join(dir, 'clock-back.log') });
    expect(clockBack.status).toBe('incomplete');
    expect(clockBack.statusReason).toMatch(/^the clock times \(dmesg -T or --time-format iso\) go back by more than a second at line 6, after records were read: .*\(cut the log before line 6\)$/);
  });

  it('one capture whose lines repeat or go back in ways one capture does: not two captures', async () => {
    // dmesg -T shows whole seconds: a module loaded twice within one, at the same address, repeats its first lines word for word.
    const reload = await analyze('clock-reload-same-second.log');
    expect({ status: reload.status, allocations: reload.summary.allocations, frees: reload.summary.frees }).toEqual({ status: 'ok', allocations: 2, frees: 2 });
    // The log's times are the kind its first timed line has: a test script's `dmesg -T` on a console timed
    // since boot, shown twice (times going back between the two), and an ISO time after dmesg -T's local
    // times (another clock: 13:00 UTC is 14:00 in +01:00) are a program's lines, not the kernel's times.
    for (const name of ['clock-script-dmesg-T-twice.log', 'clock-script-T-then-iso.log']) {
      const r = await analyze(name);
      expect({ name, status: r.status }).toEqual({ name, status: 'ok' });
    }
    const dir = mkdtempSync(join(tmpdir(), 'modleak-clocks-'));
    const tThenIso = ['[Fri Nov 27 14:00:02 2026] modleak1 t BEGIN', '[Fri Nov 27 14:00:03 2026] modleak1 t A kmalloc ffff888003a1b000 64 t.c:10 t_init',
      '2026-11-27T13:00:04,000000+00:00 t: probed', '[Fri Nov 27 14:00:05 2026] modleak1 t F kfree ffff888003a1b000 t.c:20 t_exit', '[Fri Nov 27 14:00:06 2026] modleak1 t END'];
    writeFileSync(join(dir, 't-then-iso.log'), tThenIso.map((l) => `${l}\n`).join(''));
    expect((await analyzeLogs({ records: join(dir, 't-then-iso.log') })).status).toBe('ok');
    // A date that does not exist (a garbled line) is no time at all, not a time going back.
    const garbled = await analyze('clock-invalid-dates.log');
    expect(garbled.status).toBe('ok');
    // Records with kmsg sequence numbers say a second capture themselves: a test script's `dmesg -T` or `dmesg` among them is its own output.
    for (const name of ['kmsg-script-dmesg-T.log', 'kmsg-script-dmesg.log']) {
      const r = await analyze(name);
      expect({ name, status: r.status }).toEqual({ name, status: 'ok' });
    }
  });

  it('a console timed since boot, appended twice, after a first line with a clock time: the times since boot speak for the log', async () => {
    const r = await analyze('clock-line-then-boot-twice.log');
    expect(r.status).toBe('incomplete');
    expect(r.statusReason).toMatch(/^the console times go back by more than a second at line 5, after records were read/);
  });

  it('a run of NUL bytes with more of the log after it is a hole in the file: incomplete; one at the end is a preallocated file\'s tail', async () => {
    // Line 4 is 4 KiB of NUL bytes where the free was; the END follows.
    const r = await analyze('nul-hole.log');
    expect(r.status).toBe('incomplete');
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line} ${d.message}`)).toEqual([
      '4 line 4: a run of NUL bytes with more of the log after it: the file lost what was written there (a logger whose file system lost data in a crash or power cut), so records may be missing',
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'modleak-nul-'));
    const log = join(dir, 'tail.log');
    writeFileSync(log, Buffer.concat([readFileSync(fixture('prefixed-script-bug.log')), Buffer.alloc(4096)]));
    const tail = await analyzeLogs({ records: log });
    expect(tail.status).toBe('ok');
  });

  it('records preceded by other console text on the same line', async () => {
    const r = await analyze('interleaved.log');
    expect(counts(r)).toEqual({ status: 'ok', allocations: 2, frees: 1, failed: 0, leakedObjects: 1, leakedBytes: 48, leakSites: 1, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
    expect(leaks(r)).toEqual(['leak mix kmalloc mix.c:11 mix_init 1 48']);
  });

  it('two records run together on one line (a console lost the newline between them): both are read', async () => {
    const r = await analyze('run-together.log');
    // Line 2: A ...200 (64) then, after a glued timestamp, A ...240 (48); line 3: F ...200, then END after <6>, a timestamp and a caller id.
    expect(counts(r)).toEqual({ status: 'ok', allocations: 2, frees: 1, failed: 0, leakedObjects: 1, leakedBytes: 48, leakSites: 1, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
    expect(leaks(r)).toEqual(['leak two kmalloc two.c:11 two_init 1 48']);
    expect(r.leaks[0]!.samples[0]!.logLine).toBe(2);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('junk lines are skipped, a kmsg line with a broken header still yields its record', async () => {
    const r = await analyze('junk.log');
    expect(counts(r)).toEqual({ status: 'ok', allocations: 1, frees: 1, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('ANSI escapes around and inside records', async () => {
    const r = await analyze('ansi.log');
    expect(counts(r)).toEqual({ status: 'ok', allocations: 2, frees: 1, failed: 0, leakedObjects: 1, leakedBytes: 64, leakSites: 1, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
    expect(leaks(r)).toEqual(['leak ansi kmalloc ansi.c:10 ansi_init 1 64']);
  });

  it('binary garbage between records', async () => {
    const r = await analyze('binary-garbage.log');
    expect(counts(r)).toEqual({ status: 'ok', allocations: 2, frees: 1, failed: 0, leakedObjects: 1, leakedBytes: 32, leakSites: 1, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
    expect(leaks(r)).toEqual(['leak bin kmalloc bin.c:11 bin_init 1 32']);
    // Lines 2, 4 and 6 are binary: one warning names the first and how many, as the issue asks.
    expect(r.diagnostics.map((d) => [d.severity, d.line, d.message.split(';')[0]])).toEqual([
      ['warning', 2, 'line 2: 3 line(s) without a modleak1 record held bytes that are not UTF-8 text (binary data, or text in another encoding), the first at line 2'],
    ]);
  });

  it('invalid UTF-8 decodes to U+FFFD instead of failing', async () => {
    const r = await analyze('invalid-utf8.log');
    expect(counts(r)).toEqual({ status: 'ok', allocations: 2, frees: 1, failed: 0, leakedObjects: 1, leakedBytes: 64, leakSites: 1, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
    expect(leaks(r)).toEqual(['leak utf kmalloc caf\uFFFD(.c:10 utf_init 1 64']);
    // Line 3 is junk that is not UTF-8; line 2's record keeps its file name as decoded.
    expect(r.diagnostics.map((d) => [d.severity, d.line])).toEqual([['warning', 3]]);
  });

  it('malformed fields: one diagnostic per record naming line and field; the rest analysed', async () => {
    const r = await analyze('malformed.log');
    // Five records could not be read: an allocation or free may be missing, so the one
    // object left is live at end, not a leak for sure, and the run is not a clean pass.
    expect(counts(r)).toEqual({ status: 'incomplete', allocations: 1, frees: 0, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [1, 64], badFrees: 0, lost: 0 });
    expect(leaks(r)).toEqual(['live-at-end bad kmalloc bad.c:12 bad_init 1 64']);
    expect(r.statusReason).toContain('5 record(s) could not be read (malformed, cut by the line cap of an overlong line, or wrapped by a terminal, the first at line 2');
    const errors = r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line} ${d.field}`);
    // Line 4 has the right number of fields but 'bad.c' is not <file>:<line>.
    expect(errors).toEqual(['2 size', '3 ptr', '4 file:line', '5 fields', '6 kind']);
    expect(diagnosticText(r)).toContain("line 2: size 'x12' is not a decimal number; record skipped");
  });

  it('an unknown grammar version is refused with an upgrade message, not guessed at', async () => {
    const r = await analyze('unknown-version.log');
    // Only the modleak1 allocation at ver.c:11 is read; its modleak9 free is not.
    expect(counts(r)).toEqual({ status: 'incomplete', allocations: 1, frees: 0, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [1, 64], badFrees: 0, lost: 0 });
    expect(leaks(r)).toEqual(['live-at-end ver kmalloc ver.c:11 ver_init 1 64']);
    expect(diagnosticText(r)).toContain('record grammar modleak2 is not understood by this modleak (expects modleak1); upgrade modleak. 2 such record(s) were not analysed, the first at line 2');
    expect(diagnosticText(r)).toContain('record grammar modleak9 is not understood');
    expect(r.diagnostics.filter((d) => d.field === 'grammar').map((d) => d.line)).toEqual([2, 4]);
  });

  it('an Oops with its call trace, then the panic: crashed, objects live at end', async () => {
    const r = await analyze('oops.log');
    expect(counts(r)).toEqual({ status: 'crashed', allocations: 1, frees: 0, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [1, 64], badFrees: 0, lost: 0 });
    expect(leaks(r)).toEqual(['live-at-end oops kmalloc oops.c:10 oops_init 1 64']);
    expect(crashes(r)).toEqual([
      'oops line 3 (15 lines): BUG: kernel NULL pointer dereference, address: 0000000000000008',
      'panic line 18 (2 lines): Kernel panic - not syncing: Fatal exception',
    ]);
    expect(r.crashes[0]!.lines).toContain('Call Trace:');
  });

  it('double free names the first free and the allocation', async () => {
    const r = await analyze('double-free.log');
    expect(counts(r)).toEqual({ status: 'ok', allocations: 1, frees: 1, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [0, 0], badFrees: 1, lost: 0 });
    expect(bad(r)).toEqual(['double-free kfree ffff888003a1b200 dbl.c:40 line 4']);
    const b = r.badFrees[0]!;
    expect(b.previousFree).toMatchObject({ api: 'kfree', logLine: 3, seq: 3, site: { file: 'dbl.c', line: 30, function: 'dbl_remove' } });
    expect(b.allocation).toMatchObject({ api: 'kzalloc', size: 96, logLine: 2, site: { file: 'dbl.c', line: 10, function: 'dbl_probe' } });
  });

  it('invalid free: an interior pointer names its allocation, live or already freed (and that free); an unknown one names none', async () => {
    const r = await analyze('invalid-free.log');
    // b200 (256 bytes) and ff1b...1000 (64 bytes, another prefix) allocated and freed; four frees of addresses never allocated.
    expect(counts(r)).toEqual({ status: 'ok', allocations: 2, frees: 2, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [0, 0], badFrees: 4, lost: 0 });
    expect(bad(r)).toEqual([
      'invalid-free kfree ffff888003a1b240 inv.c:20 line 3', 'invalid-free kfree ffff888007000000 inv.c:21 line 4',
      'invalid-free kfree ffff888003a1b280 inv.c:23 line 6', 'invalid-free vfree ff1b000000001010 inv.c:25 line 9',
    ]);
    // 0x40 into the live b200.
    expect(r.badFrees[0]!.offset).toBe(0x40);
    expect(r.badFrees[0]!.allocation).toMatchObject({ ptr: 'ffff888003a1b200', size: 256 });
    expect(r.badFrees[0]!.previousFree).toBeUndefined();
    expect(r.badFrees[1]!.allocation).toBeUndefined();
    // 0x80 into b200 after its free at line 5; 0x10 into ff1b...1000 after its free at line 8.
    expect(r.badFrees[2]).toMatchObject({ offset: 0x80, allocation: { ptr: 'ffff888003a1b200', size: 256, logLine: 2 }, previousFree: { api: 'kfree', logLine: 5, site: { line: 22 } } });
    expect(r.badFrees[2]!.message).toBe('Invalid free of ffff888003a1b280 via kfree at inv.c:23 in inv_exit(): the pointer is 128 byte(s) inside a 256-byte object allocated via kmalloc at inv.c:10 in inv_init() (log line 2), already freed via kfree at inv.c:22 in inv_exit() (log line 5)');
    expect(r.badFrees[3]).toMatchObject({ offset: 0x10, allocation: { ptr: 'ff1b000000001000', size: 64 }, previousFree: { api: 'vfree', logLine: 8 } });
  });

  it('a double free older than the remembered frees is an invalid free whose words say it may be one', async () => {
    const lines = ['modleak1 old BEGIN', 'modleak1 old A kmalloc ffff888003a1b200 64 old.c:10 old_init', 'modleak1 old F kfree ffff888003a1b200 old.c:20 old_put'];
    // 4096 other frees in between: the first free of ...200 is no longer remembered.
    for (let i = 0; i < 4096; i++) {
      const ptr = (0xffff888010000000n + BigInt(i) * 0x40n).toString(16);
      lines.push(`modleak1 old A kmalloc ${ptr} 32 old.c:11 old_work`, `modleak1 old F kfree ${ptr} old.c:21 old_work`);
    }
    lines.push('modleak1 old F kfree ffff888003a1b200 old.c:22 old_exit', 'modleak1 old END', '');
    const r = await analyzeLogs({ records: '-' }, { stdin: Readable.from([Buffer.from(lines.join('\n'))]) });
    expect(bad(r)).toEqual([`invalid-free kfree ffff888003a1b200 old.c:22 line ${lines.length - 2}`]);
    expect(r.badFrees[0]!.message).toContain('or freed more than 4096 frees earlier: then a double free too old to name its first free');
  });

  it('mismatched free: vfree of kmalloc memory, kfree of a kmem_cache object; kvfree of vmalloc/kvmalloc is fine', async () => {
    const r = await analyze('mismatched-free.log');
    expect(counts(r)).toEqual({ status: 'ok', allocations: 4, frees: 4, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [0, 0], badFrees: 2, lost: 0 });
    expect(bad(r)).toEqual(['mismatched-free vfree ffff888003a1b200 mis.c:20 line 6', 'mismatched-free kfree ffff888004c00000 mis.c:21 line 7']);
    expect(r.badFrees[1]!.message).toContain('allocated via kmem_cache_alloc at mis.c:11 in mis_init(), which must be released with kmem_cache_free');
  });

  it('a declared pair of kernel APIs the kernel does not pair hides the mismatch, and says so', async () => {
    const pairs = [['kmalloc', 'vfree'], ['kmalloc', 'kfree'], ['osal_alloc', 'osal_free'], ['kmem_cache_alloc', 'kfree'], ['vfree', 'kmalloc'], ['kmalloc', 'kmalloc']];
    const r = await analyze('mismatched-free.log', { pairs: pairs.map(([alloc, free]) => ({ alloc: alloc!, free: free! })) });
    // kmem_cache_alloc:kfree is legal from 6.4: declaring it is no warning (and the log names no kernel, so it now hides that mismatch).
    expect(bad(r)).toEqual([]);
    expect(r.diagnostics.filter((d) => d.field === 'pair').map((d) => `${d.severity} ${d.message}`)).toEqual([
      "warning the declared pair kmalloc:vfree is applied as given, but it makes vfree() a valid release of kmalloc() memory, which no kernel allows: such a free is no longer reported as mismatched. Declare pairs for your OSAL's own functions only",
      "warning the declared pair vfree:kmalloc is applied as given, but vfree() is a kernel free API, declared here as the allocator. Declare pairs for your OSAL's own functions only",
      "warning the declared pair kmalloc:kmalloc is applied as given, but kmalloc() is declared as its own free. Declare pairs for your OSAL's own functions only",
    ]);
  });

  it('page references and bulk frees: the last put_page/folio_put frees; one of a page not allocated at the time is only noted', async () => {
    const r = await analyze('page-references.log');
    // Freed: the put_page of line 4, the mismatched put_page of kmalloc memory (line 8), the folio
    // by __free_pages, both bulk objects (kfree_bulk of a kmem_cache object is a mismatch on 6.1),
    // the 16 KiB allocation of line 18 (line 20). Not frees: the put_page calls of lines 5, 6
    // (pages handed to the module) and 17 (a page freed at line 4 that came back to it), the
    // folio_put of line 16. Bad frees all the same: a put_page inside a live allocation (line
    // 19) and one of the page still allocated at the END (line 22, after it).
    expect(counts(r)).toEqual({ status: 'ok', allocations: 7, frees: 6, failed: 0, leakedObjects: 1, leakedBytes: 4096, leakSites: 1, liveAtEnd: [0, 0], badFrees: 4, lost: 0 });
    expect(leaks(r)).toEqual(['leak pr alloc_pages pr.c:60 pr_init 1 4096']);
    expect(bad(r)).toEqual([
      'mismatched-free put_page ffff888003c00000 pr.c:31 line 8',
      'mismatched-free kfree_bulk ffff888003d00000 pr.c:51 line 13',
      'invalid-free put_page ffff888004f01000 pr.c:91 line 19',
      'invalid-free put_page ffff888004d00000 pr.c:95 line 22',
    ]);
    expect(r.badFrees[1]!.message).toContain('must be released with kmem_cache_free');
    expect(r.badFrees[2]!).toMatchObject({ offset: 4096, allocation: { api: 'alloc_pages', size: 16384, logLine: 18 } });
    expect(r.badFrees[3]!).toMatchObject({ afterEnd: { module: 'pr', logLine: 21 }, allocation: { api: 'alloc_pages', logLine: 15 } });
    expect(r.diagnostics.filter((d) => d.message.includes('not allocated at the time')).map((d) => `${d.severity} line ${d.line}: ${d.message}`)).toEqual([
      'info line 5: 3 put_page() call(s) dropped the last reference to a page that was not allocated at the time (the first at log line 5): pages the kernel handed the module, or pages it freed that came back to it; not counted as frees',
      'info line 16: 1 folio_put() call(s) dropped the last reference to a page that was not allocated at the time (the first at log line 16): pages the kernel handed the module, or pages it freed that came back to it; not counted as frees',
    ]);
  });

  it('krealloc: from NULL, in place, moved, failed, to size 0, and a stale old pointer', async () => {
    const r = await analyze('krealloc.log');
    // live at END: c000 1024 (re.c:12, the failed grow kept it), e000 48, f000 16.
    expect(counts(r)).toEqual({ status: 'ok', allocations: 5, frees: 2, failed: 1, leakedObjects: 3, leakedBytes: 1088, leakSites: 3, liveAtEnd: [0, 0], badFrees: 1, lost: 0 });
    expect(leaks(r)).toEqual([
      'leak re krealloc re.c:12 re_grow 1 1024',
      'leak re krealloc_array re.c:30 re_arr 1 48',
      'leak re krealloc re.c:40 re_stale 1 16',
    ]);
    expect(bad(r)).toEqual(['double-free krealloc ffff888003a1b200 re.c:40 line 9']);
    expect(r.summary.peakLiveBytes).toBe(1088);
    expect(r.summary.peakAt).toEqual({ logLine: 9, seq: 9 });
  });

  it('address reuse after free is a new object', async () => {
    const r = await analyze('address-reuse.log');
    expect(counts(r)).toEqual({ status: 'ok', allocations: 3, frees: 2, failed: 0, leakedObjects: 1, leakedBytes: 32, leakSites: 1, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
    expect(leaks(r)).toEqual(['leak reuse kzalloc reuse.c:30 reuse_c 1 32']);
  });

  it('kfree(NULL), ZERO_SIZE_PTR and failed allocations are legal and not leaks', async () => {
    const r = await analyze('null-zsp-failed.log');
    expect(counts(r)).toEqual({ status: 'ok', allocations: 1, frees: 1, failed: 2, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
  });

  it('an array allocation whose count overflows fails with the saturated size SIZE_MAX: a failed allocation, not a malformed record', async () => {
    const r = await analyze('overflow-failed.log');
    expect(counts(r)).toEqual({ status: 'ok', allocations: 1, frees: 1, failed: 3, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('devm objects live at END are not leaks; devm_kfree pairing is checked', async () => {
    const r = await analyze('devm.log');
    expect(counts(r)).toEqual({ status: 'ok', allocations: 4, frees: 2, failed: 0, leakedObjects: 1, leakedBytes: 16, leakSites: 1, liveAtEnd: [0, 0], badFrees: 1, lost: 0 });
    expect(leaks(r)).toEqual(['leak dev kmalloc dev.c:13 dev_probe 1 16']);
    expect(bad(r)).toEqual(['mismatched-free kfree ffff888003a1b500 dev.c:21 line 6']);
    expect(diagnosticText(r)).toContain('1 devm_* object(s) (256 bytes) of module dev were still allocated');
  });

  it('a devm_* object freed after its module\'s END is named, with the driver core having released it there', async () => {
    const r = await analyze('devm-free-after-end.log');
    expect(counts(r)).toEqual({ status: 'ok', allocations: 2, frees: 1, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [0, 0], badFrees: 2, lost: 0 });
    expect(bad(r)).toEqual(['invalid-free devm_kfree ffff888003a1b200 drv.c:30 line 6', 'invalid-free devm_kfree ffff888003a1b210 drv.c:31 line 7']);
    const [late, inside] = r.badFrees;
    expect(late).toMatchObject({ afterEnd: { module: 'drv', logLine: 5 }, allocation: { api: 'devm_kmalloc', size: 64, logLine: 2 } });
    expect(late!.message).toBe("Invalid free of ffff888003a1b200 via devm_kfree at drv.c:30 in drv_late_work(): the 64-byte object allocated via devm_kmalloc at drv.c:10 in drv_probe() (log line 2) was still allocated at module drv's END (log line 5), where the driver core released it with its device (devm_* objects are freed when the device unbinds); a free after END means code ran after the module was unloaded (work or a callback not flushed at exit) or another module took the object over");
    // Inside the object just freed: named with that free.
    expect(inside).toMatchObject({ offset: 16, allocation: { logLine: 2 }, previousFree: { logLine: 6 } });
    expect(diagnosticText(r)).toContain('1 devm_* object(s) (64 bytes) of module drv were still allocated');
  });

  it('custom pairs: declared pairs are checked, undeclared APIs only matched by address', async () => {
    const r = await analyze('custom-pairs.log', { pairs: [{ alloc: 'osal_mem_alloc', free: 'osal_mem_free' }, { alloc: 'osal_dma_alloc', free: 'osal_dma_free' }] });
    expect(counts(r)).toEqual({ status: 'ok', allocations: 5, frees: 5, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [0, 0], badFrees: 3, lost: 0 });
    expect(bad(r)).toEqual([
      'mismatched-free kfree ffff888003a1b300 osal.c:21 line 7',
      'mismatched-free osal_mem_free ffff888003a1b400 osal.c:22 line 8',
      'mismatched-free osal_mem_free ffff888003a1b600 osal.c:24 line 11',
    ]);
    expect(diagnosticText(r)).toContain('my_pool_get is not a kernel allocation or free API modleak knows');

    const undeclared = await analyze('custom-pairs.log');
    expect(undeclared.summary.badFrees).toBe(0);
    expect(undeclared.summary.frees).toBe(5);
  });

  it('several modules: each one\'s objects are leaks at its own END', async () => {
    const r = await analyze('multi-module.log');
    expect(counts(r)).toEqual({ status: 'ok', allocations: 4, frees: 1, failed: 0, leakedObjects: 3, leakedBytes: 4360, leakSites: 3, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
    expect(r.modules).toEqual(['alpha', 'beta']);
    expect(leaks(r)).toEqual([
      'leak alpha vmalloc alpha.c:11 alpha_init 1 4096',
      'leak beta kmalloc beta.c:10 beta_init 1 200',
      'leak alpha kmalloc alpha.c:10 alpha_init 1 64',
    ]);
    const only = await analyze('multi-module.log', { modules: ['beta'] });
    // alpha's kfree of beta's b300 is filtered out, so both beta objects leak.
    expect(leaks(only)).toEqual(['leak beta kmalloc beta.c:10 beta_init 2 400']);
  });

  it('a misspelt --module names the modules the log holds, not a missing header', async () => {
    const r = await analyze('multi-module.log', { modules: ['betta'] });
    expect(r.status).toBe('incomplete');
    expect(r.statusReason).toBe('the record log holds no modleak1 record of module betta, so nothing can be said about leaks; it holds 9 record(s) of modules alpha, beta: check the name given to --module or the Action\'s modules (as in lsmod, with _ for -)');
    expect(diagnosticText(r)).not.toContain('built with the modleak header');
    const one = await analyze('multi-module.log', { modules: ['alpha', 'betta'] });
    expect(one.statusReason).toMatch(/check the module's name \(as in lsmod, with _ for -\) \(the log also holds module beta\)/);
  });

  it('a log with no modleak1 record at all is never a clean pass, even with --no-require-end', async () => {
    for (const requireEndMarker of [true, false]) {
      const r = await analyze('no-records.log', { requireEndMarker });
      expect(r.status).toBe('incomplete');
      expect(r.statusReason).toMatch(/^the record log holds no modleak1 record, so nothing can be said about leaks/);
    }
    const wanted = await analyze('multi-module.log', { modules: ['gamma'], requireEndMarker: false });
    expect(wanted.statusReason).toMatch(/^the record log holds no modleak1 record of module gamma/);
  });

  it('--module: a module asked for that has no record makes the run incomplete, even beside one that has', async () => {
    const r = await analyze('multi-module.log', { modules: ['beta', 'gmma'] });
    expect(r.status).toBe('incomplete');
    expect(r.statusReason).toMatch(/^the record log holds no modleak1 record of module gmma, asked for with --module \(the Action's modules\),/);
    expect((await analyze('multi-module.log', { modules: ['beta'] })).status).toBe('ok');
  });

  it('--module: another module\'s malformed records are skipped like its good ones', async () => {
    const all = await analyze('filtered-module-malformed.log');
    expect(all.status).toBe('incomplete');
    expect(diagnosticText(all)).toContain("line 4: size 'x64' is not a decimal number; record skipped");
    expect(diagnosticText(all)).toContain("line 5: size '18446744073709551616' is larger than a 64-bit size_t can hold; record skipped");
    const keep = await analyze('filtered-module-malformed.log', { modules: ['keep'] });
    expect(counts(keep)).toEqual({ status: 'ok', allocations: 1, frees: 1, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
    expect(keep.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a module loaded twice: both loads\' leaks, one group per site', async () => {
    const r = await analyze('loaded-twice.log');
    expect(counts(r)).toEqual({ status: 'ok', allocations: 4, frees: 2, failed: 0, leakedObjects: 2, leakedBytes: 128, leakSites: 1, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
    expect(leaks(r)).toEqual(['leak twice kmalloc twice.c:10 twice_init 2 128']);
    expect(r.leaks[0]!.samples.map((s) => s.ptr)).toEqual(['ffff888003a1b200', 'ffff888003a1b280']);
  });

  it('records out of kmsg order are applied in sequence order; re-read duplicates are ignored', async () => {
    const r = await analyze('reordered.log');
    expect(counts(r)).toEqual({ status: 'ok', allocations: 3, frees: 2, failed: 0, leakedObjects: 1, leakedBytes: 16, leakSites: 1, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
    expect(leaks(r)).toEqual(['leak ord kmalloc ord.c:12 ord_init 1 16']);
    expect(diagnosticText(r)).toContain('2 record(s) repeated an already seen kmsg sequence number');
  });

  it('reordered at the very start: the first record to arrive (3) is placed after 1 and 2, which are not taken for repeats', async () => {
    const r = await analyze('reordered-first.log');
    // BEGIN (1), A ...200 (2), F ...200 (3), A ...240 (4) never freed, END (5).
    expect(counts(r)).toEqual({ status: 'ok', allocations: 2, frees: 1, failed: 0, leakedObjects: 1, leakedBytes: 32, leakSites: 1, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
    expect(leaks(r)).toEqual(['leak ord kmalloc ord.c:11 ord_init 1 32']);
    expect(diagnosticText(r)).not.toContain('repeated');
  });

  it('no markers: incomplete by default, leaks at end of log with requireEndMarker false', async () => {
    const strict = await analyze('no-markers.log');
    expect(counts(strict)).toEqual({ status: 'incomplete', allocations: 2, frees: 1, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [1, 64], badFrees: 0, lost: 0 });
    expect(leaks(strict)).toEqual(['live-at-end hw kmalloc hw.c:10 hw_probe 1 64']);
    expect(strict.statusReason).toMatch(/--no-require-end/);
    const lenient = await analyze('no-markers.log', { requireEndMarker: false });
    expect(counts(lenient)).toEqual({ status: 'ok', allocations: 2, frees: 1, failed: 0, leakedObjects: 1, leakedBytes: 64, leakSites: 1, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
    expect(leaks(lenient)).toEqual(['leak hw kmalloc hw.c:10 hw_probe 1 64']);
  });

  it('a BEGIN with no END after it is a cut log even with requireEndMarker false (that is for logs with no markers)', async () => {
    const cut = '12,1,100,-;modleak1 cut BEGIN\n7,2,200,-;modleak1 cut A kmalloc ffff888003a1b200 64 cut.c:10 cut_init\n';
    const r = await analyzeLogs({ records: '-' }, { stdin: Readable.from([cut]), requireEndMarker: false });
    expect(counts(r)).toMatchObject({ status: 'incomplete', leakedObjects: 0, liveAtEnd: [1, 64] });
    expect(r.statusReason).toMatch(/^no END marker after the last BEGIN of module cut/);
  });

  it('a log that lost its head (the module\'s END with no BEGIN before it: the buffer wrapped) is never a clean pass', async () => {
    // b200 and b400 were allocated before the log starts: their frees have nothing to pair with.
    const r = await analyze('head-lost.log');
    expect(counts(r)).toEqual({ status: 'incomplete', allocations: 1, frees: 1, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [0, 0], badFrees: 2, lost: 0 });
    expect(r.statusReason).toMatch(/^module hl's END at line 5 has no BEGIN before it: the log starts after the module was loaded/);
    const lenient = await analyze('head-lost.log', { requireEndMarker: false });
    expect(lenient.status).toBe('incomplete');
  });

  it('records another CPU logs in the middle of a crash report neither split it nor join it; after its trace, one ends a report that has no end marker', async () => {
    const r = await analyze('record-in-crash.log');
    expect(counts(r)).toMatchObject({ status: 'crashed', allocations: 2, frees: 2, leakedObjects: 0, badFrees: 0 });
    expect(crashes(r)).toEqual([
      'oops line 3 (8 lines): BUG: unable to handle page fault for address: ffffffffc0000000',
      'bug line 13 (5 lines): BUG: sleeping function called from invalid context at mm/slab.h:742',
    ]);
    expect(r.crashes[0]!.lines.some((l) => l.includes('modleak1'))).toBe(false);
    expect(r.crashes[0]!.lines.at(-1)).toMatch(/---\[ end trace/);
  });

  it('a log that starts inside a crash report (a pstore part, captured in QEMU) is crashed: the report\'s body up to its end marker, titled by where it happened', async () => {
    const r = await analyze('pstore-part-inside-oops.log');
    expect(r.status).toBe('crashed');
    expect(crashes(r)).toEqual(["oops line 2 (40 lines): (the report's title is not in the log) RIP: 0010:__kmem_cache_free+0x284/0x2a0"]);
    expect(r.crashes[0]!.lines[0]).toMatch(/CPU: 0 PID: 101 Comm: rmmod/);
    expect(r.crashes[0]!.lines).toContain('<4>[    2.997458]  leaky_exit+0x5a/0xf4d [leaky]');
    expect(r.crashes[0]!.lines.at(-1)).toMatch(/---\[ end trace 0000000000000000 \]---$/);
    expect(r.statusReason).toMatch(/^the kernel reported 1 crash report\(s\), the first at log line 2/);
  });

  it('an end marker with no report body before it is not a crash report: a program printing the words, or a report already ended', async () => {
    const r = await analyze('end-trace-without-report.log');
    expect(counts(r)).toMatchObject({ status: 'ok', allocations: 1, frees: 1, badFrees: 0 });
    expect(r.crashes).toEqual([]);
    // After a report with its title, a second end marker (the registers printed again, then the marker) starts nothing.
    const after = await analyze('end-trace-after-report.log');
    expect(crashes(after)).toEqual(['warning line 3 (8 lines): WARNING: CPU: 0 PID: 7 at m.c:30 m_work+0x10/0x20 [m]']);
    // End markers with no body line before them, one at the log's start.
    expect((await analyze('two-bare-end-markers.log')).crashes).toEqual([]);
    // A stack dump with no title (sysrq-w) and, later, a line with the marker's words in it: no crash.
    expect((await analyze('stack-dump-then-end-text.log')).crashes).toEqual([]);
    // The same, the words in the next boot: the dump is not joined to them across the banner.
    const nextBoot = await analyze('stack-dump-then-end-text-next-boot.log');
    expect({ status: nextBoot.status, crashes: nextBoot.crashes }).toEqual({ status: 'incomplete', crashes: [] });
    // An end marker in the next boot, with no report body in that boot before it: not joined to the dump of the boot before.
    const marker = await analyze('stack-dump-then-end-marker-next-boot.log');
    expect({ status: marker.status, crashes: marker.crashes }).toEqual({ status: 'ok', crashes: [] });
  });

  it('a log that starts inside a crash report: found after a report that turned out not to be one, on arm64, and from the frames on', async () => {
    // A test script's untimed "WARNING: ..." first (user space's, once timed lines follow), or a driver's "leaky: BUG: ..." with no report after it.
    expect(crashes(await analyze('headless-after-user-warning.log'))).toEqual(["oops line 3 (7 lines): (the report's title is not in the log) RIP: 0010:__kmem_cache_free+0x284/0x2a0"]);
    expect(crashes(await analyze('headless-after-driver-bug-words.log'))).toEqual(["oops line 48 (7 lines): (the report's title is not in the log) RIP: 0010:__kmem_cache_free+0x284/0x2a0"]);
    // arm64 prints "Call trace:"; with no pc line in the part, its first frame says where.
    expect(crashes(await analyze('headless-arm64.log'))).toEqual(["oops line 4 (7 lines): (the report's title is not in the log) __kmem_cache_free+0x284/0x2a0"]);
    // The part starts in the frames: the first one names the place, not user space's "RIP: 0033:".
    const frames = await analyze('headless-from-frames.log');
    expect(crashes(frames)).toEqual(["oops line 2 (9 lines): (the report's title is not in the log) leaky_exit+0x5a/0xf4d [leaky]"]);
  });

  it('the console log is not searched for reports without their title: user space\'s lines there are no crash, and a report the record log has whole is counted once', async () => {
    // User space wrote a report's body lines (and, in the second, its frames; in the third, the end marker under a kernel stack dump) to /dev/kmsg.
    for (const name of ['headless-user-body', 'untitled-user-frames', 'untitled-user-end-marker']) {
      const r = await analyze(`${name}.records.log`, {}, `${name}.console.log`);
      expect({ name, status: r.status, crashes: r.crashes }).toEqual({ name, status: 'ok', crashes: [] });
    }
    const dup = await analyze('headless-console-dup.records.log', {}, 'headless-console-dup.console.log');
    expect(crashes(dup)).toEqual(['bug line 3 (9 lines): kernel BUG at mm/slub.c:419!']);
  });

  it('a record log that starts inside a report the console log has whole: the console\'s report, once', async () => {
    const r = await analyze('untitled-records-wrapped.records.log', {}, 'untitled-records-wrapped.console.log');
    expect(crashes(r)).toEqual(['warning line 2 (8 lines): WARNING: CPU: 0 PID: 101 at drivers/leaky.c:20 leaky_exit+0x5a/0xf4d [leaky]']);
    expect(r.crashes[0]!.log).toBe('console');
  });

  it('a report whose title came garbled is found anywhere in the log, from its own CPU line; two pstore dumps give two reports', async () => {
    // After a sysrq NMI backtrace (not a report): the report starts at its own CPU line, not the backtrace's.
    expect(crashes(await analyze('garbled-title-after-nmi-backtrace.log'))).toEqual(["oops line 14 (7 lines): (the report's title is not in the log) RIP: 0010:leaky_exit+0x5a/0xf4d [leaky]"]);
    // After 250 lines of boot messages.
    expect(crashes(await analyze('garbled-title-after-boot.log'))).toEqual(["oops line 257 (16 lines): (the report's title is not in the log) RIP: 0010:leaky_exit+0x5a/0xf4d [leaky]"]);
    // "Oops#2 Part1" (untimed, among timed lines) starts the second dump afresh.
    expect(crashes(await analyze('two-pstore-dumps.log'))).toEqual([
      "oops line 2 (4 lines): (the report's title is not in the log) RIP: 0010:leaky_exit+0x5a/0xf4d [leaky]",
      "oops line 7 (4 lines): (the report's title is not in the log) RIP: 0010:leaky_work+0x10/0x20 [leaky]",
    ]);
  });

  it('the end marker of a report cut before it (by the 200-line or the 40-line limit, by the next report, or not kept past the 50th) starts no report of its own', async () => {
    // A panic with every CPU's backtrace, longer than 200 lines.
    expect(crashes(await analyze('panic-longer-than-200-lines.log')).map((c) => c.replace(/ \(\d+ lines\).*/, ''))).toEqual(['warning line 4', 'panic line 19']);
    // Another CPU's lines before the WARNING's CPU line: cut at 40 lines without a Call Trace.
    expect(crashes(await analyze('warning-cpu-line-after-40-lines.log'))).toEqual(['warning line 35 (40 lines): WARNING: CPU: 0 PID: 101 at drivers/leaky.c:20 leaky_exit+0x5a/0xf4d [leaky]']);
    // Two CPUs' WARNINGs interleaved: the first is cut by the second's title.
    expect(crashes(await analyze('two-warnings-interleaved.log'))).toEqual([
      'warning line 35 (3 lines): WARNING: CPU: 0 PID: 101 at drivers/leaky.c:20 leaky_exit+0x5a/0xf4d [leaky]',
      'warning line 38 (16 lines): WARNING: CPU: 1 PID: 202 at drivers/leaky.c:20 leaky_work+0x10/0x20 [leaky]',
    ]);
    // But not one that may be user space's (untimed lines before the first timed one), nor a hung task's, which has no end marker.
    expect(crashes(await analyze('headless-after-two-user-warnings.log'))).toEqual(["oops line 4 (7 lines): (the report's title is not in the log) RIP: 0010:__kmem_cache_free+0x284/0x2a0"]);
    expect(crashes(await analyze('two-hung-tasks-then-garbled-warning.log')).map((c) => c.replace(/ \(\d+ lines\)/, ''))).toEqual([
      'bug line 2: INFO: task kworker/0:1:55 blocked for more than 120 seconds.',
      'bug line 13: INFO: task kworker/0:1:56 blocked for more than 120 seconds.',
      "oops line 29: (the report's title is not in the log) RIP: 0010:leaky_exit+0x5a/0xf4d [leaky]",
    ]);
    // The same in a log with no times at all (printk.time=0): its reports are the kernel's after all.
    expect(crashes(await analyze('untimed-two-warnings-interleaved.log')).map((c) => c.replace(/ \(.*/, ''))).toEqual(['warning line 35', 'warning line 38']);
    // UBSAN's reports end with a marker too; older kernels' end at a rule, as their title has one before it.
    expect(crashes(await analyze('two-ubsan-interleaved.log')).map((c) => c.replace(/ \(.*/, ''))).toEqual(['bug line 4', 'bug line 6']);
    expect(crashes(await analyze('old-ubsan-then-garbled-warning.log')).map((c) => c.replace(/ \(\d+ lines\)/, ''))).toEqual([
      'bug line 4: UBSAN: array-index-out-of-bounds in drivers/leaky.c:20:9',
      "oops line 29: (the report's title is not in the log) RIP: 0010:leaky_other+0x10/0x20 [leaky]",
    ]);
    expect(crashes(await analyze('old-ubsan-cut-then-garbled-warning.log')).map((c) => c.replace(/ \(.*/, ''))).toEqual(['bug line 4', 'warning line 15', 'oops line 32']);
    // A WARNING cut by a hung task's title, whose report then takes the WARNING's marker: a later garbled WARNING keeps its own.
    expect(crashes(await analyze('warning-cut-by-hung-task-then-garbled.log')).map((c) => c.replace(/ \(\d+ lines\)/, ''))).toEqual([
      'warning line 4: WARNING: CPU: 0 PID: 101 at drivers/leaky.c:20 leaky_exit+0x5a/0xf4d [leaky]',
      'bug line 5: INFO: task kworker/1:1:202 blocked for more than 120 seconds.',
      "oops line 26: (the report's title is not in the log) RIP: 0010:leaky_other+0x10/0x20 [leaky]",
    ]);
    const flood = await analyze('warnings-beyond-the-cap.log');
    expect(flood.crashes).toHaveLength(50);
    expect(diagnosticText(flood)).toContain('5 further crash report(s) were not kept');
  });

  it('a report whose title is not in the log: x86\'s header before Linux 6.10 is its title; the console\'s copy of another report stands for none; journal JSON tells user space\'s lines by their facility', async () => {
    // "divide error: 0000 [#1] ..." (6.10 and later: "Oops: divide error: ...").
    expect(crashes(await analyze('divide-error-before-6.10.log'))).toEqual(['oops line 34 (15 lines): divide error: 0000 [#1] PREEMPT SMP NOPTI']);
    // The same WARNING twice, the second's title garbled in the record log; the console log stops before it.
    const twice = await analyze('warning-twice-garbled.records.log', {}, 'warning-twice-garbled.console.log');
    expect(crashes(twice)).toEqual([
      'warning line 255 (16 lines): WARNING: CPU: 0 PID: 101 at drivers/leaky.c:20 leaky_exit+0x5a/0xf4d [leaky]',
      "oops line 275 (14 lines): (the report's title is not in the log) RIP: 0010:leaky_exit+0x5a/0xf4d [leaky]",
    ]);
    // Both titles garbled in the record log: the console's one report stands for the first only.
    const both = await analyze('warning-twice-both-garbled.records.log', {}, 'warning-twice-garbled.console.log');
    expect(crashes(both)).toEqual([
      "oops line 275 (14 lines): (the report's title is not in the log) RIP: 0010:leaky_exit+0x5a/0xf4d [leaky]",
      'warning line 255 (16 lines): WARNING: CPU: 0 PID: 101 at drivers/leaky.c:20 leaky_exit+0x5a/0xf4d [leaky]',
    ]);
    expect(both.crashes.map((c) => c.log)).toEqual([undefined, 'console']);
    // The record log's report titled by x86's header, the console's by "kernel BUG at": one report.
    const header = await analyze('garbled-kernel-bug.records.log', {}, 'garbled-kernel-bug.console.log');
    expect(crashes(header)).toEqual(['bug line 2 (15 lines): kernel BUG at mm/slub.c:419!']);
    // x86's header is the same for every boot's first oops: a console report of another BUG stands for nothing here.
    const other = await analyze('header-other-bug.records.log', {}, 'header-other-bug.console.log');
    expect(crashes(other).map((c) => c.replace(/ \(\d+ lines\)/, ''))).toEqual(['oops line 4: invalid opcode: 0000 [#1] PREEMPT SMP NOPTI', 'bug line 2: kernel BUG at drivers/leaky.c:77!']);
    // Without a RIP line the header alone tells nothing: no match.
    expect((await analyze('header-without-rip.records.log', {}, 'header-without-rip.console.log')).crashes).toHaveLength(2);
    // The kernel's facility as a number (a log shipper's JSON): still the kernel's.
    expect(crashes(await analyze('journal-json-numeric-facility.log'))).toEqual(['bug line 2 (15 lines): kernel BUG at mm/slub.c:419!']);
    // A stack dump, and an end marker user space wrote (_TRANSPORT=kernel, SYSLOG_FACILITY=1).
    const journal = await analyze('journal-json-user-end-marker.log');
    expect({ status: journal.status, crashes: journal.crashes }).toEqual({ status: 'ok', crashes: [] });
  });

  it('a console record among kmsg records does not close the reorder window: the kmsg record one line late is still put in place', async () => {
    // seq 3 frees what seq 2 (one line late, after the console's record) allocates.
    const r = await analyze('console-record-among-kmsg.log');
    expect(counts(r)).toEqual({ status: 'ok', allocations: 2, frees: 2, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
  });

  it('a crash report without a trace or an end ends at the next one; a KASAN report goes on to its rule past a record; an oops without an end is not merged with the panic after it', async () => {
    const r = await analyze('crashes-without-end.log');
    expect(crashes(r)).toEqual([
      'bug line 3 (3 lines): BUG: Bad rss-counter state mm:000000004b2c9f3a type:MM_ANONPAGES val:1',
      'kasan line 7 (10 lines): BUG: KASAN: slab-use-after-free in ce_work+0x10/0x20 [ce]',
      'oops line 18 (6 lines): BUG: kernel NULL pointer dereference, address: 0000000000000008',
      'panic line 24 (2 lines): Kernel panic - not syncing: Fatal exception',
    ]);
    expect(r.crashes[1]!.lines.at(-1)).toMatch(/^\[    3.000000\] =+$/);
  });

  it('what user space writes (kmsg facility user; console lines without the kernel\'s time) is no crash, no loss and does not name the kernel', async () => {
    const r = await analyze('user-space.log', {}, 'user-space.console.log');
    // kfree of a kmem_cache object is legal on the 6.12 the banner names, not on the 6.1 an echo names.
    expect(counts(r)).toEqual({ status: 'ok', allocations: 1, frees: 1, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
    expect(r.kernel.release).toBe('6.12.117+deb12-cloud-amd64');
    expect(r.crashes).toEqual([]);
  });

  it('a line without a time before the log\'s first timed line is a program\'s (a test script printing WARNING: first), not a crash; in a log without times it is the kernel\'s', async () => {
    for (const log of ['untimed-warning-first.log', 'untimed-warning-first-kmsg.log']) {
      const r = await analyze(log);
      expect({ log, ...counts(r) }).toEqual({ log, status: 'ok', allocations: 1, frees: 1, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
      expect(r.crashes).toEqual([]);
    }
    const untimed = await analyze('untimed-warning-no-times.log');
    expect(crashes(untimed)).toEqual(['warning line 2 (1 lines): WARNING: this is the test script talking, not the kernel']);
  });

  it('a /proc/version echo without a time before a timed log\'s first line does not name the kernel: kfree of a kmem_cache object is judged by the oldest rules', async () => {
    const r = await analyze('untimed-version-first.log');
    expect(r.kernel).toEqual({});
    expect(r.badFrees.map((b) => `${b.kind} ${b.api} of ${b.allocation?.api}`)).toEqual(['mismatched-free kfree of kmem_cache_alloc']);
    // Without times anywhere, the same line is the kernel's banner (a console with printk.time=0).
    const dir = mkdtempSync(join(tmpdir(), 'modleak-untimed-'));
    writeFileSync(join(dir, 'no-times.log'), readFileSync(fixture('untimed-version-first.log'), 'utf8').replace(/^\[ *[\d.]+\] /gm, ''));
    const untimed = await analyzeLogs({ records: join(dir, 'no-times.log') });
    expect(untimed.kernel).toEqual({ release: '6.12.117+deb12-cloud-amd64' });
    expect(untimed.badFrees).toEqual([]);
  });

  it('a crashed run says why objects at an END are live at end: records lost before it, not a module that never ended', async () => {
    const r = await analyze('crash-then-dropped.log');
    expect(counts(r)).toMatchObject({ status: 'crashed', leakedObjects: 0, liveAtEnd: [2, 32], lost: 3 });
    expect(r.statusReason).toBe('the kernel reported 1 crash report(s), the first at log line 3: "BUG: kernel NULL pointer dereference, address: 0000000000000008"; 3 kernel log record(s) were lost too, so objects still allocated at an END after the loss are listed as live at end, not as leaks');
  });

  it('WARNING in the record log, KASAN in the console: crashes merged without duplicates', async () => {
    const alone = await analyze('warning.log');
    expect(crashes(alone)).toEqual(['warning line 4 (7 lines): WARNING: CPU: 1 PID: 60 at warn.c:15 warn_init+0x20/0x40 [warn]']);
    const r = await analyze('warning.log', {}, 'warning.console.log');
    expect(counts(r)).toEqual({ status: 'crashed', allocations: 1, frees: 1, failed: 0, leakedObjects: 0, leakedBytes: 0, leakSites: 0, liveAtEnd: [0, 0], badFrees: 0, lost: 0 });
    expect(crashes(r)).toEqual([
      'warning line 4 (7 lines): WARNING: CPU: 1 PID: 60 at warn.c:15 warn_init+0x20/0x40 [warn]',
      'kasan line 11 (7 lines): BUG: KASAN: slab-use-after-free in warn_exit+0x30/0x50 [warn]',
    ]);
    // Line 11 is the console log's: the report says so wherever it names the place.
    expect(r.crashes.map((c) => c.log)).toEqual([undefined, 'console']);
    expect(renderText(r)).toContain('Kernel kasan at console log line 11: BUG: KASAN');
    expect(renderText(r)).toContain('Kernel warning at log line 4: WARNING');
    // The record log has kmsg sequence numbers, so the console's drop note is not a record loss.
    expect(diagnosticText(r)).toContain('3 printk message(s) were dropped on the console');
  });
});

describe("a modleak run's saved logs, analysed again (real QEMU captures, Debian 6.1)", () => {
  // qemu-load-failed: a module whose init frees its 3 objects (kzalloc 16, kstrdup 9,
  // kmalloc 512) and returns -ENODEV; the record log has BEGIN, 3 allocations, 3 frees,
  // END, as of a clean run. Only the console's `modleak-init: load-failed` says otherwise.
  it('the console says the module did not load: load-failed, as `modleak run` said, not a clean pass', async () => {
    const r = await analyze('qemu-load-failed-6.1.records.log', {}, 'qemu-load-failed-6.1.console.log');
    expect([r.status, r.summary.allocations, r.summary.frees, r.summary.leakedObjects]).toEqual(['load-failed', 3, 3, 0]);
    expect(r.statusReason).toBe("the module did not load: initfail0: insmod exit 1: insmod: cannot insert '/payload/modules/initfail0.ko': No such device (as the run's console log says)");
    // Without the console nothing says so: the record log alone is a finished run.
    expect((await analyze('qemu-load-failed-6.1.records.log')).status).toBe('ok');
  });

  it('only a modleak guest\'s own init lines count: a script\'s `+ echo modleak-init: ...`, or a console that is not a modleak run\'s, leaves the records\' status', async () => {
    // The timeout console with its test-script-timeout line echoed by `sh -x` (line 7).
    const quoted = await analyze('qemu-test-script-timeout-6.1.records.log', {}, 'runner-lines-quoted.console.log');
    expect([quoted.status, quoted.summary.leakedObjects, quoted.summary.badFrees]).toEqual(['ok', 2, 2]);
    // A lab console whose init is not modleak's (no `modleak-init: step: booted` first) quoting an old run's load failure.
    const lab = await analyze('qemu-test-script-timeout-6.1.records.log', {}, 'runner-lines-not-a-run.console.log');
    expect(lab.status).toBe('ok');
  });

  // qemu-test-script-timeout: the test script slept past its 20 s limit and was killed;
  // the module was unloaded after it (END written), leaving vzalloc 12293 at vmem.c:13 and
  // kvzalloc 5000 at vmem.c:35, with two mismatched frees (kfree and vfree of kvmalloc memory).
  it('the console says the test script was killed at its limit: timeout, with the complete records\' findings', async () => {
    const r = await analyze('qemu-test-script-timeout-6.1.records.log', {}, 'qemu-test-script-timeout-6.1.console.log');
    expect([r.status, r.summary.leakedObjects, r.summary.leakedBytes, r.summary.badFrees]).toEqual(['timeout', 2, 17293, 2]);
    expect(r.statusReason).toMatch(/^the test script was still running after 20 s and was killed; .* \(as the run's console log says\)$/);
    expect(r.badFrees.map((b) => [b.kind, b.api, `${b.site.file}:${b.site.line}`])).toEqual([['mismatched-free', 'kfree', 'vmem.c:26'], ['mismatched-free', 'vfree', 'vmem.c:31']]);
  });
});
