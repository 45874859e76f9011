import { createHash, randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { decompressInPlace } from './decompress.js';
import { execCommand } from './exec.js';
import { isStaticExecutable } from './elf.js';
import { renderBaseInit, renderRunScript } from './init-script.js';
import type { KernelInfo } from './kernel.js';
import { moduleDepends, moduleName, readModuleIndex, resolveLoadOrder, userLoadOrder } from './modules-dep.js';

// Two cpio archives. The base initramfs (static busybox, the streamer, the transport
// modules from the kernel's modules.dep, /init) depends only on the kernel and is
// cached; the guest boots from it while the module builds. The payload (the module,
// its dependencies, the test script, run.sh) follows over a virtio-serial port.

export const BUSYBOX = '/bin/busybox';
/** virtio-serial needs these two; modules.dep says what else they pull in. */
const TRANSPORT = ['virtio_pci', 'virtio_console'];
const LAYOUT_VERSION = '2';

export interface BaseInitramfs {
  path: string;
  warnings: string[];
}

export async function baseInitramfs(kernel: KernelInfo, streamer: string, cacheDir: string): Promise<BaseInitramfs> {
  if (!isStaticExecutable(BUSYBOX)) throw new Error(`${BUSYBOX} is dynamically linked; the guest needs the static one: apt-get install busybox-static.`);
  const index = readModuleIndex(kernel.modulesDir);
  const transport = resolveLoadOrder(TRANSPORT, index);
  const warnings: string[] = [];
  if (transport.missing.length > 0 && kernel.modulesDir) {
    warnings.push(`the kernel has neither built in nor as modules: ${transport.missing.join(', ')}; records may have no way out of the guest.`);
  }
  const guestPaths = transport.load.map((rel) => `/lib/modleak/${basename(rel).replace(/\.(xz|zst|gz)$/, '')}`);
  const init = renderBaseInit(guestPaths);
  const bb = statSync(BUSYBOX);
  const key = createHash('sha256').update([LAYOUT_VERSION, kernel.release, kernel.modulesDir ?? '', basename(streamer), `${bb.size}:${bb.mtimeMs}`, init].join('\n')).digest('hex').slice(0, 16);
  const dir = join(cacheDir, 'initramfs');
  const path = join(dir, `base-${kernel.release}-${key}.cpio`);
  if (existsSync(path)) return { path, warnings };

  mkdirSync(dir, { recursive: true });
  const root = join(dir, `root-${key}-${process.pid}`);
  rmSync(root, { recursive: true, force: true });
  for (const d of ['bin', 'dev', 'proc', 'sys', 'tmp', 'lib/modleak']) mkdirSync(join(root, d), { recursive: true });
  copyFileSync(BUSYBOX, join(root, 'bin/busybox'));
  await linkApplets(join(root, 'bin'));
  copyFileSync(streamer, join(root, 'bin/modleak-guest'));
  chmodSync(join(root, 'bin/modleak-guest'), 0o755);
  for (const rel of transport.load) {
    const dest = join(root, 'lib/modleak', basename(rel));
    copyFileSync(join(kernel.modulesDir!, rel), dest);
    await decompressInPlace(dest); // busybox insmod wants a plain .ko
  }
  writeFileSync(join(root, 'init'), init, { mode: 0o755 });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeCpio(root, tmp);
  renameSync(tmp, path);
  rmSync(root, { recursive: true, force: true });
  return { path, warnings };
}

export interface PayloadRequest {
  kernel: KernelInfo;
  /** Built .ko files, in load order. */
  modules: string[];
  moduleParams: string;
  testScript?: string;
  testScriptTimeoutSec: number;
  /** Scratch dir; the archive is written to <workDir>/payload.cpio. */
  workDir: string;
}

export interface Payload {
  path: string;
  moduleNames: string[];
  warnings: string[];
  /** The run's id in run.sh's messages to the record log (init-script.ts). */
  runId: string;
}

export async function buildPayload(req: PayloadRequest): Promise<Payload> {
  const stage = join(req.workDir, 'payload-root');
  rmSync(stage, { recursive: true, force: true });
  for (const d of ['payload/modules', 'payload/deps']) mkdirSync(join(stage, d), { recursive: true });
  const warnings: string[] = [];
  const index = readModuleIndex(req.kernel.modulesDir);
  const userNames = req.modules.map(moduleName);
  const wanted: string[] = [];
  const userDepends = new Map<string, string[]>();
  for (const [i, ko] of req.modules.entries()) {
    const depends = moduleDepends(ko);
    const own = depends.filter((d) => userNames.includes(d));
    if (own.length > 0) userDepends.set(userNames[i]!, own);
    wanted.push(...depends.filter((d) => !own.includes(d)));
  }
  // One of the user's modules may use another's symbols: it loads after it, whatever obj-m's order.
  const userModules = userLoadOrder(req.modules, userDepends);
  const deps = resolveLoadOrder(wanted, index);
  if (deps.missing.length > 0) warnings.push(`the module depends on ${deps.missing.join(', ')}, which this kernel does not have as a module; insmod may fail.`);
  const transport = resolveLoadOrder(TRANSPORT, index).load;
  const depPaths: string[] = [];
  for (const rel of deps.load) {
    if (transport.includes(rel)) continue;
    const dest = join(stage, 'payload/deps', basename(rel));
    copyFileSync(join(req.kernel.modulesDir!, rel), dest);
    depPaths.push(`/payload/deps/${await decompressInPlace(dest)}`);
  }
  for (const ko of userModules) copyFileSync(ko, join(stage, 'payload/modules', basename(ko)));
  let testScript: string | undefined;
  if (req.testScript) {
    copyFileSync(req.testScript, join(stage, 'payload/test-script'));
    chmodSync(join(stage, 'payload/test-script'), 0o755);
    testScript = '/payload/test-script';
  }
  const modules = userModules.map((ko) => ({ name: moduleName(ko), file: basename(ko) }));
  const runId = randomBytes(8).toString('hex');
  writeFileSync(join(stage, 'payload/run.sh'), renderRunScript({
    modules, dependencies: depPaths, moduleParams: req.moduleParams, paramsModule: userNames[0], testScript, testScriptTimeoutSec: req.testScriptTimeoutSec,
    runId,
  }));
  const path = join(req.workDir, 'payload.cpio');
  await writeCpio(stage, path);
  return { path, moduleNames: modules.map((m) => m.name), warnings, runId };
}

/**
 * bin/<applet> -> busybox for every applet, made here rather than by `busybox --install`
 * in the guest, where it costs a tenth of a second of emulated boot. Best effort: /init
 * installs them itself when they are missing.
 */
async function linkApplets(bin: string): Promise<void> {
  const r = await execCommand(BUSYBOX, ['--list']);
  if (r.code !== 0) return;
  for (const name of r.stdout.split('\n').map((l) => l.trim())) {
    if (/^[\w.[-]+$/.test(name) && name !== 'busybox' && !existsSync(join(bin, name))) symlinkSync('busybox', join(bin, name));
  }
}

async function writeCpio(root: string, path: string): Promise<void> {
  rmSync(path, { force: true });
  const r = await execCommand('cpio', ['--quiet', '-o', '-H', 'newc', '-R', '0:0', '-O', path], { cwd: root, input: listTree(root).join('\n') + '\n' }, 'Install it: apt-get install cpio.');
  if (r.code !== 0) throw new Error(`cpio could not write ${path}: ${r.stderr.trim()}`);
}

function listTree(root: string, rel = '.'): string[] {
  const out: string[] = rel === '.' ? [] : [rel];
  for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
    const p = rel === '.' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) out.push(...listTree(root, p));
    else out.push(p);
  }
  return out;
}

export function checkExecutable(path: string): void {
  if (!existsSync(path)) throw new Error(`--test-script ${path} does not exist.`);
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`--test-script ${path} is not executable; run chmod +x ${path} (it runs inside the guest with busybox sh, so start it with #!/bin/sh).`);
  }
}
