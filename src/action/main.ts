// The Action, as a script of steps: settings -> report -> gate -> outputs -> SARIF,
// annotations, artifact, summary, comment -> fail the check when the gate says so.
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildAnnotations } from '../report/annotations.js';
import { gate, type Budgets } from '../report/gate.js';
import { escapeMarkdown } from '../report/markdown-escape.js';
import { buildSarif } from '../report/sarif.js';
import type { Report, Site } from '../report/schema.js';
import type { ActionDeps } from './deps.js';
import { readGitHubContext, type GitHubContext } from './github-context.js';
import { InputError, readActionSettings, slug, type ActionSettings } from './input-helper.js';
import { produceReport, type Produced } from './produce-report.js';
import { publishArtifact } from './publish-artifact.js';
import { commentOnPullRequest } from './publish-comment.js';
import { makeLocator, makeSourceUrl } from './source-links.js';
import { artifactLine, renderSummary } from './summary.js';

export async function run(deps: ActionDeps): Promise<void> {
  const { core } = deps;
  let settings: ActionSettings;
  try {
    settings = readActionSettings((name) => core.getInput(name), deps.env);
  } catch (e) {
    return stopEarly(deps, e instanceof InputError ? e.message : `modleak could not read its inputs: ${errorText(e)}`);
  }
  const ctx = withOverrides(readGitHubContext(deps.env), settings);
  const outDir = path.join(deps.env.RUNNER_TEMP || os.tmpdir(), 'modleak', slug(settings.artifactName));

  let produced: Produced;
  try {
    produced = await core.group(settings.mode.kind === 'run' ? 'Build, boot and exercise the module' : 'Analyze the log',
      () => produceReport(deps, settings, outDir));
  } catch (e) {
    return stopEarly(deps, `modleak could not run: ${errorText(e)}`);
  }
  const report = produced.report;
  const verdict = gate(report, settings.budgets);

  // Outputs first, so later steps see them whatever happens to publishing.
  core.setOutput('status', report.status);
  core.setOutput('leaks', String(report.summary.leakedObjects));
  core.setOutput('leaked-bytes', String(report.summary.leakedBytes));
  core.setOutput('bad-frees', String(report.summary.badFrees));
  core.setOutput('report-path', produced.reportJson);

  const sourceDir = settings.mode.kind === 'run' ? settings.mode.moduleDir : settings.workingDirectory;
  const locate = makeLocator(ctx.workspace, sourceDir);
  const sourceUrl = ctx.owner && ctx.repo && ctx.sha ? makeSourceUrl(locate, ctx.serverUrl, ctx.owner, ctx.repo, ctx.sha) : undefined;
  const reportSarif = path.join(outDir, 'report.sarif');

  await core.group('Annotate findings', async () => {
    publishAnnotations(deps, report, locate, settings.budgets);
    try {
      await writeFile(reportSarif, JSON.stringify(buildSarif(report, { locate }), null, 2) + '\n');
      core.setOutput('sarif-path', reportSarif);
    } catch (e) {
      core.warning(`modleak could not write ${reportSarif}: ${errorText(e)}.`);
    }
  });
  const published = await core.group('Upload the report artifact', () => publishArtifact(deps, settings, ctx, produced, reportSarif, outDir));
  await core.group('Write the job summary', async () => {
    const markdown = { title: `modleak report: ${settings.leg}`, ...(sourceUrl ? { sourceUrl } : {}), artifactHint: `the ${settings.artifactName} artifact` };
    const artifact = artifactLine(settings.artifactName, published.artifactUrl, published.artifactFailure);
    try {
      await core.summary.addRaw(renderSummary(report, verdict, markdown, artifact), true).write();
    } catch (e) {
      core.warning(`modleak could not write the job summary: ${errorText(e)}. The report is in ${produced.reportMd}.`);
    }
  });
  await core.group('Comment on the pull request', () => commentOnPullRequest(deps, settings, ctx, report, verdict, published, sourceUrl));

  if (!verdict.passed) core.setFailed(`modleak: ${verdict.reasons.join('; ')}`);
}

function publishAnnotations(deps: ActionDeps, report: Report, locate: (site: Site) => string | undefined, budgets: Budgets): void {
  const s = report.summary;
  const leaksWithinBudget = s.leakedObjects <= budgets.maxLeaks && (budgets.maxLeakedBytes === undefined || s.leakedBytes <= budgets.maxLeakedBytes);
  for (const a of buildAnnotations(report, { locate, leaksWithinBudget })) {
    const props = { title: a.title, ...(a.file ? { file: a.file } : {}), ...(a.startLine ? { startLine: a.startLine } : {}) };
    if (a.level === 'error') deps.core.error(a.message, props);
    else if (a.level === 'warning') deps.core.warning(a.message, props);
    else deps.core.notice(a.message, props);
  }
}

/**
 * Fails the step before there is a report; the summary says why too, for readers of the
 * run page. `status` is `error`, so a later `if: always()` step can tell this from a run
 * (the other outputs stay unset: there is nothing to count).
 */
async function stopEarly(deps: ActionDeps, message: string): Promise<void> {
  deps.core.setOutput('status', 'error');
  deps.core.setFailed(message);
  try {
    await deps.core.summary.addRaw(`### modleak\n\n:x: ${escapeMarkdown(message)}\n`, true).write();
  } catch {
    // No summary file (e.g. started outside Actions): the failed step's message says it all.
  }
}

/** The workflow_run recipe names the pull request and commit itself: the event is not a pull_request. */
function withOverrides(ctx: GitHubContext, settings: ActionSettings): GitHubContext {
  const sha = settings.headSha ?? ctx.sha;
  const pullRequest = settings.pullRequest !== undefined
    ? { number: settings.pullRequest, headSha: sha ?? '', fromFork: false }
    : ctx.pullRequest;
  return { ...ctx, ...(sha ? { sha } : {}), ...(pullRequest ? { pullRequest } : {}) };
}

function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/\.+$/, '');
}
