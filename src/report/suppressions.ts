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
    rules.push({ type: type as RuleType, pattern, text: rule, file, line });
  });
  return rules;
}

/**
 * Whether `text` matches `glob` as a whole. Walks both once, going back only to the
 * last `*` (at most length(glob) x length(text) steps, where a regular expression
 * made of the same `*`s can take exponential time on a long path).
 */
export function globMatches(glob: string, text: string): boolean {
  const g = [...glob];
  const t = [...text];
  let gi = 0;
  let ti = 0;
  let star = -1;
  let starText = 0;
  while (ti < t.length) {
    if (gi < g.length && g[gi] !== '*' && (g[gi] === '?' || g[gi] === t[ti])) {
      gi++;
      ti++;
    } else if (gi < g.length && g[gi] === '*') {
      star = gi++;
      starText = ti;
    } else if (star >= 0) {
      gi = star + 1;
      ti = ++starText;
    } else {
      return false;
    }
  }
  while (gi < g.length && g[gi] === '*') gi++;
  return gi === g.length;
}

function candidates(site: Site, fingerprint: string): string[] {
  return [site.function, site.file, `${site.file}:${site.line}`, fingerprint];
}

/** The leak rules that match a leak group, in file order: the first hides it. */
export function leakRules(rules: readonly SuppressionRule[], site: Site, fingerprint: string): SuppressionRule[] {
  const keys = candidates(site, fingerprint);
  return rules.filter((r) => r.type === 'leak' && keys.some((k) => globMatches(r.pattern, k)));
}

/** The rules that match a bad free, in file order: the first hides it. */
export function badFreeRules(rules: readonly SuppressionRule[], kind: BadFreeKind, site: Site, fingerprint: string): SuppressionRule[] {
  const keys = candidates(site, fingerprint);
  return rules.filter((r) => (r.type === 'bad-free' || r.type === kind) && keys.some((k) => globMatches(r.pattern, k)));
}
