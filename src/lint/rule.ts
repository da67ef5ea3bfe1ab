/**
 * The shape of a lint rule, independent of the file kind it checks. A file kind (buildspec,
 * appspec) builds its own subject from the parsed YAML and runs its rules over it; the engine
 * only needs each rule's id and severity, for reports, docs and ignore comments.
 */
import type { Severity } from './finding.js';

export interface RuleInfo {
  /** Stable id, `<kind>/<name>`. */
  readonly id: string;
  /** The most severe level this rule reports; single findings may be milder. */
  readonly severity: Severity;
  /** One line for docs and --help: what the rule catches. */
  readonly summary: string;
}

/** Offsets [start, end) into the file's text. */
export type SourceRange = readonly [start: number, end: number];

/** Anything with a yaml-package range: nodes, or a pair's key. */
export interface Ranged {
  readonly range?: readonly [number, number, number] | null;
}

export type ReportFn = (at: Ranged | SourceRange, message: string, severity?: Severity) => void;

export interface Rule<Subject> extends RuleInfo {
  check(subject: Subject, report: ReportFn): void;
}
