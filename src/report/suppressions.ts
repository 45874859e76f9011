import type { BadFreeKind, Site } from './schema.js';
import type { DiagnosticLog } from './diagnostics.js';

// The suppressions file (docs/analyze.md): one rule per line, `#` starts a comment line.
//   leak:<glob>             hides leak groups
//   bad-free:<glob>         hides bad frees of every kind
//   double-free:<glob>, invalid-free:<glob>, mismatched-free:<glob>   one kind only
// The glob (`*` any text including '/', `?` one character) is matched against the
// function name, the file path, `file:line` and the fingerprint; any match hides.

export type RuleType = 'leak' | 'bad-free' | BadFreeKind;

export interface SuppressionRule {
  type: RuleType;
  pattern: string;
  /** The rule as written. */
  text: string;
  file: string;
  line: number;
  regex: RegExp;
}

const TYPES: readonly RuleType[] = ['leak', 'bad-free', 'double-free', 'invalid-free', 'mismatched-free'];

export function parseSuppressions(text: string, file: string, diagnostics: DiagnosticLog): SuppressionRule[] {
  const rules: SuppressionRule[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const rule = raw.trim();
    if (rule === '' || rule.startsWith('#')) return;
    const colon = rule.indexOf(':');
    const type = colon > 0 ? rule.slice(0, colon).trim() : '';
    const pattern = colon > 0 ? rule.slice(colon + 1).trim() : '';
    if (!(TYPES as readonly string[]).includes(type)) {
      diagnostics.add('suppression', {
        severity: 'error', file, line, field: 'type',
        message: `${file}:${line}: rule '${rule}' has type '${type || rule}'; expected <type>:<glob> with type ${TYPES.join(', ')}; rule ignored`,
      });
      return;
    }
    if (pattern === '') {
      diagnostics.add('suppression', {
        severity: 'error', file, line, field: 'pattern',
        message: `${file}:${line}: rule '${rule}' has an empty glob; expected e.g. ${type}:my_function; rule ignored`,
      });
      return;
    }
    rules.push({ type: type as RuleType, pattern, text: rule, file, line, regex: globToRegExp(pattern) });
  });
  return rules;
}

export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (const ch of glob) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

function candidates(site: Site, fingerprint: string): string[] {
  return [site.function, site.file, `${site.file}:${site.line}`, fingerprint];
}

export function findLeakRule(rules: readonly SuppressionRule[], site: Site, fingerprint: string): SuppressionRule | undefined {
  const keys = candidates(site, fingerprint);
  return rules.find((r) => r.type === 'leak' && keys.some((k) => r.regex.test(k)));
}

export function findBadFreeRule(rules: readonly SuppressionRule[], kind: BadFreeKind, site: Site, fingerprint: string): SuppressionRule | undefined {
  const keys = candidates(site, fingerprint);
  return rules.find((r) => (r.type === 'bad-free' || r.type === kind) && keys.some((k) => r.regex.test(k)));
}
