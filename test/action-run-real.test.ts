// The Action end to end with nothing injected but the GitHub endpoints: the real runner
// builds examples/leaky against Debian's 6.1 kernel, boots it in QEMU, and the Action
// publishes the findings to a loopback GitHub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '@actions/core';
import { DefaultArtifactClient } from '@actions/artifact';
import { run } from '../src/action/main.js';
import type { ActionCore } from '../src/action/deps.js';
import { createGitHubClient } from '../src/action/github-client.js';
import { analyzeLogs } from '../src/analyze.js';
import { runModule } from '../src/run/pipeline.js';
import { FakeGitHub, readZip, runtimeToken } from './support/fake-github.js';
import { FIXTURES, readOutputs } from './fixtures/action/harness.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HEAD = '0123456789abcdef0123456789abcdef01234567';

let fake: FakeGitHub;
let tmp: string;
const saved = { ...process.env };

beforeAll(async () => {
  fake = await new FakeGitHub().start();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'modleak-action-real-'));
});

afterAll(async () => {
  await fake.stop();
  rmSync(tmp, { recursive: true, force: true });
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  process.exitCode = undefined;
});

describe('the Action on examples/leaky (real build, real QEMU)', () => {
  it('reports the leaks, bad frees and the crash, comments with links at the head SHA and fails the check', async () => {
    const outputFile = path.join(tmp, 'output.txt');
    const summaryFile = path.join(tmp, 'summary.md');
    writeFileSync(outputFile, '');
    writeFileSync(summaryFile, '');
    mkdirSync(path.join(tmp, 'runner-temp'));
    for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key];
    Object.assign(process.env, {
      GITHUB_WORKSPACE: ROOT, GITHUB_REPOSITORY: 'octo/modleak', GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: path.join(FIXTURES, 'pull_request.json'),
      GITHUB_JOB: 'leaks', GITHUB_RUN_ID: '77', GITHUB_SERVER_URL: 'https://github.com', GITHUB_API_URL: fake.url,
      GITHUB_OUTPUT: outputFile, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: path.join(tmp, 'runner-temp'),
      ACTIONS_RUNTIME_TOKEN: runtimeToken('r', 'j'), ACTIONS_RESULTS_URL: fake.url,
      INPUT_MODULE: 'examples/leaky', INPUT_KERNEL: 'debian:6.1', 'INPUT_TEST-SCRIPT': 'examples/leaky/test.sh',
      'INPUT_GITHUB-TOKEN': 'ghs_x', INPUT_COMMENT: 'always', INPUT_TIMEOUT: '300', 'INPUT_MAX-LEAKS': '0', 'INPUT_MAX-BAD-FREES': '0',
    });
    const failed: string[] = [];
    const errors: { message: string; props?: core.AnnotationProperties }[] = [];
    const facade: ActionCore = {
      ...core,
      setFailed: (m) => void failed.push(String(m)),
      error: (m, props) => void errors.push({ message: String(m), ...(props ? { props } : {}) }),
      info: () => undefined,
      group: async (_n, fn) => fn(),
    };
    await run({
      core: facade, env: process.env, runModule, analyzeLogs,
      github: (token) => createGitHubClient(token, { baseUrl: fake.url, retryAfterBaseMs: 5 }),
      artifacts: () => new DefaultArtifactClient(),
    });

    const outputs = readOutputs(outputFile);
    expect(outputs).toMatchObject({ status: 'crashed', leaks: '7', 'leaked-bytes': '24657', 'bad-frees': '3' });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(/^modleak: the run did not finish cleanly \(status crashed\): .*kernel BUG at mm\/slub\.c.*; 7 leaked object\(s\) exceed max-leaks 0 by 7; 3 bad free\(s\) exceed max-bad-frees 0 by 3$/);

    const body = fake.commentsOn(7)[0]!.body;
    const blob = `https://github.com/octo/modleak/blob/${HEAD}/examples/leaky/leaky.c`;
    expect(body).toContain(`| [leaky.c:73](${blob}#L73) in <code>leaky\\_init</code> | <code>kmalloc</code> | 1 | 16384 | leaky |`);
    expect(body).toContain(`**Double free** of`);
    expect(body).toContain(`first freed by <code>kfree</code> at [leaky.c:98](${blob}#L98)`);
    expect(body).toMatch(/<details><summary>bug: kernel BUG at mm\/slub\.c:\d+!/);
    // docs/action.md's example comment is this body: MODLEAK_EXAMPLE_COMMENT=file saves it.
    if (process.env.MODLEAK_EXAMPLE_COMMENT) writeFileSync(process.env.MODLEAK_EXAMPLE_COMMENT, body);

    expect(errors.find((e) => e.message.startsWith('Double free'))?.props).toMatchObject({ file: 'examples/leaky/leaky.c', startLine: 99 });
    const names = readZip(fake.artifacts[0]!.zip).map((e) => e.name).sort();
    expect(names).toEqual(['console.log', 'records.log', 'report.json', 'report.md', 'report.sarif']);
    expect(readFileSync(summaryFile, 'utf8')).toContain('#### Kernel crash reports');
  }, 600_000);
});
