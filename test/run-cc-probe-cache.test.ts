import { chmodSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testKernel } from './support/test-cache.js';
import { ccProbeCacheSourcePath, headerPath } from '../src/paths.js';
import { buildModule } from '../src/run/build.js';
import { probeCachingCompiler, savedCompiler } from '../src/run/cc-probe-cache.js';
import { compiledHelper } from '../src/run/compiled-helper.js';
import { execCommand } from '../src/run/exec.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'modleak-ccprobe-'));
const fixtures = join(import.meta.dirname, 'fixtures', 'cc-probe-cache');

describe('savedCompiler: the compiler command kbuild saved for an object', () => {
  it('reads 6.1 (cmd_) and 6.12 (savedcmd_) .o.cmd files, a ccache prefix, and nothing from a link command', () => {
    expect(savedCompiler(join(fixtures, 'debian-6.1'))).toBe('x86_64-linux-gnu-gcc-12');
    expect(savedCompiler(join(fixtures, 'debian-6.12'))).toBe('x86_64-linux-gnu-gcc-12');
    expect(savedCompiler(join(fixtures, 'ccache'))).toBe('ccache gcc-12');
  });

  it('gives up on a command that cannot be wrapped inside CC=, and on a missing dir', () => {
    expect(readFileSync(join(fixtures, 'quoted', '.a.o.cmd'), 'utf8')).toContain(":= 'my gcc' -Wp,-MMD,");
    expect(savedCompiler(join(fixtures, 'quoted'))).toBeUndefined();
    expect(savedCompiler('/nonexistent')).toBeUndefined();
  });
});

describe('the wrapper (host/cc-probe-cache.c)', () => {
  /** A stand-in compiler that logs each run and fails for -fbad. */
  function fakeCompiler(dir: string): { cc: string; runs: () => string[] } {
    const log = join(dir, 'runs.log');
    writeFileSync(log, '');
    const cc = join(dir, 'fakecc');
    writeFileSync(cc, `#!/bin/sh\nstdin=\ncase " $* " in *" - "*) stdin=$(cat) ;; esac\necho "$* [$stdin]" >> ${log}\ncase " $* " in *" -fbad "*) exit 1 ;; esac\nexit 0\n`);
    chmodSync(cc, 0o755);
    return { cc, runs: () => readFileSync(log, 'utf8').split('\n').filter(Boolean) };
  }

  it('answers a repeated probe from the cache, keyed by its arguments, stdin and the compiler file', async () => {
    const dir = scratch();
    const wrapper = await compiledHelper({ source: ccProbeCacheSourcePath(), flags: ['-O2', '-s'], hint: 'test' }, dir);
    const answers = join(dir, 'answers');
    await execCommand('mkdir', ['-p', answers, join(dir, 'm', '.tmp_1'), join(dir, 'm', '.tmp_2')]);
    const { cc, runs } = fakeCompiler(dir);
    const probe = (flag: string, tmp: string, input?: string) =>
      execCommand(wrapper, [answers, cc, '-Werror', flag, '-c', '-x', 'c', input === undefined ? '/dev/null' : '-', '-o', join(dir, 'm', tmp, 'tmp')], input === undefined ? {} : { input });

    expect((await probe('-fgood', '.tmp_1')).code).toBe(0);
    expect((await probe('-fbad', '.tmp_1')).code).toBe(1);
    expect(runs()).toHaveLength(2);
    // The same questions from another make (another .tmp_<pid>): answered, not run.
    expect((await probe('-fgood', '.tmp_2')).code).toBe(0);
    expect((await probe('-fbad', '.tmp_2')).code).toBe(1);
    expect(runs()).toHaveLength(2);
    // as-instr style: the question is on stdin.
    expect((await probe('-fgood', '.tmp_1', 'nop\n')).code).toBe(0);
    expect((await probe('-fgood', '.tmp_2', 'nop\n')).code).toBe(0);
    expect((await probe('-fgood', '.tmp_2', 'endbr64\n')).code).toBe(0);
    expect(runs().slice(2)).toEqual([expect.stringMatching(/ - -o .*\[nop\]$/), expect.stringMatching(/ - -o .*\[endbr64\]$/)]);
    // A changed compiler is asked again.
    utimesSync(cc, new Date(), new Date(Date.now() + 5000));
    expect((await probe('-fbad', '.tmp_1')).code).toBe(1);
    expect(runs()).toHaveLength(5);
    expect(readdirSync(answers)).toHaveLength(5);
  });

  it('runs everything that is not a probe, every time, with its exit status', async () => {
    const dir = scratch();
    const wrapper = await compiledHelper({ source: ccProbeCacheSourcePath(), flags: ['-O2', '-s'], hint: 'test' }, dir);
    const { cc, runs } = fakeCompiler(dir);
    for (let i = 0; i < 2; i++) {
      expect((await execCommand(wrapper, [dir, cc, '-c', '-o', join(dir, 'drv.o'), 'drv.c'])).code).toBe(0);
      expect((await execCommand(wrapper, [dir, cc, '-fbad', '-c', '-o', join(dir, 'drv.o'), 'drv.c'])).code).toBe(1);
    }
    expect(runs()).toHaveLength(4);
    const missing = await execCommand(wrapper, [dir, join(dir, 'no-such-cc'), '--version']);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toContain(`cannot run ${join(dir, 'no-such-cc')}`);
  });
});

describe('builds through the wrapper (Debian 6.1, real kbuild)', () => {
  it('learns the kernel\'s compiler from the first build; later builds give the same objects with the probes answered from the cache', async () => {
    const k = await testKernel('debian:6.1');
    const cacheDir = scratch();
    const module = join(import.meta.dirname, 'run-modules', 'quiet');
    expect(await probeCachingCompiler(k.buildDir, cacheDir)).toBeUndefined();

    const first = await buildModule(module, k.buildDir, headerPath(), join(cacheDir, 'b1'), { cacheDir });
    expect(first.ok).toBe(true);
    const cc = await probeCachingCompiler(k.buildDir, cacheDir);
    expect(cc).toMatch(/\/cc-probe-cache-[0-9a-f]{16} \S+\/cc-probes\/answers (x86_64-linux-gnu-)?gcc-12$/);
    const kernelCC = cc!.split(' ').slice(2).join(' ');

    const second = await buildModule(module, k.buildDir, headerPath(), join(cacheDir, 'b2'), { cacheDir });
    expect(second.ok).toBe(true);
    expect(second.log).toContain(`CC=${cc}`);
    const answers = readdirSync(join(cacheDir, 'cc-probes', 'answers'));
    expect(answers.length).toBeGreaterThan(10);

    const third = await buildModule(module, k.buildDir, headerPath(), join(cacheDir, 'b3'), { cacheDir });
    expect(third.ok).toBe(true);
    expect(readdirSync(join(cacheDir, 'cc-probes', 'answers')).sort()).toEqual(answers.sort());
    // The cached answers gave kbuild the very flags it chose itself: same command, same object.
    const command = (dir: string) => readFileSync(join(dir, '.quiet.o.cmd'), 'utf8').split('\n', 1)[0]!.replace(/^\S+ := */, '').replace(cc!, 'CC').replaceAll(dir, 'DIR');
    expect(command(join(cacheDir, 'b3'))).toBe(command(join(cacheDir, 'b1')).replace(kernelCC, 'CC'));
    expect(readFileSync(join(cacheDir, 'b3', 'quiet.o')).equals(readFileSync(join(cacheDir, 'b1', 'quiet.o')))).toBe(true);
  }, 300_000);
});
