/**
 * Unquoted values CodeBuild's YAML 1.1 parser reads as something other than the text written:
 * `yes`, `no`, `on`, `off`, `y`, `n` are booleans, and numbers lose their spelling — `0755` is
 * octal 493, `1.20` is 1.2, `12:30` is 750 (base 60), `1_000` is 1000. That matters where the
 * text is the point: commands, variable values and runtime versions (`python: 3.10` is 3.1).
 */
import { BOOLEAN_WORDS, booleanVariableMessage } from '../yaml-booleans.js';
import { isScalar, Scalar } from 'yaml';
import type { Rule } from '../../lint/rule.js';
import { quoteYaml } from '../../lint/yaml-quote.js';
import { entries, mapAt, sourceOf, type BuildspecView } from './buildspec-view.js';
import { commandPath } from './command-location.js';

export const yamlBooleanRule: Rule<BuildspecView> = {
  id: 'buildspec/yaml-boolean',
  severity: 'error',
  summary:
    'Unquoted yes/no/on/off/y/n as a command (error) or a variable value (warning): YAML 1.1 reads a boolean.',
  check(view, report) {
    for (const command of view.commands) {
      const written = plainText(view, command.node);
      if (written === undefined || !BOOLEAN_WORDS.test(written)) continue;
      report(
        command.node as Scalar,
        `${commandPath(command)} is "${written}", which CodeBuild's YAML 1.1 parser reads as the boolean ${String((command.node as Scalar).value)}, not the command "${written}". Quote it: - ${quoteYaml(written)}`,
      );
    }
    for (const variable of entries(mapAt(view.root, 'env', 'variables'))) {
      const written = plainText(view, variable.value);
      if (written === undefined || !BOOLEAN_WORDS.test(written)) continue;
      report(
        variable.value as Scalar,
        booleanVariableMessage(variable.name, written, Boolean((variable.value as Scalar).value)),
        'warning',
      );
    }
  },
};

export const yamlNumberRule: Rule<BuildspecView> = {
  id: 'buildspec/yaml-number',
  severity: 'warning',
  summary:
    'An unquoted number that YAML reads differently from its text (0755, 1.20, 1e3, 12:30, 1_000) in env.variables or runtime-versions.',
  check(view, report) {
    const places = [
      { prefix: 'env.variables', map: mapAt(view.root, 'env', 'variables') },
      {
        prefix: 'phases.install.runtime-versions',
        map: mapAt(view.root, 'phases', 'install', 'runtime-versions'),
      },
    ];
    for (const { prefix, map } of places) {
      for (const item of entries(map)) {
        const written = plainText(view, item.value);
        const value = isScalar(item.value) ? item.value.value : undefined;
        if (written === undefined || typeof value !== 'number' || String(value) === written)
          continue;
        report(
          item.value as Scalar,
          `${prefix}.${item.name} is ${written}, which YAML reads as the number ${String(value)}${written.startsWith('0') && /^0[0-7]+$/.test(written) ? ' (octal)' : ''}, not the text "${written}". Quote it: ${item.name}: "${written}"`,
        );
      }
    }
  },
};

/** The source text of an unquoted scalar, or undefined for anything else. */
function plainText(view: BuildspecView, node: unknown): string | undefined {
  if (!isScalar(node) || node.type !== Scalar.PLAIN) return undefined;
  return sourceOf(view.source, node)?.trim();
}
