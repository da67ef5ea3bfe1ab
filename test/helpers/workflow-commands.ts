/**
 * Reads output the way the Actions runner does, to prove that nothing from outside is obeyed:
 * lines end at LF or CR; a line is a command when, after leading white space, it starts with
 * "::", or (the legacy form) when it holds "##[" anywhere; ::stop-commands::TOKEN stops all of
 * that until ::TOKEN:: comes back.
 */
export interface ObeyedLine {
  readonly line: string;
  /** The command name, e.g. "warning"; undefined for a legacy ##[ line. */
  readonly command: string | undefined;
  /** What stands between the leading "::" and the next "::": the name and its properties. */
  readonly head: string;
  /** What follows: the command's data. */
  readonly data: string;
}

/** Every line the runner would act on, outside ::stop-commands:: blocks. */
export function obeyedLines(output: string): ObeyedLine[] {
  const obeyed: ObeyedLine[] = [];
  let resumeToken: string | undefined;
  for (const raw of output.split(/\r\n|\r|\n/)) {
    const line = raw.trimStart();
    if (resumeToken !== undefined) {
      if (line === `::${resumeToken}::`) resumeToken = undefined;
      continue;
    }
    const v2 = /^::([^\s:]+)([^:]*?)::/.exec(line);
    if (v2?.[1] === 'stop-commands') {
      resumeToken = line.slice('::stop-commands::'.length);
      continue;
    }
    if (v2)
      obeyed.push({
        line,
        command: v2[1],
        head: `${v2[1]}${v2[2] ?? ''}`,
        data: line.slice(v2[0].length),
      });
    else if (line.includes('##[')) obeyed.push({ line, command: undefined, head: line, data: '' });
  }
  return obeyed;
}

/** The commands this project writes itself. */
export const OUR_COMMANDS = new Set([
  'group',
  'endgroup',
  'warning',
  'error',
  'notice',
  'debug',
  'add-mask',
]);

/**
 * Lines the runner would obey that did not come from us, for hostile inputs whose every payload
 * is a command whose data starts with `marker` (`::warning::INJECTED-x`, `##[error]INJECTED-y`):
 * a command we never write, one whose data begins with the marker (the payload itself, not our
 * message quoting it), a mask of text carrying it, or a legacy ##[ command.
 */
export function injectedCommands(output: string, marker: string): string[] {
  return obeyedLines(output)
    .filter(
      ({ command, data }) =>
        command === undefined ||
        !OUR_COMMANDS.has(command) ||
        data.trimStart().startsWith(marker) ||
        (command === 'add-mask' && data.includes(marker)),
    )
    .map(({ line }) => line);
}
