// The job summary: the Markdown report plus what the gate decided and where the artifact is.
import type { GateResult } from '../report/gate.js';
import { escapeMarkdown } from '../report/markdown-escape.js';
import { renderMarkdown, type MarkdownOptions } from '../report/markdown.js';
import type { Report } from '../report/schema.js';

/** The summary may be 1 MiB per step; 340,000 UTF-16 units stay below that even at 3 bytes each. */
export const SUMMARY_MAX_CHARS = 340_000;

export function gateSection(result: GateResult): string {
  if (result.passed) return '**Gate:** passed (within every budget).';
  return ['**Gate:** failed:', ...result.reasons.map((r) => `- ${escapeMarkdown(r)}`)].join('\n');
}

export function artifactLine(name: string, url: string | undefined, failure: string | undefined): string {
  if (failure) return `**Artifact:** upload failed (${escapeMarkdown(failure)}); the report is above.`;
  return url ? `**Artifact:** [${escapeMarkdown(name)}](${url})` : `**Artifact:** ${escapeMarkdown(name)}`;
}

export function renderSummary(report: Report, result: GateResult, markdown: MarkdownOptions, artifact: string): string {
  const tail = `\n${gateSection(result)}\n\n${artifact}\n`;
  return renderMarkdown(report, { ...markdown, maxLength: SUMMARY_MAX_CHARS - tail.length }) + tail;
}
