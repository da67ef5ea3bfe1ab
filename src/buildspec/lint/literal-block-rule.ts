/**
 * A `|` block is one script, and a script's exit status is its last command's: in
 *
 *   - |
 *     npm ci
 *     npm test
 *
 * a failing `npm ci` is ignored as long as `npm test` passes. CodeBuild only sees that final
 * status, so the build goes on. `set -e` (or separate `- command` items) restores "stop on the
 * first failure". Lines that cannot fail in a way that matters (echo, assignments, control
 * keywords) and lines that handle their own failure (`|| exit 1`) do not count.
 */
import { isScalar, Scalar } from 'yaml';
import type { Rule } from '../../lint/rule.js';
import type { BuildspecView } from './buildspec-view.js';
import { commandPath, quoted, rangeInCommand } from './command-location.js';

const SET_ERREXIT = /(^|[\s;&|])set\s+(-[a-zA-Z]*e[a-zA-Z]*\b|-o\s+errexit\b)/m;
/** Lines after which the statement goes on: operators, `\`, and openers of compound commands. */
const CONTINUES = /(&&|\|\||\||\\|\bthen|\bdo|\belse|\bin|\{|\()\s*$/;
/** Lines that are only a keyword closing or separating a compound command. */
const KEYWORD_ONLY = /^(fi|done|esac|else|then|do|\{|\}|\)|;;|[^\s()]+\))\s*;?\s*([<>|].*)?$/;
/** Conditions of if/while/for/case: their status is a decision, not a failure. */
const COMPOUND_OPENER =
  /^(if|elif|while|until|for|case|select)\b|^[A-Za-z_][\w-]*\s*\(\)\s*\{?\s*$/;
/**
 * Statements whose failure does not matter or is handled where they are: messages, settings,
 * plain assignments, tests (a false test is a decision), and `cmd || exit 1`.
 */
const HARMLESS =
  /^(echo|printf|:|true|set|\[|\[\[|test|export\s+[A-Za-z_][A-Za-z0-9_]*=[^$`]*$|[A-Za-z_][A-Za-z0-9_]*=[^$`]*$|#)|\|\|\s*(exit|return|true|:)\b/;

export const literalBlockRule: Rule<BuildspecView> = {
  id: 'buildspec/literal-block-without-set-e',
  severity: 'warning',
  summary:
    'A "|" block with several commands and no set -e: only the last command decides whether the phase fails.',
  check(view, report) {
    if (view.shell === 'windows') return;
    for (const command of view.commands) {
      const node = command.node;
      if (!isScalar(node) || node.type !== Scalar.BLOCK_LITERAL || !command.text) continue;
      const script = command.text.value;
      if (SET_ERREXIT.test(script)) continue;
      const statements = statementsOf(script);
      if (statements.length < 2) continue;
      const ignored = statements.slice(0, -1).find((statement) => !HARMLESS.test(statement.text));
      if (!ignored) continue;
      const last = statements[statements.length - 1];
      report(
        rangeInCommand(command, ignored.index, ignored.text.length),
        `${commandPath(command)} is a "|" block run as one script: only its last command (${quoted(last?.text ?? '')}) decides the exit status, so if ${quoted(ignored.text)} fails the build goes on. Add "set -e" as the block's first line, or give each command its own "- command" item.`,
      );
    }
  },
};

interface Statement {
  readonly text: string;
  /** Offset of the statement's first character in the script. */
  readonly index: number;
}

/** The script's top-level statements, one per line that ends one, outside here-documents. */
function statementsOf(script: string): Statement[] {
  const statements: Statement[] = [];
  let heredoc: string | undefined;
  let continued = false;
  let index = 0;
  for (const raw of script.split('\n')) {
    const lineIndex = index;
    index += raw.length + 1;
    const line = raw.trim();
    if (heredoc !== undefined) {
      if (line === heredoc) heredoc = undefined;
      continue;
    }
    if (line === '' || line.startsWith('#')) continue;
    heredoc = /<<-?\s*['"]?([A-Za-z_][A-Za-z0-9_]*)/.exec(line)?.[1];
    const starts = !continued;
    continued = CONTINUES.test(line);
    if (!starts || KEYWORD_ONLY.test(line) || COMPOUND_OPENER.test(line)) continue;
    statements.push({ text: line, index: lineIndex + (raw.length - raw.trimStart().length) });
  }
  return statements;
}
