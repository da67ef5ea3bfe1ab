/**
 * The env section: names CodeBuild reserves, credentials written in plain text (they end up
 * in the repository, the console and the API responses), and the shell setting.
 */
import { isScalar } from 'yaml';
import type { Rule } from '../../lint/rule.js';
import { entries, entry, mapAt, scalarValue, type BuildspecView } from './buildspec-view.js';
import { commandPath, rangeInCommand } from './command-location.js';

export const reservedEnvNameRule: Rule<BuildspecView> = {
  id: 'buildspec/reserved-env-name',
  severity: 'warning',
  summary: 'A variable named CODEBUILD_*: the prefix is reserved for CodeBuild.',
  check(view, report) {
    for (const section of ['variables', 'parameter-store', 'secrets-manager']) {
      for (const variable of entries(mapAt(view.root, 'env', section))) {
        if (!variable.name.toUpperCase().startsWith('CODEBUILD_')) continue;
        report(
          variable.key,
          `env.${section} sets ${variable.name}, but names starting with CODEBUILD_ are reserved for CodeBuild's own variables: it may ignore or override the value. Choose another name.`,
        );
      }
    }
  },
};

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
