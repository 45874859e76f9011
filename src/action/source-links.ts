// Maps a site from the log (a path as the compiler saw it, relative to the module
// directory or absolute) to a repository-relative path, and to a link at a commit.
import path from 'node:path';
import type { Site } from '../report/schema.js';

export type Locate = (site: Site) => string | undefined;

/** Repository-relative POSIX path of the site's file, or undefined when it lies outside the workspace. */
export function makeLocator(workspace: string, sourceDir: string): Locate {
  return (site) => {
    if (!site.file || site.file.includes('\0')) return undefined;
    const full = path.resolve(sourceDir, site.file);
    const rel = path.relative(workspace, full);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  };
}

export function makeSourceUrl(locate: Locate, serverUrl: string, owner: string, repo: string, sha: string): (site: Site) => string | undefined {
  return (site) => {
    const rel = locate(site);
    if (rel === undefined) return undefined;
    const encoded = rel.split('/').map(encodeURIComponent).join('/');
    return `${serverUrl}/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/blob/${encodeURIComponent(sha)}/${encoded}#L${site.line}`;
  };
}
