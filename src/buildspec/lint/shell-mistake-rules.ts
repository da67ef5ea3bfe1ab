/**
 * Shell mistakes that break a command whatever the image: a quote, `$(`, `${` or backtick that a
 * command never closes, a here-document without its end line, and a bare `bash` / `su` /
 * `pwsh` that starts an interactive shell. CodeBuild runs each command as its own script, so a
 * quote opened in one list item cannot close in the next one: both items are broken.
 */
import type { Rule } from '../../lint/rule.js';
import { positionAt } from '../../lint/yaml-source.js';
import type { BuildspecView, CommandEntry } from './buildspec-view.js';
import { commentCut } from './command-comment-rule.js';
import { commandPath, quoted, rangeInCommand } from './command-location.js';
import {
  COMMAND_PREFIXES,
  findUnclosed,
  lexCommand,
  type OpenConstruct,
  type ShellToken,
} from './shell-lexer.js';

const WHAT: Readonly<Record<Exclude<OpenConstruct['kind'], 'heredoc'>, string>> = {
  'single-quote': 'single quote',
  'double-quote': 'double quote',
  'ansi-quote': "$'...' quote",
  'command-substitution': '"$(" command substitution',
  arithmetic: 'arithmetic "$(("',
  parameter: '"${" expansion',
  backtick: 'backtick command substitution',
};

/** What dash and bash say when the script ends inside the construct. */
const SHELL_SAYS: Readonly<Record<Exclude<OpenConstruct['kind'], 'heredoc'>, string>> = {
  'single-quote': `sh stops with "Syntax error: Unterminated quoted string" (bash: "unexpected EOF while looking for matching \`''")`,
  'double-quote': `sh stops with "Syntax error: Unterminated quoted string" (bash: "unexpected EOF while looking for matching \`"'")`,
  'ansi-quote': `bash stops with "unexpected EOF while looking for matching \`''"`,
  'command-substitution': `sh stops with 'Syntax error: end of file unexpected (expecting ")")' (bash: "unexpected EOF while looking for matching \`)'")`,
  arithmetic: `sh stops with 'Syntax error: end of file unexpected (expecting ")")' (bash: "unexpected EOF while looking for matching \`)'")`,
  parameter: `sh stops with "Syntax error: Missing '}'" (bash: "unexpected EOF while looking for matching \`}'")`,
  backtick: 'sh stops with "Syntax error: EOF in backquote substitution"',
};

const CLOSER: Readonly<Record<Exclude<OpenConstruct['kind'], 'heredoc'>, string>> = {
  'single-quote': "'",
  'double-quote': '"',
  'ansi-quote': "'",
  'command-substitution': ')',
  arithmetic: '))',
  parameter: '}',
  backtick: '`',
};

export const unclosedShellRule: Rule<BuildspecView> = {
  id: 'buildspec/shell-unclosed',
  severity: 'error',
  summary:
    'A command that leaves a quote, $(, ${ or backtick open, or a here-document without its end line in the same command.',
  check(view, report) {
    if (view.shell !== 'sh' && view.shell !== 'bash') return;
    let previous: { command: CommandEntry; open: OpenConstruct } | undefined;
    for (const command of view.commands) {
      const open =
        command.text && !commentCut(view, command) ? findUnclosed(command.text.value) : undefined;
      if (open && command.text) {
        const range = rangeInCommand(command, open.index, open.length);
        const before =
          previous &&
          previous.open.kind === open.kind &&
          previous.command.phase === command.phase &&
          previous.command.block === command.block &&
          previous.command.index === command.index - 1
            ? previous.command
            : undefined;
        report(range, message(view, command, open, range[0], before));
      }
      previous = open ? { command, open } : undefined;
    }
  },
};

