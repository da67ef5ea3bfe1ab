/**
 * Values for `env.parameter-store` and `env.secrets-manager`. An `--env NAME=value` override
 * always wins and needs no AWS; otherwise the value is fetched through the injected resolvers,
 * which exist only when AWS credentials do. Every value is masked in the log, overrides included.
 */
import type { BuildspecEnv } from '../model.js';
import { errorMessage, UserError } from '../../util/errors.js';
import type { Logger } from '../../util/logger.js';

export interface SecretResolvers {
  /** Parameter Store GetParameter with decryption. */
  readonly resolveParameter?: ((name: string) => Promise<string>) | undefined;
  /** Secrets Manager GetSecretValue for `secret-id[:json-key[:version-stage[:version-id]]]`. */
  readonly resolveSecret?: ((reference: string) => Promise<string>) | undefined;
}

interface SecretSource {
  readonly key: 'parameter-store' | 'secrets-manager';
  readonly service: string;
  readonly resolver: ((reference: string) => Promise<string>) | undefined;
}

export async function resolveSecretVariables(
  env: BuildspecEnv,
  overrides: Readonly<Record<string, string>>,
  resolvers: SecretResolvers,
  logger: Logger,
): Promise<Record<string, string>> {
  const sources: Array<[SecretSource, Readonly<Record<string, string>>]> = [
    [
      {
        key: 'parameter-store',
        service: 'AWS Systems Manager Parameter Store',
        resolver: resolvers.resolveParameter,
      },
      env.parameterStore,
    ],
    [
      { key: 'secrets-manager', service: 'AWS Secrets Manager', resolver: resolvers.resolveSecret },
      env.secretsManager,
    ],
  ];
  const values: Record<string, string> = {};
  for (const [source, declared] of sources) {
    for (const [name, reference] of Object.entries(declared)) {
      const override = overrides[name];
      const value = override ?? (await fetchValue(source, name, reference));
      logger.mask(value);
      values[name] = value;
    }
  }
  return values;
}

async function fetchValue(source: SecretSource, name: string, reference: string): Promise<string> {
  const label = `env.${source.key}.${name} ("${reference}")`;
  if (!source.resolver) {
    throw new UserError(
      `${label} is read from ${source.service}, but no AWS credentials were found. ` +
        `Pass the value instead with --env ${name}=value, or set AWS credentials (AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) and a region.`,
    );
  }
  try {
    return await source.resolver(reference);
  } catch (error) {
    throw new UserError(
      `${label} could not be read: ${errorMessage(error)} To run without it, pass the value with --env ${name}=value.`,
    );
  }
}
