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
export const COMMAND_PREFIXES: ReadonlySet<string> = new Set([
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

/**
 * What a command leaves open at its end: a quote, a `$(`, `$((`, `${` or backtick that is never
 * closed, or a here-document whose delimiter line never comes. Each command is its own script,
 * so this is what the shell sees when the command's text ends.
 */
export interface OpenConstruct {
  readonly kind:
    | 'single-quote'
    | 'double-quote'
    | 'ansi-quote'
    | 'command-substitution'
    | 'arithmetic'
    | 'parameter'
    | 'backtick'
    | 'heredoc';
  /** Offset in the command where it opens. */
  readonly index: number;
  /** Length of its opening text (`"`, `$(`, `<<EOF`). */
  readonly length: number;
  /** The here-document's delimiter word. */
  readonly delimiter?: string;
  /**
   * Set when a " inside this construct was meant to close the double quote around it
   * (`"app:${TAG" .`): the shell then reports an unterminated quote, not this construct.
   */
  readonly quoteInside?: boolean;
}

interface Context {
  readonly kind: OpenConstruct['kind'] | 'script';
  readonly index: number;
  readonly length: number;
  /** Unquoted ( nesting inside this context. */
  depth: number;
}

interface PendingHeredoc {
  readonly delimiter: string;
  readonly stripTabs: boolean;
  readonly index: number;
  readonly length: number;
}

/**
 * Follows the nesting of quotes and substitutions the way the shell reads them: quotes inside
 * `$(...)` and `${...}` are their own, also within double quotes (`"$(echo "it's")"`); `\`
 * escapes outside single quotes; `#` starts a comment at the start of a word in command text;
 * here-document bodies start after the line of their `<<` and end at the delimiter line.
 * Returns the innermost construct still open at the end, or an unterminated here-document.
 */
export function findUnclosed(command: string): OpenConstruct | undefined {
  const stack: Context[] = [{ kind: 'script', index: 0, length: 0, depth: 0 }];
  let heredocs: PendingHeredoc[] = [];
  const push = (kind: OpenConstruct['kind'], index: number, length: number) =>
    stack.push({ kind, index, length, depth: 0 });
  for (let i = 0; i < command.length; i++) {
    const top = stack[stack.length - 1] as Context;
    const char = command[i] as string;
    const next = command[i + 1];
    if (top.kind === 'single-quote') {
      if (char === "'") stack.pop();
      continue;
    }
    if (top.kind === 'ansi-quote') {
      if (char === '\\') i++;
      else if (char === "'") stack.pop();
      continue;
    }
    if (top.kind === 'backtick') {
      if (char === '\\') i++;
      else if (char === '`') stack.pop();
      continue;
    }
    if (char === '\\' || (char === '$' && next === '$')) {
      // An escaped character, or $$ (the process id) before a { or ( that is then plain text.
      i++;
      continue;
    }
    if (char === '$' && next === '(' && command[i + 2] === '(') {
      push('arithmetic', i, 3);
      i += 2;
      continue;
    }
    if (char === '$' && next === '(') {
      push('command-substitution', i, 2);
      i++;
      continue;
    }
    if (char === '$' && next === '{') {
      push('parameter', i, 2);
      i++;
      continue;
    }
    if (char === '`') {
      push('backtick', i, 1);
      continue;
    }
    if (top.kind === 'double-quote') {
      if (char === '"') stack.pop();
      continue;
    }
    // Command text, ${...} and $((...)): quotes open here.
    if (char === "'") {
      push('single-quote', i, 1);
      continue;
    }
    if (char === '"') {
      push('double-quote', i, 1);
      continue;
    }
    if (char === '$' && next === "'") {
      push('ansi-quote', i, 2);
      i++;
      continue;
    }
    if (top.kind === 'parameter') {
      // The first unquoted } ends it, as in bash and dash: ${x:-{} is "{" when x is unset.
      if (char === '}') stack.pop();
      continue;
    }
    if (top.kind === 'arithmetic') {
      if (char === '(') top.depth++;
      else if (char === ')' && top.depth > 0) top.depth--;
      else if (char === ')' && next === ')') {
        stack.pop();
        i++;
      } else if (char === ')') {
        // Not arithmetic after all: ((a; b); c) is two subshells, $((a); b) a $( and a subshell.
        stack.pop();
        if (top.length === 3) push('command-substitution', top.index, 2);
        else (stack[stack.length - 1] as Context).depth++;
      }
      continue;
    }
    // Command text: the script itself or a $(...).
    const wordStart = i === 0 || /[\s;&|()<>]/.test(command[i - 1] ?? '');
    if (char === '#' && wordStart) {
      while (i + 1 < command.length && command[i + 1] !== '\n') i++;
      continue;
    }
    if (char === '(' && next === '(' && wordStart) {
      // An arithmetic command, (( ... )): << there is a shift, not a here-document.
      push('arithmetic', i, 2);
      i++;
      continue;
    }
    if (char === '(') {
      top.depth++;
      continue;
    }
    if (char === ')') {
      if (top.depth > 0) top.depth--;
      else if (top.kind === 'command-substitution') stack.pop();
      continue;
    }
    if (char === '<' && next === '<') {
      if (command[i + 2] === '<') {
        i += 2;
        continue;
      }
      const heredoc = heredocAt(command, i);
      if (heredoc) {
        heredocs.push(heredoc);
        i = heredoc.index + heredoc.length - 1;
      } else {
        i++;
      }
      continue;
    }
    if (char === '\n' && heredocs.length > 0) {
      for (const heredoc of heredocs) {
        const end = heredocEnd(command, i, heredoc);
        if (end === undefined) {
          return {
            kind: 'heredoc',
            index: heredoc.index,
            length: heredoc.length,
            delimiter: heredoc.delimiter,
          };
        }
        i = end;
      }
      heredocs = [];
    }
  }
  const pending = heredocs[0];
  if (pending) {
    return {
      kind: 'heredoc',
      index: pending.index,
      length: pending.length,
      delimiter: pending.delimiter,
    };
  }
  const open = innermostMistake(stack);
  if (open.kind === 'script') return undefined;
  const quoteInside = open !== stack[stack.length - 1];
  return { kind: open.kind, index: open.index, length: open.length, quoteInside };
}

/**
 * The open construct to blame. Usually the innermost; but in `"app:${TAG" .` the quote that
 * opens inside ${ was meant to close the outer one, so the ${ without its } is the mistake.
 */
function innermostMistake(stack: readonly Context[]): Context {
  const [outer, middle, inner] = stack.slice(-3);
  if (
    inner?.kind === 'double-quote' &&
    outer?.kind === 'double-quote' &&
    (middle?.kind === 'parameter' ||
      middle?.kind === 'command-substitution' ||
      middle?.kind === 'arithmetic')
  )
    return middle;
  return stack[stack.length - 1] as Context;
}

/** `<<WORD`, `<<-WORD`, `<< 'WORD'`, `<<"WORD"`, `<<\WORD` at `index`; the delimiter unquoted. */
function heredocAt(command: string, index: number): PendingHeredoc | undefined {
  const match = /^<<(-?)[ \t]*((?:[^\s;&|()<>'"\\]|\\.|'[^'\n]*'|"[^"\n]*")+)/.exec(
    command.slice(index),
  );
  if (!match?.[2]) return undefined;
  const delimiter = match[2].replace(/\\(.)/g, '$1').replace(/['"]/g, '');
  if (delimiter === '') return undefined;
  return { delimiter, stripTabs: match[1] === '-', index, length: match[0].length };
}

/** Offset of the line break ending the delimiter line (or the command's end), or undefined. */
function heredocEnd(command: string, newline: number, heredoc: PendingHeredoc): number | undefined {
  let lineStart = newline + 1;
  while (lineStart <= command.length) {
    const lineEnd = command.indexOf('\n', lineStart);
    const end = lineEnd === -1 ? command.length : lineEnd;
    let line = command.slice(lineStart, end).replace(/\r$/, '');
    if (heredoc.stripTabs) line = line.replace(/^\t+/, '');
    // Leading and trailing blanks are forgiven: a delimiter line indented with the YAML block
    // would not end the here-document in bash, but reporting it belongs to another check.
    if (line.trim() === heredoc.delimiter) return end;
    if (lineEnd === -1) return undefined;
    lineStart = lineEnd + 1;
  }
  return undefined;
}
