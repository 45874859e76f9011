// The pull request comment step: when to comment, the body within GitHub's limit, and
// API failures (a fork's 403 above all) turned into warnings.
import type { GateResult } from '../report/gate.js';
import { renderMarkdown } from '../report/markdown.js';
import type { Report, Site } from '../report/schema.js';
import { commentMarker, upsertStickyComment } from './comment.js';
import type { ActionDeps } from './deps.js';
import type { GitHubContext } from './github-context.js';
import type { ActionSettings } from './input-helper.js';
import type { Published } from './publish-artifact.js';
import { artifactLine, gateSection } from './summary.js';

export const COMMENT_MAX_CHARS = 65_536;
const FORK_RECIPE = "see 'Pull requests from forks' in docs/action.md for the workflow_run recipe that comments safely";

export async function commentOnPullRequest(deps: ActionDeps, settings: ActionSettings, ctx: GitHubContext, report: Report, verdict: GateResult,
  published: Published, sourceUrl: ((site: Site) => string | undefined) | undefined): Promise<void> {
  const { core } = deps;
  if (settings.comment === 'never') return core.info('comment: never; not commenting.');
  if (!ctx.pullRequest || !ctx.owner || !ctx.repo) return core.info(`Event '${ctx.eventName}' is not for a pull request; not commenting (the report is in the job summary).`);
  if (!settings.githubToken) return core.warning("Input 'github-token' is empty; cannot comment on the pull request. The report is in the job summary.");
  const pr = ctx.pullRequest.number;
  const marker = commentMarker(ctx.job, settings.leg);
  const tail = `\n${gateSection(verdict)}\n\n${artifactLine(settings.artifactName, published.artifactUrl, published.artifactFailure)}\n`;
  const body = renderMarkdown(report, {
    title: `modleak report: ${settings.leg}`,
    ...(sourceUrl ? { sourceUrl } : {}),
    artifactHint: `the ${settings.artifactName} artifact`,
    maxLength: COMMENT_MAX_CHARS - marker.length - 1 - tail.length,
  }) + tail;
  try {
    const result = await upsertStickyComment(deps.github(settings.githubToken),
      { owner: ctx.owner, repo: ctx.repo, issueNumber: pr, marker }, body, settings.comment === 'always' || !verdict.passed);
    if (result.action === 'skipped') core.info(`Not commenting on #${pr}: ${result.reason} (comment: on-failure).`);
    else core.info(`${result.action === 'created' ? 'Created' : 'Updated'} the modleak comment on #${pr}: ${result.url}`);
  } catch (e) {
    const status = (e as { status?: number }).status;
    if (status === 403) {
      core.warning(`modleak could not comment on pull request #${pr}: GitHub answered 403 (${(e instanceof Error ? e.message : String(e))}). ` +
        `${ctx.pullRequest.fromFork ? 'This pull request comes from a fork, and a fork\'s GITHUB_TOKEN is read-only' : 'This is expected for a pull request from a fork, whose GITHUB_TOKEN is read-only'}; the report is in the job summary. ` +
        `To comment on fork pull requests, ${FORK_RECIPE}.`);
    } else {
      core.warning(`modleak could not comment on pull request #${pr}${status ? ` (HTTP ${status}, after retries)` : ''}: ${(e instanceof Error ? e.message : String(e))}. The report is in the job summary.`);
    }
  }
}

