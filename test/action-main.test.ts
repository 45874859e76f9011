import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { DefaultArtifactClient } from '@actions/artifact';
import { run } from '../src/action/main.js';
import type { ActionCore, ActionDeps, RunOutcome } from '../src/action/deps.js';
import { createGitHubClient } from '../src/action/github-client.js';
import { analyzeLogs } from '../src/analyze.js';
import { FakeGitHub, readZip } from './support/fake-github.js';
import { FIXTURES, makeWorkspace, readOutputs, type Workspace } from './fixtures/action/harness.js';
import { leakyReport } from './fixtures/action/reports.js';
import { mkdir, writeFile } from 'node:fs/promises';

// core.summary remembers the first GITHUB_STEP_SUMMARY it saw: one file for the whole suite.
const SUMMARY_FILE = path.join(os.tmpdir(), `modleak-action-summary-${process.pid}.md`);
const MARKER = '<!-- modleak:leaks:auto drivers/leaky -->';

interface Recorded {
  failed: string[];
  warnings: string[];
  warningAnnotations: { message: string; props: core.AnnotationProperties | undefined }[];
  errors: { message: string; props: core.AnnotationProperties | undefined }[];
  notices: string[];
  infos: string[];
}

let fake: FakeGitHub;
let savedEnv: NodeJS.ProcessEnv;
const workspaces: Workspace[] = [];

beforeAll(() => {
  savedEnv = { ...process.env };
});

afterEach(async () => {
  await fake?.stop();
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
  process.exitCode = undefined;
});

afterAll(() => {
  for (const w of workspaces) rmSync(w.dir, { recursive: true, force: true });
  rmSync(SUMMARY_FILE, { force: true });
});

async function startFake(options: ConstructorParameters<typeof FakeGitHub>[0] = {}): Promise<FakeGitHub> {
  fake = await new FakeGitHub(options).start();
  return fake;
}

/** Runs the Action once with real @actions/core outputs and summary, real Octokit and artifact client, against `fake`. */
async function runAction(inputs: Record<string, string>, extra: { event?: object | 'none'; eventName?: string; runModule?: ActionDeps['runModule'] } = {}) {
  const ws = makeWorkspace({
    apiUrl: fake.url,
    inputs: { 'github-token': 'ghs_test_token', comment: 'always', ...inputs },
    summaryFile: SUMMARY_FILE,
    ...(extra.event !== undefined ? { event: extra.event } : {}),
    ...(extra.eventName ? { eventName: extra.eventName } : {}),
  });
  workspaces.push(ws);
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key];
  Object.assign(process.env, ws.env);
  const rec: Recorded = { failed: [], warnings: [], warningAnnotations: [], errors: [], notices: [], infos: [] };
  const facade: ActionCore = {
    ...core,
    setFailed: (m) => void rec.failed.push(String(m)),
    warning: (m, props) => void (props ? rec.warningAnnotations.push({ message: String(m), props }) : rec.warnings.push(String(m))),
    error: (m, props) => void rec.errors.push({ message: String(m), props }),
    notice: (m) => void rec.notices.push(String(m)),
    info: (m) => void rec.infos.push(m),
    group: async (_name, fn) => fn(),
  };
  const deps: ActionDeps = {
    core: facade,
    env: process.env,
    runModule: extra.runModule ?? (async () => { throw new Error('runModule must not be called in log mode'); }),
    analyzeLogs,
    github: (token) => createGitHubClient(token, { baseUrl: fake.url, retryAfterBaseMs: 5 }),
    artifacts: () => new DefaultArtifactClient(),
  };
  await run(deps);
  return { ws, rec, outputs: readOutputs(ws.outputFile), summary: readFileSync(SUMMARY_FILE, 'utf8') };
}

const LEAKY = { 'working-directory': 'drivers/leaky', log: 'leaky-records.log', leg: 'auto drivers/leaky' };
const CLEAN = { ...LEAKY, log: 'clean-records.log' };

