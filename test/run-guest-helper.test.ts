import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testCacheDir } from './support/test-cache.js';
import { isStaticExecutable } from '../src/run/elf.js';
import { execCommand } from '../src/run/exec.js';
import { guestHelperBinary } from '../src/run/guest-helper.js';

// The helper's streamer mode needs the guest's /dev/kmsg and is exercised by every
// run in run-pipeline.test.ts; here the parts that work the same on the host.

const cacheDir = testCacheDir();

describe('guest helper', () => {
  it('is a static binary, compiled once per source version', async () => {
    const bin = await guestHelperBinary(cacheDir);
    expect(isStaticExecutable(bin)).toBe(true);
    expect(await guestHelperBinary(cacheDir)).toBe(bin);
  }, 60_000);

  it('--receive waits for a writer and copies exactly the announced length', async () => {
    const bin = await guestHelperBinary(cacheDir);
    const d = mkdtempSync(join(tmpdir(), 'modleak-helper-test-'));
    const fifo = join(d, 'port');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const payload = Buffer.alloc(300_000);
    for (let i = 0; i < payload.length; i++) payload[i] = (i * 7) & 0xff;
    const receiving = execCommand(bin, ['--receive', fifo, join(d, 'out')], { timeoutMs: 20_000 });
    // Like the virtio port before the host connects: the reader sees EOF and must keep waiting.
    await new Promise((r) => setTimeout(r, 300));
    writeFileSync(fifo, Buffer.concat([Buffer.from(`MODLEAK-PAYLOAD ${payload.length}\n`), payload, Buffer.from('trailing bytes are not read')]));
    const r = await receiving;
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(readFileSync(join(d, 'out')).equals(payload)).toBe(true);
  }, 30_000);

  it('--receive refuses a stream without the header', async () => {
    const bin = await guestHelperBinary(cacheDir);
    const d = mkdtempSync(join(tmpdir(), 'modleak-helper-test-'));
    writeFileSync(join(d, 'port'), 'hello\n');
    const r = await execCommand(bin, ['--receive', join(d, 'port'), join(d, 'out')], { timeoutMs: 20_000 });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('modleak-receive: expected "MODLEAK-PAYLOAD <length>", got "hello\n"\n');
  }, 30_000);

  it('--insmod reports a file the kernel will not load, with the reason', async () => {
    const bin = await guestHelperBinary(cacheDir);
    const d = mkdtempSync(join(tmpdir(), 'modleak-helper-test-'));
    const r = await execCommand(bin, ['--insmod', join(d, 'missing.ko')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`insmod: cannot open '${join(d, 'missing.ko')}': No such file or directory\n`);
  });

  it('prints its usage for unknown arguments', async () => {
    const r = await execCommand(await guestHelperBinary(cacheDir), ['just-one']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage:');
  });
});
