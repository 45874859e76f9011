import { describe, expect, it } from 'vitest';
import { buildSarif } from '../src/report/sarif.js';
import { leakyReport } from './fixtures/action/reports.js';

const locate = (site: { file: string }) => `drivers/leaky/${site.file}`;

// What github/codeql-action/upload-sarif checks (its JSON schema and its own rules):
// version 2.1.0, runs[].tool.driver.name, rule ids unique, every result's ruleId a known
// rule, a message text, and locations with a relative artifact URI and startLine >= 1.
function checkUploadable(sarif: ReturnType<typeof buildSarif>): void {
  expect(sarif.version).toBe('2.1.0');
  expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
  for (const run of sarif.runs as any[]) {
    const rules = run.tool.driver.rules as any[];
    expect(run.tool.driver.name).toBe('modleak');
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.shortDescription.text).toBeTruthy();
      expect(rule.helpUri).toMatch(/^https:\/\//);
    }
    for (const result of run.results as any[]) {
      expect(rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      expect(result.message.text).toBeTruthy();
      expect(result.locations.length).toBeGreaterThan(0);
      for (const loc of result.locations) {
        expect(loc.physicalLocation.artifactLocation.uri).not.toMatch(/^\/|^[a-z]+:/);
        expect(loc.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
      }
      expect(Object.keys(result.partialFingerprints)).toEqual(['modleakFingerprint/v1']);
    }
  }
}

describe('buildSarif', () => {
  it('writes leaks and bad frees as results at their repository-relative lines', () => {
    const sarif = buildSarif(leakyReport(), { locate });
    checkUploadable(sarif);
    const results = (sarif.runs[0] as any).results;
    expect(results.map((r: any) => [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine])).toEqual([
      ['leak', 'drivers/leaky/leaky.c', 42],
      ['leak', 'drivers/leaky/leaky.c', 50],
      ['double-free', 'drivers/leaky/leaky.c', 61],
      ['mismatched-free', 'drivers/leaky/sub/buf.c', 12],
    ]);
    const double = results[2];
    expect(double.relatedLocations.map((l: any) => l.physicalLocation.region.startLine)).toEqual([40, 58]);
    expect(double.partialFingerprints['modleakFingerprint/v1']).toBe('fp-double');
  });

  it('is still uploadable for a site outside the repository and for line 0', () => {
    const r = leakyReport();
    r.leaks[0]!.site = { file: '/abs/include/x.h', line: 0, function: 'f' };
    const sarif = buildSarif(r, { locate: () => undefined });
    checkUploadable(sarif);
    expect((sarif.runs[0] as any).results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('abs/include/x.h');
  });

  it('has no results for a clean report, and round-trips through JSON', () => {
    const r = leakyReport();
    r.leaks = [];
    r.badFrees = [];
    const sarif = JSON.parse(JSON.stringify(buildSarif(r, { locate })));
    checkUploadable(sarif);
    expect(sarif.runs[0].results).toEqual([]);
  });
});
