import { appendFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

// A file that defines its own pr_fmt/dev_fmt before its includes would redefine the
// default the injected header's kernel includes already set (a warning, an error under
// -Werror). Such files get -DMODLEAK_USER_PR_FMT / -DMODLEAK_USER_DEV_FMT, with which the
// header hands the default back (docs/header.md).

const PR_FMT = '-DMODLEAK_USER_PR_FMT';
const DEV_FMT = '-DMODLEAK_USER_DEV_FMT';

/**
 * The -D flags a C file needs: scans it, comments removed, up to its first
 * `#include <...>`, following `#include "local.h"` lines met on the way (drivers often
 * define pr_fmt in their own first header).
 */
export function userFormatDefines(path: string): string[] {
  const found = new Set<string>();
  const seen = new Set<string>();
  /** True once a system include was reached (printk.h may be in by then). */
  const scan = (file: string): boolean => {
    if (seen.has(file) || !existsSync(file)) return false;
    seen.add(file);
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/.*$/gm, '');
    for (const line of code.split('\n')) {
      if (/^\s*#\s*include\s*</.test(line)) return true;
      const local = /^\s*#\s*include\s*"([^"]+)"/.exec(line);
      if (local && scan(join(dirname(file), local[1]!))) return true;
      if (/^\s*#\s*define\s+pr_fmt\b/.test(line)) found.add(PR_FMT);
      if (/^\s*#\s*define\s+dev_fmt\b/.test(line)) found.add(DEV_FMT);
    }
    return false;
  };
  scan(path);
  return [PR_FMT, DEV_FMT].filter((d) => found.has(d));
}

/**
 * Adds `CFLAGS_<stem>.o += ...` for every such file of the (copied) module tree to the
 * Kbuild, else Makefile, of each directory above it that has one: whichever of them
 * compiles the file picks its line up, and a line for a file a makefile does not
 * compile is inert. Returns the files that got flags, relative to the tree.
 */
export function addFormatDefineFlags(tree: string): string[] {
  const flagged: string[] = [];
  for (const file of cFiles(tree)) {
    const defines = userFormatDefines(file);
    if (defines.length === 0) continue;
    flagged.push(relative(tree, file));
    for (let dir = dirname(file); ; dir = dirname(dir)) {
      const makefile = ['Kbuild', 'Makefile'].map((m) => join(dir, m)).find((m) => existsSync(m));
      if (makefile) {
        const stems = new Set([relative(dir, file).replace(/\.c$/, ''), basename(file, '.c')]);
        const lines = [...stems].map((stem) => `CFLAGS_${stem}.o += ${defines.join(' ')}`);
        appendFileSync(makefile, `\n# added by modleak: this file defines its own pr_fmt/dev_fmt\n${lines.join('\n')}\n`);
      }
      if (dir === tree || relative(tree, dir).startsWith('..') || dir === dirname(dir)) break;
    }
  }
  return flagged;
}

function cFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return cFiles(path);
    return name.endsWith('.c') && !name.endsWith('.mod.c') ? [path] : [];
  });
}
