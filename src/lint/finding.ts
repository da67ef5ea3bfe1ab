/**
 * What a lint rule reports: one problem at one place in one file. Shared by every file kind
 * (buildspec, appspec) and every output format.
 */

/** 'error' = CodeBuild/CodeDeploy rejects it or its meaning certainly changes; 'warning' = likely a mistake. */
export type Severity = 'error' | 'warning';

export interface Finding {
  /** Path as shown to the user: relative to the working directory, with forward slashes. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units like every editor and GitHub annotation. */
  readonly column: number;
  readonly endLine?: number;
  /** 1-based, exclusive. */
  readonly endColumn?: number;
  /** Stable id such as `buildspec/unknown-key`, usable in ignore comments. */
  readonly rule: string;
  readonly severity: Severity;
  /** One line: what happens in CodeBuild and how to fix it. */
  readonly message: string;
}

export interface FindingCounts {
  readonly errors: number;
  readonly warnings: number;
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  let errors = 0;
  for (const finding of findings) if (finding.severity === 'error') errors++;
  return { errors, warnings: findings.length - errors };
}

/** Orders by file, then position, then rule id, so output is stable across runs. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0);
}
