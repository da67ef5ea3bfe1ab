/** Every CLI flag the README (and the buildspecs README) shows is one the CLI takes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands } from '../../src/cli/commands/index.js';

const ROOT = join(import.meta.dirname, '../..');

/** Flags of every command, --x and --no-x for booleans, plus the global ones. */
function knownFlags(): Set<string> {
  const flags = new Set(['--help', '--version', '--']);
  for (const command of commands)
    for (const spec of command.options.filter((option) => !option.actionOnly)) {
      flags.add(`--${spec.name}`);
      if (spec.kind === 'boolean') flags.add(`--no-${spec.name}`);
    }
  return flags;
}

/** `--flag` in `buildbridge …` command lines and in inline code of the text. */
function documentedFlags(text: string): string[] {
  const lines = text.split('\n').filter((line) => /buildbridge |`--|\$BUILDBRIDGE /.test(line));
  const flags = lines.flatMap((line) =>
    [...line.matchAll(/(?<![\w-])--(?:\[no-\])?[a-z][a-z0-9-]*/g)].map((m) => m[0]),
  );
  return flags.map((flag) => flag.replace('[no-]', ''));
}

describe.each(['README.md', 'buildspecs/README.md'])('%s', (file) => {
  it('shows only flags the CLI has', () => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const known = knownFlags();
    const shown = documentedFlags(text);
    // Flags of other tools the README shows: docker, git, node.
    const notCliFlags = new Set([
      '--password',
      '--password-stdin',
      '--depth',
      '--branch',
      '--experimental-vm-modules',
    ]);
    expect(shown.filter((flag) => !known.has(flag) && !notCliFlags.has(flag))).toEqual([]);
  });
});
