import { accessSync, constants, existsSync, mkdirSync, openSync, readSync, closeSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { release as osRelease } from 'node:os';
import { join } from 'node:path';
import { execCommand } from './exec.js';
import { ensureBackportsSource } from './apt-sources.js';
import { aptUpdate, ensurePackages, programPath, runAsRoot } from './install.js';

// Kernel providers: each yields an image to boot, the matching kbuild directory and,
// when the kernel has loadable modules, an unpacked /lib/modules/<release> tree.

export interface KernelInfo {
  release: string;
  image: string;
  buildDir: string;
  /** /lib/modules/<release> with modules.dep; undefined for a kernel with everything built in. */
  modulesDir?: string;
  /** Where it came from, for progress and the report. */
  origin: string;
}

export interface KernelRequest {
  kernel: string;
  kernelImage?: string;
  kernelBuildDir?: string;
  cacheDir: string;
  /** The running kernel's release, which `auto` looks for in /boot and /lib/modules (default os.release()). */
  hostRelease?: string;
  progress: (m: string) => void;
  restoreCache?: (dir: string, key: string) => Promise<boolean>;
  saveCache?: (dir: string, key: string) => Promise<void>;
}

export const KERNEL_CHOICES = ['auto', 'debian:6.1', 'debian:6.12'] as const;

/** The release string a bzImage carries (setup header: pointer at 0x20E, string at pointer + 0x200). */
export function imageRelease(image: string): string {
  const fd = openSync(image, 'r');
  try {
    const head = Buffer.alloc(0x10000);
    const n = readSync(fd, head, 0, head.length, 0);
    if (n < 0x210 || head.toString('latin1', 0x202, 0x206) !== 'HdrS') {
      throw new Error(`${image} is not an x86 bzImage (no "HdrS" setup header at 0x202); give a kernel image built for x86_64 (the file /boot/vmlinuz-* of that kernel).`);
    }
    const at = head.readUInt16LE(0x20e) + 0x200;
    const end = head.indexOf(0, at);
    const text = head.toString('latin1', at, end > at ? end : at + 128);
    const rel = text.split(' ')[0];
    if (!rel) throw new Error(`${image}: the setup header holds no kernel version string.`);
    return rel;
  } finally {
    closeSync(fd);
  }
}

/** The release a kbuild directory builds for (Debian's include/config/kernel.release holds the upstream version, utsrelease.h the real one). */
export function buildDirRelease(buildDir: string): string {
  const uts = join(buildDir, 'include/generated/utsrelease.h');
  if (existsSync(uts)) {
    const m = /UTS_RELEASE\s+"([^"]+)"/.exec(readFileSync(uts, 'utf8'));
    if (m) return m[1]!;
  }
  const rel = join(buildDir, 'include/config/kernel.release');
  if (existsSync(rel)) return readFileSync(rel, 'utf8').trim();
  throw new Error(`${buildDir} is not a prepared kernel build directory (no include/generated/utsrelease.h nor include/config/kernel.release); give the headers directory of the kernel, e.g. /lib/modules/<release>/build.`);
}

