// The readers the header tests rely on: if they misread, the build and runtime tests
// would compare the wrong things, so they are checked on small inputs with known answers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compiledLines, ISSUE_APIS, readAllExpectations, readExpectations, userFormatDefines } from './header-support.js';

describe('readExpectations', () => {
  it('reads kinds, sizes, scope-exit frees, skipped calls and the enclosing function', () => {
    const source = [
      'static void first(void)',
      '{',
      '\tp = kmalloc(100, GFP_KERNEL); /* expect: A kmalloc 100 */',
      '\tkfree(p); /* expect: F kfree */',
      '}',
      'static int second(struct device *dev)',
      '{',
      '\tchar *b __free(kfree) = kmalloc(40, GFP_KERNEL); /* expect: A kmalloc 40; F kfree @cleanup */',
      '\tq = krealloc(q, 64, GFP_KERNEL); /* expect: R krealloc 64 */',
      '\tcs = kstrdup_const(hex_asc, GFP_KERNEL); /* expect: skipped kstrdup_const (rodata) */',
      '\tdevm_kfree(dev, cs); /* expect: skipped devm_kfree */',
      '}',
    ].join('\n');
    expect(readExpectations(source)).toEqual([
      { file: 'modleak_allapi.c', kind: 'A', api: 'kmalloc', size: 100, line: 3, function: 'first', cleanup: false, skipped: false },
      { file: 'modleak_allapi.c', kind: 'F', api: 'kfree', line: 4, function: 'first', cleanup: false, skipped: false },
      { file: 'modleak_allapi.c', kind: 'A', api: 'kmalloc', size: 40, line: 8, function: 'second', cleanup: false, skipped: false },
      { file: 'modleak_allapi.c', kind: 'F', api: 'kfree', line: 0, function: '__free_kfree', cleanup: true, skipped: false },
      { file: 'modleak_allapi.c', kind: 'R', api: 'krealloc', size: 64, line: 9, function: 'second', cleanup: false, skipped: false },
      { file: 'modleak_allapi.c', kind: 'A', api: 'kstrdup_const', line: 10, function: 'second', cleanup: false, skipped: true },
      { file: 'modleak_allapi.c', kind: 'F', api: 'devm_kfree', line: 11, function: 'second', cleanup: false, skipped: true },
    ]);
  });

  it('rejects an annotation it cannot read, naming the line', () => {
    expect(() => readExpectations('x();\n\tp = kmalloc(1, 0); /* expect: A kmalloc many */')).toThrow(/line 2: "A kmalloc many"/);
    expect(() => readExpectations('\tp = f(); /* expect: Q f */')).toThrow(/line 1: "Q f": expected A, F, R or skipped/);
  });

  it('finds, in the all-API module, every API issue 3 lists, in a named function', () => {
    const events = readAllExpectations();
    expect(new Set(events.map((e) => e.file))).toEqual(new Set(['modleak_allapi.c', 'allapi_helpers.h']));
    expect(ISSUE_APIS.filter((api) => !events.some((e) => e.api === api))).toEqual([]);
    expect(events.filter((e) => !/^[A-Za-z_]\w*$/.test(e.function))).toEqual([]);
  });
});

describe('compiledLines', () => {
  const log = (kind: string, api: string, line: number) => `__modleak_log_${kind}("${api}", (const void *)(__ml_p), (__ml_n), "m.c", ${line}, __func__)`;

  it('maps preprocessed text back to source lines by line markers, counting the logging calls on each', () => {
    const preprocessed = [
      '# 1 "/tmp/x/m.c"',
      'static int a;',
      '',
      `void f(void) { p = ({ void *__ml_p = g(); ${log('alloc', 'kmalloc', 3)}; __ml_p; });`,
      `kfree(p) ({ ${log('free', 'kfree', 4)}; (kfree)(p); }) ({ ${log('free', 'kfree', 4)}; });`,
      '# 1 "/usr/src/linux/include/linux/slab.h" 1',
      `static inline void h(void) { ${log('alloc', 'kmalloc', 1)}; }`,
      '# 20 "/tmp/x/m.c" 2',
      '}',
    ].join('\n');
    const lines = compiledLines(preprocessed, 'm.c');
    expect([...lines.keys()]).toEqual([1, 3, 4, 20]);
    expect(lines.get(1)).toEqual([]);
    expect(lines.get(3)).toEqual([{ kind: 'A', api: 'kmalloc', file: 'm.c', line: 3 }]);
    // A call site logged twice (the bug the build test exists to catch) shows up as two calls.
    expect(lines.get(4)!.map((c) => c.api)).toEqual(['kfree', 'kfree']);
    expect(lines.has(2)).toBe(false);
  });
});

describe('userFormatDefines', () => {
  const dir = mkdtempSync(join(tmpdir(), 'modleak-userfmt-'));
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds pr_fmt and dev_fmt defined before the first #include', () => {
    expect(userFormatDefines(file('a.c', '// SPDX\n#define dev_fmt(fmt) "x: " fmt\n#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt\n#include <linux/module.h>\n')))
      .toEqual(['-DMODLEAK_USER_PR_FMT', '-DMODLEAK_USER_DEV_FMT']);
  });

  it('ignores a definition after a kernel include and one inside a comment', () => {
    expect(userFormatDefines(file('b.c', '/* #define pr_fmt(fmt) fmt */\n#include <linux/module.h>\n#define pr_fmt(fmt) "late: " fmt\n'))).toEqual([]);
  });

  it('follows a local header included first', () => {
    file('drv.h', '#ifndef DRV_H\n#define DRV_H\n#define pr_fmt(fmt) "drv: " fmt\n#include <linux/printk.h>\n#endif\n');
    expect(userFormatDefines(file('c.c', '#include "drv.h"\n#include <linux/module.h>\n'))).toEqual(['-DMODLEAK_USER_PR_FMT']);
    file('late.h', '#include <linux/printk.h>\n#define pr_fmt(fmt) "late: " fmt\n');
    expect(userFormatDefines(file('d.c', '#include "late.h"\n'))).toEqual([]);
  });
});
