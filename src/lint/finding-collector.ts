/**
 * Turns what rules report (a YAML node or an offset range, a message) into positioned findings
 * for one file, and applies the file's ignore comments.
 */
import type { Finding, Severity } from './finding.js';
import type { Ranged, ReportFn, Rule, RuleInfo, SourceRange } from './rule.js';
import { IgnoreComments } from './ignore-comments.js';
import { positionAt, type YamlSource } from './yaml-source.js';

export class FindingCollector {
  private readonly collected: Finding[] = [];
  private readonly ignores: IgnoreComments;

  constructor(private readonly source: YamlSource) {
    this.ignores = new IgnoreComments(source.text);
  }

  get findings(): readonly Finding[] {
    return this.collected;
  }

  add(
    rule: RuleInfo,
    at: Ranged | SourceRange,
    message: string,
    severity: Severity = rule.severity,
  ): void {
    const [start, end] = rangeOf(at);
    const from = positionAt(this.source, start);
    if (this.ignores.ignores(rule.id, from.line)) return;
    const to = positionAt(this.source, trimEnd(this.source.text, start, end));
    this.collected.push({
      file: this.source.path,
      line: from.line,
      column: from.column,
      endLine: to.line,
      endColumn: to.column,
      rule: rule.id,
      severity,
      message,
    });
  }

  reporterFor(rule: RuleInfo): ReportFn {
    return (at, message, severity) => this.add(rule, at, message, severity);
  }

  /** Runs each rule over the subject; a rule that throws is a bug, reported with the file it failed on. */
  run<Subject>(rules: readonly Rule<Subject>[], subject: Subject): void {
    for (const rule of rules) {
      try {
        rule.check(subject, this.reporterFor(rule));
      } catch (error) {
        throw new Error(
          `lint rule ${rule.id} failed on ${this.source.path}: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
    }
  }
}

function rangeOf(at: Ranged | SourceRange): [number, number] {
  if (isSourceRange(at)) return [at[0], at[1]];
  const range = at.range;
  return range ? [range[0], range[1]] : [0, 0];
}

function isSourceRange(at: Ranged | SourceRange): at is SourceRange {
  return Array.isArray(at);
}

/**
 * Block nodes end after their line break; a finding should end with the text it is about, but
 * keep at least one character (a tab, a space) so that editors have something to underline.
 */
function trimEnd(text: string, start: number, end: number): number {
  let last = Math.max(start, end);
  while (last > start + 1 && /\s/.test(text[last - 1] ?? '')) last--;
  return last;
}
