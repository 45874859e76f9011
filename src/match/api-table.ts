// Which free API may release which allocation API (design.md, contract 1). A wrong
// pairing is a mismatched free. APIs not in this table are custom (OSAL) functions:
// their pairing comes from ApiPair declarations.

import { atLeast, kernelVersion, type KernelVersion } from './kernel-version.js';

/** A custom allocate/free pair: objects from `alloc` must be released by `free`. */
export interface ApiPair {
  alloc: string;
  free: string;
}

type Family = 'slab' | 'slab-const' | 'kv' | 'vmalloc' | 'cache' | 'pages' | 'pages-exact' | 'devm' | 'devm-pages';

const ALLOC_FAMILY: ReadonlyMap<string, Family> = new Map<string, Family>([
  ...['kmalloc', 'kzalloc', 'kcalloc', 'kmalloc_array', 'kmalloc_node', 'kzalloc_node', 'kcalloc_node', 'kmalloc_array_node',
    'krealloc', 'krealloc_array', 'kmemdup', 'kmemdup_nul', 'kmemdup_array', 'kstrdup', 'kstrndup', 'kasprintf', 'kvasprintf',
    'memdup_user', 'memdup_user_nul', 'memdup_array_user', 'strndup_user', 'match_strdup', 'kobject_get_path',
    'kmalloc_track_caller', 'kmalloc_node_track_caller', 'kmem_buckets_alloc',
    'kstrdup_quotable', 'kstrdup_quotable_cmdline', 'kstrdup_quotable_file', 'kstrdup_and_replace', 'kasprintf_strarray',
    // lib/bitmap.c: kmalloc_array() memory; bitmap_free() is kfree().
    'bitmap_alloc', 'bitmap_zalloc', 'bitmap_alloc_node', 'bitmap_zalloc_node'].map((a) => [a, 'slab'] as const),
  // Both may return a string of the kernel's own .rodata (kvasprintf_const: a format without '%', or "%s" of one).
  ...['kstrdup_const', 'kvasprintf_const'].map((a) => [a, 'slab-const'] as const),
  ...['kvmalloc', 'kvzalloc', 'kvcalloc', 'kvcalloc_node', 'kvmalloc_array', 'kvmalloc_node', 'kvzalloc_node', 'kvrealloc',
    'vmemdup_user', 'vmemdup_array_user', 'kvmemdup'].map((a) => [a, 'kv'] as const),
  ...['vmalloc', 'vzalloc', 'vmalloc_user', 'vmalloc_node', 'vzalloc_node', '__vmalloc', 'vmalloc_32', 'vmalloc_32_user',
    'vmalloc_array', 'vcalloc', 'vmalloc_huge'].map((a) => [a, 'vmalloc'] as const),
  ...['kmem_cache_alloc', 'kmem_cache_zalloc', 'kmem_cache_alloc_node', 'kmem_cache_alloc_lru', 'alloc_inode_sb', 'kmem_cache_alloc_bulk'].map((a) => [a, 'cache'] as const),
  // One family: the header logs every page (a folio as its first page) by its address, and a
  // page may be released by its struct page * (__free_pages), its address (free_pages) or its
  // last reference (put_page, folio_put), whichever API allocated it.
  ...['alloc_pages', 'alloc_pages_node', '__get_free_pages', 'get_zeroed_page', 'folio_alloc'].map((a) => [a, 'pages'] as const),
  // Split into single pages, the ones past the size given back: free_pages_exact() frees them page by page.
  ['alloc_pages_exact', 'pages-exact'],
  ...['devm_kmalloc', 'devm_kzalloc', 'devm_kcalloc', 'devm_kmalloc_array', 'devm_kstrdup', 'devm_kstrdup_const', 'devm_kmemdup',
    'devm_kmemdup_array', 'devm_kasprintf', 'devm_kvasprintf', 'devm_krealloc', 'devm_krealloc_array'].map((a) => [a, 'devm'] as const),
  ['devm_get_free_pages', 'devm-pages'],
]);