function message(
  view: BuildspecView,
  command: CommandEntry,
  open: OpenConstruct,
  offset: number,
  continues: CommandEntry | undefined,
): string {
  const value = command.text?.value ?? '';
  const where = `${commandPath(command)} (line ${positionAt(view.source, offset).line})`;
  if (open.kind === 'heredoc') {
    const delimiter = open.delimiter ?? 'EOF';
    return `${where}: the here-document ${quoted(value.slice(open.index, open.index + open.length))} has no "${delimiter}" line in this command, so the shell takes the rest of the command as its text (bash warns "here-document delimited by end-of-file") and lines written in the next list items run as commands. Put the command, the text and the "${delimiter}" line in one "|" block.`;
  }
  const opened = continues
    ? `the ${WHAT[open.kind]} at ${quoted(excerpt(value, open.index))} looks like the end of the one left open in ${commandPath(continues)}, but it opens a new one here, never closed`
    : `the ${WHAT[open.kind]} opened at ${quoted(excerpt(value, open.index))} is never closed with ${quoted(CLOSER[open.kind])} in this command`;
  const apostrophe =
    open.kind === 'single-quote' && !continues
      ? ` (an apostrophe inside '...' ends the quote: write it as '\\'' or use double quotes)`
      : '';
  const says = open.quoteInside
    ? `the " meant to close the outer quote opens a new one inside it, so sh stops with "Syntax error: Unterminated quoted string" (bash: "unexpected EOF while looking for matching \`"'")`
    : SHELL_SAYS[open.kind];
  return `${where}: ${opened}: ${says} and the command fails. Each list item is its own script, so a quote or $( cannot continue into the next item; close it in the same command${apostrophe}, or write a multi-line command as one "|" block.`;
}

/** The command's text from `index` to the end of that line, shortened for a message. */
function excerpt(value: string, index: number): string {
  const line = value.slice(index).split('\n')[0] ?? '';
  return line.length > 40 ? `${line.slice(0, 40)}...` : line;
}

/** Shells that start an interactive session when given no script or command. */
const POSIX_SHELLS = new Set(['bash', 'sh', 'dash', 'zsh', 'ksh']);
const POWERSHELLS = new Set(['powershell', 'powershell.exe', 'pwsh', 'pwsh.exe']);
/** Options after which the shell runs something and exits: -c, --version, --help. */
const POSIX_RUNS = /^(-[a-zA-Z]*c[a-zA-Z]*|--version|--help)$/;
const POWERSHELL_RUNS = /^[-/](c|command|f|file|e|ec|encodedcommand|v|version|h|help|\?)(:.*)?$/i;
const SU_RUNS = /^(-[a-zA-Z]*c[a-zA-Z]*|--command(=.*)?|--session-command(=.*)?|--help|--version)$/;
/** sudo options that take a value. */
const SUDO_VALUE_OPTIONS = new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U', '-T']);
/** Operators after which the next command reads a pipe, not the build's standard input. */
const FED_BY = new Set(['|', '|&']);
const STDIN_REDIRECTIONS = new Set(['<', '<<', '<<-', '<<<', '<&']);
/** Operators that end one simple command and start the next. */
const SEGMENT_ENDS = new Set(['\n', ';', ';;', '&&', '||', '|', '|&', '&', '(', ')', '$(', '`']);

export const interactiveShellRule: Rule<BuildspecView> = {
  id: 'buildspec/interactive-shell',
  severity: 'warning',
  summary:
    'A bare bash, sh, su, sudo -i, powershell or pwsh (alone or with only flags): it starts an interactive shell instead of running the next commands in it.',
  check(view, report) {
    for (const command of view.commands) {
      if (!command.text) continue;
      const found =
        view.shell === 'windows'
          ? windowsInteractive(command.text.value)
          : posixInteractive(command.text.value);
      for (const shell of found) {
        report(
          rangeInCommand(command, shell.index, shell.text.length),
          `${commandPath(command)}: ${quoted(shell.text)} ${interactiveEffect(shell.kind)}`,
        );
      }
    }
  },
};

type InteractiveKind = 'shell' | 'user' | 'powershell' | 'cmd';

interface Interactive {
  readonly kind: InteractiveKind;
  readonly index: number;
  /** The command as written, from the shell's name to its last flag. */
  readonly text: string;
}

function interactiveEffect(kind: InteractiveKind): string {
  const common =
    'reads its commands from standard input, not from the next commands of the buildspec: without a terminal it either exits at once, doing nothing, or waits for input until the build times out, and the following commands still run';
  switch (kind) {
    case 'shell':
      return `starts a new interactive shell that ${common} in the original shell. To run the commands with bash set "env: shell: bash"; to run a script, bash script.sh or bash -c "...".`;
    case 'user':
      return `starts a shell as another user that ${common} as the build's user. Set "run-as: USER" (for the buildspec or a phase), or run su USER -c "command".`;
    case 'powershell':
      return `starts an interactive PowerShell that ${common} in the original shell. Run pwsh -File script.ps1 or pwsh -Command "...", or set "env: shell: powershell.exe" on a Windows image.`;
    case 'cmd':
      return `starts an interactive cmd.exe that ${common} in the original shell. Run cmd /c "..." or set "env: shell: cmd.exe".`;
  }
}

