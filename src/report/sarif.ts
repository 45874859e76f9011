// Report -> SARIF 2.1.0 as github/codeql-action/upload-sarif accepts it. Pure.
import type { BadFreeKind, Report, Site } from './schema.js';

export const PROJECT_URL = 'https://github.com/modleak/modleak';

type RuleId = 'leak' | 'live-at-end' | BadFreeKind;

const RULES: Record<RuleId, { name: string; short: string; full: string }> = {
  leak: { name: 'MemoryLeak', short: 'Memory leaked by a kernel module', full: 'An object allocated by the module was still allocated after the module was unloaded.' },
  'live-at-end': { name: 'LiveAtIncompleteEnd', short: 'Object live when an incomplete log ended', full: 'The log ended before the module was unloaded; this object was still allocated then. It may or may not be a leak.' },
  'double-free': { name: 'DoubleFree', short: 'Double free', full: 'An object was freed twice.' },
  'invalid-free': { name: 'InvalidFree', short: 'Invalid free', full: 'A pointer the module never allocated (or an interior pointer) was freed.' },
  'mismatched-free': { name: 'MismatchedFree', short: 'Mismatched free', full: 'An object was released by a free function that does not match its allocation function (e.g. vfree of kmalloc memory, kfree of kvmalloc memory).' },
};

export interface SarifOptions {
  /** Repository-relative path of a site's file, or undefined when not in the repository. */
  locate: (site: Site) => string | undefined;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: unknown[];
}

export function buildSarif(report: Report, options: SarifOptions): SarifLog {
  const ruleIds = Object.keys(RULES) as RuleId[];
  const location = (site: Site) => ({
    physicalLocation: {
      artifactLocation: { uri: (options.locate(site) ?? site.file).replace(/^\/+/, '') },
      region: { startLine: Math.max(1, site.line) },
    },
    message: { text: `in ${site.function}` },
  });
  const results: unknown[] = [];
  for (const l of report.leaks.filter((x) => !x.suppressed)) {
    const ruleId: RuleId = l.kind;
    results.push({
      ruleId, ruleIndex: ruleIds.indexOf(ruleId), level: l.kind === 'leak' ? 'error' : 'warning',
      message: { text: l.message },
      locations: [location(l.site)],
      partialFingerprints: { 'modleakFingerprint/v1': l.fingerprint },
      properties: { module: l.module, api: l.api, objects: l.objects, bytes: l.bytes },
    });
  }
  for (const b of report.badFrees.filter((x) => !x.suppressed)) {
    const related = [b.allocation, b.previousFree].filter((r) => r !== undefined).map((r, i) => ({ id: i + 1, ...location(r.site) }));
    results.push({
      ruleId: b.kind, ruleIndex: ruleIds.indexOf(b.kind), level: 'error',
      message: { text: b.message },
      locations: [location(b.site)],
      ...(related.length ? { relatedLocations: related } : {}),
      partialFingerprints: { 'modleakFingerprint/v1': b.fingerprint },
      properties: { module: b.module, api: b.api, ptr: b.ptr },
    });
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'modleak',
          version: report.tool.version,
          semanticVersion: report.tool.version,
          informationUri: PROJECT_URL,
          rules: ruleIds.map((id) => ({
            id,
            name: RULES[id].name,
            shortDescription: { text: RULES[id].short },
            fullDescription: { text: RULES[id].full },
            helpUri: `${PROJECT_URL}#${id}`,
            defaultConfiguration: { level: id === 'live-at-end' ? 'warning' : 'error' },
          })),
        },
      },
      automationDetails: { id: `modleak/${report.kernel.release ?? 'unknown-kernel'}/` },
      results,
      properties: { status: report.status, statusReason: report.statusReason, summary: report.summary },
    }],
  };
}
