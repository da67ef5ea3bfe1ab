/**
 * `version: 0.0`, the only AppSpec version. The CodeDeploy agent compares a number, so the
 * written text matters: a quoted "0.0" is a string and is rejected, whatever the YAML 1.2 value
 * would say; read from the source text, not the parsed value.
 */
import { isScalar, Scalar } from 'yaml';
import type { Rule } from '../../lint/rule.js';
import { describe, entry, sourceOf, startOf, type AppspecView } from './appspec-view.js';

export const versionRule: Rule<AppspecView> = {
  id: 'appspec/version',
  severity: 'error',
  summary: 'version missing, or not the number 0.0 (a quoted "0.0", 1.0 and 1 are rejected).',
  check(view, report) {
    const version = entry(view.root, 'version');
    if (!version) {
      report(
        startOf(view),
        'No "version" key: CodeDeploy rejects the appspec. Add "version: 0.0" as the first line.',
      );
      return;
    }
    const node = version.value;
    if (!isScalar(node)) {
      report(
        (node as Scalar | null) ?? version.key,
        `version is ${describe(node)}: CodeDeploy accepts only the number 0.0. Write "version: 0.0".`,
      );
      return;
    }
    const written = sourceOf(view.source, node)?.trim() ?? '';
    if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) {
      report(
        node,
        `version is the string ${written}: CodeDeploy compares the number 0.0 and rejects a quoted version. Remove the quotes: "version: 0.0".`,
      );
      return;
    }
    if (node.value === 0 && written === '0.0') return;
    if (node.value === 0) {
      report(
        node,
        `version is ${written}, which is the number 0 but not written as CodeDeploy documents it. Write "version: 0.0".`,
        'warning',
      );
      return;
    }
    report(
      node,
      `version ${written} is not an AppSpec version: CodeDeploy accepts only 0.0 (there is no other version). Write "version: 0.0".`,
    );
  },
};
