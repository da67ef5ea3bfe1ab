/**
 * OIDC from Bitbucket Pipelines to AWS. A step with `oidc: true` gets its token in
 * BITBUCKET_STEP_OIDC_TOKEN; the AWS SDK's standard chain reads a web-identity token from a
 * file. When AWS_ROLE_ARN is set and no token file is, the token is written to a private file
 * (0600, in a folder of its own) for the SDK, and removed when the process exits — also on a
 * forced exit.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RegisterCleanup } from '../util/cleanup.js';
import type { Logger } from '../util/logger.js';

export function useBitbucketOidcToken(
  env: NodeJS.ProcessEnv,
  logger: Logger,
  onForcedExit: RegisterCleanup,
): void {
  const token = env.BITBUCKET_STEP_OIDC_TOKEN;
  if (!token || !env.AWS_ROLE_ARN || env.AWS_WEB_IDENTITY_TOKEN_FILE) return;
  logger.mask(token);
  const folder = mkdtempSync(join(tmpdir(), 'buildbridge-oidc-'));
  const file = join(folder, 'web-identity-token');
  writeFileSync(file, token, { mode: 0o600 });
  env.AWS_WEB_IDENTITY_TOKEN_FILE = file;
  env.AWS_ROLE_SESSION_NAME ??= `buildbridge-${env.BITBUCKET_BUILD_NUMBER ?? 'bitbucket'}`;
  const remove = () => rmSync(folder, { recursive: true, force: true });
  process.once('exit', remove);
  onForcedExit(remove);
  logger.debug(`Bitbucket OIDC: the step's token is in ${file} for the role ${env.AWS_ROLE_ARN}.`);
}
