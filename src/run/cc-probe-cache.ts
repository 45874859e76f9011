import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ccProbeCacheSourcePath } from '../paths.js';
import { compiledHelper } from './compiled-helper.js';

// kbuild's compiler probes, answered from a cache (see host/cc-probe-cache.c). The
// wrapper has to be handed the kernel's own compiler command, which only kbuild knows
// (Debian's headers name gcc-12 in a .kernelvariables file, others elsewhere): it is
// read back from the command line kbuild saved for an object of the first build against
// a kernel, and every later build against that kernel goes through the wrapper.

const SAVED_CC = /^(?:saved)?cmd_\S+ := (.+?) -Wp,-MMD,/;
/** A compiler command the wrapper can be put in front of inside make's CC=. */
const PLAIN_COMMAND = /^[\w./+-]+(?: [\w./+-]+)*$/;

interface ProbeCacheDirs {
  /** The wrapper's answers, shared by all kernels (their keys name the compiler). */
  answers: string;
  /** The kernel's compiler command, once learnt. */
  compilerFile: string;
}

function dirsFor(buildDir: string, cacheDir: string): ProbeCacheDirs | undefined {
  try {
    const real = realpathSync(buildDir);
    const config = statSync(join(real, 'include', 'config', 'auto.conf'));
    const key = createHash('sha256').update(`${real}\n${config.size}:${config.mtimeMs}`).digest('hex').slice(0, 16);
    const root = join(cacheDir, 'cc-probes');
    return { answers: join(root, 'answers'), compilerFile: join(root, `kernel-${key}.cc`) };
  } catch {
    return undefined;
  }
}

/**
 * The CC= value for make that answers the kernel's probes from the cache, or undefined
 * until a first build has shown which compiler the kernel uses.
 */
export async function probeCachingCompiler(buildDir: string, cacheDir: string): Promise<string | undefined> {
  const dirs = dirsFor(buildDir, cacheDir);
  if (!dirs || !existsSync(dirs.compilerFile)) return undefined;
  const cc = readFileSync(dirs.compilerFile, 'utf8').trim();
  if (!PLAIN_COMMAND.test(cc) || !PLAIN_COMMAND.test(dirs.answers)) return undefined;
  const wrapper = await compiledHelper({ source: ccProbeCacheSourcePath(), flags: ['-O2', '-s'], hint: 'it needs only libc' }, cacheDir);
  if (!PLAIN_COMMAND.test(wrapper)) return undefined;
  mkdirSync(dirs.answers, { recursive: true });
  return `${wrapper} ${dirs.answers} ${cc}`;
}

/** After a build without the wrapper: remembers the compiler command kbuild used. */
export function rememberKernelCompiler(buildDir: string, builtDir: string, cacheDir: string): void {
  const dirs = dirsFor(buildDir, cacheDir);
  if (!dirs || existsSync(dirs.compilerFile)) return;
  const cc = savedCompiler(builtDir);
  if (cc === undefined) return;
  mkdirSync(join(dirs.compilerFile, '..'), { recursive: true });
  const tmp = `${dirs.compilerFile}.${process.pid}.tmp`;
  writeFileSync(tmp, `${cc}\n`);
  renameSync(tmp, dirs.compilerFile);
}

/** The compiler command in a .<object>.o.cmd file kbuild left in `builtDir`. */
export function savedCompiler(builtDir: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(builtDir);
  } catch {
    return undefined;
  }
  for (const name of names.filter((n) => n.endsWith('.o.cmd')).sort()) {
    const m = SAVED_CC.exec(readFileSync(join(builtDir, name), 'utf8').split('\n', 1)[0]!);
    if (m && PLAIN_COMMAND.test(m[1]!.trim())) return m[1]!.trim();
  }
  return undefined;
}
