/**
 * Finds bash-only syntax in a command. CodeBuild runs commands with `sh` unless env.shell says
 * bash; on Ubuntu images that is dash, which rejects or misreads all of these (on Amazon Linux
 * images sh is bash, so the same buildspec "works" there and breaks after an image change).
 */
import { lexCommand, type ShellToken } from './shell-lexer.js';

export interface BashFeature {
  /** Which syntax: one finding per kind per command. */
  readonly kind: string;
  /** Offset in the command. */
  readonly index: number;
  readonly length: number;
  /** What was found and what dash does with it, with the POSIX way to write it. */
  readonly message: string;
}

const BUILTINS: Readonly<Record<string, string>> = {
  source:
    '"source" is a bash builtin; sh has no such command ("source: not found"), so the file is never read. Use ". file"',
  pushd:
    '"pushd" is a bash builtin; sh fails with "pushd: not found" and the directory does not change. Use cd (each command is its own script; the directory carries over)',
  popd: '"popd" is a bash builtin; sh fails with "popd: not found". Use cd',
  shopt: '"shopt" is a bash builtin; sh fails with "shopt: not found"',
  declare:
    '"declare" is a bash builtin; sh fails with "declare: not found". Assign the variable directly (NAME=value)',
  typeset:
    '"typeset" is a bash builtin; sh fails with "typeset: not found". Assign the variable directly (NAME=value)',
  let: '"let" is bash arithmetic; sh fails with "let: not found". Use NAME=$((expression))',
  mapfile:
    '"mapfile" is a bash builtin; sh fails with "mapfile: not found". Read lines with while read',
  readarray:
    '"readarray" is a bash builtin; sh fails with "readarray: not found". Read lines with while read',
};

