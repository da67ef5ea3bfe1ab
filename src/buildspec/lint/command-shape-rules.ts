/**
 * Commands that YAML did not read as the string that was written: `- echo a: b` is a mapping,
 * `- [ -f x ]` a list, `- *.sh` an alias, `- &x cmd` and `- !x cmd` lose their first word to
 * an anchor or a tag. CodeBuild rejects the first kinds with
 * YAML_FILE_ERROR "Expected Commands[N] to be of string type"; the anchor and tag cases run a
 * different command without a word of warning.
 */
import { isAlias, isMap, isScalar, isSeq, type Scalar } from 'yaml';
import type { Rule } from '../../lint/rule.js';
import { quoteYaml } from '../../lint/yaml-quote.js';
import { sourceOf, type BuildspecView, type CommandEntry } from './buildspec-view.js';
import { commandPath, quoted } from './command-location.js';

const rejected = (command: CommandEntry) =>
  `CodeBuild rejects the buildspec (YAML_FILE_ERROR "Expected Commands[${command.index}] to be of string type")`;

export const colonSpaceRule: Rule<BuildspecView> = {
  id: 'buildspec/yaml-colon-space',
  severity: 'error',
  summary:
    'An unquoted command containing ": " (or ending in ":") is read as a mapping, not a command.',
  check(view, report) {
    for (const command of view.commands) {
      const node = command.node;
      if (!isMap(node) || node.flow || !isOneLine(view, node)) continue;
      const written = sourceOf(view.source, node)?.trim() ?? '';
      report(
        node,
        `${commandPath(command)} ${written.endsWith(':') ? 'ends with ":"' : 'contains ": "'} so YAML reads it as a mapping, not the command ${quoted(written)}: ${rejected(command)}. Quote the whole command: - ${quoteYaml(written)}`,
      );
    }
  },
};

export const indicatorStartRule: Rule<BuildspecView> = {
  id: 'buildspec/yaml-indicator-start',
  severity: 'error',
  summary:
    'An unquoted command starting with [ { * & or ! is read as a list, mapping, alias, anchor or tag.',
  check(view, report) {
    for (const command of view.commands) {
      const node = command.node;
      const written = writtenText(view, node);
      const fix = `Quote the whole command: - ${quoteYaml(written)}`;
      if ((isSeq(node) || isMap(node)) && node.flow) {
        const what = isSeq(node) ? 'a list' : 'a mapping';
        report(
          node,
          `${commandPath(command)} starts with "${written[0]}" so YAML reads ${what}, not the command ${quoted(written)}: ${rejected(command)}. ${fix}`,
        );
      } else if (isAlias(node)) {
        // Resolvable aliases were replaced by their targets in the view: this one points nowhere.
        report(
          node,
          `${commandPath(command)} starts with "*" so YAML reads an alias to an anchor named "${node.source}", not the command ${quoted(written)}: CodeBuild rejects the buildspec (YAML_FILE_ERROR). ${fix}`,
        );
      } else if (isScalar(node) && node.anchor && !view.aliasedAnchors.has(node.anchor)) {
        report(
          prefixRange(view, node, `&${node.anchor}`),
          `${commandPath(command)} starts with "&${node.anchor}", which YAML takes as an anchor name and drops: CodeBuild runs ${quoted(String(node.value))}, not ${quoted(written)}. ${fix}`,
        );
      } else if (isScalar(node) && node.tag && !node.tag.startsWith('tag:yaml.org,2002:')) {
        report(
          prefixRange(view, node, node.tag),
          `${commandPath(command)} starts with "${node.tag}", which YAML takes as a tag: CodeBuild does not run ${quoted(written)} as written. ${fix}`,
        );
      }
    }
  },
};

export const commandTypeRule: Rule<BuildspecView> = {
  id: 'buildspec/command-type',
  severity: 'error',
  summary: 'A command that is not a string: a nested list or a multi-line mapping.',
  check(view, report) {
    for (const command of view.commands) {
      const node = command.node;
      if (isSeq(node) && !node.flow) {
        report(
          node,
          `${commandPath(command)} is a nested list, not a command: ${rejected(command)}. Put each command in its own "- command" line at the same indentation.`,
        );
      } else if (isMap(node) && !node.flow && !isOneLine(view, node)) {
        report(
          node,
          `${commandPath(command)} is a mapping (key: value lines), not a command: ${rejected(command)}. Write each command as a quoted "- command" line.`,
        );
      }
    }
  },
};

function isOneLine(
  view: BuildspecView,
  node: { range?: [number, number, number] | null },
): boolean {
  const written = sourceOf(view.source, node) ?? '';
  return !written.trim().includes('\n');
}

/** The command as the user typed it, including a leading anchor or tag YAML took away. */
function writtenText(view: BuildspecView, node: unknown): string {
  const body = sourceOf(view.source, node)?.trim() ?? '';
  if (isScalar(node) && node.anchor) return `&${node.anchor} ${body}`;
  if (isScalar(node) && node.tag && !node.tag.startsWith('tag:yaml.org,2002:'))
    return `${node.tag} ${body}`;
  return body;
}

/** The range of an anchor or tag written just before a scalar on the same line. */
function prefixRange(view: BuildspecView, node: Scalar, prefix: string): readonly [number, number] {
  const start = node.range?.[0] ?? 0;
  const lineStart = view.source.text.lastIndexOf('\n', start - 1) + 1;
  const found = view.source.text.lastIndexOf(prefix, start);
  return found >= lineStart ? [found, found + prefix.length] : [start, start];
}
