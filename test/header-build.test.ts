// The header at compile time, on both Debian kernels, with real kbuild: the all-API test
// module and the three examples build at W=1 with -Werror through the documented Kbuild
// line; every wrapped call site expands to exactly one logging call (checked on the
// preprocessed source); and with -DMODLEAK_DISABLE the object code is byte-identical to
// a build without the header at all.
import { cpSync, appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execCommand, type ExecResult } from '../src/run/exec.js';
import { ALLAPI_DIR, ALLAPI_FILES, ALLAPI_SOURCE, compiledLines, HEADER, ISSUE_APIS, readAllExpectations, REPO, testKernels, type TestKernel } from './header-support.js';

const INSTRUMENTED = ['allapi', 'clean', 'leaky', 'osal', 'prfmt', 'pages', 'cachefree'];
const CODE_SECTIONS = ['.text', '.init.text', '.exit.text', '.text.unlikely'];

interface KernelBuild {
  kernel: TestKernel;
  dir: string;
  result: ExecResult;
}

/** One tree, one make call per kernel: the instrumented modules, the .i, and the opt-out pair. */
function prepareTree(root: string): void {
  cpSync(ALLAPI_DIR, join(root, 'allapi'), { recursive: true });
  cpSync(join(REPO, 'test', 'modules', 'prfmt'), join(root, 'prfmt'), { recursive: true });
  for (const d of ['pages', 'cachefree']) cpSync(join(REPO, 'test', 'modules', d), join(root, d), { recursive: true });
  // What modleak run adds for a file that defines its own pr_fmt/dev_fmt before its includes.
  appendFileSync(join(root, 'prfmt', 'Kbuild'), 'CFLAGS_prfmt_main.o += -DMODLEAK_USER_PR_FMT -DMODLEAK_USER_DEV_FMT\n');
  for (const ex of ['clean', 'leaky', 'osal']) cpSync(join(REPO, 'examples', ex), join(root, ex), { recursive: true });
  // The one line a user adds to their Kbuild (docs/header.md), plus -Werror as in CI.
  for (const d of INSTRUMENTED) appendFileSync(join(root, d, 'Kbuild'), `ccflags-y += -include ${HEADER} -Werror\n`);
  // The same source twice: header injected but disabled, and no header at all.
  const source = readFileSync(join(ALLAPI_DIR, ALLAPI_SOURCE), 'utf8');
  for (const [dir, flags] of [['off_header', `-include ${HEADER} -DMODLEAK_DISABLE -Werror`], ['off_plain', '-Werror']] as const) {
    cpSync(ALLAPI_DIR, join(root, dir), { recursive: true });
    rmSync(join(root, dir, ALLAPI_SOURCE));
    writeFileSync(join(root, dir, `${dir}.c`), source);
    writeFileSync(join(root, dir, 'Kbuild'), `obj-m := ${dir}.o\nccflags-y += ${flags}\n`);
  }
  writeFileSync(join(root, 'Kbuild'), `obj-m += ${[...INSTRUMENTED, 'off_header', 'off_plain'].map((d) => `${d}/`).join(' ')}\n`);
}

async function sectionBytes(object: string, section: string): Promise<string> {
  const out = `${object}${section}.bin`;
  const r = await execCommand('objcopy', ['-O', 'binary', `--only-section=${section}`, object, out]);
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(out).toString('hex');
}

async function sectionSizes(object: string): Promise<Map<string, number>> {
  const r = await execCommand('size', ['-A', object]);
  expect(r.code, r.stderr).toBe(0);
  const sizes = new Map<string, number>();
  for (const m of r.stdout.matchAll(/^(\.\S+)\s+(\d+)\s+\d+$/gm)) sizes.set(m[1]!, Number(m[2]));
  return sizes;
}

