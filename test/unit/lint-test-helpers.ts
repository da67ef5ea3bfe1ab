/** Shared by the lint tests: lint a buildspec given as text and pick findings by rule. */
import { buildspecFileKind } from '../../src/buildspec/lint/buildspec-file-kind.js';
import type { Finding } from '../../src/lint/finding.js';
import { lintText } from '../../src/lint/lint-engine.js';

/**
 * Removes the indentation common to all non-empty lines and the first line break. Escapes are
 * the template literal's: write \${VAR} for a shell variable and \\ for a backslash.
 */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings
    .reduce((all, part, i) => all + part + (i < values.length ? String(values[i]) : ''), '')
    .replace(/^\n/, '');
  const indents = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.length - line.trimStart().length);
  const common = Math.min(...indents);
  return text
    .split('\n')
    .map((line) => line.slice(common))
    .join('\n');
}

export function lintBuildspec(text: string): Finding[] {
  return lintText('buildspec.yml', text, buildspecFileKind);
}

export function findings(rule: string, text: string): Finding[] {
  return lintBuildspec(text).filter((finding) => finding.rule === rule);
}

/** [line, column] of each finding, the most compact exact assertion. */
export function positions(found: readonly Finding[]): [number, number][] {
  return found.map((finding) => [finding.line, finding.column]);
}
