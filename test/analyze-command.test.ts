import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { analyzeCommand } from '../src/cli/analyze-command.js';
import { execCommand } from '../src/run/exec.js';
import type { Report } from '../src/report/schema.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/analyze/${name}`, import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

async function run(args: string[], stdin: Readable = Readable.from([])) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await analyzeCommand(args, { stdout, stderr, stdin });
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

describe('modleak analyze', () => {
  it('--format json prints report schema v1; a bad free fails the default budget with exit 1', async () => {
    const r = await run([fixture('double-free.log'), '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.schema).toBe('modleak-report/v1');
    expect(report.badFrees.map((b) => b.kind)).toEqual(['double-free']);
    expect(r.stderr).toBe('modleak: 1 bad free(s) exceed max-bad-frees 0 by 1\n');
  });

  it('budgets: within --max-leaks passes, --max-leaked-bytes below the leak fails', async () => {
    expect((await run([fixture('crlf.log'), '--max-leaks', '1'])).code).toBe(0);
    const over = await run([fixture('crlf.log'), '--max-leaks', '1', '--max-leaked-bytes', '10']);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('32 leaked byte(s) exceed max-leaked-bytes 10 by 22');
    expect((await run([fixture('crlf.log')])).code).toBe(1);
  });

  it('text output uses LeakSanitizer wording', async () => {
    const r = await run([fixture('crlf.log'), '--max-leaks', '5']);
    expect(r.stdout).toContain('Direct leak of 32 byte(s) in 1 object(s) allocated from crlf.c:11 in crlf_init() via kzalloc');
    expect(r.stdout).toContain('SUMMARY: modleak: 32 byte(s) leaked in 1 allocation(s) at 1 site(s); 0 bad free(s).');
    expect(r.stdout).not.toContain('\x1b[');
  });

  it('an incomplete run exits 3 whatever the budgets', async () => {
    const r = await run([fixture('seq-gap.log'), '--max-leaks', '100']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('status incomplete');
  });

  it('reads stdin for -, and --no-require-end turns end-of-log objects into leaks', async () => {
    const log = readFileSync(fixture('no-markers.log'));
    const r = await run(['-', '--no-require-end', '--format', 'json'], Readable.from([log]));
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.status).toBe('ok');
    expect(report.leaks.map((l) => [l.kind, l.bytes])).toEqual([['leak', 64]]);
  });

  it('--module, --pair and --suppressions reach the analysis', async () => {
    const r = await run([fixture('custom-pairs.log'), '--pair', 'osal_mem_alloc:osal_mem_free', '--format', 'json']);
    expect((JSON.parse(r.stdout) as Report).summary.badFrees).toBe(2);
    const only = await run([fixture('multi-module.log'), '--module', 'beta', '--format', 'json', '--max-leaks', '9']);
    expect((JSON.parse(only.stdout) as Report).modules).toEqual(['beta']);
    // - and _ are one in a module's name, as in the kernel: records carry _ (KBUILD_MODNAME), a hand-made log may have -.
    const dir0 = mkdtempSync(path.join(tmpdir(), 'modleak-cli-dash-'));
    for (const [inLog, given] of [['my_drv', 'my-drv'], ['my-drv', 'my-drv'], ['my-drv', 'my_drv'], ['my_drv-x', 'my-drv_x']]) {
      writeFileSync(path.join(dir0, 'k.log'), `12,1,1,-;modleak1 ${inLog} BEGIN\n7,2,2,-;modleak1 ${inLog} A kmalloc ffff888003a1b200 64 d.c:1 f\n7,3,3,-;modleak1 other A kmalloc ffff888003a1b300 8 o.c:1 g\n12,4,4,-;modleak1 ${inLog} END\n`);
      const dashed = await run([path.join(dir0, 'k.log'), '--module', given!, '--format', 'json']);
      const report = JSON.parse(dashed.stdout) as Report;
      expect([dashed.code, report.status, report.summary.leakedObjects], `${inLog} ${given}`).toEqual([1, 'ok', 1]);
    }
    const supp = await run([fixture('multi-module.log'), '--suppressions', fixture('suppressions.txt'), '--format', 'json', '--max-leaks', '1']);
    expect(supp.code).toBe(0);
    // A second --suppressions adds its rules (beta's leak), it does not replace the first file's.
    const dir = mkdtempSync(path.join(tmpdir(), 'modleak-cli-supp-'));
    writeFileSync(path.join(dir, 'beta.txt'), 'leak:beta_*\n');
    const both = await run([fixture('multi-module.log'), '--suppressions', fixture('suppressions.txt'), '--suppressions', path.join(dir, 'beta.txt'), '--format', 'json']);
    expect(both.code).toBe(0);
    expect((JSON.parse(both.stdout) as Report).suppressions.map((u) => u.rule)).toEqual(['leak:alpha_init', 'leak:beta_*']);
  });

  it('--out writes the report to a file; markdown is rendered', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'modleak-cli-'));
    const out = path.join(dir, 'report.md');
    const r = await run([fixture('double-free.log'), '--format', 'markdown', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('ffff888003a1b200');
  });

  it.each([
    [['--max-leaks', 'abc'], "--max-leaks 'abc' is not a non-negative whole number"],
    [['--max-bad-frees=-1'], "--max-bad-frees '-1' is not a non-negative whole number"],
    [['--max-leaks', '-1'], "--max-leaks '-1' is not a non-negative whole number"],
    [['--max-leaked-bytes', '-5'], "--max-leaked-bytes '-5' is not a non-negative whole number"],
    [['--max-leaked-bytes', '99999999999999999999'], "--max-leaked-bytes '99999999999999999999' is not a non-negative whole number up to 9007199254740991"],
    [['--format', 'xml'], "--format 'xml' is not one of text, json, markdown"],
    [['--pair', 'osal_alloc'], "--pair 'osal_alloc' is not ALLOC:FREE"],
    [['--module', 'a b'], "--module 'a b' is not a kernel module name"],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('bad usage %j exits 2 and says what is accepted', async (flags, message) => {
    const r = await run([fixture('crlf.log'), ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('LOG and --console cannot both be stdin: exit 2, before anything is read', async () => {
    const r = await run(['-', '--console', '-']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('LOG and --console cannot both be read from stdin (-): give one of them as a file');
  });

  it('--version prints the version, as modleak --version does', async () => {
    const r = await run(['--version']);
    expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 0, stdout: 'modleak 0.1.0\n' });
  });

  it('no LOG, or an unreadable one, exits 2 naming the path and the OS error', async () => {
    expect((await run([])).stderr).toContain('expected one LOG argument');
    const r = await run(['/nonexistent/kmsg.log']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("cannot read the record log '/nonexistent/kmsg.log': ENOENT");
    const dir = await run([tmpdir()]);
    expect(dir.code).toBe(2);
    expect(dir.stderr).toContain('EISDIR');
  });

  // dist/ is built by `npm run bundle` (.ci/run rebuilds it); without it this one is reported skipped.
  const cli = path.join(repoRoot, 'dist/cli.js');
  it.skipIf(!existsSync(cli))('the bundled CLI (dist/cli.js) gives the same JSON', async () => {
    const r = await execCommand(process.execPath, [cli, 'analyze', fixture('krealloc.log'), '--format', 'json', '--max-leaks', '3', '--max-bad-frees', '1']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.summary).toMatchObject({ allocations: 5, frees: 2, leakedObjects: 3, leakedBytes: 1088, badFrees: 1 });
  });

  it.skipIf(!existsSync(cli))('stdin redirected from a directory or a file that fails to read exits 2 with the OS error, as the path would, not as an empty log', async () => {
    const script = `"${process.execPath}" "${cli}" analyze - < "$1"`;
    for (const [input, error] of [[tmpdir(), 'EISDIR'], ['/proc/self/mem', 'EIO']] as const) {
      const r = await execCommand('bash', ['-c', script, 'stdin', input]);
      expect({ input, code: r.code }).toEqual({ input, code: 2 });
      expect(r.stderr).toContain(`cannot read the record log '-': ${error}`);
    }
    // A file through stdin reads as the file.
    const r = await execCommand('bash', ['-c', `"${process.execPath}" "${cli}" analyze - --format json --max-leaks 3 --max-bad-frees 1 < "$1"`, 'stdin', fixture('krealloc.log')]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as Report).summary).toMatchObject({ allocations: 5, frees: 2, leakedObjects: 3 });
  });

  it.skipIf(!existsSync(cli))('a reader that closes the pipe early gets no stack trace, and the exit status is still the gate\'s', async () => {
    // `| true`: the shell's reader exits at once; PIPESTATUS[0] is modleak's own exit status.
    const script = `"${process.execPath}" "${cli}" analyze "$1" --format json "\${@:2}" 2>"$ERR" | true; echo "\${PIPESTATUS[0]}"`;
    for (const [log, args, code] of [['krealloc.log', ['--max-leaks', '3', '--max-bad-frees', '1'], 0], ['krealloc.log', [], 1], ['truncated-tail.log', [], 3]] as const) {
      const err = path.join(tmpdir(), `modleak-epipe-${code}.err`);
      const r = await execCommand('bash', ['-c', script, 'epipe', fixture(log), ...args], { env: { ...process.env, ERR: err } });
      expect(r.stdout.trim()).toBe(String(code));
      expect(readFileSync(err, 'utf8')).not.toMatch(/EPIPE|at .*cli\.js/);
    }
  });
});

describe('modleak analyze on inputs that are not logs', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'modleak-bad-input-'));

  it('an empty file is read, and is an incomplete run (exit 3) that says the log is empty', async () => {
    const empty = path.join(dir, 'empty.log');
    writeFileSync(empty, '');
    const r = await run([empty, '--no-require-end', '--format', 'json']);
    expect(r.code).toBe(3);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.status).toBe('incomplete');
    expect(report.statusReason).toContain('is empty (0 bytes)');
  });

  it('a directory cannot be read at all: exit 2 naming the path and the OS error', async () => {
    const r = await run([dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`modleak analyze: cannot read the record log '${dir}': EISDIR: illegal operation on a directory, read\n`);
  });

  it('a gzip-compressed log (a rotated kern.log.2.gz), a file or on a pipe, is read through gunzip; one cut short is partial; xz and zstd are named', async () => {
    const plain = await run([fixture('multi-module.log'), '--format', 'json', '--max-leaks', '9']);
    const gz = path.join(dir, 'kern.log.2.gz');
    const packed = gzipSync(readFileSync(fixture('multi-module.log')));
    writeFileSync(gz, packed);
    const unpacked = await run([gz, '--format', 'json', '--max-leaks', '9']);
    expect([unpacked.code, (JSON.parse(unpacked.stdout) as Report).summary]).toEqual([plain.code, (JSON.parse(plain.stdout) as Report).summary]);
    expect(plain.code).toBe(0);

    const cut = path.join(dir, 'cut.log.gz');
    writeFileSync(cut, packed.subarray(0, packed.length - 12));
    const partial = await run([cut, '--format', 'json']);
    const report = JSON.parse(partial.stdout) as Report;
    expect([partial.code, report.status]).toEqual([3, 'incomplete']);
    expect(report.diagnostics.some((d) => d.message.startsWith(`reading the record log '${cut}' failed after `))).toBe(true);

    const xzBytes = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1, 2, 3]);
    const xz = path.join(dir, 'kern.log.xz');
    writeFileSync(xz, xzBytes);
    expect(await run([xz])).toEqual({ code: 2, stdout: '', stderr: `modleak analyze: the record log '${xz}' is compressed with xz; decompress it first (xz -dc FILE, into a file to give here or into modleak's stdin, -)\n` });
    const bz2 = path.join(dir, 'kern.log.bz2');
    writeFileSync(bz2, Buffer.from('BZh91AY&SY\x01\x02', 'latin1'));
    expect((await run([bz2])).stderr).toMatch(/ is compressed with bzip2; /);
    // Text that starts with "BZh" is text.
    const bzText = path.join(dir, 'bzh.log');
    writeFileSync(bzText, 'BZh9 is not a header\n12,1,1,-;modleak1 m BEGIN\n12,2,2,-;modleak1 m END\n');
    expect((await run([bzText])).code).toBe(0);

    // The same on a pipe (`cat kern.log.2.gz | modleak analyze -`), told from the stream's first bytes, in chunks of 7.
    const chunked = (bytes: Buffer) => Readable.from(Array.from({ length: Math.ceil(bytes.length / 7) }, (_, k) => bytes.subarray(7 * k, 7 * k + 7)));
    const piped = await run(['-', '--format', 'json', '--max-leaks', '9'], chunked(packed));
    expect([piped.code, (JSON.parse(piped.stdout) as Report).summary]).toEqual([plain.code, (JSON.parse(plain.stdout) as Report).summary]);
    const pipedCut = await run(['-', '--format', 'json'], chunked(packed.subarray(0, packed.length - 12)));
    expect([pipedCut.code, (JSON.parse(pipedCut.stdout) as Report).status]).toEqual([3, 'incomplete']);
    expect(await run(['-'], chunked(xzBytes))).toEqual({ code: 2, stdout: '', stderr: "modleak analyze: cannot read the record log '-': it is compressed with xz; decompress it first (xz -dc FILE, into a file to give here or into modleak's stdin, -)\n" });
  });

  it('random bytes in a file several read buffers long: a report, not a crash', async () => {
    let seed = 7;
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 0).map(() => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
    const junk = path.join(dir, 'junk.bin');
    writeFileSync(junk, bytes);
    const r = await run([junk, '--format', 'json']);
    expect(r.code).toBe(3);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.status).toBe('incomplete');
    expect(report.summary.allocations).toBe(0);
  });
});
