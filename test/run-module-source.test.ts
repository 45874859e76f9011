import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registersCryptoAlgorithms } from '../src/run/module-source.js';

const dir = (name: string) => join(import.meta.dirname, 'fixtures', 'module-source', name);
const modules = join(import.meta.dirname, 'run-modules');

describe('registersCryptoAlgorithms', () => {
  it('finds a registration call in a .c file, in a subdirectory, and in a header macro', () => {
    expect(registersCryptoAlgorithms(join(modules, 'crypto-alg'))).toBe(true);
    expect(registersCryptoAlgorithms(dir('nested-engine'))).toBe(true);
    expect(registersCryptoAlgorithms(dir('header-macro'))).toBe(true);
  });

  it('is false for modules that only use crypto, or only name it in other files', () => {
    expect(registersCryptoAlgorithms(dir('uses-crypto'))).toBe(false);
    expect(registersCryptoAlgorithms(join(modules, 'quiet'))).toBe(false);
    expect(registersCryptoAlgorithms(join(import.meta.dirname, '..', 'examples', 'leaky'))).toBe(false);
  });

  it('is false, not an error, for a directory that does not exist', () => {
    expect(registersCryptoAlgorithms(dir('no-such-dir'))).toBe(false);
  });
});
