import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseModules, parsePairs, parseRequireEnd, readActionSettings } from '../src/action/input-helper.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let ws: string;

beforeAll(() => {
  ws = mkdtempSync(path.join(os.tmpdir(), 'modleak-inputs-'));
  mkdirSync(path.join(ws, 'drivers', 'leaky'), { recursive: true });
  writeFileSync(path.join(ws, 'drivers', 'leaky', 'Kbuild'), 'obj-m += leaky.o\n');
  writeFileSync(path.join(ws, 'kmsg.log'), '');
  writeFileSync(path.join(ws, 'supp.txt'), '');
});
afterAll(() => rmSync(ws, { recursive: true, force: true }));

function settings(inputs: Record<string, string>) {
  const read: string[] = [];
  const s = readActionSettings((name) => {
    read.push(name);
    return inputs[name] ?? '';
  }, { GITHUB_WORKSPACE: ws });
  return { s, read };
}
const fails = (inputs: Record<string, string>) => () => settings(inputs);

describe('readActionSettings', () => {
  it('applies the defaults and resolves paths against the workspace', () => {
    const { s } = settings({ module: 'drivers/leaky', 'github-token': 't' });
    expect(s).toEqual({
      mode: { kind: 'run', moduleDir: path.join(ws, 'drivers', 'leaky') },
      workingDirectory: ws,
      kernel: 'auto',
      timeoutSec: 600,
      budgets: { maxLeaks: 0, maxBadFrees: 0 },
      suppressionsFiles: [],
      pairs: [],
      comment: 'always',
      githubToken: 't',
      artifactName: 'modleak-report-auto-drivers-leaky',
      leg: 'auto drivers/leaky',
    });
  });

  it('reads every input action.yml declares, and no other', () => {
    const yml = readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
    const block = yml.slice(yml.indexOf('\ninputs:\n'), yml.indexOf('\noutputs:\n'));
    const declared = [...block.matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1]).sort();
    const { read } = settings({ log: 'kmsg.log', 'console-log': 'kmsg.log', 'max-leaked-bytes': '1', 'retention-days': '3' });
    expect([...new Set(read)].sort()).toEqual(declared);
  });

  it('takes a log, budgets, pairs and the other options', () => {
    const { s } = settings({
      log: 'kmsg.log', 'max-leaks': '2', 'max-leaked-bytes': '4096', 'max-bad-frees': '1', suppressions: 'supp.txt',
      pairs: 'osal_alloc:osal_free\n  pool_get:pool_put, a_new:a_del\n', comment: 'on-failure', 'retention-days': '7', timeout: '900',
      'artifact-name': 'leaks-6.1', leg: 'matrix 6.1', 'pull-request': '12', 'head-sha': 'c'.repeat(40),
    });
    expect(s).toMatchObject({ pullRequest: 12, headSha: 'c'.repeat(40) });
    expect(s.mode).toEqual({ kind: 'log', recordLog: path.join(ws, 'kmsg.log'), requireEndMarker: true, modules: [] });
    expect(s.budgets).toEqual({ maxLeaks: 2, maxLeakedBytes: 4096, maxBadFrees: 1 });
    expect(s.pairs).toEqual([{ alloc: 'osal_alloc', free: 'osal_free' }, { alloc: 'pool_get', free: 'pool_put' }, { alloc: 'a_new', free: 'a_del' }]);
    expect(s).toMatchObject({ suppressionsFiles: [path.join(ws, 'supp.txt')], comment: 'on-failure', retentionDays: 7, timeoutSec: 900, artifactName: 'leaks-6.1', leg: 'matrix 6.1' });
  });

  it('takes several suppressions files, one per line', () => {
    writeFileSync(path.join(ws, 'vendor.txt'), 'leak:osal_*\n');
    expect(settings({ log: 'kmsg.log', suppressions: 'supp.txt\n  vendor.txt \n\n' }).s.suppressionsFiles).toEqual([path.join(ws, 'supp.txt'), path.join(ws, 'vendor.txt')]);
    expect(() => settings({ log: 'kmsg.log', suppressions: 'supp.txt\nmissing.txt' })).toThrow(`Input 'suppressions' has value 'missing.txt', but ${path.join(ws, 'missing.txt')} does not exist`);
  });

  it('log mode has a leg independent of the log file name, so reruns find the same comment', () => {
    expect(settings({ log: 'kmsg.log' }).s).toMatchObject({ leg: 'log', artifactName: 'modleak-report-log' });
  });

  it('names the input, the value and what is accepted when a value is bad', () => {
    expect(fails({})).toThrow("Input required: set 'module'");
    expect(fails({ module: 'drivers/leaky', log: 'kmsg.log' })).toThrow("Inputs 'module' ('drivers/leaky') and 'log' ('kmsg.log') are both set; set exactly one");
    expect(fails({ module: 'nope' })).toThrow(`Input 'module' has value 'nope', but ${path.join(ws, 'nope')} does not exist`);
    expect(fails({ log: 'drivers' })).toThrow(`Input 'log' has value 'drivers', but ${path.join(ws, 'drivers')} is not a file`);
    expect(fails({ module: 'drivers/leaky', kernel: 'debian:5.10' })).toThrow("Input 'kernel' has value 'debian:5.10'; expected one of auto, debian:6.1, debian:6.12");
    expect(fails({ module: 'drivers/leaky', 'max-leaks': '-1' })).toThrow("Input 'max-leaks' has value '-1'; expected a whole number, 0 or more.");
    expect(fails({ module: 'drivers/leaky', 'max-leaked-bytes': '1.5' })).toThrow("Input 'max-leaked-bytes' has value '1.5'");
    expect(fails({ module: 'drivers/leaky', timeout: '0' })).toThrow("Input 'timeout' has value '0'; expected whole seconds from 1 to 21600");
    expect(fails({ module: 'drivers/leaky', 'retention-days': '91' })).toThrow("Input 'retention-days' has value '91'; expected a whole number of days from 1 to 90");
    expect(fails({ module: 'drivers/leaky', comment: 'yes' })).toThrow("Input 'comment' has value 'yes'; expected always, on-failure or never.");
    expect(fails({ module: 'drivers/leaky', pairs: 'osal_alloc->osal_free' })).toThrow("Input 'pairs' has entry 'osal_alloc->osal_free'; expected ALLOC:FREE");
    expect(fails({ module: 'drivers/leaky', 'artifact-name': 'a/b' })).toThrow(`Input 'artifact-name' has value 'a/b'; it may not contain "/"`);
    expect(fails({ log: 'kmsg.log', 'test-script': 'x.sh' })).toThrow("Input 'test-script' ('x.sh') only applies when 'module' is set");
    expect(fails({ module: 'drivers/leaky', suppressions: 'missing.supp' })).toThrow("Input 'suppressions' has value 'missing.supp'");
    expect(fails({ module: 'drivers/leaky', 'pull-request': '#7' })).toThrow("Input 'pull-request' has value '#7'; expected a pull request number (1 or more)");
    expect(fails({ module: 'drivers/leaky', 'pull-request': '0' })).toThrow("Input 'pull-request' has value '0'; expected a pull request number (1 or more)");
    expect(fails({ module: 'drivers/leaky', timeout: 'soon' })).toThrow("Input 'timeout' has value 'soon'; expected whole seconds from 1 to 21600");
    expect(fails({ module: 'drivers/leaky', 'max-leaks': '99999999999999999999' })).toThrow("Input 'max-leaks' has value '99999999999999999999'; expected a whole number, 0 or more.");
    expect(fails({ module: 'drivers/leaky', 'kernel-image': 'supp.txt' })).toThrow("Input 'kernel-image' is set but 'kernel-build-dir' is empty; expected both, from the same kernel");
    expect(fails({ module: 'drivers/leaky', 'kernel-build-dir': 'drivers' })).toThrow("Input 'kernel-build-dir' is set but 'kernel-image' is empty");
    expect(fails({ module: 'drivers/leaky', kernel: 'debian:6.12', 'kernel-image': 'supp.txt', 'kernel-build-dir': 'drivers' })).toThrow("Input 'kernel' has value 'debian:6.12' while 'kernel-image' and 'kernel-build-dir' are set; expected one or the other");
    expect(fails({ module: 'drivers/leaky', 'head-sha': 'main' })).toThrow("Input 'head-sha' has value 'main'; expected a full commit SHA");
    expect(fails({ module: 'leaky', 'working-directory': 'elsewhere' })).toThrow("Input 'working-directory' has value 'elsewhere'");
  });

  it('with a log: require-end false (a real machine\'s dmesg, no markers) and modules, one per line', () => {
    const { s } = settings({ log: 'kmsg.log', 'console-log': 'kmsg.log', 'require-end': 'false', modules: 'mydrv\n  my-helper \n\nmydrv\nmy_helper\n' });
    expect(s.mode).toEqual({ kind: 'log', recordLog: path.join(ws, 'kmsg.log'), consoleLog: path.join(ws, 'kmsg.log'), requireEndMarker: false, modules: ['mydrv', 'my-helper'] });
    // action.yml's default, and the spellings core.getBooleanInput takes.
    expect(settings({ log: 'kmsg.log', 'require-end': 'true' }).s.mode).toMatchObject({ requireEndMarker: true, modules: [] });
    expect(['', 'true', 'True', 'TRUE'].map(parseRequireEnd)).toEqual([true, true, true, true]);
    expect(['false', 'False', 'FALSE'].map(parseRequireEnd)).toEqual([false, false, false]);
    expect(parseModules('a, b c\n')).toEqual(['a', 'b', 'c']);
  });

  it('rejects a bad require-end or module name, saying what is expected', () => {
    expect(fails({ log: 'kmsg.log', 'require-end': 'no' })).toThrow(
      "Input 'require-end' has value 'no'; expected true (a log without an END marker is incomplete) or false (a log with no BEGIN/END markers, such as a real machine's dmesg, is analyzed as it is).",
    );
    expect(fails({ log: 'kmsg.log', modules: 'mydrv\nmydrv.ko' })).toThrow(
      "Input 'modules' has entry 'mydrv.ko'; expected a kernel module name (letters, digits, _ and -, without .ko), e.g. mydrv, one per line.",
    );
  });

  it('refuses require-end false and modules with module, where the guest writes the markers itself', () => {
    expect(fails({ module: 'drivers/leaky', 'require-end': 'false' })).toThrow(
      "Input 'require-end' ('false') only applies when 'log' is set; with 'module' modleak writes the BEGIN/END markers around the run itself. Remove 'require-end'.",
    );
    expect(fails({ module: 'drivers/leaky', modules: 'leaky\nother' })).toThrow(
      "Input 'modules' ('leaky, other') only applies when 'log' is set; with 'module' the report covers the modules the build produced. Remove 'modules'.",
    );
    // The default require-end (true) goes with module.
    expect(settings({ module: 'drivers/leaky', 'require-end': 'true' }).s.mode).toEqual({ kind: 'run', moduleDir: path.join(ws, 'drivers', 'leaky') });
  });

  it('falls back to GITHUB_TOKEN when github-token is empty', () => {
    const s = readActionSettings((name) => (name === 'module' ? 'drivers/leaky' : ''), { GITHUB_WORKSPACE: ws, GITHUB_TOKEN: 'ghs_env' });
    expect(s.githubToken).toBe('ghs_env');
  });

  it('parsePairs accepts an empty value', () => {
    expect(parsePairs('  \n')).toEqual([]);
  });
});
