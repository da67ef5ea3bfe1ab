/**
 * Just enough of a POSIX shell lexer to find syntax in a command without being fooled by
 * quotes, comments and here-documents: `echo "[[ x ]]"` mentions `[[` but does not run it.
 * Produces the tokens of the command with their offsets and command positions; quoted text is
 * masked so that nothing inside quotes looks like syntax.
 */

export interface ShellToken {
  readonly kind: 'word' | 'operator' | 'newline';
  /** The token as written, with quoted characters masked by `_`. */
  readonly text: string;
  /** Offset in the command string. */
  readonly start: number;
  readonly end: number;
  /** True for the word a simple command starts with (its name), or an operator in that place. */
  readonly commandPosition: boolean;
}

export interface LexedCommand {
  readonly tokens: readonly ShellToken[];
  /** The command with the contents of all quotes, comments and here-document bodies masked. */
  readonly masked: string;
  /** Like `masked`, but double-quoted text is kept: expansions such as ${x//a/b} happen there. */
  readonly expandable: string;
  /** Offsets of $'...' (ANSI-C) quotes. */
  readonly ansiQuotes: readonly number[];
}

const MASK = '_';
const OPERATOR = /\n|\$\(\(|\$\(|&&|\|\||;;|<<<|<<-|<<|>>|&>>|&>|\|&|>&|<&|>\||\(\(|[;&|()<>`]/y;
const WORD = /(?:[^\s;&|()<>`$]|\$(?!\())+/y;
/** Operators after which the next word is a command name. */
const COMMAND_SEPARATORS = new Set(['\n', ';', ';;', '&&', '||', '|', '|&', '&', '(', '$(', '`']);
/** Reserved words after which the next word is still a command name. */
const COMMAND_PREFIXES = new Set([
  'if',
  'then',
  'do',
  'else',
  'elif',
  'while',
  'until',
  '!',
  '{',
  'time',
  'exec',
]);
const REDIRECTIONS = new Set(['<', '>', '>>', '<<', '<<-', '<<<', '&>', '&>>', '>&', '<&', '>|']);

export function lexCommand(command: string): LexedCommand {
  const { masked, expandable, ansiQuotes } = mask(command);
  return { tokens: tokenize(masked), masked, expandable, ansiQuotes };
}

function mask(command: string): { masked: string; expandable: string; ansiQuotes: number[] } {
  const masked: string[] = [];
  const expandable: string[] = [];
  const ansiQuotes: number[] = [];
  const heredocs: { delimiter: string }[] = [];
  const put = (m: string, e: string = m) => {
    masked.push(m);
    expandable.push(e);
  };
  let state: 'plain' | 'single' | 'double' | 'ansi' = 'plain';
  for (let i = 0; i < command.length; i++) {
    const char = command[i] as string;
    const next = command[i + 1];
    if (state === 'single' || state === 'ansi') {
      if (state === 'ansi' && char === '\\' && next !== undefined) {
        put(MASK, MASK);
        put(keepNewline(next), keepNewline(next));
        i++;
      } else if (char === "'") {
        put(char);
        state = 'plain';
      } else {
        put(keepNewline(char), keepNewline(char));
      }
      continue;
    }
    if (state === 'double') {
      if (char === '\\' && next !== undefined) {
        put(MASK, char);
        put(keepNewline(next), next);
        i++;
      } else if (char === '"') {
        put(char);
        state = 'plain';
      } else {
        put(keepNewline(char), char);
      }
      continue;
    }
    if (char === '\\' && next !== undefined) {
      // A backslash-newline joins lines; an escaped character is never syntax.
      if (next === '\n') put(' ', ' ');
      else put(MASK, MASK);
      put(next === '\n' ? ' ' : MASK, next === '\n' ? ' ' : MASK);
      i++;
    } else if (char === "'") {
      put(char);
      state = 'single';
    } else if (char === '"') {
      put(char);
      state = 'double';
    } else if (char === '$' && next === "'") {
      ansiQuotes.push(i);
      put('$');
      put("'");
      i++;
      state = 'ansi';
    } else if (char === '#' && (i === 0 || /[\s;&|()<>]/.test(command[i - 1] ?? ''))) {
      // A comment runs to the end of the line.
      while (i < command.length && command[i] !== '\n') {
        put(' ', ' ');
        i++;
      }
      i--;
    } else if (char === '<' && next === '<' && command[i + 2] !== '<') {
      const heredoc = /^<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(command.slice(i));
      if (heredoc?.[2]) heredocs.push({ delimiter: heredoc[2] });
      put(char);
    } else if (char === '\n' && heredocs.length > 0) {
      put('\n');
      // Here-document bodies are data, not commands: mask them up to their delimiter lines.
      for (const heredoc of heredocs.splice(0)) {
        while (i + 1 < command.length) {
          const lineEnd = command.indexOf('\n', i + 1);
          const end = lineEnd === -1 ? command.length : lineEnd;
          const line = command.slice(i + 1, end);
          for (let j = 0; j < line.length; j++) put(MASK, MASK);
          if (end < command.length) put('\n');
          i = end;
          if (line.trim() === heredoc.delimiter) break;
        }
      }
    } else {
      put(char);
    }
  }
  return { masked: masked.join(''), expandable: expandable.join(''), ansiQuotes };
}

function keepNewline(char: string): string {
  return char === '\n' ? '\n' : MASK;
}

function tokenize(masked: string): ShellToken[] {
  const tokens: ShellToken[] = [];
  let expectCommand = true;
  let redirectTarget = false;
  let i = 0;
  while (i < masked.length) {
    const char = masked[i] as string;
    if (char === ' ' || char === '\t' || char === '\r') {
      i++;
      continue;
    }
    OPERATOR.lastIndex = i;
    const operator = OPERATOR.exec(masked)?.[0];
    if (operator) {
      const token: ShellToken = {
        kind: operator === '\n' ? 'newline' : 'operator',
        text: operator,
        start: i,
        end: i + operator.length,
        commandPosition: expectCommand,
      };
      tokens.push(token);
      i = token.end;
      if (REDIRECTIONS.has(operator)) redirectTarget = true;
      else if (COMMAND_SEPARATORS.has(operator)) expectCommand = true;
      else expectCommand = false;
      continue;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(masked)?.[0] ?? char;
    const start = i;
    i += word.length;
    if (redirectTarget) {
      redirectTarget = false;
      tokens.push({ kind: 'word', text: word, start, end: i, commandPosition: false });
      continue;
    }
    const isAssignment = /^[A-Za-z_][A-Za-z0-9_]*=/.test(word);
    tokens.push({
      kind: 'word',
      text: word,
      start,
      end: i,
      commandPosition: expectCommand && !isAssignment,
    });
    if (expectCommand && (isAssignment || COMMAND_PREFIXES.has(word))) continue;
    expectCommand = false;
  }
  return tokens;
}
