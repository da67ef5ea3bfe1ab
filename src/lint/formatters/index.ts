/** The output formats of `buildbridge lint`, by name. */
import type { LintReport } from '../lint-engine.js';
import { formatGitHub } from './github-format.js';
import { formatJson } from './json-format.js';
import { formatText } from './text-format.js';

export const OUTPUT_FORMATS = ['text', 'github', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface FormatOptions {
  /** List every skipped file, not only the notable ones. */
  readonly verbose: boolean;
}

const FORMATTERS: Readonly<
  Record<OutputFormat, (report: LintReport, options: FormatOptions) => string>
> = {
  text: formatText,
  github: formatGitHub,
  json: formatJson,
};

export function formatReport(
  report: LintReport,
  format: OutputFormat,
  options: FormatOptions = { verbose: false },
): string {
  return FORMATTERS[format](report, options);
}
