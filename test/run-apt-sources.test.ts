import { describe, expect, it } from 'vitest';
import { deriveBackportsEntry, hasSuite } from '../src/run/apt-sources.js';

describe('deriveBackportsEntry', () => {
  it('copies URIs and Signed-By from a deb822 stanza listing the codename', () => {
    const files = [{
      path: '/etc/apt/sources.list.d/debian.sources',
      text: 'Types: deb\nURIs: http://mirror.example/debian\nSuites: bookworm bookworm-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\nTypes: deb\nURIs: http://mirror.example/debian-security\nSuites: bookworm-security\nComponents: main\n',
    }];
    expect(deriveBackportsEntry(files, 'bookworm')).toBe('Types: deb\nURIs: http://mirror.example/debian\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n');
  });

  it('reads a one-line entry with options', () => {
    const files = [{ path: '/etc/apt/sources.list', text: '# comment\ndeb-src http://m.example/debian bookworm main\ndeb [arch=amd64 signed-by=/k.gpg] http://m.example/debian bookworm main contrib\n' }];
    expect(deriveBackportsEntry(files, 'bookworm')).toBe('Types: deb\nURIs: http://m.example/debian\nSuites: bookworm-backports\nComponents: main\nSigned-By: /k.gpg\n');
  });

  it('finds nothing for another distribution', () => {
    expect(deriveBackportsEntry([{ path: '/etc/apt/sources.list', text: 'deb http://archive.example/ubuntu noble main\n' }], 'bookworm')).toBeUndefined();
  });

  it('sees an existing backports suite, ignoring comments', () => {
    expect(hasSuite([{ path: 'a.sources', text: 'Suites: bookworm-backports\n' }], 'bookworm-backports')).toBe(true);
    expect(hasSuite([{ path: 'a.list', text: '# deb http://m.example/debian bookworm-backports main\n' }], 'bookworm-backports')).toBe(false);
  });
});
