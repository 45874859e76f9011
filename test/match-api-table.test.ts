import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ApiTable, isKnownAlloc, isKnownFree, REALLOC_APIS } from '../src/match/api-table.js';

const headerDir = fileURLToPath(new URL('../header/', import.meta.url));

/** Every API name the header passes to its A / F / R loggers, read from the header text. */
function loggedApis(): { alloc: Set<string>; free: Set<string>; realloc: Set<string> } {
  const found = { alloc: new Set<string>(), free: new Set<string>(), realloc: new Set<string>() };
  for (const name of readdirSync(headerDir).filter((f) => f.endsWith('.h'))) {
    const text = readFileSync(headerDir + name, 'utf8');
    for (const m of text.matchAll(/__MODLEAK_([AFR])\("([^"]+)"/g)) found[m[1] === 'A' ? 'alloc' : m[1] === 'F' ? 'free' : 'realloc'].add(m[2]!);
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
    ['kmem_cache_alloc', 'kvfree_rcu', false], ['kstrdup_const', 'kvfree_rcu', true],
  ])('%s released by %s: %s', (alloc, free, ok) => {
    expect(table.mayRelease(alloc, free).ok).toBe(ok);
  });
});

describe('page allocators: a page may be released by its struct page * or by its address', () => {
  const table = new ApiTable();
  const allocs = ['alloc_pages', 'alloc_pages_node', '__get_free_pages', 'get_zeroed_page'];
  const frees = ['__free_pages', 'free_pages', 'free_page'];
  it.each(allocs.flatMap((alloc) => frees.map((free) => [alloc, free] as const)))('%s released by %s', (alloc, free) => {
    expect(table.mayRelease(alloc, free)).toEqual({ ok: true });
  });

  it.each([['alloc_pages', 'kfree'], ['__get_free_pages', 'vfree'], ['kmalloc', 'free_pages'], ['vmalloc', '__free_pages']])('%s released by %s is still a mismatch', (alloc, free) => {
    expect(table.mayRelease(alloc, free).ok).toBe(false);
  });
});
