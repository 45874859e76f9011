import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testCacheDir } from './support/test-cache.js';
import { headerPath } from '../src/paths.js';
import { buildModule } from '../src/run/build.js';
import { execCommand } from '../src/run/exec.js';
import { guestHelperBinary } from '../src/run/guest-helper.js';
import { renderBaseInit, renderRunScript } from '../src/run/init-script.js';
import { userLoadOrder } from '../src/run/modules-dep.js';
import { baseInitramfs, buildPayload } from '../src/run/initramfs.js';
import { resolveKernel } from '../src/run/kernel.js';
import { readModuleIndex, resolveLoadOrder } from '../src/run/modules-dep.js';

const cacheDir = testCacheDir();
const progress = () => undefined;

async function cpioList(path: string): Promise<string[]> {
  const r = await execCommand('cpio', ['-it', '--quiet', '-F', path]);
  expect(r.code).toBe(0);
  return r.stdout.trim().split('\n').sort();
}

describe('transport modules from the kernel\'s own modules.dep', () => {
  it('Debian 6.1 has virtio_console as a module: it and its dependencies load in order', async () => {
    const k = await resolveKernel({ kernel: 'debian:6.1', cacheDir, progress });
    const r = resolveLoadOrder(['virtio_pci', 'virtio_console'], readModuleIndex(k.modulesDir));
    expect(r.missing).toEqual([]);
    const names = r.load.map((p) => p.split('/').pop());
    expect(names[names.length - 1]).toBe('virtio_console.ko');
    expect(names.indexOf('virtio.ko')).toBeLessThan(names.indexOf('virtio_pci.ko'));
    expect(names.indexOf('virtio_ring.ko')).toBeLessThan(names.indexOf('virtio_console.ko'));
    expect(new Set(names).size).toBe(names.length);
  }, 600_000);

  it('Debian 6.12 has them built in: nothing to load, nothing missing', async () => {
    const k = await resolveKernel({ kernel: 'debian:6.12', cacheDir, progress });
    expect(resolveLoadOrder(['virtio_pci', 'virtio_console'], readModuleIndex(k.modulesDir))).toEqual({ load: [], missing: [] });
  }, 600_000);

  it('names a module the kernel does not have', () => {
    expect(resolveLoadOrder(['no_such_module'], { byName: new Map(), builtin: new Set() })).toEqual({ load: [], missing: ['no_such_module'] });
  });
});

describe('the user\'s own modules', () => {
  it('load after the ones they depend on, in obj-m order otherwise; a cycle is cut where it is met', () => {
    const kos = ['/b/dep_user.ko', '/b/other.ko', '/b/dep-lib.ko'];
    expect(userLoadOrder(kos, new Map([['dep_user', ['dep-lib']]]))).toEqual(['/b/dep-lib.ko', '/b/dep_user.ko', '/b/other.ko']);
    expect(userLoadOrder(kos, new Map())).toEqual(kos);
    expect(userLoadOrder(['/b/a.ko', '/b/b.ko'], new Map([['a', ['b']], ['b', ['a']]]))).toEqual(['/b/b.ko', '/b/a.ko']);
  });
});

describe('guest scripts', () => {
  it('parse under busybox sh', async () => {
    const d = mkdtempSync(join(tmpdir(), 'modleak-init-test-'));
    writeFileSync(join(d, 'init'), renderBaseInit(['/lib/modleak/virtio.ko']));
    writeFileSync(join(d, 'run.sh'), renderRunScript({ modules: [{ name: 'a', file: 'a.ko' }, { name: 'b', file: 'b.ko' }], dependencies: ['/payload/deps/x.ko'], moduleParams: "n=5 s='it''s'", testScript: '/payload/test-script', testScriptTimeoutSec: 20, runId: '0123abcd' }));
    for (const f of ['init', 'run.sh']) {
      const r = await execCommand('/bin/busybox', ['sh', '-n', join(d, f)]);
      expect({ f, code: r.code, stderr: r.stderr }).toEqual({ f, code: 0, stderr: '' });
    }
  });

  it('the parameters go to the module named for them, wherever the load order puts it', () => {
    const run = renderRunScript({ modules: [{ name: 'lib', file: 'lib.ko' }, { name: 'drv', file: 'drv.ko' }], dependencies: [], moduleParams: 'n=5', paramsModule: 'drv', testScriptTimeoutSec: 20, runId: '0123abcd' });
    expect(run).toContain("/bin/modleak-guest --insmod /payload/modules/drv.ko 'n=5' ");
    expect(run).toContain('/bin/modleak-guest --insmod /payload/modules/lib.ko 2>');
  });

  it('the streamer waits for the run\'s own message, written after every END (not for an END, which a test script could write)', () => {
    const run = renderRunScript({ modules: [{ name: 'a', file: 'a.ko' }, { name: 'b', file: 'b.ko' }], dependencies: [], moduleParams: '', testScriptTimeoutSec: 20, runId: '0123abcd' });
    expect(run).toContain(`/bin/modleak-guest "$recport" 'modleak-run 0123abcd done' &`);
    const done = run.lastIndexOf("echo 'modleak-run 0123abcd done' > /dev/kmsg");
    expect(done).toBeGreaterThan(run.lastIndexOf("echo 'modleak1 b END' > /dev/kmsg"));
    expect(run.lastIndexOf("echo 'modleak1 b END' > /dev/kmsg")).toBeGreaterThan(run.lastIndexOf("echo 'modleak1 a END' > /dev/kmsg"));
    // The record log says when the runner starts unloading: an END before that is not its own.
    const unloading = run.indexOf("echo 'modleak-run 0123abcd unloading' > /dev/kmsg");
    expect(unloading).toBeGreaterThan(run.indexOf('say "step: unloading"'));
    expect(unloading).toBeLessThan(run.indexOf('rmmod'));
    expect(run).not.toContain('test-script');
  });
});

describe('archives', () => {
  it('the base initramfs holds busybox, the helper, the transport modules unpacked, and /init; it is cached', async () => {
    const k = await resolveKernel({ kernel: 'debian:6.1', cacheDir, progress });
    const helper = await guestHelperBinary(cacheDir);
    const base = await baseInitramfs(k, helper, cacheDir);
    const files = await cpioList(base.path);
    expect(files).toEqual(expect.arrayContaining(['bin/busybox', 'bin/modleak-guest', 'init', 'lib/modleak/virtio_console.ko', 'lib/modleak/virtio_pci.ko']));
    expect(files.filter((f) => /\.(xz|zst|gz)$/.test(f))).toEqual([]);
    expect(base.warnings).toEqual([]);
    expect((await baseInitramfs(k, helper, cacheDir)).path).toBe(base.path);
  }, 600_000);

  it('the payload holds the module, the test script and run.sh', async () => {
    const k = await resolveKernel({ kernel: 'debian:6.1', cacheDir, progress });
    const work = mkdtempSync(join(tmpdir(), 'modleak-payload-test-'));
    const mod = join(import.meta.dirname, 'run-modules', 'quiet');
    const b = await buildModule(mod, k.buildDir, headerPath(), join(work, 'build'));
    expect(b.ok).toBe(true);
    const p = await buildPayload({ kernel: k, modules: b.modules, moduleParams: '', testScript: join(mod, 'fail.sh'), testScriptTimeoutSec: 10, workDir: work });
    expect(p.moduleNames).toEqual(['quiet']);
    expect(p.warnings).toEqual([]);
    expect(await cpioList(p.path)).toEqual(['payload', 'payload/deps', 'payload/modules', 'payload/modules/quiet.ko', 'payload/run.sh', 'payload/test-script']);
  }, 600_000);
});
