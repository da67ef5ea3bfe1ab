/** The output formats of `buildbridge lint`, by name. */
import type { LintReport } from '../lint-engine.js';
import { formatGitHub } from './github-format.js';
import { formatJson } from './json-format.js';
import { formatText } from './text-format.js';

export const OUTPUT_FORMATS = ['text', 'github', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const FORMATTERS: Readonly<Record<OutputFormat, (report: LintReport) => string>> = {
  text: formatText,
  github: formatGitHub,
  json: formatJson,
};

export function formatReport(report: LintReport, format: OutputFormat): string {
  return FORMATTERS[format](report);
}