const kernels = testKernels();
const builds = new Map<string, KernelBuild>();
let root = '';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'modleak-header-build-'));
  // Sequential: the machine has two cores shared with other work.
  for (const kernel of kernels) {
    const dir = join(root, kernel.label);
    prepareTree(dir);
    const result = await execCommand('make', ['-C', kernel.buildDir, `M=${dir}`, 'W=1', '-j2', 'modules', `allapi/${ALLAPI_SOURCE.replace(/\.c$/, '.i')}`], { timeoutMs: 900_000 });
    builds.set(kernel.label, { kernel, dir, result });
  }
}, 1_800_000);

afterAll(() => {
  if (root && !process.env.MODLEAK_KEEP_TEST_DIRS) rmSync(root, { recursive: true, force: true });
});

describe.each(kernels.map((k) => [k.label, k] as const))('header on kernel %s', (label) => {
  it('builds the all-API module, the three examples, a pr_fmt-style driver and the page and kmem_cache test modules at W=1 with -Werror, without a warning', () => {
    const { result, dir } = builds.get(label)!;
    expect(result.code, `${result.command}\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-6000)}`).toBe(0);
    const warnings = (result.stdout + result.stderr).split('\n').filter((l) => /warning:/i.test(l));
    expect(warnings).toEqual([]);
    for (const ko of ['allapi/modleak_allapi.ko', 'clean/clean.ko', 'leaky/leaky.ko', 'osal/osal_demo.ko', 'prfmt/modleak_prfmt.ko', 'pages/modleak_pages.ko', 'cachefree/modleak_cachefree.ko']) {
      expect(readFileSync(join(dir, ko)).subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    }
  });

  it('expands every wrapped call site to exactly one logging call, with the API the module wrote', () => {
    const { dir } = builds.get(label)!;
    const expected = readAllExpectations();
    const preprocessed = readFileSync(join(dir, 'allapi', ALLAPI_SOURCE.replace(/\.c$/, '.i')), 'utf8');
    let compiledCallSites = 0;
    const compiledApis = new Set<string>();
    for (const file of ALLAPI_FILES) {
      const lines = compiledLines(preprocessed, file);
      expect(lines.size, `${file} is not in the preprocessed output`).toBeGreaterThan(0);
      for (const [line, calls] of lines) {
        const wanted = expected.filter((e) => e.file === file && e.line === line && !e.cleanup);
        expect({ file, line, calls: calls.map((c) => `${c.kind} ${c.api}`).sort() }).toEqual({ file, line, calls: wanted.map((e) => `${e.kind} ${e.api}`).sort() });
        for (const c of calls) expect({ file, line, logged: c.line, inFile: c.file.endsWith(file) }).toEqual({ file, line, logged: line, inFile: true });
        compiledCallSites += calls.length;
        for (const e of wanted) compiledApis.add(e.api);
      }
    }
    expect(compiledCallSites).toBeGreaterThan(100);
    for (const e of expected.filter((x) => x.cleanup)) compiledApis.add(e.api);
    expect(ISSUE_APIS.filter((api) => !compiledApis.has(api))).toEqual([]);
    // The two scope-exit frees are the header's own cleanup functions, logged once each per file.
    const cleanup = preprocessed.match(/__modleak_log_free\("kv?free", obj, "[^"]*", 0, "__free_kv?free"\)/g);
    expect(cleanup).toHaveLength(2);
  });

  it('records the OSAL example\'s MODLEAK_DECLARE_PAIR declarations in the .ko\'s .modleak_pairs section', async () => {
    const { dir } = builds.get(label)!;
    const pairs = (await sectionBytes(join(dir, 'osal', 'osal_demo.ko'), '.modleak_pairs'));
    const strings = Buffer.from(pairs, 'hex').toString('latin1').split('\0').filter(Boolean).sort();
    expect(strings).toEqual(['osal_mem_alloc osal_mem_free', 'osal_pool_get osal_pool_put']);
  });

  it('with -DMODLEAK_DISABLE compiles to the same object code as no header at all', async () => {
    const { dir, result } = builds.get(label)!;
    expect(result.code).toBe(0);
    const withHeader = join(dir, 'off_header', 'off_header.o');
    const plain = join(dir, 'off_plain', 'off_plain.o');
    const [a, b] = [await sectionSizes(withHeader), await sectionSizes(plain)];
    for (const section of CODE_SECTIONS) {
      expect({ section, size: a.get(section) }).toEqual({ section, size: b.get(section) });
      if (a.has(section)) expect(await sectionBytes(withHeader, section)).toBe(await sectionBytes(plain, section));
    }
    expect(a.get('.init.text')).toBeGreaterThan(0);
    // And the instrumented build of the same source is really different (the control).
    const instrumented = await sectionSizes(join(dir, 'allapi', 'modleak_allapi.o'));
    expect((instrumented.get('.text') ?? 0) + (instrumented.get('.init.text') ?? 0)).toBeGreaterThan((a.get('.text') ?? 0) + (a.get('.init.text') ?? 0));
  });
});

describe.each(kernels.map((k) => [k.label, k] as const))('header on kernel %s: builds what the kernel builds, and nothing more', (label, kernel) => {
  /** Whether `body` (a module init's statements) builds without the header and with it. */
  async function buildsWithoutAndWith(name: string, includes: string[], decls: string[], body: string): Promise<boolean[]> {
    const dir = mkdtempSync(join(tmpdir(), `modleak-${name}-${label}-`));
    try {
      const source = [
        '#include <linux/module.h>', ...includes.map((h) => `#include <${h}>`), ...decls,
        `static int __init ${name}_init(void) { ${body} return 0; }`,
        `static void __exit ${name}_exit(void) { }`, `module_init(${name}_init);`, `module_exit(${name}_exit);`, 'MODULE_LICENSE("GPL");', '',
      ].join('\n');
      const outcomes: boolean[] = [];
      for (const flags of ['', `-include ${HEADER}`]) {
        const build = join(dir, flags ? 'with' : 'without');
        mkdirSync(build);
        writeFileSync(join(build, `${name}.c`), source);
        writeFileSync(join(build, 'Kbuild'), `obj-m := ${name}.o\nccflags-y += ${flags}\n`);
        const r = await execCommand('make', ['-C', kernel.buildDir, `M=${build}`, 'modules'], { timeoutMs: 300_000 });
        outcomes.push(r.code === 0);
      }
      return outcomes;
    } finally {
      if (!process.env.MODLEAK_KEEP_TEST_DIRS) rmSync(dir, { recursive: true, force: true });
    }
  }

  // kfree_rcu(ptr) with one argument: 6.1 takes it, 6.12 has only kfree_rcu(ptr, rhf).
  it('a one-argument kfree_rcu() builds with the header exactly where it builds without it', async () => {
    const [without, withHeader] = await buildsWithoutAndWith('onearg', ['linux/slab.h', 'linux/rcupdate.h'], ['struct onearg_item { int v; struct rcu_head rcu; };'],
      'struct onearg_item *it = kzalloc(sizeof(*it), GFP_KERNEL); if (it) kfree_rcu(it);');
    expect(withHeader).toBe(without);
    expect(without).toBe(label === '6.1');
  }, 600_000);

  // __free(bitmap): linux/bitmap.h's DEFINE_FREE(bitmap, ...) is in 6.12, not in Debian's 6.1 (which has DEFINE_FREE itself).
  it('__free(bitmap) builds with the header exactly where it builds without it', async () => {
    const [without, withHeader] = await buildsWithoutAndWith('scopedbm', ['linux/slab.h', 'linux/bitmap.h'], [],
      'unsigned long *map __free(bitmap) = bitmap_zalloc(64, GFP_KERNEL); if (map) set_bit(1, map);');
    expect(withHeader).toBe(without);
    expect(without).toBe(label === '6.12');
  }, 600_000);
});

