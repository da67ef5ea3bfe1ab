/**
 * Escape hatch for a finding that is right for most files but wrong for this one:
 *
 *   - ./configure   # buildbridge-lint-ignore buildspec/bash-syntax
 *   # buildbridge-lint-ignore buildspec/yaml-number, buildspec/plaintext-secret
 *   RETRIES: 010
 *
 * A marker applies to its own line and, when it stands alone on its line, to the next line.
 * Without rule ids it silences every rule there; words after the ids are a free comment.
 */
const MARKER = /#\s*buildbridge-lint-ignore\b([^\n#]*)/;

/** Sentinel for "every rule". */
const ALL = '*';

export class IgnoreComments {
  private readonly byLine = new Map<number, Set<string>>();

  constructor(text: string) {
    if (!text.includes('buildbridge-lint-ignore')) return;
    text.split('\n').forEach((lineText, index) => {
      const match = MARKER.exec(lineText);
      if (!match) return;
      const ids = leadingRuleIds(match[1] ?? '');
      const rules = ids.length > 0 ? ids : [ALL];
      const line = index + 1;
      this.addAll(line, rules);
      if (lineText.trimStart().startsWith('#')) this.addAll(line + 1, rules);
    });
  }

  ignores(ruleId: string, line: number): boolean {
    const rules = this.byLine.get(line);
    return rules !== undefined && (rules.has(ALL) || rules.has(ruleId));
  }

  private addAll(line: number, rules: readonly string[]): void {
    const set = this.byLine.get(line) ?? new Set<string>();
    for (const rule of rules) set.add(rule);
    this.byLine.set(line, set);
  }
}

/** The rule ids at the start of the marker's text: `a/b, c/d because ...` → [a/b, c/d]. */
function leadingRuleIds(text: string): string[] {
  const ids: string[] = [];
  for (const word of text.split(/[\s,]+/).filter(Boolean)) {
    if (!/^[a-z0-9-]+\/[a-z0-9.-]+$/i.test(word)) break;
    ids.push(word);
  }
  return ids;
}
