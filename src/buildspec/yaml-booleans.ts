/**
 * YAML 1.1 booleans spelt as words (`yes`, `no`, `on`, `off`, `y`, `n`): CodeBuild's parser
 * follows YAML 1.1, so an unquoted one is a boolean to it. What CodeBuild then puts into an
 * environment variable is not documented, so lint and `run-build --local` say the same thing,
 * with the same words, and ask for quotes rather than guess.
 */
export const BOOLEAN_WORDS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

/** The one message for `NAME: yes` under env.variables, from lint and from a local run. */
export function booleanVariableMessage(name: string, written: string, parsed: boolean): string {
  return `env.variables.${name} is ${written}, which CodeBuild's YAML 1.1 parser reads as the boolean ${String(parsed)}; CodeBuild's documentation does not say whether the build then sees "${written}" or "${String(parsed)}" (a local run keeps "${written}"). Quote it to be sure: ${name}: '${written}'`;
}
