// Shared by the header tests: the two Debian kernels' build dirs, the expected records
// written in test/modules/allapi/modleak_allapi.c, and a reader for preprocessed (.i)
// output that tells which source lines were compiled and which logging calls each holds.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO = join(import.meta.dirname, '..');
/** MODLEAK_TEST_HEADER points the tests at another copy of the header (to check that they catch a broken one). */
export const HEADER = process.env.MODLEAK_TEST_HEADER ?? join(REPO, 'header', 'modleak.h');
export const ALLAPI_DIR = join(REPO, 'test', 'modules', 'allapi');
export const ALLAPI_SOURCE = 'modleak_allapi.c';
/** The module's files that carry "expect:" comments: its C file and its own header. */
export const ALLAPI_FILES = [ALLAPI_SOURCE, 'allapi_helpers.h'];

export interface TestKernel {
  label: '6.1' | '6.12';
  release: string;
  buildDir: string;
}

const KERNELS = [
  { label: '6.1', pattern: /^6\.1\.\d+[^/]*-cloud-amd64$/, pkg: 'linux-headers-cloud-amd64 (bookworm, 6.1)' },
  { label: '6.12', pattern: /^6\.12\.\d+[^/]*-cloud-amd64$/, pkg: 'linux-headers-cloud-amd64 from bookworm-backports (6.12)' },
] as const;

/** Both kernels' build dirs; a missing one is an error naming the package, never a skip. */
export function testKernels(): TestKernel[] {
  const releases = existsSync('/lib/modules') ? readdirSync('/lib/modules') : [];
  return KERNELS.map(({ label, pattern, pkg }) => {
    const release = releases.filter((r) => pattern.test(r) && existsSync(join('/lib/modules', r, 'build', 'Makefile'))).sort().pop();
    if (!release) {
      throw new Error(`no kernel ${label} build dir matching /lib/modules/${label}.*-cloud-amd64/build; install ${pkg} (apt-get install linux-headers-<release>-cloud-amd64).`);
    }
    return { label, release, buildDir: join('/lib/modules', release, 'build') };
  });
}

export type EventKind = 'A' | 'F' | 'R';

export interface ExpectedEvent {
  file: string;
  kind: EventKind;
  api: string;
  size?: number;
  /** Source line of the call; the record of a scope-exit (@cleanup) free says line 0. */
  line: number;
  function: string;
  /** A scope-exit free: logged by the header's cleanup function, not at the call line. */
  cleanup: boolean;
  /** A wrapped call that correctly writes no record at run time (kernel .rodata). */
  skipped: boolean;
}