// kfree_strarray(): kfree() of each name and of the array.
const SLAB_FREES = ['kfree', 'kfree_sensitive', 'kvfree', 'kvfree_sensitive', 'kfree_rcu', 'kvfree_rcu', 'kfree_const', 'kfree_strarray'];

/**
 * The APIs that may release each family; the realloc APIs release the old object of a
 * move or a resize to 0. kstrdup_const() (and kvasprintf_const(), built on it) may return
 * a string of the kernel's own .rodata unchanged, which only kfree_const() knows to leave
 * alone (mm/util.c: "should be freed by kfree_const"). kfree_rcu is kvfree_rcu under
 * another name (6.1 defines one as the other, 6.12 both as kvfree_rcu_arg_2), so it
 * releases vmalloc memory as well.
 */
const RELEASERS: Record<Family, readonly string[]> = {
  slab: [...SLAB_FREES, 'kfree_bulk', 'bitmap_free', 'krealloc', 'krealloc_array', 'kvrealloc'],
  'slab-const': ['kfree_const'],
  kv: ['kvfree', 'kvfree_sensitive', 'kvfree_rcu', 'kfree_rcu', 'kvrealloc'],
  vmalloc: ['vfree', 'kvfree', 'kvfree_sensitive', 'kvfree_rcu', 'kfree_rcu', 'kvrealloc'],
  cache: ['kmem_cache_free', 'kmem_cache_free_bulk'],
  pages: ['__free_pages', 'free_pages', 'free_page', 'put_page', 'folio_put'],
  'pages-exact': ['free_pages_exact'],
  devm: ['devm_kfree', 'devm_krealloc', 'devm_krealloc_array'],
  'devm-pages': ['devm_free_pages'],
};

/**
 * Frees a family may also use since a kernel release, by the kernel's own documentation:
 * since SLOB's removal (6.4) kfree and kvfree may release kmem_cache objects
 * (Documentation/core-api/memory-allocation.rst), since 6.12 kfree_rcu and kvfree_rcu
 * too (include/linux/rcupdate.h; kmem_cache_destroy waits for them). Oldest first.
 */
const LATER_RELEASERS: Partial<Record<Family, ReadonlyArray<{ since: KernelVersion; frees: readonly string[] }>>> = {
  // What is kfree underneath goes with it: kvfree_sensitive (kvfree after clearing the length
  // it is given), kfree_bulk (kmem_cache_free_bulk(NULL, ...), which finds each object's cache
  // as kfree does), kfree_const (kfree of what is not .rodata), bitmap_free (kfree). Not
  // kfree_sensitive: its ksize() is for kmalloc() memory only.
  cache: [
    { since: [6, 4], frees: ['kfree', 'kvfree', 'kvfree_sensitive', 'kfree_bulk', 'kfree_const', 'bitmap_free', 'kfree_strarray'] },
    { since: [6, 12], frees: ['kfree_rcu', 'kvfree_rcu'] },
  ],
};

const KNOWN_FREES: ReadonlySet<string> = new Set([
  'kfree', 'kfree_sensitive', 'kfree_const', 'kvfree', 'kvfree_sensitive', 'vfree', 'kmem_cache_free',
  '__free_pages', 'free_pages', 'free_page', 'kfree_rcu', 'kvfree_rcu', 'devm_kfree',
  'kfree_bulk', 'kmem_cache_free_bulk', 'put_page', 'folio_put', 'bitmap_free', 'free_pages_exact', 'devm_free_pages', 'kfree_strarray',
]);

/**
 * Frees that drop a page's last reference (the header logs only that one): the page may
 * have come from anywhere (a subsystem hands a driver pages it then puts), so a release of
 * an address the module never allocated is not a bad free.
 */
const REFERENCE_DROPS: ReadonlySet<string> = new Set(['put_page', 'folio_put']);

