// Whether a built .ko had the header enabled, read from the .ko itself: real kbuild on
// both Debian kernels, the header injected through KCFLAGS as `modleak run` does it.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headerPath } from '../src/paths.js';
import { elfSectionBytes } from '../src/run/elf.js';
import { execCommand, type ExecResult } from '../src/run/exec.js';
import { HEADER_MARK_SECTION, headerlessModules, modulesWithoutHeader, objectsWithHeader } from '../src/run/header-mark.js';
import { moduleDepends } from '../src/run/modules-dep.js';
import { readModulePairs } from '../src/run/pairs.js';
import { testKernel } from './support/test-cache.js';

const ALLOCATES = [
  '#include <linux/module.h>',
  '#include <linux/slab.h>',
  'static void *held;',
  'static int __init NAME_init(void) { held = kmalloc(32, GFP_KERNEL); return held ? 0 : -ENOMEM; }',
  'static void __exit NAME_exit(void) { kfree(held); }',
  'module_init(NAME_init);',
  'module_exit(NAME_exit);',
  'MODULE_LICENSE("GPL");',
  'MODULE_DESCRIPTION("modleak test: the header mark");',
  '',
].join('\n');

const ALLOCATES_NOTHING = [
  '#include <linux/module.h>',
  'static int __init NAME_init(void) { pr_info("loaded\\n"); return 0; }',
  'static void __exit NAME_exit(void) { }',
  'module_init(NAME_init);',
  'module_exit(NAME_exit);',
  'MODULE_LICENSE("GPL");',
  'MODULE_DESCRIPTION("modleak test: the header mark");',
  '',
].join('\n');

// An OSAL-style helper file: built with the header disabled, as docs/header.md asks.
const OSAL_HELPER = [
  '#include <linux/slab.h>',
  'void *split_alloc(size_t n);',
  'void split_free(void *p);',
  'void *split_alloc(size_t n) { return kmalloc(n, GFP_KERNEL); }',
  'void split_free(void *p) { kfree(p); }',
  '',
].join('\n');

const SPLIT_MAIN = [
  '#include <linux/module.h>',
  'void *split_alloc(size_t n);',
  'void split_free(void *p);',
  'static void *held;',
  'static int __init split_init(void) { held = split_alloc(16); return 0; }',
  'static void __exit split_exit(void) { split_free(held); }',
  'module_init(split_init);',
  'module_exit(split_exit);',
  'MODULE_LICENSE("GPL");',
  'MODULE_DESCRIPTION("modleak test: the header mark");',
  '',
].join('\n');

// An OSAL built as a .ko of its own, with the header disabled, and a driver module that
// wraps its functions and declares them as a pair (docs/header.md, "OSAL").
const OSAL_KO = [
  '#include <linux/module.h>',
  '#include <linux/slab.h>',
  '#include "../osalko.h"',
  'void *osalko_alloc(size_t n) { return kmalloc(n, GFP_KERNEL); }',
  'EXPORT_SYMBOL_GPL(osalko_alloc);',
  'void osalko_free(void *p) { kfree(p); }',
  'EXPORT_SYMBOL_GPL(osalko_free);',
  'MODULE_LICENSE("GPL");',
  'MODULE_DESCRIPTION("modleak test: an OSAL as a module of its own");',
  '',
].join('\n');

const OSAL_KO_HEADER = [
  '#include <linux/types.h>',
  'void *osalko_alloc(size_t n);',
  'void osalko_free(void *p);',
  '#ifdef MODLEAK_ENABLED',
  '#define osalko_alloc(...) MODLEAK_WRAP_ALLOC(osalko_alloc, 1, __VA_ARGS__)',
  '#define osalko_free(...) MODLEAK_WRAP_FREE(osalko_free, 1, __VA_ARGS__)',
  'MODLEAK_DECLARE_PAIR(osalko_alloc, osalko_free);',
  '#endif',
  '',
].join('\n');

const OSAL_USER = [
  '#include <linux/module.h>',
  '#include "../osalko.h"',
  'static void *held;',
  'static int __init osaluser_init(void) { held = osalko_alloc(16); return held ? 0 : -ENOMEM; }',
  'static void __exit osaluser_exit(void) { osalko_free(held); }',
  'module_init(osaluser_init);',
  'module_exit(osaluser_exit);',
  'MODULE_LICENSE("GPL");',
  'MODULE_DESCRIPTION("modleak test: a driver on an OSAL module");',
  '',
].join('\n');

