/**
 * GitHub Actions workflow commands, written the way the runner reads them. The runner takes a
 * line as a command when, after leading white space, it starts with "::" — or, in the legacy
 * form, when "##[" appears anywhere in it — and it ends a line at CR as well as at LF. So text
 * from outside (build logs, file contents, messages quoting them) goes out either as the
 * escaped data of one of our commands, or between ::stop-commands:: markers, never bare.
 */
import { randomUUID } from 'node:crypto';

/** A command's data: %, CR and LF escaped, as the runner unescapes them. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: also ':' and ',' which would otherwise end the property. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export type CommandProperties = Readonly<Record<string, string | number | undefined>>;

/** `::name key=value,...::data`, escaped. */
export function workflowCommand(
  name: string,
  data: string,
  properties: CommandProperties = {},
): string {
  const list = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${name}${list ? ` ${list}` : ''}::${escapeData(data)}`;
}

const COMMAND_LINE = /(?:^|[\r\n])[^\S\r\n]*::/;

/** True when the runner would read some line of `text` as a command. */
export function readsAsCommand(text: string): boolean {
  return COMMAND_LINE.test(text) || text.includes('##[');
}

/**
 * `text` (one or more lines, no trailing line break) between ::stop-commands:: markers with a
 * fresh random token, so nothing in it is obeyed; the runner resumes at `::token::`.
 */
export function shielded(text: string): string {
  const token = randomUUID().replace(/-/g, '');
  return `::stop-commands::${token}\n${text}\n::${token}::`;
}
