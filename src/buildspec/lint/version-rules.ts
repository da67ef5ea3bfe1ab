/**
 * The buildspec version: it must be there and be 0.2 (or 0.1). Version 0.1 runs every command
 * in a shell of its own, so `cd`, `export` and variables set by one command are gone in the
 * next — the classic "works locally, fails in CodeBuild" buildspec.
 */
import { isScalar } from 'yaml';
import type { Rule } from '../../lint/rule.js';
import { entry, type BuildspecView } from './buildspec-view.js';

/** Commands whose effect 0.1 loses before the next command runs. */
const STATEFUL = /^\s*(?:cd\s|pushd\s|export\s|source\s|\.\s|[A-Za-z_][A-Za-z0-9_]*=)/;

export const versionRule: Rule<BuildspecView> = {
  id: 'buildspec/version',
  severity: 'error',
  summary: 'version is missing or is not 0.2 / 0.1.',
  check(view, report) {
    const version = entry(view.root, 'version');
    if (!version) {
      report(
        view.root?.range ? [view.root.range[0], view.root.range[0]] : [0, 0],
        'No "version" key: CodeBuild rejects the buildspec (YAML_FILE_ERROR). Add "version: 0.2" as the first line.',
      );
      return;
    }
    const value = isScalar(version.value) ? version.value.value : undefined;
    if (value === 0.2 || value === '0.2' || value === 0.1 || value === '0.1') return;
    report(
      (version.value as { range?: [number, number, number] } | null) ?? version.key,
      `version ${JSON.stringify(value ?? null)} is not a buildspec version: CodeBuild accepts 0.2 (and the older 0.1). Use "version: 0.2".`,
    );
  },
};

export const version01Rule: Rule<BuildspecView> = {
  id: 'buildspec/version-0.1',
  severity: 'warning',
  summary:
    'version 0.1 runs each command in its own shell, so cd, export and variables do not carry over.',
  check(view, report) {
    const version = entry(view.root, 'version');
    if (!version || !isScalar(version.value)) return;
    if (version.value.value !== 0.1 && version.value.value !== '0.1') return;
    const stateful = view.commands.find(
      (command) => command.text && STATEFUL.test(command.text.value),
    );
    const example = stateful?.text
      ? ` (here "${stateful.text.value.trim().split('\n')[0]}" in ${stateful.phase} has no effect on the commands after it)`
      : '';
    report(
      version.value,
      `version 0.1 runs every command in a separate shell: the working directory and variables set by one command do not carry over to the next${example}. Use "version: 0.2".`,
    );
  },
};
