// The run's GitHub context, read from the environment and the event file when run()
// starts (not at import time, as @actions/github's `context` does).
import { readFileSync } from 'node:fs';

export interface GitHubContext {
  serverUrl: string;
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
  const payload = readEvent(env.GITHUB_EVENT_PATH);
  const [owner, repo] = (env.GITHUB_REPOSITORY || payload?.repository?.full_name || '').split('/');
  const pullRequest = pullRequestOf(payload, env);
  const sha = pullRequest?.headSha || env.GITHUB_SHA || undefined;
  return {
    serverUrl: (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, ''),
    ...(owner && repo ? { owner, repo } : {}),
    eventName: env.GITHUB_EVENT_NAME ?? '',
    job: env.GITHUB_JOB ?? 'job',
    ...(env.GITHUB_RUN_ID ? { runId: env.GITHUB_RUN_ID } : {}),
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    ...(pullRequest ? { pullRequest } : {}),
    ...(sha ? { sha } : {}),
  };
}

/** From the event payload; failing that, from a pull request ref (refs/pull/N/merge). */
function pullRequestOf(payload: EventPayload | undefined, env: NodeJS.ProcessEnv): GitHubContext['pullRequest'] {
  const pr = payload?.pull_request;
  if (pr && typeof pr.number === 'number') {
    return {
      number: pr.number,
      headSha: String(pr.head?.sha ?? env.GITHUB_SHA ?? ''),
      fromFork: Boolean(pr.head?.repo && pr.base?.repo && pr.head.repo.full_name !== pr.base.repo.full_name),
    };
  }
  const fromRef = /^refs\/pull\/(\d+)\/(?:merge|head)$/.exec(env.GITHUB_REF ?? '');
  if (fromRef && (env.GITHUB_EVENT_NAME ?? '').startsWith('pull_request')) {
    return { number: Number(fromRef[1]), headSha: env.GITHUB_SHA ?? '', fromFork: false };
  }
  return undefined;
}

interface EventPayload {
  repository?: { full_name?: string };
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
