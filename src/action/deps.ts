// What run() needs from the outside world, injected so tests drive it without a runner.
// src/action/real-deps.ts passes the real ones.
import type * as core from '@actions/core';
import type { AnalyzeOptions, LogInputs } from '../analyze.js';
import type { Report } from '../report/schema.js';
import type { RunHooks, RunOutcome, RunSettings } from '../run/pipeline.js';
import type { GitHubClient } from './github-client.js';

export type { RunHooks, RunOutcome, RunSettings };

export type ActionCore = Pick<typeof core,
  'getInput' | 'setOutput' | 'setFailed' | 'info' | 'warning' | 'error' | 'notice' | 'debug' | 'group' | 'summary'>;

export interface ArtifactUploader {
  uploadArtifact(name: string, files: string[], rootDirectory: string, options?: { retentionDays?: number }): Promise<{ id?: number; size?: number }>;
}

export interface ActionDeps {
  core: ActionCore;
  env: NodeJS.ProcessEnv;
  runModule: (settings: RunSettings, hooks: RunHooks) => Promise<RunOutcome>;
  analyzeLogs: (input: LogInputs, options: AnalyzeOptions) => Promise<Report>;
  github: (token: string) => GitHubClient;
  artifacts: () => ArtifactUploader;
  restoreCache?: RunHooks['restoreCache'];
  saveCache?: RunHooks['saveCache'];
}