/** One tree, one make per kernel: each subdirectory a module built a different way. */
function prepareTree(root: string): void {
  const module = (dir: string, files: Record<string, string>) => {
    mkdirSync(join(root, dir), { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(root, dir, name), text);
  };
  module('enabled', { 'enabled.c': ALLOCATES.replaceAll('NAME', 'enabled'), Kbuild: 'obj-m := enabled.o\n' });
  module('noalloc', { 'noalloc.c': ALLOCATES_NOTHING.replaceAll('NAME', 'noalloc'), Kbuild: 'obj-m := noalloc.o\n' });
  module('disabled', { 'disabled.c': ALLOCATES.replaceAll('NAME', 'disabled'), Kbuild: 'obj-m := disabled.o\nccflags-y += -DMODLEAK_DISABLE\n' });
  module('split', {
    'split_main.c': SPLIT_MAIN,
    'split_osal.c': OSAL_HELPER,
    Kbuild: 'obj-m := split.o\nsplit-y := split_main.o split_osal.o\nCFLAGS_split_osal.o += -DMODLEAK_DISABLE\n',
  });
  module('osalko', { 'osalko.c': OSAL_KO, Kbuild: 'obj-m := osalko.o\nccflags-y += -DMODLEAK_DISABLE\n' });
  module('osaluser', { 'osaluser.c': OSAL_USER, Kbuild: 'obj-m := osaluser.o\n' });
  writeFileSync(join(root, 'osalko.h'), OSAL_KO_HEADER);
  writeFileSync(join(root, 'Kbuild'), 'obj-m += enabled/ noalloc/ disabled/ split/ osalko/ osaluser/\n');
}

const kernels = ['debian:6.1', 'debian:6.12'] as const;
const builds = new Map<string, { dir: string; result: ExecResult }>();
let root = '';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'modleak-header-mark-'));
  for (const kernel of kernels) {
    const { buildDir } = await testKernel(kernel);
    const dir = join(root, kernel.replace(':', '-'));
    prepareTree(dir);
    // As build.ts does: -g0 only where kbuild makes no BTF from the module's DWARF.
    const noDwarf = existsSync(join(buildDir, 'vmlinux')) ? '' : ' -g0';
    // W=1 -Werror: the mark itself must not cost a module that builds clean a warning.
    const result = await execCommand('make', ['-C', buildDir, `M=${dir}`, 'W=1', `KCFLAGS=-include ${headerPath()} -Werror${noDwarf}`, '-j2', 'modules'], { timeoutMs: 900_000 });
    builds.set(kernel, { dir, result });
  }
}, 1_800_000);

afterAll(() => {
  if (root && !process.env.MODLEAK_KEEP_TEST_DIRS) rmSync(root, { recursive: true, force: true });
});

describe.each(kernels)('the header mark in modules built against %s', (kernel) => {
  const ko = (name: string) => join(builds.get(kernel)!.dir, name, `${name}.ko`);

  it('builds all six modules at W=1 without a warning', () => {
    const { result } = builds.get(kernel)!;
    expect(result.code, `${result.command}\n${result.stderr.slice(-4000)}`).toBe(0);
    expect((result.stdout + result.stderr).split('\n').filter((l) => /warning:/i.test(l))).toEqual([]);
  });

  it('names each object built with the header, whether or not it allocates', () => {
    expect(elfSectionBytes(ko('enabled'), HEADER_MARK_SECTION)?.toString('latin1')).toContain('modleak1 enabled');
    expect(objectsWithHeader(ko('enabled'))).toEqual(['enabled']);
    expect(objectsWithHeader(ko('noalloc'))).toEqual(['noalloc']);
  });

  it('names no object of a module built with -DMODLEAK_DISABLE in its ccflags, and only that module is reported', () => {
    // kbuild's own disabled.mod.c (and 6.12's .module-common.c) get the header from KCFLAGS, not the module's ccflags: their marks do not count.
    expect(elfSectionBytes(ko('disabled'), HEADER_MARK_SECTION)?.toString('latin1')).toContain('modleak1 ');
    expect(objectsWithHeader(ko('disabled'))).toEqual([]);
    expect(modulesWithoutHeader(['enabled', 'noalloc', 'disabled', 'split'].map(ko))).toEqual(['disabled']);
  });

  it('names the other files when only one file of the module opts out (an OSAL implementation)', () => {
    expect(objectsWithHeader(ko('split'))).toEqual(['split_main']);
  });

  it('takes a module without the header for an OSAL when a module that has it uses its symbols and pairs are declared, and only then', () => {
    const pairs = readModulePairs(ko('osaluser'));
    expect(pairs).toEqual([{ alloc: 'osalko_alloc', free: 'osalko_free' }]);
    expect(moduleDepends(ko('osaluser'))).toEqual(['osalko']);
    expect(moduleDepends(ko('enabled'))).toEqual([]);
    expect(headerlessModules([ko('osalko'), ko('osaluser')], pairs)).toEqual({ unchecked: [], osal: ['osalko'] });
    // A module disabled in every file that nothing uses is no OSAL, pairs or not: nothing checked it.
    expect(headerlessModules([ko('disabled'), ko('osalko'), ko('osaluser')], pairs)).toEqual({ unchecked: ['disabled'], osal: ['osalko'] });
    // No pair declared: nothing says the other module's calls into it are logged.
    expect(headerlessModules([ko('disabled'), ko('enabled')], [])).toEqual({ unchecked: ['disabled'], osal: [] });
    // No module with the header: nothing at all was checked.
    expect(headerlessModules([ko('osalko')], pairs)).toEqual({ unchecked: ['osalko'], osal: [] });
    expect(headerlessModules([ko('enabled'), ko('osaluser')], pairs)).toEqual({ unchecked: [], osal: [] });
  });
});

describe('elfSectionBytes', () => {
  it('is undefined for a file that is not ELF, which then counts as built without the header', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'modleak-header-mark-')), 'not-elf.ko');
    writeFileSync(file, 'not an ELF file, but long enough to fill an ELF header: 0123456789012345678901234567890123456789\n');
    expect(elfSectionBytes(file, HEADER_MARK_SECTION)).toBeUndefined();
    expect(objectsWithHeader(file)).toEqual([]);
  });
});
