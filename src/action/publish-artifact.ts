// The report artifact step: stage the files, upload, set artifact-id; a failure is a warning.
import path from 'node:path';
import { stageReportFiles, uploadReportArtifact } from './artifact.js';
import type { ActionDeps } from './deps.js';
import type { GitHubContext } from './github-context.js';
import type { ActionSettings } from './input-helper.js';
import type { Produced } from './produce-report.js';

export interface Published {
  artifactId?: number;
  artifactUrl?: string;
  artifactFailure?: string;
}

export async function publishArtifact(deps: ActionDeps, settings: ActionSettings, ctx: GitHubContext, produced: Produced, reportSarif: string, outDir: string): Promise<Published> {
  try {
    const stageDir = path.join(outDir, 'artifact');
    const files = await stageReportFiles({
      reportJson: produced.reportJson,
      reportMd: produced.reportMd,
      reportSarif,
      ...(produced.consoleLog ? { consoleLog: produced.consoleLog } : {}),
      ...(produced.recordLog ? { recordLog: produced.recordLog } : {}),
    }, stageDir);
    const id = await uploadReportArtifact(deps.artifacts(), settings.artifactName, files, stageDir, settings.retentionDays);
    if (id === undefined) throw new Error('the artifact service returned no artifact id');
    deps.core.setOutput('artifact-id', String(id));
    deps.core.info(`Uploaded artifact ${settings.artifactName} (id ${id}): ${files.map((f) => path.basename(f)).join(', ')}`);
    const artifactUrl = ctx.owner && ctx.repo && ctx.runId
      ? `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}/actions/runs/${ctx.runId}/artifacts/${id}` : undefined;
    return { artifactId: id, ...(artifactUrl ? { artifactUrl } : {}) };
  } catch (e) {
    const failure = e instanceof Error ? e.message : String(e);
    deps.core.warning(`modleak could not upload the report artifact '${settings.artifactName}': ${failure}. The report is still in the job summary.`);
    return { artifactFailure: failure };
  }
}