/** ${name//a/b}, ${name/a/b}, ${name:1}, ${name: -1}, ${name^^}, ${name,,}: bash parameter expansions. */
const BASH_EXPANSION = /\$\{[A-Za-z_][A-Za-z0-9_]*(?:\/|:\s*-?\d|\^|,)/g;
const ARRAY_REFERENCE = /\$\{#?[A-Za-z_][A-Za-z0-9_]*\[/g;
/**
 * {a,b} or {1..3} not preceded by $ (that would be ${...}); only simple words inside, so that
 * unquoted JSON such as {"a":1,"b":2} (literal in sh, as intended) does not count.
 */
const BRACE_EXPANSION = /(?<![$\\])\{(?:[\w./*-]*,[\w./*,-]*|-?[A-Za-z0-9]+\.\.-?[A-Za-z0-9]+)\}/g;

export function findBashOnlySyntax(command: string): BashFeature[] {
  const lexed = lexCommand(command);
  const found: BashFeature[] = [];
  const add: Add = (kind, index, length, message) => found.push({ kind, index, length, message });
  const tokens = lexed.tokens;

  tokens.forEach((token, position) => {
    const next = tokens[position + 1];
    if (token.kind === 'operator') checkOperator(token, add);
    if (token.kind !== 'word') return;
    if (token.commandPosition) checkCommandName(token, tokens, position, add);
    if (
      /^[A-Za-z_][A-Za-z0-9_]*\+?=$/.test(token.text) &&
      next?.text === '(' &&
      next.start === token.end
    ) {
      add(
        'array',
        token.start,
        next.end - token.start,
        'Arrays are bash-only; sh fails with "Syntax error: "(" unexpected". Use a space-separated string',
      );
    }
    for (const match of token.text.matchAll(BRACE_EXPANSION)) {
      const word = command.slice(token.start, token.end);
      add(
        'brace-expansion',
        token.start + (match.index ?? 0),
        match[0].length,
        `Brace expansion ${match[0]} is bash-only; sh keeps the braces literally, so "${word}" stays one word. Write the words out`,
      );
    }
  });
  for (const index of lexed.ansiQuotes) {
    add(
      'ansi-c-quote',
      index,
      2,
      "$'...' quoting is bash-only; sh passes the $ and the backslash escapes literally. Use printf",
    );
  }
  for (const match of lexed.expandable.matchAll(BASH_EXPANSION)) {
    add(
      'bash-expansion',
      match.index ?? 0,
      match[0].length,
      `${match[0]}...} is a bash-only expansion; dash fails with "Bad substitution". Use sed, cut or tr`,
    );
  }
  for (const match of lexed.expandable.matchAll(ARRAY_REFERENCE)) {
    add(
      'array',
      match.index ?? 0,
      match[0].length,
      `${match[0]}...]} reads a bash array; dash fails with "Bad substitution"`,
    );
  }
  return dedupe(found);
}

type Add = (kind: string, index: number, length: number, message: string) => void;

function checkOperator(token: ShellToken, add: Add): void {
  if (token.text === '<<<')
    add(
      'here-string',
      token.start,
      3,
      'Here-strings (<<<) are bash-only; sh fails with a syntax error. Use printf \'%s\\n\' "..." | command',
    );
  if (token.text === '&>' || token.text === '&>>') {
    add(
      'ampersand-redirect',
      token.start,
      token.text.length,
      `"${token.text}" is bash-only; sh reads "cmd ${token.text} file" as "cmd &" (run in the background!) followed by "${token.text.slice(1)} file". Use "${token.text.slice(1)} file 2>&1"`,
    );
  }
  if (token.text === '|&')
    add(
      'pipe-ampersand',
      token.start,
      2,
      '"|&" is bash-only; sh fails with a syntax error. Use "2>&1 |"',
    );
  if (token.text === '((' && token.commandPosition) {
    add(
      'arithmetic-command',
      token.start,
      2,
      '"(( ... ))" arithmetic commands are bash-only; sh reads "(" as a subshell and fails. Use [ "$a" -lt "$b" ] or NAME=$((expression))',
    );
  }
}

function checkCommandName(
  token: ShellToken,
  tokens: readonly ShellToken[],
  position: number,
  add: Add,
): void {
  const name = token.text;
  const builtin = BUILTINS[name];
  if (builtin) add(`builtin-${name}`, token.start, name.length, builtin);
  if (name === '[[')
    add(
      'double-bracket',
      token.start,
      2,
      '"[[" is bash syntax; sh fails with "[[: not found", so an if around it is silently false. Use [ ... ]',
    );
  if (name === 'function' && tokens[position + 1]?.kind === 'word') {
    add(
      'function-keyword',
      token.start,
      name.length,
      '"function name" is bash syntax; sh fails with a syntax error. Write "name() { ...; }"',
    );
  }
  const args = argumentsOf(tokens, position);
  if (name === '[' || name === 'test') {
    const equals = args.find((arg) => arg.text === '==');
    if (equals)
      add(
        'double-equals',
        equals.start,
        2,
        '"==" in [ ] is bash-only; dash fails with "[: unexpected operator", so an if around it is silently false. Use "="',
      );
  }
  if (name === 'set') {
    const pipefail = args.find((arg) => arg.text === 'pipefail');
    if (pipefail)
      add(
        'pipefail',
        pipefail.start,
        pipefail.text.length,
        '"set -o pipefail" is not supported by dash: the command fails with "Illegal option -o pipefail"',
      );
  }
}

function argumentsOf(tokens: readonly ShellToken[], position: number): ShellToken[] {
  const args: ShellToken[] = [];
  for (const token of tokens.slice(position + 1)) {
    if (token.kind !== 'word') break;
    args.push(token);
  }
  return args;
}

/** One finding per kind of syntax per command is enough; keep the first of each. */
function dedupe(found: BashFeature[]): BashFeature[] {
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.index - b.index)
    .filter((feature) => {
      if (seen.has(feature.kind)) return false;
      seen.add(feature.kind);
      return true;
    });
}
