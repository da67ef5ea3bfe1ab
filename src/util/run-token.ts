/**
 * A token derived from the CI run's identity (run id, attempt, job, step) and what it is for, so
 * that a retried request, or the same step retried within AWS's idempotency window, never
 * starts a second build or pipeline execution. Outside a CI run it is random: every call new.
 */
import { createHash, randomUUID } from 'node:crypto';

export function runToken(env: NodeJS.ProcessEnv, subject: string): string {
  const parts = env.GITHUB_RUN_ID
    ? [
        'github',
        env.GITHUB_REPOSITORY,
        env.GITHUB_RUN_ID,
        env.GITHUB_RUN_ATTEMPT,
        env.GITHUB_JOB,
        env.GITHUB_ACTION,
      ]
    : env.BITBUCKET_BUILD_NUMBER
      ? [
          'bitbucket',
          env.BITBUCKET_REPO_FULL_NAME,
          env.BITBUCKET_BUILD_NUMBER,
          env.BITBUCKET_STEP_UUID,
        ]
      : ['local', randomUUID()];
  return createHash('sha256')
    .update([...parts, subject].join('\u0000'))
    .digest('hex')
    .slice(0, 64);
}
