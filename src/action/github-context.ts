// The run's GitHub context, read from the environment and the event file when run()
// starts (not at import time, as @actions/github's `context` does).
import { readFileSync } from 'node:fs';

export interface GitHubContext {
  serverUrl: string;
  apiUrl: string;
  owner?: string;
  repo?: string;
  eventName: string;
  job: string;
  runId?: string;
  workspace: string;
  /** The pull request this run is for, when the event carries one. */
  pullRequest?: { number: number; headSha: string; fromFork: boolean };
  /** The commit source links point at: the PR head, else GITHUB_SHA. */
  sha?: string;
}

export function readGitHubContext(env: NodeJS.ProcessEnv): GitHubContext {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const payload = readEvent(env.GITHUB_EVENT_PATH);
  const pr = payload?.pull_request;
  const pullRequest = pr && typeof pr.number === 'number'
    ? {
        number: pr.number,
        headSha: String(pr.head?.sha ?? env.GITHUB_SHA ?? ''),
        fromFork: Boolean(pr.head?.repo && pr.base?.repo && pr.head.repo.full_name !== pr.base.repo.full_name),
      }
    : undefined;
  const sha = pullRequest?.headSha || env.GITHUB_SHA || undefined;
  return {
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    ...(owner && repo ? { owner, repo } : {}),
    eventName: env.GITHUB_EVENT_NAME ?? '',
    job: env.GITHUB_JOB ?? 'job',
    ...(env.GITHUB_RUN_ID ? { runId: env.GITHUB_RUN_ID } : {}),
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    ...(pullRequest ? { pullRequest } : {}),
    ...(sha ? { sha } : {}),
  };
}

interface EventPayload {
  pull_request?: {
    number?: unknown;
    head?: { sha?: unknown; repo?: { full_name?: string } | null };
    base?: { repo?: { full_name?: string } | null };
  };
}

function readEvent(file: string | undefined): EventPayload | undefined {
  if (!file) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as EventPayload;
  } catch {
    return undefined;
  }
}
