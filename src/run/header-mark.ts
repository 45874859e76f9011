import type { HeaderlessModules } from '../report/headerless.js';
import { elfSectionBytes } from './elf.js';
import { moduleDepends, moduleName } from './modules-dep.js';

// The enabled header leaves "modleak1 <object>" in a `.modleak_header` section of every
// object it is compiled into (header/modleak.h). A .ko without one from its own files
// had the header disabled (-DMODLEAK_DISABLE) in all of them: it logs nothing, which
// must not pass for "no leaks". One file opted out, as an OSAL implementation is, still
// leaves the other files' marks; an OSAL built as a .ko of its own has none, and passes
// when a module of the run that logs the calls into it uses its symbols.

export const HEADER_MARK_SECTION = '.modleak_header';
const MARK_PREFIX = 'modleak1 ';
/**
 * kbuild's own objects linked into every .ko, compiled with KCFLAGS (so with the header)
 * but not with the module's ccflags: <module>.mod.c, and on 6.12 .module-common.c.
 */
const KBUILD_OBJECT = /\.mod$|^\./;

/** The objects of a .ko that were compiled with the header enabled (kbuild's KBUILD_BASENAME). */
export function objectsWithHeader(ko: string): string[] {
  const bytes = elfSectionBytes(ko, HEADER_MARK_SECTION);
  if (!bytes) return [];
  return bytes.toString('latin1').split('\0')
    .filter((mark) => mark.startsWith(MARK_PREFIX))
    .map((mark) => mark.slice(MARK_PREFIX.length))
    .filter((object) => !KBUILD_OBJECT.test(object));
}

/** The module names of the .ko files none of whose own objects had the header enabled. */
export function modulesWithoutHeader(kos: readonly string[]): string[] {
  return kos.filter((ko) => objectsWithHeader(ko).length === 0).map(moduleName);
}

/**
 * The modules built without the header, split: one that a module built with it uses the
 * symbols of, when allocator pairs are declared (the wrapped OSAL functions), is taken
 * for an OSAL implementation; nothing explains the others, and the run cannot pass.
 */
export function headerlessModules(kos: readonly string[], pairs: readonly unknown[]): HeaderlessModules {
  const without = new Set(modulesWithoutHeader(kos));
  const used = new Set(kos.filter((ko) => !without.has(moduleName(ko))).flatMap(moduleDepends));
  const osal = pairs.length > 0 ? [...without].filter((m) => used.has(m)) : [];
  return { unchecked: [...without].filter((m) => !osal.includes(m)), osal };
}
