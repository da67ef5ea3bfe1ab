/**
 * ` #` in an unquoted command starts a YAML comment: CodeBuild never sees the rest of the line.
 * A deliberate trailing comment (`- npm ci  # install`) is fine, so this only fires when the
 * cut leaves the shell an unfinished command — an open quote, $( or backtick — which is what
 * `- echo "build #42"` or `- curl "$URL/#/x"` turn into.
 */
import { Scalar } from 'yaml';
import type { Rule } from '../../lint/rule.js';
import { quoteYaml } from '../../lint/yaml-quote.js';
import type { BuildspecView } from './buildspec-view.js';
import { commandPath, quoted } from './command-location.js';

export const commentInCommandRule: Rule<BuildspecView> = {
  id: 'buildspec/yaml-comment',
  severity: 'error',
  summary: 'An unquoted " #" cuts a command short, leaving an open quote, $( or backtick.',
  check(view, report) {
    const text = view.source.text;
    for (const command of view.commands) {
      const node = command.node;
      if (!(node instanceof Scalar) || node.type !== Scalar.PLAIN || !command.text || !node.range)
        continue;
      const end = node.range[1];
      const lineEnd = text.indexOf('\n', end);
      const rest = text.slice(end, lineEnd === -1 ? text.length : lineEnd).replace(/\r$/, '');
      const comment = /^[ \t]+(#.*)$/.exec(rest);
      if (!comment?.[1]) continue;
      const kept = command.text.value;
      const open = unfinished(kept);
      if (!open) continue;
      const commentStart = end + rest.indexOf('#');
      const written = `${text.slice(node.range[0], end)}${rest}`.trim();
      report(
        [commentStart, commentStart + comment[1].length],
        `In ${commandPath(command)}, " #" starts a YAML comment, so CodeBuild runs only ${quoted(kept)} and the shell sees an unclosed ${open}. Quote the whole command: - ${quoteYaml(written)}`,
      );
    }
  },
};

/** What the shell would find unfinished at the end of `command`, if anything. */
function unfinished(command: string): string | undefined {
  let quote: '"' | "'" | undefined;
  let backticks = 0;
  let depth = 0;
  for (let i = 0; i < command.length; i++) {
    const char = command[i];
    if (quote === "'") {
      if (char === "'") quote = undefined;
      continue;
    }
    if (char === '\\') {
      i++;
      continue;
    }
    if (quote === '"') {
      if (char === '"') quote = undefined;
      else if (char === '`') backticks++;
      else if (char === '$' && command[i + 1] === '(') depth++;
      else if (char === ')' && depth > 0) depth--;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '`') backticks++;
    else if (char === '$' && command[i + 1] === '(') depth++;
    else if (char === ')' && depth > 0) depth--;
  }
  if (quote) return `${quote} quote`;
  if (backticks % 2 === 1) return 'backtick';
  if (depth > 0) return '$(';
  return undefined;
}