export const REALLOC_APIS: ReadonlySet<string> = new Set(['krealloc', 'krealloc_array', 'kvrealloc', 'devm_krealloc', 'devm_krealloc_array']);

export function isKnownAlloc(api: string): boolean {
  return ALLOC_FAMILY.has(api);
}

export function isKnownFree(api: string): boolean {
  return KNOWN_FREES.has(api);
}

export function dropsReference(api: string): boolean {
  return REFERENCE_DROPS.has(api);
}

/**
 * What is wrong with a declared pair that names kernel APIs, or undefined: two the kernel
 * never pairs (kmalloc:vfree; kmem_cache_alloc:kfree is allowed from 6.4, so not that),
 * which hides real mismatched frees, or a kernel free API declared as the allocator or a
 * kernel allocator as the free. A pair is for an OSAL's own functions.
 */
export function kernelPairProblem({ alloc, free }: ApiPair): string | undefined {
  const allocates = isKnownAlloc(alloc) || REALLOC_APIS.has(alloc);
  if (allocates && isKnownFree(free)) {
    const verdict = new ApiTable().mayRelease(alloc, free);
    if (verdict.ok === false && verdict.allowedSince === undefined) {
      return `it makes ${free}() a valid release of ${alloc}() memory, which no kernel allows: such a free is no longer reported as mismatched`;
    }
    return undefined;
  }
  if (isKnownFree(alloc)) return `${alloc}() is a kernel free API, declared here as the allocator`;
  if (allocates && free === alloc) return `${alloc}() is declared as its own free`;
  if (isKnownAlloc(free) || REALLOC_APIS.has(free)) return `${free}() is a kernel allocation API, declared here as the free`;
  return undefined;
}

/** Released by the driver core when the device unbinds. */
export function isDevmAlloc(api: string): boolean {
  const family = ALLOC_FAMILY.get(api);
  return family === 'devm' || family === 'devm-pages';
}

/** A later kernel release from which a free is allowed, and all it allows beyond the oldest rule. */
export interface AllowedSince {
  release: string;
  frees: readonly string[];
}

export type ReleaseVerdict =
  | { ok: true }
  /** `allowedSince`: the log does not name its kernel, and a later one would allow this free. */
  | { ok: false; expected: readonly string[]; allowedSince?: AllowedSince }
  /** Neither side declared: the pairing cannot be checked. */
  | { ok: 'unknown' };

/** How many decided pairs firstVerdict() looks through. */
const FIRST_VERDICTS = 16;

/** The answer to "may `freeApi` release an object allocated by `allocApi`?". */
export class ApiTable {
  private readonly customFrees = new Map<string, string[]>();
  private readonly declaredFrees = new Set<string>();

  constructor(pairs: readonly ApiPair[] = []) {
    for (const { alloc, free } of pairs) {
      const list = this.customFrees.get(alloc) ?? [];
      if (!list.includes(free)) list.push(free);
      this.customFrees.set(alloc, list);
      this.declaredFrees.add(free);
    }
  }

  /** True for an API the matcher can say something about (built in or declared). */
  isDeclared(api: string): boolean {
    return ALLOC_FAMILY.has(api) || KNOWN_FREES.has(api) || REALLOC_APIS.has(api) || this.customFrees.has(api) || this.declaredFrees.has(api);
  }

  private readonly verdicts = new Map<string, Map<string, ReleaseVerdict>>();
  /** The kernel that ran; until the log names it, the oldest rules hold. */
  private kernel: KernelVersion | undefined;

  /** The kernel that ran (the log's `Linux version` banner): verdicts from now on follow its rules (undefined: the oldest). */
  setKernelRelease(release: string | undefined): void {
    this.kernel = release === undefined ? undefined : kernelVersion(release);
    this.verdicts.clear();
    this.firstVerdicts.length = 0;
    this.lastAlloc = undefined;
    this.lastFree = undefined;
    this.lastVerdict = undefined;
  }

