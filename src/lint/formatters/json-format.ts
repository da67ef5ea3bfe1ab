/**
 * Machine-readable output for editors and other tools; the shape is part of the public
 * interface. Safe to print as it is, also inside GitHub Actions: JSON.stringify escapes CR and
 * LF, every line starts with indentation and a quote or a bracket (never "::"), and the one
 * sequence the runner reads anywhere in a line, "##[", is written with an escaped "#".
 */
import type { LintReport } from '../lint-engine.js';

export function formatJson(report: LintReport): string {
  const output = {
    files: report.files,
    skipped: report.skipped.map(({ path, reason }) => ({ path, reason })),
    errors: report.counts.errors,
    warnings: report.counts.warnings,
    findings: report.findings,
  };
  return JSON.stringify(output, null, 2).replace(/##\[/g, '#\\u0023[') + '\n';
}
