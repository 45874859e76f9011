// The Action's entry (bundled to dist/index.js): run the Action with the real world.
import * as core from '@actions/core';
import { run } from './action/main.js';
import { realDeps } from './action/real-deps.js';

run(realDeps()).catch((e: unknown) => core.setFailed(`modleak failed unexpectedly: ${e instanceof Error ? e.stack ?? e.message : String(e)}`));
