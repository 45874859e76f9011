// The real outside world for run(): @actions/core, the runner pipeline, the matcher,
// Octokit against GITHUB_API_URL, the artifact service and the Actions cache.
import * as core from '@actions/core';
import { DefaultArtifactClient } from '@actions/artifact';
import * as cache from '@actions/cache';
import { analyzeLogs } from '../analyze.js';
import { runModule } from '../run/pipeline.js';
import type { ActionDeps } from './deps.js';
import { createGitHubClient } from './github-client.js';

export function realDeps(env: NodeJS.ProcessEnv = process.env): ActionDeps {
  return {
    core,
    env,
    runModule,
    analyzeLogs,
    github: (token) => createGitHubClient(token, {
      baseUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
      onLimit: (message) => core.info(message),
    }),
    artifacts: () => new DefaultArtifactClient(),
    restoreCache: async (dir, key) => {
      if (!cache.isFeatureAvailable()) return false;
      try {
        return (await cache.restoreCache([dir], key)) !== undefined;
      } catch (e) {
        core.warning(`modleak could not restore the cache ${key}: ${(e as Error).message}; continuing without it.`);
        return false;
      }
    },
    saveCache: async (dir, key) => {
      if (!cache.isFeatureAvailable()) return;
      try {
        await cache.saveCache([dir], key);
      } catch (e) {
        core.info(`modleak did not save the cache ${key}: ${(e as Error).message}`);
      }
    },
  };
}
