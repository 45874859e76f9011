// Octokit for the Action: REST methods and pagination from @actions/github, plus
// retry (5xx and network errors, with backoff) and throttling (rate limits).
import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface GitHubClientOptions {
  baseUrl: string;
  /** Base of the retry backoff (delay = base × retry²); 1000 ms in production, small in tests. */
  retryAfterBaseMs?: number;
  /** Told about each rate-limit wait. */
  onLimit?: (message: string) => void;
}

export function createGitHubClient(token: string, options: GitHubClientOptions): GitHubClient {
  const onLimit = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    options.onLimit?.(`GitHub ${kind} rate limit hit for ${request.method} ${request.url}; ${retryCount < 2 ? `retrying after ${retryAfter} s` : 'giving up'}.`);
    return retryCount < 2;
  };
  return getOctokit(token, {
    baseUrl: options.baseUrl,
    retry: { retryAfterBaseValue: options.retryAfterBaseMs ?? 1000 },
    throttle: { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary') },
  }, retry, throttling);
}