function readable(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

export function checkSameRelease(image: string, buildDir: string): string {
  const a = imageRelease(image);
  const b = buildDirRelease(buildDir);
  if (a !== b) {
    throw new Error(`the kernel image ${image} is release ${a} but the build directory ${buildDir} is release ${b}; a module built against one will not load into the other. Give the image and the build directory of the same kernel.`);
  }
  return a;
}

export async function resolveKernel(req: KernelRequest): Promise<KernelInfo> {
  if (req.kernelImage !== undefined || req.kernelBuildDir !== undefined) return userKernel(req);
  switch (req.kernel) {
    case 'auto':
      return (await hostKernel(req)) ?? debianKernel(req, '6.1');
    case 'debian:6.1':
      return debianKernel(req, '6.1');
    case 'debian:6.12':
      return debianKernel(req, '6.12');
    default:
      throw new Error(`--kernel ${req.kernel} is not a kernel modleak knows; expected one of ${KERNEL_CHOICES.join(', ')}, or --kernel-image FILE with --kernel-build-dir DIR.`);
  }
}

function userKernel(req: KernelRequest): KernelInfo {
  if (!req.kernelImage || !req.kernelBuildDir) {
    throw new Error(`--kernel-image and --kernel-build-dir go together (got only ${req.kernelImage ? '--kernel-image' : '--kernel-build-dir'}); give both, from the same kernel.`);
  }
  if (!readable(req.kernelImage)) throw new Error(`--kernel-image ${req.kernelImage} does not exist or is not readable.`);
  if (!existsSync(join(req.kernelBuildDir, 'Makefile'))) throw new Error(`--kernel-build-dir ${req.kernelBuildDir} has no Makefile; give a kernel build or headers directory (e.g. /lib/modules/<release>/build).`);
  const release = checkSameRelease(req.kernelImage, req.kernelBuildDir);
  const mods = `/lib/modules/${release}`;
  return { release, image: req.kernelImage, buildDir: req.kernelBuildDir, modulesDir: existsSync(join(mods, 'modules.dep')) ? mods : undefined, origin: 'user' };
}

/** The running kernel, when its image and kbuild dir are there (GitHub's Ubuntu runners). */
async function hostKernel(req: KernelRequest): Promise<KernelInfo | undefined> {
  const release = req.hostRelease ?? osRelease();
  const image = `/boot/vmlinuz-${release}`;
  const buildDir = `/lib/modules/${release}/build`;
  if (!existsSync(image) || !existsSync(join(buildDir, 'Makefile'))) return undefined;
  let bootable = image;
  if (!readable(image)) {
    // Ubuntu keeps /boot/vmlinuz-* root-only; a readable copy in the cache is enough.
    const copy = join(req.cacheDir, 'kernels', release, `vmlinuz-${release}`);
    if (!readable(copy)) {
      mkdirSync(join(req.cacheDir, 'kernels', release), { recursive: true });
      try {
        const r = await runAsRoot('install', ['-m', '0644', image, copy]);
        if (r.code !== 0) return undefined;
      } catch {
        return undefined;
      }
    }
    bootable = copy;
  }
  req.progress(`kernel: the host's own ${release}`);
  const mods = `/lib/modules/${release}`;
  return { release, image: bootable, buildDir, modulesDir: existsSync(join(mods, 'modules.dep')) ? mods : undefined, origin: 'host' };
}

const DEBIAN_META: Record<'6.1' | '6.12', string> = { '6.1': 'linux-image-cloud-amd64', '6.12': 'linux-image-6.12-cloud-amd64' };

async function aptDepends(pkg: string): Promise<string[] | undefined> {
  const r = await execCommand('apt-cache', ['depends', pkg]).catch(() => undefined);
  if (!r || r.code !== 0) return undefined;
  return [...r.stdout.matchAll(/^\s*Depends:\s*(\S+)/gm)].map((m) => m[1]!);
}

async function findDebianRelease(series: '6.1' | '6.12', progress: (m: string) => void): Promise<string | undefined> {
  const wanted = new RegExp(`^linux-image-(${series.replace('.', '\\.')}\\.[^ ]*-cloud-amd64)$`);
  const pick = (deps: string[] | undefined) => deps?.map((d) => wanted.exec(d)?.[1]).find((x) => x !== undefined);
  let rel = pick(await aptDepends(DEBIAN_META[series]));
  if (rel) return rel;
  if (series === '6.12') await ensureBackportsSource(progress);
  await aptUpdate(progress);
  rel = pick(await aptDepends(DEBIAN_META[series]));
  return rel;
}

async function debianKernel(req: KernelRequest, series: '6.1' | '6.12'): Promise<KernelInfo> {
  if (!existsSync('/usr/bin/apt-get')) {
    throw new Error(`--kernel debian:${series} needs apt (a Debian machine); this one has no apt-get. Use --kernel-image FILE --kernel-build-dir DIR for a kernel you have.`);
  }
  const cachedRelease = join(req.cacheDir, 'kernels', `debian-${series}.release`);
  // apt-cache takes seconds; its answer only changes when the package lists do.
  const fresh = cachedAnswer(cachedRelease);
  if (fresh) {
    const root = join(req.cacheDir, 'kernels', fresh, 'root');
    const buildDir = `/lib/modules/${fresh}/build`;
    if (existsSync(join(root, '.modleak-complete')) && existsSync(join(buildDir, 'Makefile'))) {
      req.progress(`kernel: Debian ${fresh} (cached)`);
      return { release: fresh, image: join(root, 'boot', `vmlinuz-${fresh}`), buildDir, modulesDir: join(root, 'lib', 'modules', fresh), origin: `debian:${series}` };
    }
  }
  let release = await findDebianRelease(series, req.progress).catch(() => undefined);
  if (!release && existsSync(cachedRelease)) release = readFileSync(cachedRelease, 'utf8').trim();
  if (!release) {
    throw new Error(`apt knows no Debian ${series} cloud kernel (package ${DEBIAN_META[series]}); debian:${series} needs a Debian bookworm apt source${series === '6.12' ? ' (bookworm-backports)' : ''}. On another distribution use --kernel auto or --kernel-image/--kernel-build-dir.`);
  }
  mkdirSync(join(req.cacheDir, 'kernels'), { recursive: true });
  writeFileSync(cachedRelease, release + '\n');
  req.progress(`kernel: Debian ${release}`);
  const buildDir = `/lib/modules/${release}/build`;
  if (!existsSync(join(buildDir, 'Makefile'))) await ensurePackages([`linux-headers-${release}`], req.progress);
  const root = await unpackedImage(req, release);
  const image = join(root, 'boot', `vmlinuz-${release}`);
  checkSameRelease(image, buildDir);
  return { release, image, buildDir, modulesDir: join(root, 'lib', 'modules', release), origin: `debian:${series}` };
}

function cachedAnswer(file: string): string | undefined {
  try {
    const lists = statSync('/var/lib/apt/lists').mtimeMs;
    const cached = statSync(file);
    return cached.mtimeMs > lists ? readFileSync(file, 'utf8').trim() || undefined : undefined;
  } catch {
    return undefined;
  }
}

/** The image package unpacked (never installed) under the cache dir, with modules.dep generated. */
async function unpackedImage(req: KernelRequest, release: string): Promise<string> {
  const root = join(req.cacheDir, 'kernels', release, 'root');
  const done = join(root, '.modleak-complete');
  const key = `modleak-kernel-${release}-v1`;
  if (existsSync(done)) return root;
  if (req.restoreCache && (await req.restoreCache(root, key)) && existsSync(done)) return root;
  // Per-process scratch names: two runs may fill the same cache at once.
  const work = join(req.cacheDir, 'kernels', release, `download-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  req.progress(`downloading linux-image-${release}`);
  const pkg = `linux-image-${release}`;
  let r = await execCommand('apt-get', ['download', pkg], { cwd: work, timeoutMs: 900_000 });
  if (r.code !== 0) {
    await aptUpdate(req.progress);
    r = await execCommand('apt-get', ['download', pkg], { cwd: work, timeoutMs: 900_000 });
  }
  if (r.code !== 0) throw new Error(`apt-get download ${pkg} failed (exit ${r.code}): ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
  const deb = readdirSync(work).find((f) => f.endsWith('.deb'));
  if (!deb) throw new Error(`apt-get download ${pkg} reported success but left no .deb in ${work}.`);
  const staging = `${root}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const x = await execCommand('dpkg-deb', ['-x', join(work, deb), staging]);
  if (x.code !== 0) throw new Error(`dpkg-deb -x ${deb} failed: ${x.stderr.trim()}`);
  const d = await execCommand(programPath('depmod') ?? 'depmod', ['-b', staging, release], {}, 'Install it: apt-get install kmod.');
  if (d.code !== 0) throw new Error(`depmod -b ${staging} ${release} failed: ${d.stderr.trim()}`);
  writeFileSync(join(staging, '.modleak-complete'), `${deb}\n`);
  rmSync(work, { recursive: true, force: true });
  if (existsSync(done)) {
    // Another run finished first and may be booting from it: keep theirs.
    rmSync(staging, { recursive: true, force: true });
    return root;
  }
  rmSync(root, { recursive: true, force: true });
  renameSync(staging, root);
  if (req.saveCache) await req.saveCache(root, key).catch((e: unknown) => req.progress(`could not save the kernel to the cache: ${String(e)}`));
  return root;
}