describe('run() against a loopback GitHub', () => {
  it('posts the first comment, sets outputs first, uploads the artifact and fails the gate with the budgets exceeded', async () => {
    await startFake();
    const { rec, outputs, summary } = await runAction(LEAKY);

    expect(outputs).toMatchObject({ status: 'ok', leaks: '3', 'leaked-bytes': '262', 'bad-frees': '1' });
    expect(outputs['report-path']).toMatch(/report\.json$/);
    const report = JSON.parse(readFileSync(outputs['report-path']!, 'utf8'));
    expect(report.summary.leakedObjects).toBe(3);

    const comments = fake.commentsOn(7);
    expect(comments).toHaveLength(1);
    const body = comments[0]!.body;
    expect(body.startsWith('<!-- modleak:leaks:auto drivers/leaky -->\n')).toBe(true);
    expect(body).toContain('[leaky.c:42](https://github.com/octo/driver/blob/0123456789abcdef0123456789abcdef01234567/drivers/leaky/leaky.c#L42)');
    expect(body).toContain('**Double free** of <code>ffff888003a1b400</code>');
    expect(body).toContain('- 3 leaked object\\(s\\) exceed max-leaks 0 by 3');
    expect(body).toContain(`[modleak-report-auto-drivers-leaky](https://github.com/octo/driver/actions/runs/4242/artifacts/${outputs['artifact-id']})`);
    expect(fake.requests.find((r) => r.path.startsWith('/repos/'))?.authorization).toBe('token ghs_test_token');

    expect(fake.artifacts).toHaveLength(1);
    const artifact = fake.artifacts[0]!;
    expect(artifact).toMatchObject({ name: 'modleak-report-auto-drivers-leaky', workflowRunBackendId: 'run-backend-1', workflowJobRunBackendId: 'job-backend-1' });
    expect(artifact.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(outputs['artifact-id']).toBe(String(artifact.id));
    const entries = readZip(artifact.zip);
    expect(entries.map((e) => e.name).sort()).toEqual(['records.log', 'report.json', 'report.md', 'report.sarif']);
    const sarif = JSON.parse(entries.find((e) => e.name === 'report.sarif')!.data.toString());
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId).sort()).toEqual(['double-free', 'leak', 'leak']);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('drivers/leaky/leaky.c');

    expect(summary).toContain('### modleak report: auto drivers/leaky');
    expect(summary).toContain('**Gate:** failed:');
    expect(rec.errors.map((e) => e.props?.file)).toContain('drivers/leaky/leaky.c');
    expect(rec.errors.find((e) => e.message.startsWith('Double free'))?.props).toMatchObject({ file: 'drivers/leaky/leaky.c', startLine: 61 });
    expect(rec.failed).toEqual(['modleak: 3 leaked object(s) exceed max-leaks 0 by 3; 1 bad free(s) exceed max-bad-frees 0 by 1']);
    expect(rec.warnings).toEqual([]);
  });

  it('keeps a comment for thousands of leak sites under 65,536 characters, pointing at the artifact', async () => {
    await startFake();
    const ws = path.join(os.tmpdir(), `modleak-many-${process.pid}.log`);
    const lines = ['12,0,1,-;modleak1 big BEGIN'];
    for (let i = 0; i < 4000; i++) lines.push(`7,${i + 1},2,-;modleak1 big A kmalloc ffff8880${(0x1000000 + i * 64).toString(16).padStart(8, '0')} 64 big_module_with_long_name/src/file_${i}.c:${i + 1} function_with_a_rather_long_name_${i}`);
    lines.push('12,4001,3,-;modleak1 big END');
    await writeFile(ws, lines.join('\n') + '\n');
    const { outputs, summary } = await runAction({ log: ws, leg: 'big' });
    rmSync(ws);
    expect(outputs.leaks).toBe('4000');
    const body = fake.commentsOn(7)[0]!.body;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body.length).toBeGreaterThan(30_000);
    expect(body).toContain('the full report is in the modleak-report-big artifact');
    expect(summary.length).toBeGreaterThan(body.length);
    expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(1024 * 1024);
    expect(outputs['sarif-path']).toMatch(/report\.sarif$/);
  });

  it('analyzes a real machine\'s dmesg (no BEGIN/END markers) with require-end: false, only the modules asked for', async () => {
    await startFake();
    const log = path.join(os.tmpdir(), `modleak-dmesg-${process.pid}.log`);
    await writeFile(log, [
      '[    0.000000] Linux version 6.1.0-56-cloud-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.158-1 (2025-11-09)',
      '[   12.100000] leaky: loading out-of-tree module taints kernel.',
      '[   12.200000] modleak1 leaky A kmalloc ffff888003a1b200 128 leaky.c:42 leaky_init',
      '[   12.200100] modleak1 leaky A kzalloc ffff888003a1b400 64 leaky.c:40 leaky_init',
      '[   12.200200] modleak1 other A kmalloc ffff888003b00000 4096 other.c:7 other_init',
      '[   13.300000] modleak1 leaky F kfree ffff888003a1b400 leaky.c:58 leaky_exit',
      '',
    ].join('\n'));
    const { outputs, rec } = await runAction({ 'working-directory': 'drivers/leaky', log, 'require-end': 'false', modules: 'leaky\n' });
    expect(outputs).toMatchObject({ status: 'ok', leaks: '1', 'leaked-bytes': '128', 'bad-frees': '0' });
    expect(JSON.parse(readFileSync(outputs['report-path']!, 'utf8')).modules).toEqual(['leaky']);
    expect(rec.infos).toContain(`Analyzing ${log} (only module(s) leaky; no END marker required)`);
    expect(rec.failed).toEqual(['modleak: 1 leaked object(s) exceed max-leaks 0 by 1']);
    // The same log with the default (require-end: true) is incomplete: without markers nothing says the test finished.
    const { outputs: strict } = await runAction({ 'working-directory': 'drivers/leaky', log, 'require-end': 'true' });
    rmSync(log);
    expect(strict.status).toBe('incomplete');
  });

  it('updates its own comment in place among more than 100 comments, ignoring look-alikes by others', async () => {
    await startFake({ userLogin: 'modleak-bot' });
    for (let i = 0; i < 130; i++) fake.addComment(7, `chatter ${i}`, 'someone');
    fake.addComment(7, `${MARKER}\nquoted by a human`, 'someone');
    const mine = fake.addComment(7, `${MARKER}\nold report`, 'modleak-bot');
    for (let i = 0; i < 20; i++) fake.addComment(7, `later ${i}`, 'someone');
    fake.options.commenterLogin = 'modleak-bot';

    const { rec } = await runAction({ ...CLEAN, 'max-leaks': '5' });

    expect(fake.commentsOn(7)).toHaveLength(152);
    expect(mine.body).toContain(':white_check_mark: **No leaks and no bad frees**');
    expect(fake.comments.find((c) => c.body.includes('quoted by a human'))).toBeDefined();
    const listed = fake.requests.filter((r) => r.method === 'GET' && r.path.includes('/issues/7/comments'));
    expect(listed.map((r) => new URL(r.path, fake.url).searchParams.get('page') ?? '1')).toEqual(['1', '2']);
    expect(fake.requests.filter((r) => r.method === 'POST' && r.path.includes('/comments'))).toHaveLength(0);
    expect(rec.failed).toEqual([]);
  });

  it('when GET /user is refused, updates a bot-authored comment with the marker but never a person\'s', async () => {
    await startFake();
    const planted = fake.addComment(7, `${MARKER}\nplanted by a person`, 'mallory');
    const app = fake.addComment(7, `${MARKER}\nold report`, 'modleak-app[bot]');
    await runAction({ ...CLEAN });
    expect(fake.commentsOn(7)).toHaveLength(2);
    expect(app.body).toContain('No leaks and no bad frees');
    expect(planted.body).toBe(`${MARKER}\nplanted by a person`);
  });

  it('a second run updates the same comment (GITHUB_TOKEN: /user is 403, author github-actions[bot])', async () => {
    await startFake();
    await runAction(LEAKY);
    const first = fake.commentsOn(7);
    expect(first).toHaveLength(1);
    const { rec } = await runAction({ ...CLEAN });
    expect(fake.commentsOn(7)).toHaveLength(1);
    expect(fake.commentsOn(7)[0]!.body).toContain('No leaks and no bad frees');
    expect(fake.requests.some((r) => r.path === '/user' && r.status === 403)).toBe(true);
    expect(rec.failed).toEqual([]);
  });

  it('turns a fork token 403 into a warning pointing at the workflow_run recipe, without failing the check', async () => {
    await startFake({ readOnly: true });
    const event = JSON.parse(readFileSync(path.join(FIXTURES, 'pull_request_fork.json'), 'utf8'));
    const { rec, summary } = await runAction({ ...LEAKY, 'max-leaks': '10', 'max-bad-frees': '1' }, { event });
    expect(fake.commentsOn(7)).toHaveLength(0);
    expect(rec.warnings).toHaveLength(1);
    expect(rec.warnings[0]).toMatch(/could not comment on pull request #7: GitHub answered 403/);
    expect(rec.warnings[0]).toContain("This pull request comes from a fork, and a fork's GITHUB_TOKEN is read-only");
    expect(rec.warnings[0]).toContain('workflow_run');
    expect(summary).toContain('#### Leaks by call site');
    // Within budget, leaks are warning annotations, not errors.
    expect(rec.warningAnnotations.map((a) => a.props?.startLine).sort()).toEqual([42, 50]);
    expect(rec.failed).toEqual([]);
  });

  it('retries a 502 from the API and then succeeds', async () => {
    await startFake();
    fake.failures.push({ method: 'POST', path: /\/issues\/7\/comments$/, status: 502, times: 1 });
    fake.failures.push({ method: 'GET', path: /\/issues\/7\/comments$/, status: 502, times: 1 });
    const { rec } = await runAction({ ...CLEAN });
    expect(fake.commentsOn(7)).toHaveLength(1);
    expect(fake.requests.filter((r) => r.status === 502)).toHaveLength(2);
    expect(rec.warnings).toEqual([]);
  });

  it('warns, and does not fail the check, when the API keeps failing', async () => {
    await startFake();
    fake.failures.push({ method: 'POST', path: /\/issues\/7\/comments$/, status: 503, times: 10 });
    const { rec } = await runAction({ ...CLEAN });
    expect(fake.requests.filter((r) => r.status === 503).length).toBe(4);
    expect(rec.warnings).toHaveLength(1);
    expect(rec.warnings[0]).toMatch(/could not comment on pull request #7 \(HTTP 503, after retries\)/);
    expect(rec.failed).toEqual([]);
  });

  it('a failed artifact upload is a warning, and the summary still holds the report', async () => {
    await startFake();
    fake.failures.push({ method: 'POST', path: /CreateArtifact$/, status: 400, times: 1, message: 'invalid argument' });
    const { rec, outputs, summary } = await runAction({ ...CLEAN });
    expect(outputs['artifact-id']).toBeUndefined();
    expect(outputs.status).toBe('ok');
    expect(rec.warnings).toHaveLength(1);
    expect(rec.warnings[0]).toMatch(/could not upload the report artifact 'modleak-report-auto-drivers-leaky'/);
    expect(summary).toContain('No leaks and no bad frees');
    expect(summary).toContain('**Artifact:** upload failed');
    expect(rec.failed).toEqual([]);
  });

  it('comment: on-failure does not comment on a clean run but turns an old comment into "now clean"', async () => {
    await startFake();
    await runAction({ ...CLEAN, comment: 'on-failure' });
    expect(fake.commentsOn(7)).toHaveLength(0);
    await runAction({ ...LEAKY, comment: 'on-failure' });
    expect(fake.commentsOn(7)).toHaveLength(1);
    await runAction({ ...CLEAN, comment: 'on-failure' });
    expect(fake.commentsOn(7)).toHaveLength(1);
    expect(fake.commentsOn(7)[0]!.body).toContain('No leaks and no bad frees');
  });

  it('comments from a workflow_run (fork recipe) on the pull request and commit named by the inputs', async () => {
    await startFake();
    const headSha = 'b'.repeat(40);
    const event = { action: 'completed', workflow_run: { id: 99, event: 'pull_request', head_sha: headSha, conclusion: 'success' } };
    const { rec } = await runAction({ ...LEAKY, 'pull-request': '7', 'head-sha': headSha }, { event, eventName: 'workflow_run' });
    const comments = fake.commentsOn(7);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(`https://github.com/octo/driver/blob/${headSha}/drivers/leaky/leaky.c#L42`);
    expect(rec.failed).toHaveLength(1);
  });

  it('does not comment on a push event, and still writes the summary', async () => {
    await startFake();
    const { summary, rec } = await runAction({ ...CLEAN }, { event: { ref: 'refs/heads/main' }, eventName: 'push' });
    expect(fake.requests.filter((r) => r.path.startsWith('/repos/'))).toHaveLength(0);
    expect(summary).toContain('No leaks and no bad frees');
    expect(rec.infos.some((m) => m.includes("Event 'push' is not for a pull request"))).toBe(true);
  });

  it('rejects an invalid input with a message naming the input, the value and what is accepted', async () => {
    await startFake();
    const { rec, outputs, summary } = await runAction({ ...LEAKY, 'max-leaks': 'many' });
    expect(rec.failed).toEqual(["Input 'max-leaks' has value 'many'; expected a whole number, 0 or more."]);
    expect(summary).toContain(":x: Input 'max-leaks' has value 'many'; expected a whole number, 0 or more.");
    expect(outputs).toEqual({ status: 'error' });
    expect(fake.requests).toHaveLength(0);
  });

  it('fails the step with the runner\'s message when the settings are unusable', async () => {
    await startFake();
    const runModule = async (): Promise<RunOutcome> => { throw new Error('drivers/leaky has neither a Kbuild nor a Makefile; modleak builds modules with kbuild'); };
    const { rec, outputs, summary } = await runAction({ module: 'drivers/leaky' }, { runModule });
    expect(rec.failed).toEqual(['modleak could not run: drivers/leaky has neither a Kbuild nor a Makefile; modleak builds modules with kbuild']);
    expect(outputs).toEqual({ status: 'error' });
    expect(summary).toContain('modleak could not run');
  });

  it('fails the check for a run that did not finish, with the status in the message (run mode, injected runner)', async () => {
    await startFake();
    const runModule = async (settings: { outDir: string; moduleDir: string }): Promise<RunOutcome> => {
      const report = leakyReport();
      report.status = 'timeout';
      report.statusReason = 'the guest did not power off within 600 s';
      await mkdir(settings.outDir, { recursive: true });
      const files = { reportJson: path.join(settings.outDir, 'report.json'), reportMd: path.join(settings.outDir, 'report.md'), consoleLog: path.join(settings.outDir, 'console.log'), recordLog: path.join(settings.outDir, 'records.log') };
      await writeFile(files.reportJson, JSON.stringify(report));
      await writeFile(files.reportMd, '# report\n');
      await writeFile(files.consoleLog, 'console\n');
      await writeFile(files.recordLog, 'records\n');
      expect(settings.moduleDir).toMatch(/drivers\/leaky$/);
      return { report, files };
    };
    const { rec, outputs } = await runAction({ module: 'drivers/leaky', kernel: 'debian:6.12', 'max-leaks': '100', 'max-bad-frees': '100' }, { runModule });
    expect(outputs.status).toBe('timeout');
    expect(rec.failed).toEqual(['modleak: the run did not finish cleanly (status timeout): the guest did not power off within 600 s']);
    expect(readZip(fake.artifacts[0]!.zip).map((e) => e.name).sort()).toEqual(['console.log', 'records.log', 'report.json', 'report.md', 'report.sarif']);
    expect(fake.artifacts[0]!.name).toBe('modleak-report-debian-6.12-drivers-leaky');
    expect(fake.commentsOn(7)[0]!.body.startsWith('<!-- modleak:leaks:debian:6.12 drivers/leaky -->')).toBe(true);
  });
});
