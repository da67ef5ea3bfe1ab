/** Bash-only syntax in a buildspec that runs its commands with sh (no `env.shell: bash`). */
import type { Rule } from '../../lint/rule.js';
import { findBashOnlySyntax } from './bash-only-syntax.js';
import type { BuildspecView } from './buildspec-view.js';
import { commandPath, rangeInCommand } from './command-location.js';

export const bashSyntaxRule: Rule<BuildspecView> = {
  id: 'buildspec/bash-syntax',
  severity: 'warning',
  summary:
    "Bash-only syntax ([[, function, arrays, source, == in [ ], $'..', {a,b}, <<<, &>, pipefail, ${x//a/b}) while commands run with sh.",
  check(view, report) {
    if (view.shell !== 'sh') return;
    for (const command of view.commands) {
      if (!command.text) continue;
      for (const feature of findBashOnlySyntax(command.text.value)) {
        report(
          rangeInCommand(command, feature.index, feature.length),
          `${commandPath(command)}: ${feature.message}, or set "env: shell: bash" (without it CodeBuild runs commands with sh, which is dash on Ubuntu images).`,
        );
      }
    }
  },
};
