import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import type { BuildError } from '../report/schema.js';
import { probeCachingCompiler, rememberKernelCompiler } from './cc-probe-cache.js';
import { execCommand } from './exec.js';
import { elfMachine, EM_X86_64 } from './elf.js';
import { addFormatDefineFlags } from './format-defines.js';

// kbuild of the user's module with the header injected through KCFLAGS. The build runs
// on a copy, so the user's directory never gets .o/.ko files or a changed Makefile.

export interface BuildResult {
  ok: boolean;
  /** Absolute paths of the built .ko files, in modules.order order. */
  modules: string[];
  errors: BuildError[];
  /** make's combined output, for build.log. */
  log: string;
  /** The copy that was built; file names in errors are relative to it (= to the module dir). */
  workDir: string;
}

const SKIP = /(\.(o|ko|mod|mod\.c|mod\.o|cmd|order|symvers)$)|^\.tmp_versions$|^\.git$/;

/** Checks the module dir before anything slow happens; throws with what to do. */
export function checkModuleDir(moduleDir: string): void {
  if (!existsSync(moduleDir)) throw new Error(`the module directory ${moduleDir} does not exist; give the directory holding the module's Kbuild or Makefile.`);
  const entries = readdirSync(moduleDir);
  if (!entries.includes('Kbuild') && !entries.includes('Makefile')) {
    throw new Error(`the module directory ${moduleDir} has no Kbuild or Makefile (found: ${entries.slice(0, 8).join(', ') || 'nothing'}); modleak builds out-of-tree modules with kbuild, which needs an obj-m line in one of them.`);
  }
  for (const f of ['Kbuild', 'Makefile']) {
    if (!entries.includes(f)) continue;
    const m = /^\s*(?:export\s+)?ARCH\s*[:?]?=\s*(\S+)/m.exec(readFileSync(join(moduleDir, f), 'utf8'));
    if (m && !['x86', 'x86_64', '$(shell', '$(SUBARCH)'].some((a) => m[1]!.startsWith(a))) {
      throw new Error(`${join(moduleDir, f)} sets ARCH=${m[1]}, but modleak builds and boots x86_64 kernels; build the module for x86 (remove the ARCH setting, or make it conditional).`);
    }
  }
  for (const f of entries.filter((e) => e.endsWith('.ko'))) {
    const machine = elfMachine(join(moduleDir, f));
    if (machine !== undefined && machine.code !== EM_X86_64) {
      throw new Error(`${join(moduleDir, f)} is a ${machine.name} module, but modleak boots x86_64 kernels; remove the prebuilt .ko (modleak builds the module from source) or build it for x86_64.`);
    }
  }
}

export interface BuildOptions {
  /** Where kbuild's compiler probes are answered from (see cc-probe-cache.ts); none: every probe runs. */
  cacheDir?: string;
}

export async function buildModule(moduleDir: string, buildDir: string, header: string, workDir: string, options: BuildOptions = {}): Promise<BuildResult> {
  const { cacheDir } = options;
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  cpSync(resolve(moduleDir), workDir, { recursive: true, filter: (src) => !SKIP.test(basename(src)) });
  addFormatDefineFlags(workDir);
  // -g0: the kernel config asks for DWARF, which nothing here reads (records carry
  // file:line, oopses name symbols via kallsyms) and which costs a tenth of the build;
  // gcc's code is the same with or without it. Not when the build dir has a vmlinux:
  // kbuild then makes the module's BTF from its DWARF, and fails without it.
  const noDwarf = existsSync(join(buildDir, 'vmlinux')) ? '' : ' -g0';
  const kcflags = `-include ${header} -fmacro-prefix-map=${workDir}/=${noDwarf}`;
  const cc = cacheDir === undefined ? undefined : await probeCachingCompiler(buildDir, cacheDir);
  // The guest boots meanwhile (TCG: one busy host thread) and is what the run waits for:
  // one core stays free for it, and the build yields to it where they meet.
  const r = await execCommand('make', ['-C', buildDir, `M=${workDir}`, ...(cc ? [`CC=${cc}`] : []), `KCFLAGS=${kcflags}`, `-j${Math.max(1, availableParallelism() - 1)}`, 'modules'], {
    timeoutMs: 900_000,
    niceness: 10,
  });
  const log = `$ ${r.command}\n${r.stdout}${r.stderr}`;
  const errors = parseBuildErrors(`${r.stdout}\n${r.stderr}`, workDir);
  const modules = r.code === 0 ? builtModules(workDir) : [];
  if (r.code === 0 && cc === undefined && cacheDir !== undefined) rememberKernelCompiler(buildDir, workDir, cacheDir);
  if (r.code === 0 && modules.length === 0) {
    errors.push({ file: 'Kbuild', line: 0, severity: 'error', message: 'the build succeeded but produced no .ko file; the Kbuild/Makefile needs an obj-m line (obj-m += mymodule.o).' });
  }
  if (r.timedOut) errors.push({ file: 'Makefile', line: 0, severity: 'error', message: 'the build was killed after 15 minutes' });
  if (r.code !== 0 && errors.every((e) => e.severity !== 'error')) {
    const last = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-3).join(' ');
    errors.push({ file: 'Makefile', line: 0, severity: 'error', message: `make exited with ${r.code}: ${last}` });
  }
  return { ok: r.code === 0 && modules.length > 0, modules, errors, log, workDir };
}

function builtModules(workDir: string): string[] {
  const order = join(workDir, 'modules.order');
  const listed = existsSync(order)
    ? readFileSync(order, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean).map((l) => l.replace(/^kernel\//, '').replace(/\.o$/, '.ko'))
    : [];
  const paths = listed.map((l) => (l.startsWith('/') ? l : join(workDir, l))).filter((p) => existsSync(p));
  return paths.length > 0 ? paths : readdirSync(workDir).filter((f) => f.endsWith('.ko')).map((f) => join(workDir, f));
}

const GCC_DIAG = /^(.+?):(\d+):(?:(\d+):)?\s+(?:fatal\s+)?(error|warning):\s+(.*)$/;
const MODPOST = /^(?:ERROR|WARNING): modpost: (.*?)(?:\s+\[(.+?\.ko)\])?(?:\s+undefined!)?$/;

/** gcc and modpost diagnostics, file paths made relative to the module dir. */
export function parseBuildErrors(output: string, workDir: string): BuildError[] {
  const out: BuildError[] = [];
  const seen = new Set<string>();
  for (const raw of output.split('\n')) {
    const line = raw.trimEnd();
    const g = GCC_DIAG.exec(line);
    if (g) {
      const file = relativeTo(workDir, g[1]!);
      const e: BuildError = { file, line: Number(g[2]), severity: g[4] as 'error' | 'warning', message: g[5]! };
      if (g[3]) e.column = Number(g[3]);
      const key = `${e.file}:${e.line}:${e.column}:${e.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(e);
      }
      continue;
    }
    const m = MODPOST.exec(line.trim());
    if (m) {
      out.push({ file: m[2] ? relativeTo(workDir, m[2]) : 'Module.symvers', line: 0, severity: line.trim().startsWith('ERROR') ? 'error' : 'warning', message: `modpost: ${m[1]}${line.includes('undefined!') ? ' undefined' : ''}` });
    }
  }
  return out;
}

function relativeTo(workDir: string, file: string): string {
  const abs = resolve(workDir, file);
  const rel = relative(workDir, abs);
  return rel.startsWith('..') ? file : rel;
}
