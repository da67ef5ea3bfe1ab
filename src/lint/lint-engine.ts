/**
 * The lint engine: discovers files, parses each once, runs the YAML rules every file gets and
 * then the rules of the file's kind, and collects positioned findings in a stable order.
 */
import { duplicateKeyRule } from './duplicate-key-rule.js';
import {
  discoverFiles,
  type DiscoveredFile,
  type DiscoveryOptions,
  type SkippedFile,
} from './discovery.js';
import { compareFindings, countFindings, type Finding, type FindingCounts } from './finding.js';
import { FindingCollector } from './finding-collector.js';
import type { FileKind } from './file-kind.js';
import type { Rule, RuleInfo } from './rule.js';
import { hasFatalYamlErrors, tabIndentRule, yamlSyntaxRule } from './yaml-syntax-rules.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

/** Rules for every YAML file, before the kind's own rules. */
export const yamlRules: readonly Rule<YamlSource>[] = [
  yamlSyntaxRule,
  tabIndentRule,
  duplicateKeyRule,
];

export interface LintedFile {
  readonly path: string;
  /** The file kind's name, e.g. 'buildspec'. */
  readonly kind: string;
}

export interface LintReport {
  readonly files: readonly LintedFile[];
  /** Files found but not linted, each with the reason: every file is accounted for. */
  readonly skipped: readonly SkippedFile[];
  readonly findings: readonly Finding[];
  readonly counts: FindingCounts;
}

/** Lints files and directories (searched recursively) against the given file kinds. */
export async function lintPaths(
  paths: readonly string[],
  kinds: readonly FileKind[],
  cwd: string,
  options: DiscoveryOptions = {},
): Promise<LintReport> {
  const { files, skipped } = await discoverFiles(paths, kinds, cwd, options);
  const findings = files.flatMap((file) => lintDiscovered(file));
  return {
    ...report(
      files.map((file) => ({ path: file.path, kind: file.kind.name })),
      findings,
    ),
    skipped,
  };
}

/** Lints one file's text as the given kind; `path` is only used in the findings. */
export function lintText(path: string, text: string, kind: FileKind): Finding[] {
  return lintDiscovered({ path, text, kind });
}

/** Exit status for a report: 1 when any finding is an error, else 0 (warnings alone pass). */
export function exitCodeFor(report: LintReport): 0 | 1 {
  return report.counts.errors > 0 ? 1 : 0;
}

/** Every rule id a run can report, with severity and summary, for docs and help. */
export function allRules(kinds: readonly FileKind[]): RuleInfo[] {
  return [...yamlRules, ...kinds.flatMap((kind) => kind.rules)];
}

function lintDiscovered(file: DiscoveredFile): Finding[] {
  const source = file.source ?? parseYamlSource(file.path, file.text, file.kind.rejection);
  const collector = new FindingCollector(source);
  collector.run(yamlRules, source);
  if (!hasFatalYamlErrors(source)) file.kind.lint(source, collector);
  return [...collector.findings].sort(compareFindings);
}

function report(files: LintedFile[], findings: Finding[]): Omit<LintReport, 'skipped'> {
  return { files, findings, counts: countFindings(findings) };
}
