/**
 * Parses the env-vars option: one NAME=value per line, where a value starting with
 * `parameter-store:` or `secrets-manager:` selects that CodeBuild variable type.
 */
import type { EnvironmentVariable } from '@aws-sdk/client-codebuild';
import { UserError } from '../util/errors.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function parseEnvVars(text: string | undefined, label: string): EnvironmentVariable[] {
  if (!text) return [];
  const byName = new Map<string, EnvironmentVariable>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `${label} line ${index + 1}`;
    const eq = line.indexOf('=');
    if (eq <= 0) {
      throw new UserError(
        `${where} "${line}" is not NAME=value. Write one variable per line, e.g. STAGE=test.`,
      );
    }
    const name = line.slice(0, eq).trim();
    const value = line.slice(eq + 1);
    if (!NAME.test(name)) {
      throw new UserError(
        `${where}: "${name}" is not a valid variable name (letters, digits and _, not starting with a digit).`,
      );
    }
    if (name.startsWith('CODEBUILD_')) {
      throw new UserError(
        `${where}: "${name}" starts with CODEBUILD_, which CodeBuild reserves for its own variables. Choose another name.`,
      );
    }
    byName.set(name, variable(name, value, where));
  });
  return [...byName.values()];
}

function variable(name: string, value: string, where: string): EnvironmentVariable {
  for (const [prefix, type] of [
    ['parameter-store:', 'PARAMETER_STORE'],
    ['secrets-manager:', 'SECRETS_MANAGER'],
  ] as const) {
    if (value.startsWith(prefix)) {
      const reference = value.slice(prefix.length).trim();
      if (reference === '') {
        throw new UserError(
          `${where}: ${name}=${prefix} needs a ${type === 'PARAMETER_STORE' ? 'parameter name, e.g. parameter-store:/ci/db-password' : 'secret id, e.g. secrets-manager:prod/db:password'}.`,
        );
      }
      return { name, value: reference, type };
    }
  }
  return { name, value, type: 'PLAINTEXT' };
}
