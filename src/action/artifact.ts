// Stages the report files under their canonical names and uploads them as one artifact.
import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ArtifactUploader } from './deps.js';

export interface ReportFiles {
  reportJson: string;
  reportMd: string;
  reportSarif: string;
  consoleLog?: string;
  recordLog?: string;
}

/** Copies the files that exist into `stageDir` as report.json, report.md, report.sarif, console.log, records.log. */
export async function stageReportFiles(files: ReportFiles, stageDir: string): Promise<string[]> {
  await rm(stageDir, { recursive: true, force: true });
  await mkdir(stageDir, { recursive: true });
  const wanted: [string | undefined, string][] = [
    [files.reportJson, 'report.json'],
    [files.reportMd, 'report.md'],
    [files.reportSarif, 'report.sarif'],
    [files.consoleLog, 'console.log'],
    [files.recordLog, 'records.log'],
  ];
  const staged: string[] = [];
  for (const [from, name] of wanted) {
    if (!from) continue;
    const st = await stat(from).catch(() => undefined);
    if (!st?.isFile()) continue;
    const to = path.join(stageDir, name);
    await copyFile(from, to);
    staged.push(to);
  }
  return staged;
}

export async function uploadReportArtifact(uploader: ArtifactUploader, name: string, files: string[], rootDir: string, retentionDays?: number): Promise<number | undefined> {
  const result = await uploader.uploadArtifact(name, files, rootDir, retentionDays === undefined ? {} : { retentionDays });
  return result.id;
}
