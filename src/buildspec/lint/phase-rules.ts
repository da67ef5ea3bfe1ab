/**
 * What a phase runs and what happens when it fails: phases and command lists that run nothing,
 * `finally` without `commands`, and on-failure values CodeBuild does not accept.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Ranged, Rule, SourceRange } from '../../lint/rule.js';
import { entry, scalarValue, type BuildspecView } from './buildspec-view.js';
import { commandPath } from './command-location.js';

export const emptyCommandsRule: Rule<BuildspecView> = {
  id: 'buildspec/empty-commands',
  severity: 'warning',
  summary: 'A phase, commands list or command that runs nothing.',
  check(view, report) {
    const phases = entry(view.root, 'phases');
    if (
      phases &&
      (isNull(phases.value) || (isMap(phases.value) && phases.value.items.length === 0))
    ) {
      report(
        phases.key,
        'phases is empty: the build runs no commands. Add at least a build phase with commands.',
      );
    }
    for (const phase of view.phases) {
      if (!phase.map) {
        if (isNull(phase.value)) {
          report(
            phase.key,
            `Phase "${phase.name}" is empty: nothing runs in it. Add "commands:" with at least one command, or remove the phase.`,
          );
        }
        continue;
      }
      const commands = entry(phase.map, 'commands');
      const hasWork = ['commands', 'finally', 'runtime-versions'].some(
        (name) => entry(phase.map, name) !== undefined,
      );
      if (!hasWork) {
        report(
          phase.key,
          `Phase "${phase.name}" has no commands: nothing runs in it. Add "commands:" with at least one command, or remove the phase.`,
        );
      }
      if (
        commands &&
        (isNull(commands.value) || (isSeq(commands.value) && commands.value.items.length === 0))
      ) {
        report(
          commands.key,
          `"phases.${phase.name}.commands" is empty: the phase runs nothing. Add commands as "- command" lines, or remove the key.`,
        );
      }
    }
    for (const command of view.commands) {
      const where = commandPath(command);
      if (isScalar(command.node) && command.node.value === null) {
        // `- # note` is null to YAML; CodeBuild runs it as an empty command, so it only misleads.
        report(
          dashOf(view.source.text, command.node.range?.[0] ?? 0),
          `${where} is empty ("-" followed by nothing, or only by a comment): it runs nothing. Remove the line, or drop the "-" if it is meant as a comment.`,
        );
      } else if (command.text && command.text.value.trim() === '') {
        report(command.node as Ranged, `${where} is an empty string: it runs nothing. Remove it.`);
      }
    }
  },
};

export const finallyWithoutCommandsRule: Rule<BuildspecView> = {
  id: 'buildspec/finally-without-commands',
  severity: 'warning',
  summary: '`finally` in a phase that has no `commands`; finally runs after commands.',
  check(view, report) {
    for (const phase of view.phases) {
      const final = entry(phase.map, 'finally');
      if (!final) continue;
      const commands = entry(phase.map, 'commands')?.value;
      if (isSeq(commands) && commands.items.length > 0) continue;
      report(
        final.key,
        `phases.${phase.name} has "finally" but no "commands": finally runs after a phase's commands (also when they fail), so here it guards nothing. Move these commands to "commands", or add the commands it should follow.`,
      );
    }
  },
};

/** The "-" of an empty sequence item, which is where the reader looks for it. */
function dashOf(text: string, offset: number): SourceRange {
  const dash = text.lastIndexOf('-', offset);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return dash >= lineStart ? [dash, dash + 1] : [offset, offset];
}

function isNull(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

/** ABORT | CONTINUE | RETRY | RETRY-<count> | RETRY-<regex> | RETRY-<count>-<regex>. */
const ON_FAILURE = /^(?:ABORT|CONTINUE|RETRY(?:-\d+)?(?:-.+)?)$/;

export const onFailureRule: Rule<BuildspecView> = {
  id: 'buildspec/on-failure',
  severity: 'error',
  summary:
    'on-failure is not ABORT, CONTINUE, RETRY, RETRY-<count>, RETRY-<regex> or RETRY-<count>-<regex>.',
  check(view, report) {
    for (const phase of view.phases) {
      const onFailure = entry(phase.map, 'on-failure');
      const value = scalarValue(onFailure?.value);
      if (!onFailure || !isScalar(onFailure.value) || value === undefined) continue;
      if (ON_FAILURE.test(value)) continue;
      const upperCased = value.replace(/^[a-z]+/i, (word) => word.toUpperCase());
      if (ON_FAILURE.test(upperCased)) {
        report(
          onFailure.value,
          `on-failure "${value}" in phases.${phase.name} is not written in upper case as CodeBuild documents it; write "${upperCased}".`,
          'warning',
        );
        continue;
      }
      report(
        onFailure.value,
        `on-failure "${value}" in phases.${phase.name} is not a value CodeBuild accepts: use ABORT, CONTINUE, RETRY, RETRY-<count>, RETRY-<regex> or RETRY-<count>-<regex>.`,
      );
    }
  },
};
