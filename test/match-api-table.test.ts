import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ApiTable, isDevmAlloc, isKnownAlloc, isKnownFree, REALLOC_APIS } from '../src/match/api-table.js';
import { atLeast, kernelVersion } from '../src/match/kernel-version.js';

const headerDir = fileURLToPath(new URL('../header/', import.meta.url));

/** Every API name the header passes to its A / F / R loggers, read from the header text. */
function loggedApis(): { alloc: Set<string>; free: Set<string>; realloc: Set<string> } {
  const found = { alloc: new Set<string>(), free: new Set<string>(), realloc: new Set<string>() };
  for (const name of readdirSync(headerDir).filter((f) => f.endsWith('.h'))) {
    const text = readFileSync(headerDir + name, 'utf8');
    // An API chosen at run time is `cond ? "one" : "other"`: both are logged.
    for (const m of text.matchAll(/__MODLEAK_([AFR])\((?:\w+ \? )?"([^"]+)"(?: : "([^"]+)")?/g)) {
      const kind = m[1] === 'A' ? 'alloc' : m[1] === 'F' ? 'free' : 'realloc';
      found[kind].add(m[2]!);
      if (m[3] !== undefined) found[kind].add(m[3]);
    }
    for (const m of text.matchAll(/__modleak_log_(alloc|free|realloc)\("([^"]+)"/g)) found[m[1] as 'alloc' | 'free' | 'realloc'].add(m[2]!);
    for (const m of text.matchAll(/__MODLEAK_RCU_FREE\("([^"]+)"/g)) found.free.add(m[1]!);
  }
  return found;
}

describe('API table against the header', () => {
  const apis = loggedApis();

  it('reads a plausible set of names from the header', () => {
    expect(apis.alloc.size).toBeGreaterThan(40);
    expect(apis.free).toContain('kvfree_rcu');
    expect(apis.realloc).toContain('krealloc');
    expect(apis.free).toContain('kmem_cache_free_bulk');
  });

  it('every allocation API the header logs belongs to a family', () => {
    expect([...apis.alloc].filter((api) => !isKnownAlloc(api))).toEqual([]);
  });

  it('every free API the header logs is a known free', () => {
    expect([...apis.free].filter((api) => !isKnownFree(api))).toEqual([]);
  });

  it('every reallocation API the header logs is a known reallocation', () => {
    expect([...apis.realloc].filter((api) => !REALLOC_APIS.has(api) || !isKnownAlloc(api))).toEqual([]);
  });
});

describe('families of the newer APIs', () => {
  const table = new ApiTable();
  it.each([
    ['kasprintf', 'kfree', true], ['memdup_user', 'kvfree_rcu', true], ['kmalloc_array_node', 'vfree', false],
    ['vmemdup_user', 'kvfree', true], ['vmemdup_user', 'kfree', false], ['kvzalloc_node', 'kvfree_rcu', true],
    ['__vmalloc', 'vfree', true], ['vzalloc_node', 'kvfree_rcu', true], ['vzalloc_node', 'kfree', false],
    ['kmem_cache_alloc_node', 'kmem_cache_free', true], ['kmem_cache_alloc_node', 'kfree', false],
    ['alloc_pages_node', '__free_pages', true],
    ['devm_kasprintf', 'devm_kfree', true], ['devm_kstrdup_const', 'kfree', false],
    ['kmem_cache_alloc', 'kvfree_rcu', false], ['kstrdup_const', 'kvfree_rcu', false],
    // kstrdup_const may return the kernel's own .rodata: only kfree_const may release it.
    ['kstrdup_const', 'kfree_const', true], ['kstrdup_const', 'kfree', false], ['kstrdup_const', 'kvfree', false],
    // kfree_rcu is kvfree_rcu under another name.
    ['kvmalloc', 'kfree_rcu', true], ['vmalloc', 'kfree_rcu', true], ['vmalloc', 'kfree', false],
    ['devm_kzalloc', 'devm_krealloc', true], ['devm_krealloc', 'devm_kfree', true], ['kmalloc', 'devm_krealloc', false], ['devm_krealloc', 'kfree', false],
    // The last reference of a page or folio frees it, whichever page API allocated it.
    ['alloc_pages', 'put_page', true], ['__get_free_pages', 'put_page', true], ['folio_alloc', 'folio_put', true],
    ['folio_alloc', '__free_pages', true], ['alloc_pages', 'folio_put', true], ['kmalloc', 'put_page', false], ['vmalloc', 'folio_put', false],
    // Bulk frees: kfree_bulk is kfree's, kmem_cache_free_bulk kmem_cache_free's.
    ['kmalloc', 'kfree_bulk', true], ['kvmalloc', 'kfree_bulk', false], ['kmem_cache_alloc_bulk', 'kmem_cache_free_bulk', true],
    ['kmem_cache_alloc', 'kmem_cache_free_bulk', true], ['kmem_cache_alloc_bulk', 'kmem_cache_free', true], ['kmalloc', 'kmem_cache_free_bulk', false],
    ['kmem_cache_alloc_bulk', 'kfree_bulk', false],
  ])('%s released by %s: %s', (alloc, free, ok) => {
    expect(table.mayRelease(alloc, free).ok).toBe(ok);
  });
});

describe('the allocators a module frees with a wrapped free (track_caller, bitmaps, kvasprintf_const, devm_*, pages_exact)', () => {
  const table = new ApiTable();
  it.each([
    // kmalloc memory under other names: the slab frees release it.
    ['kmalloc_track_caller', 'kfree', true], ['kmalloc_node_track_caller', 'kvfree', true], ['kmem_buckets_alloc', 'kfree', true],
    ['kmalloc_track_caller', 'vfree', false], ['kmem_buckets_alloc', 'kmem_cache_free', false],
    // bitmap_free() is kfree(): it releases bitmaps and any kmalloc memory, and a bitmap may be kfree()d.
    ['bitmap_zalloc', 'bitmap_free', true], ['bitmap_alloc', 'kfree', true], ['bitmap_alloc_node', 'bitmap_free', true],
    ['bitmap_zalloc_node', 'kfree_rcu', true], ['kmalloc', 'bitmap_free', true], ['vmalloc', 'bitmap_free', false],
    ['kvmalloc', 'bitmap_free', false], ['kmem_cache_alloc', 'bitmap_free', false], ['bitmap_zalloc', 'vfree', false],
    // kvasprintf_const may return the kernel's own .rodata, as kstrdup_const: only kfree_const may release it.
    ['kvasprintf_const', 'kfree_const', true], ['kvasprintf_const', 'kfree', false], ['kvasprintf_const', 'kvfree', false],
    ['kvcalloc_node', 'kvfree', true], ['kvcalloc_node', 'kfree_rcu', true], ['kvcalloc_node', 'kfree', false], ['kvcalloc_node', 'vfree', false],
    ['vmalloc_huge', 'vfree', true], ['vmalloc_huge', 'kvfree', true], ['vmalloc_huge', 'kvrealloc', true], ['vmalloc_huge', 'kfree', false],
    ['devm_kvasprintf', 'devm_kfree', true], ['devm_kmemdup_array', 'devm_kfree', true], ['devm_kmemdup_array', 'devm_krealloc_array', true],
    ['devm_kzalloc', 'devm_krealloc_array', true], ['devm_krealloc_array', 'devm_kfree', true], ['devm_krealloc_array', 'devm_krealloc', true],
    ['devm_kvasprintf', 'kfree', false], ['kmalloc', 'devm_krealloc_array', false], ['devm_kmemdup_array', 'devm_free_pages', false],
    // alloc_pages_exact splits its pages: only free_pages_exact releases them, and it releases nothing else.
    ['alloc_pages_exact', 'free_pages_exact', true], ['alloc_pages_exact', 'free_pages', false], ['alloc_pages_exact', '__free_pages', false],
    ['alloc_pages_exact', 'put_page', false], ['alloc_pages_exact', 'kfree', false], ['alloc_pages', 'free_pages_exact', false],
    ['__get_free_pages', 'free_pages_exact', false], ['kmalloc', 'free_pages_exact', false],
    // devm_get_free_pages pages have a devres: devm_free_pages releases them, and nothing else does.
    ['devm_get_free_pages', 'devm_free_pages', true], ['devm_get_free_pages', 'free_pages', false], ['devm_get_free_pages', 'devm_kfree', false],
    ['__get_free_pages', 'devm_free_pages', false], ['devm_kmalloc', 'devm_free_pages', false],
  ])('%s released by %s: %s', (alloc, free, ok) => {
    expect(table.mayRelease(alloc, free).ok).toBe(ok);
  });

  it('knows the new frees and reallocation, and counts devm_get_free_pages pages as devm objects', () => {
    expect(['bitmap_free', 'free_pages_exact', 'devm_free_pages'].filter((api) => !isKnownFree(api))).toEqual([]);
    expect(REALLOC_APIS.has('devm_krealloc_array')).toBe(true);
    expect(['devm_kvasprintf', 'devm_kmemdup_array', 'devm_krealloc_array', 'devm_get_free_pages', 'devm_kmalloc'].filter((api) => !isDevmAlloc(api))).toEqual([]);
    expect(['alloc_pages_exact', '__get_free_pages', 'kmalloc', 'bitmap_zalloc'].filter((api) => isDevmAlloc(api))).toEqual([]);
  });

  it('a mismatch names what releases the object', () => {
    expect(table.mayRelease('alloc_pages_exact', 'free_pages')).toEqual({ ok: false, expected: ['free_pages_exact'] });
    expect(table.mayRelease('devm_get_free_pages', 'free_pages')).toEqual({ ok: false, expected: ['devm_free_pages'] });
    expect(table.mayRelease('kvasprintf_const', 'kfree')).toEqual({ ok: false, expected: ['kfree_const'] });
  });
});

describe('page allocators: a page may be released by its struct page * or by its address', () => {
  const table = new ApiTable();
  const allocs = ['alloc_pages', 'alloc_pages_node', '__get_free_pages', 'get_zeroed_page', 'folio_alloc'];
  const frees = ['__free_pages', 'free_pages', 'free_page', 'put_page', 'folio_put'];
  it.each(allocs.flatMap((alloc) => frees.map((free) => [alloc, free] as const)))('%s released by %s', (alloc, free) => {
    expect(table.mayRelease(alloc, free)).toEqual({ ok: true });
  });

  it.each([['alloc_pages', 'kfree'], ['__get_free_pages', 'vfree'], ['kmalloc', 'free_pages'], ['vmalloc', '__free_pages']])('%s released by %s is still a mismatch', (alloc, free) => {
    expect(table.mayRelease(alloc, free).ok).toBe(false);
  });
});

describe('kernel releases as the banner names them', () => {
  it.each([
    ['6.12.117+deb12-cloud-amd64', [6, 12]], ['6.1.0-56-cloud-amd64', [6, 1]], ['6.4', [6, 4]], ['7.0-rc1', [7, 0]],
    ['5.15.0-91-generic', [5, 15]], ['7', [7, 0]], ['6.10', [6, 10]],
  ])('%s is %j', (release, version) => {
    expect(kernelVersion(release)).toEqual(version);
  });

  it('a release that does not start with a number is not a version', () => {
    expect(kernelVersion('unknown')).toBeUndefined();
    expect(kernelVersion('')).toBeUndefined();
  });

  it('compares major, then minor, numerically (6.10 is after 6.4, 7.0 after 6.12)', () => {
    expect([atLeast([6, 10], [6, 4]), atLeast([7, 0], [6, 12]), atLeast([6, 3], [6, 4]), atLeast([6, 4], [6, 4]), atLeast([5, 19], [6, 4])])
      .toEqual([true, true, false, true, false]);
  });
});

describe('kmem_cache objects and the kernel that ran', () => {
  // kfree_const and bitmap_free are kfree underneath; kfree_sensitive's ksize() is for kmalloc() memory only.
  const frees = ['kmem_cache_free', 'kfree', 'kvfree', 'kfree_rcu', 'kvfree_rcu', 'kfree_sensitive', 'vfree', 'kfree_const', 'bitmap_free'];
  const allowed = (release: string | undefined) => {
    const table = new ApiTable();
    if (release !== undefined) table.setKernelRelease(release);
    return frees.filter((free) => table.mayRelease('kmem_cache_alloc', free).ok === true);
  };

  it.each([
    [undefined, ['kmem_cache_free']],
    ['6.1.0-56-cloud-amd64', ['kmem_cache_free']],
    ['6.3.13', ['kmem_cache_free']],
    ['6.4', ['kmem_cache_free', 'kfree', 'kvfree', 'kfree_const', 'bitmap_free']],
    ['6.11.5', ['kmem_cache_free', 'kfree', 'kvfree', 'kfree_const', 'bitmap_free']],
    ['6.12.117+deb12-cloud-amd64', ['kmem_cache_free', 'kfree', 'kvfree', 'kfree_rcu', 'kvfree_rcu', 'kfree_const', 'bitmap_free']],
    ['7.0-rc1', ['kmem_cache_free', 'kfree', 'kvfree', 'kfree_rcu', 'kvfree_rcu', 'kfree_const', 'bitmap_free']],
  ])('kernel %s: released by %j', (release, expected) => {
    expect(allowed(release)).toEqual(expected);
  });

  it('a mismatch lists what that kernel allows', () => {
    const table = new ApiTable();
    table.setKernelRelease('6.4.0');
    expect(table.mayRelease('kmem_cache_zalloc', 'kfree_rcu')).toEqual({ ok: false, expected: ['kmem_cache_free', 'kmem_cache_free_bulk', 'kfree', 'kvfree', 'kvfree_sensitive', 'kfree_bulk', 'kfree_const', 'bitmap_free', 'kfree_strarray'] });
  });

  it('while the kernel is unknown, a mismatch names the first release that would allow the free', () => {
    const table = new ApiTable();
    expect(table.mayRelease('kmem_cache_alloc', 'kfree')).toEqual({ ok: false, expected: ['kmem_cache_free', 'kmem_cache_free_bulk'], allowedSince: { release: '6.4', frees: ['kfree', 'kvfree', 'kvfree_sensitive', 'kfree_bulk', 'kfree_const', 'bitmap_free', 'kfree_strarray'] } });
    expect(table.mayRelease('kmem_cache_alloc', 'kvfree_rcu'))
      .toEqual({ ok: false, expected: ['kmem_cache_free', 'kmem_cache_free_bulk'], allowedSince: { release: '6.12', frees: ['kfree', 'kvfree', 'kvfree_sensitive', 'kfree_bulk', 'kfree_const', 'bitmap_free', 'kfree_strarray', 'kfree_rcu', 'kvfree_rcu'] } });
    expect(table.mayRelease('kmem_cache_alloc', 'vfree')).toEqual({ ok: false, expected: ['kmem_cache_free', 'kmem_cache_free_bulk'] });
    expect(table.mayRelease('kmalloc', 'vfree')).not.toHaveProperty('allowedSince');
  });

  it('a known kernel, even an older one, gives no such note', () => {
    const table = new ApiTable();
    table.setKernelRelease('6.1.0-56-cloud-amd64');
    expect(table.mayRelease('kmem_cache_alloc', 'kfree')).toEqual({ ok: false, expected: ['kmem_cache_free', 'kmem_cache_free_bulk'] });
  });

  it('verdicts cached before the release is known are not reused after', () => {
    const table = new ApiTable();
    // Fill every cache: the last pair, the first pairs and the maps.
    for (let i = 0; i < 3; i++) {
      expect(table.mayRelease('kmem_cache_alloc', 'kfree').ok).toBe(false);
      expect(table.mayRelease('kmalloc', 'kfree').ok).toBe(true);
    }
    for (let i = 0; i < 40; i++) table.mayRelease(`vendor_${i}`, 'kfree');
    table.setKernelRelease('6.12.117+deb12-cloud-amd64');
    expect(table.mayRelease('kmem_cache_alloc', 'kfree')).toEqual({ ok: true });
    table.mayRelease('kmalloc', 'kfree');
    expect(table.mayRelease('kmem_cache_alloc', 'kfree')).toEqual({ ok: true });
  });

  it('a built-in allocation API re-declared with a custom free keeps the kernel\'s later releasers too', () => {
    const table = new ApiTable([{ alloc: 'kmem_cache_alloc', free: 'pool_put' }]);
    table.setKernelRelease('6.12.0');
    expect(['kfree', 'kfree_rcu', 'pool_put', 'vfree'].map((free) => table.mayRelease('kmem_cache_alloc', free).ok)).toEqual([true, true, true, false]);
  });
});
