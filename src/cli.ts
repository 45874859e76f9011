#!/usr/bin/env node
import { runCli } from './cli/main.js';

// A reader that stops early (`| head`, `| true`) closes the pipe: the rest of the report
// is not wanted then, but the exit status (the gate) still is.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