  /** Memoized: called once per free of a long log, with a handful of distinct pairs. */
  mayRelease(allocApi: string, freeApi: string): ReleaseVerdict {
    if (allocApi === this.lastAlloc && freeApi === this.lastFree) return this.lastVerdict!;
    const verdict = this.firstVerdict(allocApi, freeApi) ?? this.lookup(allocApi, freeApi);
    this.lastAlloc = allocApi;
    this.lastFree = freeApi;
    this.lastVerdict = verdict;
    return verdict;
  }

  private lastAlloc: string | undefined;
  private lastFree: string | undefined;
  private lastVerdict: ReleaseVerdict | undefined;

  /**
   * The first pairs decided, looked through before the maps: the byte parser interns API
   * names, and V8 compares two interned strings by identity (a map hashes and probes).
   */
  private readonly firstVerdicts: Array<{ allocApi: string; freeApi: string; verdict: ReleaseVerdict }> = [];

  private firstVerdict(allocApi: string, freeApi: string): ReleaseVerdict | undefined {
    const first = this.firstVerdicts;
    for (let k = 0; k < first.length; k++) {
      const entry = first[k]!;
      if (entry.allocApi === allocApi && entry.freeApi === freeApi) return entry.verdict;
    }
    return undefined;
  }

  private lookup(allocApi: string, freeApi: string): ReleaseVerdict {
    let byFree = this.verdicts.get(allocApi);
    if (byFree === undefined) {
      byFree = new Map();
      if (this.verdicts.size < 1000) this.verdicts.set(allocApi, byFree);
    }
    let verdict = byFree.get(freeApi);
    if (verdict === undefined) {
      verdict = this.decide(allocApi, freeApi);
      if (byFree.size < 1000) byFree.set(freeApi, verdict);
    }
    if (this.firstVerdicts.length < FIRST_VERDICTS) this.firstVerdicts.push({ allocApi, freeApi, verdict });
    return verdict;
  }

  private decide(allocApi: string, freeApi: string): ReleaseVerdict {
    const family = ALLOC_FAMILY.get(allocApi);
    const custom = this.customFrees.get(allocApi);
    if (custom) {
      // A built-in allocation API re-declared by the user keeps its built-in releasers too.
      const allowed = family ? [...this.releasers(family), ...custom] : custom;
      return allowed.includes(freeApi) ? { ok: true } : this.mismatch(family, freeApi, allowed);
    }
    if (family) {
      const allowed = this.releasers(family);
      if (allowed.includes(freeApi)) return { ok: true };
      // An undeclared custom free of a built-in object: its implementation is unknown.
      if (!this.isDeclared(freeApi)) return { ok: 'unknown' };
      return this.mismatch(family, freeApi, allowed);
    }
    // Custom allocation with no declared pair: only a declared free of some other pair is wrong.
    return { ok: 'unknown' };
  }

  /** The frees that may release `family` on the kernel that ran (the oldest rules while it is unknown). */
  private releasers(family: Family): readonly string[] {
    const later = LATER_RELEASERS[family];
    const kernel = this.kernel;
    if (later === undefined || kernel === undefined) return RELEASERS[family];
    return [...RELEASERS[family], ...later.filter((r) => atLeast(kernel, r.since)).flatMap((r) => r.frees)];
  }

  /** A mismatch; while the kernel is unknown, it names the first later release that would allow `freeApi`. */
  private mismatch(family: Family | undefined, freeApi: string, expected: readonly string[]): ReleaseVerdict {
    const later = family === undefined || this.kernel !== undefined ? undefined : LATER_RELEASERS[family];
    const first = later === undefined ? -1 : later.findIndex((r) => r.frees.includes(freeApi));
    if (first < 0) return { ok: false, expected };
    const [major, minor] = later![first]!.since;
    return { ok: false, expected, allowedSince: { release: `${major}.${minor}`, frees: later!.slice(0, first + 1).flatMap((r) => r.frees) } };
  }
}
