// Step one of the Action: a report, from booting the module (the runner) or from an existing log (the matcher).
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { renderMarkdown } from '../report/markdown.js';
import type { Report } from '../report/schema.js';
import type { ActionDeps } from './deps.js';
import type { ActionSettings } from './input-helper.js';

export interface Produced {
  report: Report;
  reportJson: string;
  reportMd: string;
  consoleLog?: string;
  recordLog?: string;
}

export async function produceReport(deps: ActionDeps, settings: ActionSettings, outDir: string): Promise<Produced> {
  await mkdir(outDir, { recursive: true });
  const { mode } = settings;
  if (mode.kind === 'run') {
    const outcome = await deps.runModule({
      moduleDir: mode.moduleDir,
      kernel: settings.kernel,
      ...(settings.kernelImage ? { kernelImage: settings.kernelImage } : {}),
      ...(settings.kernelBuildDir ? { kernelBuildDir: settings.kernelBuildDir } : {}),
      ...(settings.testScript ? { testScript: settings.testScript } : {}),
      ...(settings.moduleParams ? { moduleParams: settings.moduleParams } : {}),
      timeoutSec: settings.timeoutSec,
      outDir,
      cacheDir: path.join(deps.env.RUNNER_TOOL_CACHE || path.join(os.homedir(), '.cache'), 'modleak'),
      suppressionsFiles: settings.suppressionsFiles,
      pairs: settings.pairs,
    }, {
      progress: (message) => deps.core.info(message),
      ...(deps.restoreCache ? { restoreCache: deps.restoreCache } : {}),
      ...(deps.saveCache ? { saveCache: deps.saveCache } : {}),
    });
    return { report: outcome.report, reportJson: outcome.files.reportJson, reportMd: outcome.files.reportMd, consoleLog: outcome.files.consoleLog, recordLog: outcome.files.recordLog };
  }
  const scope = [
    ...(mode.modules.length > 0 ? [`only module(s) ${mode.modules.join(', ')}`] : []),
    ...(mode.requireEndMarker ? [] : ['no END marker required']),
  ];
  deps.core.info(`Analyzing ${mode.recordLog}${mode.consoleLog ? ` with console log ${mode.consoleLog}` : ''}${scope.length > 0 ? ` (${scope.join('; ')})` : ''}`);
  const report = await deps.analyzeLogs(
    { records: mode.recordLog, ...(mode.consoleLog ? { console: mode.consoleLog } : {}) },
    { suppressionsFiles: settings.suppressionsFiles, pairs: settings.pairs, requireEndMarker: mode.requireEndMarker, modules: mode.modules },
  );
  const reportJson = path.join(outDir, 'report.json');
  const reportMd = path.join(outDir, 'report.md');
  await writeFile(reportJson, JSON.stringify(report, null, 2) + '\n');
  await writeFile(reportMd, renderMarkdown(report));
  return { report, reportJson, reportMd, recordLog: mode.recordLog, ...(mode.consoleLog ? { consoleLog: mode.consoleLog } : {}) };
}

