/**
 * ` #` in an unquoted command starts a YAML comment: CodeBuild never sees the rest of the line.
 * A deliberate trailing comment (`- npm ci  # install`) is fine, so this only fires when the
 * cut leaves the shell an unfinished command — an open quote, $( or backtick — which is what
 * `- echo "build #42"` or `- curl "$URL/#/x"` turn into.
 */
import { Scalar } from 'yaml';
import type { Rule } from '../../lint/rule.js';
import { quoteYaml } from '../../lint/yaml-quote.js';
import type { BuildspecView, CommandEntry } from './buildspec-view.js';
import { commandPath, quoted } from './command-location.js';

export const commentInCommandRule: Rule<BuildspecView> = {
  id: 'buildspec/yaml-comment',
  severity: 'error',
  summary: 'An unquoted " #" cuts a command short, leaving an open quote, $( or backtick.',
  check(view, report) {
    for (const command of view.commands) {
      const cut = commentCut(view, command);
      if (!cut) continue;
      report(
        cut.range,
        `In ${commandPath(command)}, " #" starts a YAML comment, so CodeBuild runs only ${quoted(cut.kept)} and the shell sees an unclosed ${cut.open}. Quote the whole command: - ${quoteYaml(cut.written)}`,
      );
    }
  },
};

export interface CommentCut {
  /** The YAML comment's range in the file. */
  readonly range: readonly [number, number];
  /** What CodeBuild runs: the text before the comment. */
  readonly kept: string;
  /** The command as written, comment included. */
  readonly written: string;
  /** What the cut leaves open: `" quote`, `backtick`, `$(`. */
  readonly open: string;
}

/**
 * A plain command followed by a YAML comment that cuts it where the shell still expects more;
 * the shell rules leave such commands to this rule, which names the real cause.
 */
export function commentCut(view: BuildspecView, command: CommandEntry): CommentCut | undefined {
  const text = view.source.text;
  const node = command.node;
  if (!(node instanceof Scalar) || node.type !== Scalar.PLAIN || !command.text || !node.range)
    return undefined;
  const end = node.range[1];
  const lineEnd = text.indexOf('\n', end);
  const rest = text.slice(end, lineEnd === -1 ? text.length : lineEnd).replace(/\r$/, '');
  const comment = /^[ \t]+(#.*)$/.exec(rest);
  if (!comment?.[1]) return undefined;
  const kept = command.text.value;
  const open = unfinished(kept);
  if (!open) return undefined;
  const commentStart = end + rest.indexOf('#');
  return {
    range: [commentStart, commentStart + comment[1].length],
    kept,
    written: `${text.slice(node.range[0], end)}${rest}`.trim(),
    open,
  };
}

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
