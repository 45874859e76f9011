import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readGitHubContext } from '../src/action/github-context.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'modleak-ctx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function event(payload: object): string {
  const file = path.join(dir, `${Math.random()}.json`);
  writeFileSync(file, JSON.stringify(payload));
  return file;
}

describe('readGitHubContext', () => {
  it('takes the pull request number and head SHA from the event, and sees a fork', () => {
    const ctx = readGitHubContext({
      GITHUB_REPOSITORY: 'octo/driver', GITHUB_EVENT_NAME: 'pull_request', GITHUB_SHA: 'merge', GITHUB_JOB: 'leaks',
      GITHUB_EVENT_PATH: event({ pull_request: { number: 7, head: { sha: 'head', repo: { full_name: 'stranger/driver' } }, base: { repo: { full_name: 'octo/driver' } } } }),
    });
    expect(ctx).toMatchObject({ owner: 'octo', repo: 'driver', job: 'leaks', sha: 'head', pullRequest: { number: 7, headSha: 'head', fromFork: true } });
  });

  it('falls back to refs/pull/N/merge and to the payload repository when the env lacks them', () => {
    const ctx = readGitHubContext({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/12/merge', GITHUB_SHA: 'm', GITHUB_EVENT_PATH: event({ repository: { full_name: 'a/b' } }) });
    expect(ctx).toMatchObject({ owner: 'a', repo: 'b', pullRequest: { number: 12, headSha: 'm', fromFork: false } });
  });

  it('has no pull request on a push, and survives a missing or broken event file', () => {
    expect(readGitHubContext({ GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main', GITHUB_EVENT_PATH: path.join(dir, 'missing.json') }).pullRequest).toBeUndefined();
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{not json');
    expect(readGitHubContext({ GITHUB_EVENT_PATH: broken }).pullRequest).toBeUndefined();
  });
});
