/** --help text, generated from the same option declarations the Actions use. */
import type { CliCommand } from './command.js';

export function commandHelp(command: CliCommand): string {
  const lines = [
    `Usage: buildbridge ${command.name} ${command.usage ?? '[options]'}`,
    '',
    command.summary,
    '',
    'Options:',
  ];
  for (const spec of command.options) {
    if (spec.actionOnly) continue;
    const flag =
      spec.kind === 'boolean'
        ? `--[no-]${spec.name}`
        : `--${spec.name} <${spec.kind === 'multiline' ? 'value, repeatable' : 'value'}>`;
    const fallback = spec.required
      ? 'required'
      : spec.default !== undefined
        ? `default: ${spec.default}`
        : spec.defaultDescription
          ? `default: ${spec.defaultDescription}`
          : 'default: none';
    lines.push(`  ${flag}`, `      ${spec.description} (${fallback})`);
  }
  lines.push('  -h, --help', '      Show this help.');
  return lines.join('\n') + '\n';
}

export function mainHelp(commands: readonly CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: buildbridge <command> [options]',
    '',
    'Connects AWS CodeBuild with GitHub and Bitbucket. Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `buildbridge <command> --help` for the options of a command.',
    '',
  ].join('\n');
}
