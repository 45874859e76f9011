import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Code runs from src/ (vitest, tsx) and from dist/*.js bundles; both live somewhere
// below the package root, so walk up instead of counting '..'.

let cached: string | undefined;

function isPackageRoot(dir: string): boolean {
  if (existsSync(join(dir, 'header', 'modleak.h'))) return true;
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
    return pkg.name === 'modleak';
  } catch {
    return false;
  }
}

export function packageRoot(): string {
  if (cached) return cached;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (isPackageRoot(dir)) return (cached = dir);
    if (dirname(dir) === dir) break;
  }
  throw new Error(`cannot find the modleak package root (a directory holding header/modleak.h) above ${start}; reinstall modleak or run it from a checkout.`);
}

export function headerPath(): string {
  return join(packageRoot(), 'header', 'modleak.h');
}

export function guestHelperSourcePath(): string {
  return join(packageRoot(), 'src', 'run', 'guest', 'modleak-guest.c');
}

export function ccProbeCacheSourcePath(): string {
  return join(packageRoot(), 'src', 'run', 'host', 'cc-probe-cache.c');
}
