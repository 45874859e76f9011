import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { headerPath } from '../src/paths.js';
import { buildModule, checkModuleDir, parseBuildErrors } from '../src/run/build.js';
import { elfMachine, EM_X86_64 } from '../src/run/elf.js';
import { execCommand } from '../src/run/exec.js';
import { testKernel } from './support/test-cache.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'modleak-build-test-'));

describe('parseBuildErrors', () => {
  it('reads gcc diagnostics with and without column, relative to the module dir', () => {
    const out = [
      "/tmp/w/drv.c:10:9: error: expected ';' before 'return'",
      '/tmp/w/sub/x.c:3: warning: unused variable ‘y’ [-Wunused-variable]',
      '/tmp/w/drv.c: In function ‘f’:',
      '  10 |         return 1;',
      '/usr/src/linux-headers/include/linux/slab.h:5:1: note: declared here',
      "/tmp/w/drv.c:10:9: error: expected ';' before 'return'",
      'drv.c:12:1: fatal error: missing.h: No such file or directory',
      'ERROR: modpost: "undefined_fn" [/tmp/w/drv.ko] undefined!',
    ].join('\n');
    expect(parseBuildErrors(out, '/tmp/w')).toEqual([
      { file: 'drv.c', line: 10, column: 9, severity: 'error', message: "expected ';' before 'return'" },
      { file: 'sub/x.c', line: 3, severity: 'warning', message: 'unused variable ‘y’ [-Wunused-variable]' },
      { file: 'drv.c', line: 12, column: 1, severity: 'error', message: 'missing.h: No such file or directory' },
      { file: 'drv.ko', line: 0, severity: 'error', message: 'modpost: "undefined_fn" undefined' },
    ]);
  });
});

describe('checkModuleDir (bad input)', () => {
  it('names a missing directory', () => {
    expect(() => checkModuleDir('/nonexistent/module')).toThrow('the module directory /nonexistent/module does not exist');
  });

  it('names a directory with no Kbuild or Makefile and what it holds', () => {
    const d = scratch();
    writeFileSync(join(d, 'drv.c'), 'int x;\n');
    expect(() => checkModuleDir(d)).toThrow(/has no Kbuild or Makefile \(found: drv\.c\)/);
  });

  it('refuses a Makefile that forces another architecture', () => {
    const d = scratch();
    writeFileSync(join(d, 'Makefile'), 'ARCH := arm64\nobj-m += drv.o\n');
    expect(() => checkModuleDir(d)).toThrow(/sets ARCH=arm64, but modleak builds and boots x86_64 kernels/);
  });

  it('refuses a prebuilt arm64 .ko', () => {
    const d = scratch();
    writeFileSync(join(d, 'Kbuild'), 'obj-m += drv.o\n');
    // An ELF64 little-endian relocatable header for EM_AARCH64 (183).
    const h = Buffer.alloc(64);
    h.write('\x7fELF', 0, 'latin1');
    h[4] = 2;
    h[5] = 1;
    h[6] = 1;
    h.writeUInt16LE(1, 16);
    h.writeUInt16LE(183, 18);
    writeFileSync(join(d, 'drv.ko'), h);
    expect(() => checkModuleDir(d)).toThrow(/drv\.ko is a AArch64 \(arm64\) module, but modleak boots x86_64 kernels/);
  });
});

describe('buildModule against Debian 6.1 (real kbuild)', () => {
  let BUILD_61 = '';
  beforeAll(async () => {
    BUILD_61 = (await testKernel('debian:6.1')).buildDir;
  }, 600_000);

  it('returns the compiler error as file:line relative to the module dir, and leaves the source dir untouched', async () => {
    const src = join(import.meta.dirname, 'run-modules', 'broken');
    const before = readdirSync(src).sort();
    const r = await buildModule(src, BUILD_61, headerPath(), join(scratch(), 'w'));
    expect(r.ok).toBe(false);
    expect(r.modules).toEqual([]);
    expect(r.errors[0]).toEqual({ file: 'broken.c', line: 11, column: 9, severity: 'error', message: "expected ‘;’ before ‘return’" });
    expect(readdirSync(src).sort()).toEqual(before);
  }, 120_000);

  it('builds an instrumented x86_64 .ko with file names relative to the module dir', async () => {
    const work = join(scratch(), 'w');
    const r = await buildModule(join(import.meta.dirname, 'run-modules', 'quiet'), BUILD_61, headerPath(), work);
    expect(r.errors.filter((e) => e.severity === 'error')).toEqual([]);
    expect(r.modules).toEqual([join(work, 'quiet.ko')]);
    expect(elfMachine(r.modules[0]!)?.code).toBe(EM_X86_64);
    // -fmacro-prefix-map turned __FILE__ (the absolute path of the copy) into the bare file name.
    const strings = await execCommand('objcopy', ['-O', 'binary', '--only-section=.rodata.str1.1', r.modules[0]!, join(work, 'rodata.bin')]);
    expect(strings.code).toBe(0);
    const rodata = readFileSync(join(work, 'rodata.bin'), 'latin1').split('\0');
    expect(rodata).toContain('quiet.c');
    expect(rodata.filter((s) => s.includes(work))).toEqual([]);
  }, 120_000);

  it('reports a directory whose Kbuild names no module', async () => {
    const d = scratch();
    mkdirSync(join(d, 'm'));
    writeFileSync(join(d, 'm', 'Kbuild'), '# nothing to build\n');
    const r = await buildModule(join(d, 'm'), BUILD_61, headerPath(), join(d, 'w'));
    expect(r.ok).toBe(false);
    expect(r.errors.some((e) => e.severity === 'error')).toBe(true);
  }, 120_000);

  it('builds a file that defines its own pr_fmt before its includes, under -Werror, with the header injected', async () => {
    const d = scratch();
    mkdirSync(join(d, 'm'));
    writeFileSync(join(d, 'm', 'Kbuild'), 'obj-m += fmt.o\nccflags-y += -Werror\n');
    writeFileSync(join(d, 'm', 'fmt.c'), [
      '// SPDX-License-Identifier: GPL-2.0',
      '#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt',
      '#include <linux/module.h>',
      '#include <linux/slab.h>',
      'static int __init fmt_init(void) { void *p = kmalloc(8, GFP_KERNEL); pr_info("p=%px\\n", p); kfree(p); return 0; }',
      'static void __exit fmt_exit(void) { }',
      'module_init(fmt_init);',
      'module_exit(fmt_exit);',
      'MODULE_LICENSE("GPL");',
      '',
    ].join('\n'));
    const r = await buildModule(join(d, 'm'), BUILD_61, headerPath(), join(d, 'w'));
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
    expect(readFileSync(join(d, 'w', 'Kbuild'), 'utf8')).toContain('CFLAGS_fmt.o += -DMODLEAK_USER_PR_FMT');
    // The user's own Kbuild is left as it was.
    expect(readFileSync(join(d, 'm', 'Kbuild'), 'utf8')).toBe('obj-m += fmt.o\nccflags-y += -Werror\n');
  }, 120_000);
});
