/**
 * The env section: names CodeBuild reserves, credentials written in plain text (they end up
 * in the repository, the console and the API responses), and the shell setting.
 */
import { isScalar } from 'yaml';
import type { Rule } from '../../lint/rule.js';
import { entries, entry, mapAt, scalarValue, type BuildspecView } from './buildspec-view.js';
import { commandPath, rangeInCommand } from './command-location.js';
import { lexCommand } from './shell-lexer.js';

/** CodeBuild's own variables, with what they hold, for "which built-in is shadowed". */
const BUILT_INS: Readonly<Record<string, string>> = {
  CODEBUILD_BATCH_BUILD_IDENTIFIER: "the build's identifier in a batch build",
  CODEBUILD_BUILD_ARN: "the build's ARN",
  CODEBUILD_BUILD_ID: "the build's ID",
  CODEBUILD_BUILD_IMAGE: 'the build image',
  CODEBUILD_BUILD_NUMBER: "the project's build number",
  CODEBUILD_BUILD_SUCCEEDING: 'whether the build is succeeding (1) or failing (0)',
  CODEBUILD_BUILD_URL: "the build's console URL",
  CODEBUILD_INITIATOR: 'who started the build',
  CODEBUILD_KMS_KEY_ID: 'the KMS key for the artifacts',
  CODEBUILD_LOG_PATH: "the build's log stream",
  CODEBUILD_PROJECT_ARN: "the project's ARN",
  CODEBUILD_PUBLIC_BUILD_URL: 'the public build URL',
  CODEBUILD_RESOLVED_SOURCE_VERSION: 'the commit being built',
  CODEBUILD_SOURCE_REPO_URL: 'the source repository URL',
  CODEBUILD_SOURCE_VERSION: 'the source version the build was started with',
  CODEBUILD_SRC_DIR: 'the source directory',
  CODEBUILD_START_TIME: "the build's start time",
};
const BUILT_IN_PREFIXES: readonly [string, string][] = [
  ['CODEBUILD_WEBHOOK_', 'a detail of the webhook event that started the build'],
  ['CODEBUILD_SRC_DIR_', "a secondary source's directory"],
];

const isReserved = (name: string) => name.toUpperCase().startsWith('CODEBUILD_');

/** What setting `name` does, in words: which built-in it shadows, or that the prefix is reserved. */
function reservedEffect(name: string): string {
  const builtIn =
    BUILT_INS[name] ?? BUILT_IN_PREFIXES.find(([prefix]) => name.startsWith(prefix))?.[1];
  const other = name.replace(/^CODEBUILD_/i, '') || 'MY_VALUE';
  if (builtIn) {
    return `which shadows CodeBuild's built-in ${name} (${builtIn}): CodeBuild may ignore or override the value, and commands and tools that read ${name} may get yours instead of the real one. Choose another name, such as ${other}.`;
  }
  return `but names starting with CODEBUILD_ are reserved for CodeBuild's own variables: it may ignore or override the value, now or when it adds a variable of that name. Choose another name, such as ${other}.`;
}

export const reservedEnvNameRule: Rule<BuildspecView> = {
  id: 'buildspec/reserved-env-name',
  severity: 'warning',
  summary:
    'A variable named CODEBUILD_* in env or set by a command (export CODEBUILD_X=...): the prefix is reserved for CodeBuild, and known names shadow its built-ins.',
  check(view, report) {
    for (const section of ['variables', 'parameter-store', 'secrets-manager']) {
      for (const variable of entries(mapAt(view.root, 'env', section))) {
        if (!isReserved(variable.name)) continue;
        report(
          variable.key,
          `env.${section} sets ${variable.name}, ${reservedEffect(variable.name)}`,
        );
      }
    }
    for (const command of view.commands) {
      if (!command.text) continue;
      const value = command.text.value;
      const assignments =
        view.shell === 'windows' ? windowsAssignments(value) : reservedAssignments(value);
      for (const assignment of assignments) {
        report(
          rangeInCommand(command, assignment.index, assignment.name.length),
          `${commandPath(command)} ${assignment.exported ? 'exports' : 'sets'} ${assignment.name}, ${reservedEffect(assignment.name)}`,
        );
      }
    }
  },
};

interface Assignment {
  readonly name: string;
  readonly index: number;
  readonly exported: boolean;
}

/** `export CODEBUILD_X=...`, `CODEBUILD_X=...` and `CODEBUILD_X=... cmd`: assignments, not arguments. */
function reservedAssignments(command: string): Assignment[] {
  const found: Assignment[] = [];
  let atStart = true;
  let exported = false;
  for (const token of lexCommand(command).tokens) {
    if (token.kind !== 'word') {
      atStart = true;
      exported = false;
      continue;
    }
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(token.text);
    if (token.commandPosition && token.text === 'export' && atStart) {
      exported = true;
      continue;
    }
    if (assignment?.[1] && (atStart || exported)) {
      if (isReserved(assignment[1]))
        found.push({ name: assignment[1], index: token.start, exported });
      continue;
    }
    if (exported && token.text.startsWith('-')) continue;
    if (token.commandPosition && COMMAND_PREFIX_WORDS.has(token.text)) continue;
    atStart = false;
    exported = false;
  }
  return found;
}