const EXPECT = /\/\*\s*expect:\s*(.*?)\s*\*\//;
const FUNCTION_START = /^(?:static\s+)?(?:inline\s+)?(?:[\w\s]+?)[\s*](\w+)\([^;]*$/;

/** The "expect:" annotations of a test module source file, in source order. */
export function readExpectations(source: string, file = ALLAPI_SOURCE): ExpectedEvent[] {
  const events: ExpectedEvent[] = [];
  let fn = '';
  source.split('\n').forEach((text, i) => {
    const line = i + 1;
    const start = FUNCTION_START.exec(text);
    if (start && !text.startsWith('\t') && !text.startsWith(' ')) fn = start[1]!;
    const m = EXPECT.exec(text);
    if (!m) return;
    for (const part of m[1]!.split(';').map((p) => p.trim()).filter(Boolean)) {
      const words = part.split(/\s+/);
      const [kind, api, arg] = words;
      if (kind === 'skipped') {
        events.push({ file, kind: /free/.test(api!) ? 'F' : 'A', api: api!, line, function: fn, cleanup: false, skipped: true });
      } else if (kind === 'A' || kind === 'R') {
        const size = Number(arg);
        if (!Number.isInteger(size)) throw new Error(`line ${line}: "${part}": expected "${kind} <api> <size>"`);
        events.push({ file, kind, api: api!, size, line, function: fn, cleanup: false, skipped: false });
      } else if (kind === 'F') {
        // "@cleanup" for __free(<api>); "@cleanup=<name>" for __free(<name>) logged as <api> (__free(bitmap): bitmap_free).
        const cleanup = arg === '@cleanup' || (arg?.startsWith('@cleanup=') ?? false);
        const name = arg?.startsWith('@cleanup=') ? arg.slice('@cleanup='.length) : api;
        events.push({ file, kind, api: api!, line: cleanup ? 0 : line, function: cleanup ? `__free_${name}` : fn, cleanup, skipped: false });
      } else {
        throw new Error(`line ${line}: "${part}": expected A, F, R or skipped`);
      }
    }
  });
  return events;
}

/** The expectations of every annotated file of the all-API module. */
export function readAllExpectations(): ExpectedEvent[] {
  return ALLAPI_FILES.flatMap((file) => readExpectations(readFileSync(join(ALLAPI_DIR, file), 'utf8'), file));
}

export interface LoggingCall {
  kind: EventKind;
  api: string;
  file: string;
  line: number;
}

// kmem_cache_free_bulk() logs its API by the cache it is given (NULL: kfree_bulk): a call site's API is the first.
const LOG_CALL = /__modleak_log_(alloc|free|realloc)\((?:__ml_k \? )?"([^"]+)"(?: : "[^"]+")?,.*?"([^"]*)", (\d+), (?:__func__|"[^"]*")\)/g;
const KIND: Record<string, EventKind> = { alloc: 'A', free: 'F', realloc: 'R' };

/**
 * Maps preprocessed output back to source lines of `file` (by GCC line markers) and
 * returns, for every source line that produced code, the logging calls on it.
 */
export function compiledLines(preprocessed: string, file: string): Map<number, LoggingCall[]> {
  const result = new Map<number, LoggingCall[]>();
  let current = '';
  let line = 0;
  for (const text of preprocessed.split('\n')) {
    const marker = /^# (\d+) "([^"]*)"/.exec(text);
    if (marker) {
      line = Number(marker[1]);
      current = marker[2]!;
      continue;
    }
    if ((current === file || current.endsWith(`/${file}`)) && text.trim() !== '') {
      const calls = [...text.matchAll(LOG_CALL)].map((m) => ({ kind: KIND[m[1]!]!, api: m[2]!, file: m[3]!, line: Number(m[4]) }));
      result.set(line, [...(result.get(line) ?? []), ...calls]);
    }
    line++;
  }
  return result;
}

/** Every API issue 3 names: the all-API module must call each of them. */
export const ISSUE_APIS = [
  'kmalloc', 'kzalloc', 'kcalloc', 'kmalloc_array', 'kmalloc_node', 'kzalloc_node', 'kcalloc_node', 'krealloc',
  'krealloc_array', 'kmemdup', 'kstrdup', 'kstrndup', 'kstrdup_const', 'kvmalloc', 'kvzalloc', 'kvcalloc',
  'kvmalloc_array', 'kvrealloc', 'vmalloc', 'vzalloc', 'vmalloc_user', 'vmalloc_node', 'kmem_cache_alloc',
  'kmem_cache_zalloc', 'alloc_pages', '__get_free_pages', 'get_zeroed_page', 'kfree', 'kfree_sensitive',
  'kfree_const', 'kvfree', 'kvfree_sensitive', 'vfree', 'kmem_cache_free', '__free_pages', 'free_pages',
  'free_page', 'kfree_rcu', 'devm_kmalloc', 'devm_kzalloc', 'devm_kcalloc', 'devm_kmalloc_array', 'devm_kstrdup',
  'devm_kmemdup', 'devm_kfree',
];

/** The -D flags a C file needs for its own pr_fmt/dev_fmt: the runner's rule, reused. */
export { userFormatDefines } from '../src/run/format-defines.js';
