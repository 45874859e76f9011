import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { elfSectionBytes } from './elf.js';

// Which .ko files a set of modules needs, in load order, from the kernel's own
// modules.dep / modules.builtin (never a hard-coded list).

export interface ModuleIndex {
  /** module name -> path relative to modulesDir and its dependencies (names). */
  byName: Map<string, { path: string; deps: string[] }>;
  builtin: Set<string>;
}

export function moduleName(path: string): string {
  return basename(path).replace(/\.ko(\.(xz|zst|gz))?$/, '').replace(/-/g, '_');
}

/** The modules a .ko uses symbols of (its `.modinfo` `depends=`, what `modinfo -F depends` prints), named as moduleName() names them. */
export function moduleDepends(ko: string): string[] {
  const modinfo = elfSectionBytes(ko, '.modinfo')?.toString('latin1') ?? '';
  const entry = modinfo.split('\0').find((field) => field.startsWith('depends='));
  return entry === undefined ? [] : entry.slice('depends='.length).split(',').map((d) => d.trim().replace(/-/g, '_')).filter(Boolean);
}

export function readModuleIndex(modulesDir: string | undefined): ModuleIndex {
  const byName = new Map<string, { path: string; deps: string[] }>();
  const builtin = new Set<string>();
  if (!modulesDir) return { byName, builtin };
  const dep = join(modulesDir, 'modules.dep');
  if (existsSync(dep)) {
    for (const line of readFileSync(dep, 'utf8').split('\n')) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const path = line.slice(0, colon).trim();
      const deps = line.slice(colon + 1).trim().split(/\s+/).filter(Boolean).map(moduleName);
      byName.set(moduleName(path), { path, deps });
    }
  }
  const bi = join(modulesDir, 'modules.builtin');
  if (existsSync(bi)) for (const line of readFileSync(bi, 'utf8').split('\n')) if (line.trim()) builtin.add(moduleName(line.trim()));
  return { byName, builtin };
}

export interface Resolution {
  /** Paths (relative to modulesDir) in load order, each once. */
  load: string[];
  /** Names neither built in nor found in modules.dep. */
  missing: string[];
}

/**
 * The user's own modules in an order that loads each after those it depends on (by
 * name, from `modinfo -F depends`), keeping the given (obj-m) order otherwise; a cycle
 * is cut where it is met (insmod then says what is missing).
 */
export function userLoadOrder(kos: readonly string[], depends: ReadonlyMap<string, readonly string[]>): string[] {
  const byName = new Map(kos.map((ko) => [moduleName(ko), ko]));
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string): void => {
    const ko = byName.get(name);
    if (ko === undefined || order.includes(ko) || visiting.has(name)) return;
    visiting.add(name);
    for (const dep of depends.get(name) ?? []) visit(dep.replace(/-/g, '_'));
    visiting.delete(name);
    order.push(ko);
  };
  for (const ko of kos) visit(moduleName(ko));
  return order;
}

/**
 * Load order for the given module names: modules.dep lists a module's dependencies
 * transitively, deepest last, so they load in reverse, then the module itself.
 */
export function resolveLoadOrder(names: string[], index: ModuleIndex): Resolution {
  const load: string[] = [];
  const missing: string[] = [];
  const add = (name: string) => {
    const n = name.replace(/-/g, '_');
    if (index.builtin.has(n)) return;
    const entry = index.byName.get(n);
    if (!entry) {
      if (!missing.includes(n)) missing.push(n);
      return;
    }
    for (const d of [...entry.deps].reverse()) {
      const de = index.byName.get(d);
      if (de && !load.includes(de.path)) load.push(de.path);
    }
    if (!load.includes(entry.path)) load.push(entry.path);
  };
  for (const n of names) add(n);
  return { load, missing };
}
