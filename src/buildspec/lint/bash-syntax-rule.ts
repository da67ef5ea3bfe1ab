/**
 * Bash-only syntax in a buildspec that runs its commands with sh (no `env.shell: bash`). Whether
 * it breaks depends on the image: sh is dash on the Ubuntu-based standard images, which fails
 * these, and bash on Amazon Linux images, where they work. So it is a warning, reported once
 * per command block (a phase's `commands` or `finally`) with every use listed, at the first one.
 * Uses on a line that silences this rule with an ignore comment do not count.
 */
import { IgnoreComments } from '../../lint/ignore-comments.js';
import type { Rule, SourceRange } from '../../lint/rule.js';
import { positionAt } from '../../lint/yaml-source.js';
import { findBashOnlySyntax, type BashFeature } from './bash-only-syntax.js';
import type { BuildspecView, CommandEntry } from './buildspec-view.js';
import { commandPath, rangeInCommand } from './command-location.js';

const ID = 'buildspec/bash-syntax';
/** How many uses a message lists before "and N more". */
const LISTED = 4;

interface Use {
  readonly command: CommandEntry;
  readonly feature: BashFeature;
  readonly range: SourceRange;
  readonly line: number;
  /** The construct as written, e.g. `[[` or `source`. */
  readonly written: string;
}

export const bashSyntaxRule: Rule<BuildspecView> = {
  id: ID,
  severity: 'warning',
  summary:
    "Bash-only syntax ([[, function, arrays, source, == in [ ], $'..', {a,b}, <<<, &>, pipefail, ${x//a/b}) while commands run with sh: once per command block.",
  check(view, report) {
    if (view.shell !== 'sh') return;
    const ignores = new IgnoreComments(view.source.text);
    for (const block of commandBlocks(view.commands)) {
      const uses: Use[] = [];
      for (const command of block) {
        if (!command.text) continue;
        for (const feature of findBashOnlySyntax(command.text.value)) {
          const range = rangeInCommand(command, feature.index, feature.length);
          const line = positionAt(view.source, range[0]).line;
          if (ignores.ignores(ID, line)) continue;
          const written = command.text.value.slice(feature.index, feature.index + feature.length);
          uses.push({ command, feature, range, line, written });
        }
      }
      const first = uses[0];
      if (first) report(first.range, message(uses, first));
    }
  },
};

function message(uses: readonly Use[], first: Use): string {
  const commands = new Set(uses.map((use) => use.command));
  const listed = uses
    .slice(0, LISTED)
    .map((use) => `${use.written} at line ${use.line}`)
    .join(', ');
  const more = uses.length > LISTED ? `, and ${uses.length - LISTED} more` : '';
  const block = `phases.${first.command.phase}.${first.command.block}`;
  const who =
    commands.size === 1
      ? `${commandPath(first.command)} uses`
      : `${commands.size} commands in ${block} use`;
  const [them, they] = uses.length === 1 ? ['it', 'it works'] : ['them', 'they work'];
  return `${who} bash-only syntax (${listed}${more}) while CodeBuild runs commands with sh: sh is dash on Ubuntu-based images, which fails ${them}, and bash on Amazon Linux images, where ${they}, so the build depends on the image. ${uses.length === 1 ? '' : 'First: '}${first.feature.message}. Or set "env: shell: bash" to run every command with bash.`;
}

/** Commands grouped by phase and block, in file order. */
function commandBlocks(commands: readonly CommandEntry[]): CommandEntry[][] {
  const blocks = new Map<string, CommandEntry[]>();
  for (const command of commands) {
    const key = `${command.phase}\u0000${command.block}`;
    const block = blocks.get(key) ?? [];
    block.push(command);
    blocks.set(key, block);
  }
  return [...blocks.values()];
}