function posixInteractive(command: string): Interactive[] {
  const tokens = lexCommand(command).tokens;
  const found: Interactive[] = [];
  let segment: ShellToken[] = [];
  let before: string | undefined;
  const flush = (after: string | undefined) => {
    const hit = after === '&' || (before !== undefined && FED_BY.has(before)) ? undefined : check();
    if (hit) found.push(hit);
    segment = [];
  };
  const check = (): Interactive | undefined => {
    if (segment.some((token) => STDIN_REDIRECTIONS.has(token.text))) return undefined;
    const nameAt = segment.findIndex((token) => token.kind === 'word' && token.commandPosition);
    if (nameAt === -1) return undefined;
    const words = segment.slice(nameAt).filter((token) => token.kind === 'word');
    // Words that leave the next one in command position: exec bash, if bash.
    while (words[0] && COMMAND_PREFIXES.has(words[0].text)) words.shift();
    const kind = interactiveKind(words.map((word) => word.text));
    const first = words[0];
    const last = words[words.length - 1];
    if (!kind || !first || !last) return undefined;
    return { kind, index: first.start, text: command.slice(first.start, last.end) };
  };
  for (const token of tokens) {
    if (token.kind === 'newline' || SEGMENT_ENDS.has(token.text)) {
      flush(token.text);
      before = token.text;
      continue;
    }
    segment.push(token);
  }
  flush(undefined);
  return found;
}

/** The kind of interactive session `words` (a simple command: name, then arguments) starts. */
function interactiveKind(words: readonly string[]): InteractiveKind | undefined {
  const [name = '', ...args] = words;
  const base = name.slice(name.lastIndexOf('/') + 1);
  if (POSIX_SHELLS.has(base)) {
    return args.every((arg) => arg.startsWith('-') && !POSIX_RUNS.test(arg)) ? 'shell' : undefined;
  }
  if (POWERSHELLS.has(base.toLowerCase())) {
    return args.every((arg) => /^[-/]/.test(arg) && !POWERSHELL_RUNS.test(arg))
      ? 'powershell'
      : undefined;
  }
  if (base === 'su') {
    if (args.some((arg) => SU_RUNS.test(arg))) return undefined;
    // su [-] [options] [user]: at most one word that is not an option, the user.
    return args.filter((arg) => !arg.startsWith('-')).length <= 1 ? 'user' : undefined;
  }
  if (base === 'sudo') return sudoKind(args);
  return undefined;
}

/** sudo -i / sudo -s alone start a shell; sudo bash, sudo su start whatever those start. */
function sudoKind(args: readonly string[]): InteractiveKind | undefined {
  let shellOption = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') return args.length > i + 1 ? interactiveKind(args.slice(i + 1)) : undefined;
    if (!arg.startsWith('-')) return interactiveKind(args.slice(i));
    if (SUDO_VALUE_OPTIONS.has(arg)) i++;
    else if (/^-[a-zA-Z]*[is]/.test(arg) || arg === '--login' || arg === '--shell')
      shellOption = true;
  }
  return shellOption ? 'user' : undefined;
}

const WINDOWS_SHELL = /^[ \t]*((?:powershell|pwsh|cmd)(?:\.exe)?)((?:[ \t]+[-/][^\s]*)*)[ \t]*$/gim;

function windowsInteractive(command: string): Interactive[] {
  const found: Interactive[] = [];
  for (const match of command.matchAll(WINDOWS_SHELL)) {
    const name = (match[1] ?? '').toLowerCase();
    const args = (match[2] ?? '')
      .trim()
      .split(/[ \t]+/)
      .filter(Boolean);
    const isCmd = name.startsWith('cmd');
    if (isCmd && args.length > 0) continue;
    if (!isCmd && args.some((arg) => POWERSHELL_RUNS.test(arg))) continue;
    const text = match[0].trim();
    found.push({
      kind: isCmd ? 'cmd' : 'powershell',
      index: (match.index ?? 0) + match[0].indexOf(text),
      text,
    });
  }
  return found;
}
