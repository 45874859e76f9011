import { accessSync, constants, existsSync } from 'node:fs';
import { join } from 'node:path';
import { execCommand } from './exec.js';

// Installs missing Debian/Ubuntu packages with apt-get, as root or through `sudo -n`;
// anywhere else it stops with the exact command the user has to run.

let updatedThisProcess = false;

export type Privilege = { kind: 'root' } | { kind: 'sudo' } | { kind: 'none' };

export async function privilege(): Promise<Privilege> {
  if (process.getuid?.() === 0) return { kind: 'root' };
  try {
    const r = await execCommand('sudo', ['-n', 'true'], { timeoutMs: 10_000 });
    if (r.code === 0) return { kind: 'sudo' };
  } catch {
    /* no sudo */
  }
  return { kind: 'none' };
}

/** Runs a command as root: directly when we are root, through `sudo -n` otherwise. */
export async function runAsRoot(program: string, args: string[], opts: { input?: string; timeoutMs?: number } = {}) {
  const p = await privilege();
  if (p.kind === 'none') throw new Error(`'${[program, ...args].join(' ')}' needs root: run modleak as root or give this user passwordless sudo.`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  return p.kind === 'root'
    ? execCommand(program, args, { ...opts, env })
    : execCommand('sudo', ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', program, ...args], opts);
}

export async function isInstalled(pkg: string): Promise<boolean> {
  try {
    const r = await execCommand('dpkg-query', ['-W', '-f=${Status}', pkg]);
    return r.code === 0 && r.stdout.includes('install ok installed');
  } catch {
    return false;
  }
}

export async function aptUpdate(progress: (m: string) => void): Promise<void> {
  if (updatedThisProcess) return;
  progress('updating the apt package lists');
  const r = await runAsRoot('apt-get', ['update'], { timeoutMs: 600_000 });
  updatedThisProcess = true;
  if (r.code !== 0) throw new Error(`apt-get update failed (exit ${r.code}):\n${r.stderr.trim().split('\n').slice(-5).join('\n')}`);
}

/**
 * Makes sure every package is installed. Packages already there cost one dpkg-query.
 * Throws an Error naming the missing packages when they cannot be installed.
 */
export async function ensurePackages(pkgs: string[], progress: (m: string) => void): Promise<void> {
  const missing: string[] = [];
  for (const pkg of pkgs) if (!(await isInstalled(pkg))) missing.push(pkg);
  if (missing.length === 0) return;
  const howto = `install them with: sudo apt-get install -y ${missing.join(' ')}`;
  if (!existsSync('/usr/bin/apt-get')) throw new Error(`missing packages ${missing.join(', ')} and this machine has no apt-get; ${howto} (or your distribution's equivalent).`);
  if ((await privilege()).kind === 'none') throw new Error(`missing packages ${missing.join(', ')} and modleak is neither root nor allowed passwordless sudo; ${howto}`);
  progress(`installing ${missing.join(' ')}`);
  const install = () => runAsRoot('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { timeoutMs: 1_800_000 });
  let r = await install();
  if (r.code !== 0 && !updatedThisProcess) {
    await aptUpdate(progress);
    r = await install();
  }
  if (r.code !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed (exit ${r.code}):\n${r.stderr.trim().split('\n').slice(-5).join('\n')}`);
}

/** Which package provides a program modleak needs, for messages and installs. */
export const TOOL_PACKAGES: Record<string, string> = {
  'qemu-system-x86_64': 'qemu-system-x86',
  busybox: 'busybox-static',
  cpio: 'cpio',
  depmod: 'kmod',
  ld: 'binutils',
  make: 'make',
  gcc: 'gcc',
  zstd: 'zstd',
  xz: 'xz-utils',
  lz4: 'lz4',
};

/** Where kmod's depmod lives on Debian: not on a normal user's PATH. */
const SBIN_DIRS = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

/** The program's full path from PATH (then the sbin directories), without starting it. */
export function programPath(program: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '/usr/bin:/bin').split(':').filter(Boolean), ...SBIN_DIRS];
  for (const dir of dirs) {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return join(dir, program);
    } catch {
      /* next */
    }
  }
  return undefined;
}

export function hasProgram(program: string): boolean {
  return programPath(program) !== undefined;
}

/** Installs the packages of the programs that are not on PATH. */
export async function ensurePrograms(programs: string[], progress: (m: string) => void): Promise<void> {
  const pkgs = new Set<string>();
  for (const p of programs) if (!hasProgram(p)) pkgs.add(TOOL_PACKAGES[p] ?? p);
  if (pkgs.size === 0) return;
  await ensurePackages([...pkgs], progress);
  const still = programs.filter((p) => !hasProgram(p));
  if (still.length > 0) {
    throw new Error(`${still.join(', ')} not found on PATH (${process.env.PATH ?? ''}) although the package(s) ${[...new Set(still.map((p) => TOOL_PACKAGES[p] ?? p))].join(', ')} are installed; put their directory (usually /usr/bin) on PATH.`);
  }
}
