/** The variables Bitbucket Pipelines sets on a step, for tests that run the CLI as a step would. */
import { ACCESS_TOKEN, type FakeBitbucket } from '../fakes/bitbucket-server.js';

/**
 * What Bitbucket Pipelines sets on a branch step, plus the secured BITBUCKET_ACCESS_TOKEN and
 * BITBUCKET_API_URL pointing at the fake Bitbucket. `extra` adds or (with undefined) removes
 * variables: BITBUCKET_PR_ID and its kin on a pull request, BITBUCKET_TAG instead of
 * BITBUCKET_BRANCH on a tag, BITBUCKET_STEP_OIDC_TOKEN on a step with `oidc: true`.
 */
export function pipelinesEnv(
  bb: FakeBitbucket,
  commit: string,
  extra: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    CI: 'true',
    BITBUCKET_COMMIT: commit,
    BITBUCKET_WORKSPACE: 'team',
    BITBUCKET_REPO_SLUG: 'app',
    BITBUCKET_REPO_FULL_NAME: 'team/app',
    BITBUCKET_REPO_UUID: '{0f1e2d3c-0000-4000-8000-000000000001}',
    BITBUCKET_BRANCH: 'main',
    BITBUCKET_BUILD_NUMBER: '42',
    BITBUCKET_PIPELINE_UUID: '{0f1e2d3c-0000-4000-8000-000000000002}',
    BITBUCKET_STEP_UUID: '{0f1e2d3c-0000-4000-8000-000000000003}',
    BITBUCKET_CLONE_DIR: '/opt/atlassian/pipelines/agent/build',
    BITBUCKET_GIT_HTTP_ORIGIN: 'http://bitbucket.org/team/app',
    BITBUCKET_PROJECT_KEY: 'PRJ',
    BITBUCKET_API_URL: bb.url,
    BITBUCKET_ACCESS_TOKEN: ACCESS_TOKEN,
    ...extra,
  };
}
