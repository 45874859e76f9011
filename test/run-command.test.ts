import { chmodSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { defaultCacheDir, runCommand } from '../src/cli/run-command.js';
import { testCacheDir, testKernel } from './support/test-cache.js';
import type { CliIo } from '../src/cli/main.js';

const cacheDir = testCacheDir();
const examples = join(import.meta.dirname, '..', 'examples');

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c) => (out += c));
  stderr.on('data', (c) => (err += c));
  const io: CliIo = { stdout, stderr, stdin: new PassThrough() };
  const code = await runCommand(args, io);
  return { code, stdout: out, stderr: err };
}

const scratch = () => mkdtempSync(join(tmpdir(), 'modleak-cli-test-'));

describe('defaultCacheDir', () => {
  it('follows XDG_CACHE_HOME, else ~/.cache', () => {
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/x/cache' })).toBe('/x/cache/modleak');
    expect(defaultCacheDir({})).toMatch(/\/\.cache\/modleak$/);
  });
});

describe('modleak run: bad usage exits 2 with a message naming the flag and the value', () => {
  it.each([
    [[], '--module DIR is required'],
    [['--module', '.', '--kernel', 'debian:5.10'], "--kernel 'debian:5.10' is not one of auto, debian:6.1, debian:6.12"],
    [['--module', '.', '--timeout', 'soon'], "--timeout 'soon' is not a whole number of seconds from 1 to 2147483"],
    [['--module', '.', '--timeout', '0'], "--timeout '0' is not a whole number of seconds from 1 to 2147483"],
    [['--module', '.', '--timeout', '2147484'], "--timeout '2147484' is not a whole number of seconds from 1 to 2147483"],
    [['--module', '.', '--max-leaks=-1'], "--max-leaks '-1' is not a non-negative whole number"],
    [['--module', '.', '--max-bad-frees', 'many'], "--max-bad-frees 'many' is not a non-negative whole number"],
    [['--module', '.', '--format', 'xml'], "--format 'xml' is not one of text, json, markdown"],
    [['--module', '.', '--pair', 'oops'], "--pair 'oops' is not ALLOC:FREE"],
    [['--module', '.', '--kernel-image', '/boot/vmlinuz'], '--kernel-image and --kernel-build-dir go together'],
    [['--module', '.', '--kernel', 'auto', '--kernel-image', 'a', '--kernel-build-dir', 'b'], '--kernel and --kernel-image/--kernel-build-dir exclude each other'],
    [['--module', '.', '--bogus'], "Unknown option '--bogus'"],
  ])('%j', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('usage: modleak run --module DIR');
    expect(r.stdout).toBe('');
  });
});

describe('modleak run: bad input is a clear message, never a stack trace', () => {
  it('a directory that does not exist (exit 2)', async () => {
    const r = await cli(['--module', '/nonexistent/drv', '--cache-dir', cacheDir, '--out', scratch()]);
    expect(r).toEqual({ code: 2, stdout: '', stderr: "modleak run: the module directory /nonexistent/drv does not exist; give the directory holding the module's Kbuild or Makefile.\n" });
  });

  it('a directory with no Kbuild/Makefile (exit 2)', async () => {
    const d = scratch();
    writeFileSync(join(d, 'drv.c'), 'int x;\n');
    const r = await cli(['--module', d, '--cache-dir', cacheDir, '--out', scratch()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`modleak run: the module directory ${d} has no Kbuild or Makefile (found: drv.c); modleak builds out-of-tree modules with kbuild, which needs an obj-m line in one of them.\n`);
  });

  it('a module for another architecture (exit 2)', async () => {
    const d = scratch();
    writeFileSync(join(d, 'Makefile'), 'export ARCH=arm64\nobj-m += drv.o\n');
    const r = await cli(['--module', d, '--cache-dir', cacheDir, '--out', scratch()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sets ARCH=arm64, but modleak builds and boots x86_64 kernels');
  });

  it('a test script that is not executable (exit 2)', async () => {
    const d = scratch();
    writeFileSync(join(d, 'test.sh'), '#!/bin/sh\n');
    chmodSync(join(d, 'test.sh'), 0o644);
    const r = await cli(['--module', join(examples, 'clean'), '--test-script', join(d, 'test.sh'), '--cache-dir', cacheDir, '--out', scratch()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`modleak run: --test-script ${join(d, 'test.sh')} is not executable; run chmod +x ${join(d, 'test.sh')} (it runs inside the guest with busybox sh, so start it with #!/bin/sh).\n`);
  });

  it('a kernel image and build dir of different releases (exit 2), naming both', async () => {
    const [k61, k612] = [await testKernel('debian:6.1'), await testKernel('debian:6.12')];
    const [image, build] = [k61.image, k612.buildDir];
    const r = await cli(['--module', join(examples, 'clean'), '--kernel-image', image, '--kernel-build-dir', build, '--cache-dir', cacheDir, '--out', scratch()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`the kernel image ${image} is release ${k61.release} but the build directory ${build} is release ${k612.release}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a QEMU that is missing from PATH (exit 3)', async () => {
    // PATH = every program of /usr/bin except QEMU.
    const bin = join(scratch(), 'bin');
    mkdirSync(bin);
    for (const f of readdirSync('/usr/bin')) if (!f.startsWith('qemu-system')) symlinkSync(join('/usr/bin', f), join(bin, f));
    const saved = process.env.PATH;
    process.env.PATH = bin;
    try {
      const r = await cli(['--module', join(examples, 'clean'), '--cache-dir', cacheDir, '--out', scratch()]);
      expect(r.code).toBe(3);
      expect(r.stderr).toBe(`modleak run: qemu-system-x86_64 not found on PATH (${bin}) although the package(s) qemu-system-x86 are installed; put their directory (usually /usr/bin) on PATH.\n`);
    } finally {
      process.env.PATH = saved;
    }
  });
});

describe('modleak run end to end through the CLI (Debian 6.1)', () => {
  it('prints progress to stderr, the report to stdout, writes the files, exits by the budgets', async () => {
    const out = scratch();
    const args = ['--module', join(examples, 'osal'), '--kernel', 'debian:6.1', '--cache-dir', cacheDir, '--out', out, '--format', 'json'];
    const r = await cli(args);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.summary.leakedObjects).toBe(1);
    expect(r.stderr).toMatch(/\] booting 6\.1\.\S+ in QEMU \((kvm|tcg)\) while building /);
    for (const step of ['guest: step: booted', 'guest: step: loading', 'guest: step: unloading', 'events captured']) expect(r.stderr).toContain(step);
    expect(r.stderr).toContain('modleak run: 1 leaked object(s) exceed max-leaks 0 by 1');
    expect(readdirSync(out).sort()).toEqual(['build', 'build.log', 'console.log', 'records.log', 'report.json', 'report.md']);
    // Within budget: exit 0.
    expect((await cli([...args, '--max-leaks', '1'])).code).toBe(0);
  }, 600_000);
});