/** PowerShell `$env:CODEBUILD_X = ...` and cmd `set CODEBUILD_X=...`. */
const WINDOWS_ASSIGNMENT = /\$env:(CODEBUILD_\w*)\s*=(?!=)|^[ \t]*set[ \t]+(CODEBUILD_\w*)=/gim;

function windowsAssignments(command: string): Assignment[] {
  return [...command.matchAll(WINDOWS_ASSIGNMENT)].map((match) => {
    const name = (match[1] ?? match[2]) as string;
    return { name, index: (match.index ?? 0) + match[0].indexOf(name), exported: false };
  });
}

/** Reserved words after which an assignment still starts a command (then X=1). */
const COMMAND_PREFIX_WORDS = new Set([
  'if',
  'then',
  'do',
  'else',
  'elif',
  'while',
  'until',
  '!',
  '{',
]);

/** Names that say "this is a credential". */
const SECRET_NAME =
  /PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL/i;
/** Names that hold where a credential is, not the credential itself. */
const REFERENCE_NAME =
  /(_ARN|_NAME|_PATH|_FILE|_URL|_URI|_PARAM|_PARAMETER|_ID|_REF|_ENDPOINT|_HEADER|_TYPE|_TTL|_REGION|_PREFIX)$/i;
/** Values that are references or placeholders rather than secrets. */
const REFERENCE_VALUE =
  /^(\$|arn:|\/|\{\{resolve:|ssm:|secretsmanager:|parameter-store:|secrets-manager:)/i;
/** Values shaped like real credentials, whatever the variable is called. */
const CREDENTIAL_VALUES: readonly [RegExp, string][] = [
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/\bgh[pousr]_[A-Za-z0-9]{36,}\b|\bgithub_pat_[A-Za-z0-9_]{40,}\b/, 'a GitHub token'],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'a private key'],
];

const FIX =
  'Store it in Parameter Store or Secrets Manager and reference it under env.parameter-store or env.secrets-manager, and rotate it if it was ever pushed.';

export const plaintextSecretRule: Rule<BuildspecView> = {
  id: 'buildspec/plaintext-secret',
  severity: 'warning',
  summary:
    'A credential in plain text: in env.variables (by name or value) or an access key in a command.',
  check(view, report) {
    for (const variable of entries(mapAt(view.root, 'env', 'variables'))) {
      const value = scalarValue(variable.value)?.trim();
      if (!isScalar(variable.value) || value === undefined || value === '') continue;
      const credential = CREDENTIAL_VALUES.find(([pattern]) => pattern.test(value));
      if (credential) {
        report(
          variable.value,
          `env.variables.${variable.name} holds what looks like ${credential[1]} in plain text, readable by anyone with the repository or the CodeBuild console. ${FIX}`,
        );
      } else if (
        SECRET_NAME.test(variable.name) &&
        !REFERENCE_NAME.test(variable.name) &&
        !REFERENCE_VALUE.test(value) &&
        !/^(true|false|yes|no|\d+)$/i.test(value)
      ) {
        report(
          variable.value,
          `env.variables.${variable.name} looks like a credential in plain text, readable by anyone with the repository or the CodeBuild console. ${FIX}`,
        );
      }
    }
    for (const command of view.commands) {
      if (!command.text) continue;
      const match = CREDENTIAL_VALUES[0]?.[0].exec(command.text.value);
      if (!match) continue;
      report(
        rangeInCommand(command, match.index, match[0].length),
        `${commandPath(command)} contains what looks like an AWS access key id in plain text. The build's service role already provides credentials; remove the key and rotate it.`,
      );
    }
  },
};

const SHELLS =
  /^(bash|sh|\/bin\/bash|\/bin\/sh|\/usr\/bin\/bash|\/usr\/bin\/sh|powershell\.exe|pwsh|pwsh\.exe|cmd\.exe)$/i;

export const envShellRule: Rule<BuildspecView> = {
  id: 'buildspec/env-shell',
  severity: 'warning',
  summary:
    'env.shell is not one CodeBuild documents (bash, /bin/sh on Linux; powershell.exe, cmd.exe on Windows).',
  check(view, report) {
    const shell = entry(mapAt(view.root, 'env'), 'shell');
    const value = scalarValue(shell?.value)?.trim();
    if (!shell || !isScalar(shell.value) || value === undefined) return;
    if (SHELLS.test(value)) return;
    report(
      shell.value,
      `env.shell "${value}" is not a shell CodeBuild documents: use bash or /bin/sh on Linux, powershell.exe or cmd.exe on Windows.`,
    );
  },
};
