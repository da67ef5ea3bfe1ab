/**
 * The script each buildspec command runs as. CodeBuild runs every command as its own script and
 * carries variables and the working directory to the next one, but not functions or `set -e`.
 * The script reproduces that: `set -a` exports every variable the command assigns, and an EXIT
 * trap writes the environment (`env -0`) and `pwd` to state files even when the command fails
 * or calls `exit`; the next command starts from them. Functions never reach the next command
 * because the dump keeps only valid variable names (bash exports functions as BASH_FUNC_f%%).
 */

export interface StateFiles {
  readonly env: string;
  readonly cwd: string;
}

/** Names the shell sets for itself; carrying them over would confuse the next shell. */
const SHELL_OWNED = new Set(['_', 'SHLVL', 'PWD', 'SHELLOPTS', 'BASHOPTS']);
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * `command` is placed on its own lines, unchanged, so that multi-line `|` blocks, here-documents
 * and `exit` behave as in CodeBuild; stderr joins stdout so the log keeps the order of lines.
 */
export function commandScript(command: string, state: StateFiles | undefined): string {
  const prelude = ['exec 2>&1'];
  if (state) {
    const dump = `env -0 > ${shellQuote(state.env)} 2>/dev/null; pwd > ${shellQuote(state.cwd)} 2>/dev/null`;
    prelude.unshift(`trap ${shellQuote(dump)} EXIT`);
    prelude.push('set -a');
  }
  return `${prelude.join('\n')}\n${command}\n`;
}

/** Parses an `env -0` dump into the variables the next command starts with. */
export function parseEnvDump(dump: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const entry of dump.split('\0')) {
    const eq = entry.indexOf('=');
    if (eq <= 0) continue;
    const name = entry.slice(0, eq);
    if (!VARIABLE_NAME.test(name) || SHELL_OWNED.has(name)) continue;
    variables[name] = entry.slice(eq + 1);
  }
  return variables;
}
