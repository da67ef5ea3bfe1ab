/** Registers the credentials found in the environment as secrets, so no output can show them. */
import type { Logger } from './logger.js';

const SECRET_VARIABLES = [
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'BITBUCKET_ACCESS_TOKEN',
  'BITBUCKET_API_TOKEN',
  'BITBUCKET_STEP_OIDC_TOKEN',
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
  'ACTIONS_RUNTIME_TOKEN',
];

export function maskEnvironmentSecrets(env: NodeJS.ProcessEnv, logger: Logger): void {
  for (const name of SECRET_VARIABLES) {
    const value = env[name];
    if (value) logger.mask(value);
  }
}
