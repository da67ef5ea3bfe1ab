/** Where a command is, in words and in the file, for the command rules' findings. */
import type { SourceRange } from '../../lint/rule.js';
import type { CommandEntry } from './buildspec-view.js';

/** e.g. `phases.build.commands[2]`, counted from 0 like CodeBuild's own error messages. */
export function commandPath(command: CommandEntry): string {
  return `phases.${command.phase}.${command.block}[${command.index}]`;
}

/** The file range of `length` characters of the command's value starting at `index`. */
export function rangeInCommand(command: CommandEntry, index: number, length: number): SourceRange {
  const text = command.text;
  if (!text) return [0, 0];
  const start = text.sourceOffset(index);
  const end = text.sourceOffset(index + Math.max(1, length) - 1) + 1;
  return [start, Math.max(start, end)];
}

/** Quotes a command for a message with whichever quote it does not contain itself. */
export function quoted(text: string): string {
  if (!text.includes('"')) return `"${text}"`;
  if (!text.includes("'")) return `'${text}'`;
  return `\`${text}\``;
}
