/** --help text, generated from the same option declarations the Actions use, in CLI words. */
import type { CliCommand, OptionSection } from './command.js';
import type { OptionSpec } from '../util/options.js';
import { VERSION } from '../version.js';

export const EXIT_CODES: readonly (readonly [number, string])[] = [
  [0, 'success'],
  [1, 'the build or the lint failed, or an error stopped the command'],
  [2, 'a usage error: unknown command or option, a stray argument'],
  [130, 'interrupted (Ctrl-C)'],
  [141, 'output closed (e.g. piped into head)'],
  [143, 'terminated (SIGTERM)'],
];

/** `--flag <value>` as --help and the README show it. */
export function flagSyntax(spec: OptionSpec): string {
  // --no-x is worth showing only where x is on by default.
  if (spec.kind === 'boolean')
    return spec.default === 'true' ? `--[no-]${spec.name}` : `--${spec.name}`;
  return `--${spec.name} <${spec.kind === 'multiline' ? 'value, repeatable' : 'value'}>`;
}

export function flagDescription(spec: OptionSpec): string {
  return spec.cliDescription ?? spec.description;
}

export function flagDefault(spec: OptionSpec): string {
  if (spec.required) return 'required';
  if (spec.default !== undefined)
    return spec.kind === 'boolean'
      ? `default: ${spec.default === 'true' ? 'on' : 'off'}`
      : `default: ${spec.default}`;
  const described = spec.cliDefaultDescription ?? spec.defaultDescription;
  return described ? `default: ${described}` : 'default: none';
}

/** The command's options grouped as it declares, every CLI option exactly once. */
export function optionSections(command: CliCommand): { title: string; specs: OptionSpec[] }[] {
  const cli = command.options.filter((spec) => !spec.actionOnly);
  const byName = new Map(cli.map((spec) => [spec.name, spec]));
  const sections: readonly OptionSection[] = command.sections ?? [
    { title: 'Options', names: cli.map((spec) => spec.name) },
  ];
  return sections.map((section) => ({
    title: section.title,
    specs: section.names.map((name) => {
      const spec = byName.get(name);
      if (!spec) throw new Error(`${command.name} --help lists unknown option ${name}`);
      return spec;
    }),
  }));
}

export function commandHelp(command: CliCommand): string {
  const usage = command.usage ?? ['[options]'];
  const lines = [
    ...usage.map(
      (line, i) => `${i === 0 ? 'Usage:' : '      '} buildbridge ${command.name} ${line}`,
    ),
    '',
    command.summary,
  ];
  for (const section of optionSections(command)) {
    lines.push('', `${section.title}:`);
    for (const spec of section.specs)
      lines.push(`  ${flagSyntax(spec)}`, `      ${flagDescription(spec)} (${flagDefault(spec)})`);
  }
  lines.push(
    '',
    'Options of every command:',
    '  -h, --help     Show this help.',
    '  -V, --version  Print the version.',
  );
  return lines.join('\n') + '\n';
}

export function mainHelp(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: buildbridge <command> [options]',
    '       buildbridge help [<command>]',
    '',
    'Connects AWS CodeBuild, CodePipeline and CodeDeploy with GitHub and Bitbucket.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     Show this help.',
    `  -V, --version  Print the version (${VERSION}).`,
    '',
    'Exit status:',
    ...EXIT_CODES.map(([code, meaning]) => `  ${String(code).padStart(3)}  ${meaning}`),
    '',
    'Run "buildbridge help <command>" for the options of a command.',
    '',
  ].join('\n');
}
