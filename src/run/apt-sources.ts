import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAsRoot } from './install.js';

// debian:6.12 comes from <codename>-backports. When the machine has no such source,
// one is derived from its own Debian entry (same URIs, same Signed-By), so no
// archive host name is ever written in modleak itself.

export interface SourceFile {
  path: string;
  text: string;
}

/** A deb822 stanza for `<codename>-backports`, or undefined when no entry for `codename` exists. */
export function deriveBackportsEntry(files: readonly SourceFile[], codename: string): string | undefined {
  const suite = `${codename}-backports`;
  const entry = (uris: string, signedBy: string | undefined) =>
    `Types: deb\nURIs: ${uris}\nSuites: ${suite}\nComponents: main\n${signedBy ? `Signed-By: ${signedBy}\n` : ''}`;
  for (const f of files) {
    if (f.path.endsWith('.sources')) {
      for (const stanza of f.text.split(/\n\s*\n/)) {
        const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'mi').exec(stanza)?.[1]?.trim();
        const suites = field('Suites')?.split(/\s+/) ?? [];
        const types = field('Types')?.split(/\s+/) ?? ['deb'];
        const uris = field('URIs');
        if (uris && suites.includes(codename) && types.includes('deb')) return entry(uris, field('Signed-By'));
      }
    } else {
      for (const line of f.text.split('\n')) {
        const m = /^deb\s+(?:\[([^\]]*)\]\s+)?(\S+)\s+(\S+)\s/.exec(line.trim() + ' ');
        if (m && m[3] === codename) return entry(m[2]!, /signed-by=(\S+)/.exec(m[1] ?? '')?.[1]);
      }
    }
  }
  return undefined;
}

export function hasSuite(files: readonly SourceFile[], suite: string): boolean {
  return files.some((f) => f.text.split('\n').some((l) => !l.trim().startsWith('#') && new RegExp(`(^|\\s)${suite}(\\s|$)`).test(l)));
}

function readSources(): SourceFile[] {
  const dir = '/etc/apt/sources.list.d';
  const paths = ['/etc/apt/sources.list', ...(existsSync(dir) ? readdirSync(dir).map((f) => join(dir, f)) : [])];
  return paths.filter((p) => existsSync(p) && (p.endsWith('.list') || p.endsWith('.sources'))).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

/** Writes /etc/apt/sources.list.d/modleak-<codename>-backports.sources when needed (root or sudo). */
export async function ensureBackportsSource(progress: (m: string) => void): Promise<void> {
  const codename = /^VERSION_CODENAME=(\S+)/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
  if (!codename) throw new Error('cannot tell the Debian codename from /etc/os-release; add a bookworm-backports apt source by hand.');
  const suite = `${codename}-backports`;
  const files = readSources();
  if (hasSuite(files, suite)) return;
  const entry = deriveBackportsEntry(files, codename);
  if (!entry) throw new Error(`no apt source for Debian ${codename} to derive ${suite} from; add a ${suite} source by hand.`);
  progress(`adding the apt source ${suite}`);
  const target = `/etc/apt/sources.list.d/modleak-${suite}.sources`;
  const r = await runAsRoot('tee', [target], { input: entry });
  if (r.code !== 0) throw new Error(`could not write ${target}: ${r.stderr.trim()}`);
}
