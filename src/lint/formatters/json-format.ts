/** Machine-readable output for editors and other tools; the shape is part of the public interface. */
import type { LintReport } from '../lint-engine.js';

export function formatJson(report: LintReport): string {
  const output = {
    files: report.files,
    errors: report.counts.errors,
    warnings: report.counts.warnings,
    findings: report.findings,
  };
  return JSON.stringify(output, null, 2) + '\n';
}
