/**
 * Where the CLI's statuses go: GitHub, Bitbucket (Cloud, or Data Center when
 * BITBUCKET_SERVER_URL is set) or nowhere, from --status-host or else from the environment the
 * CLI runs in. Bitbucket's reporter is loaded with the first status, like GitHub's.
 */
import { DeferredReporter, type StatusReporter } from './commit-status.js';
import type { BitbucketAuth, BitbucketTarget } from './bitbucket-status.js';
import { COMMIT_ID } from '../util/commit-ids.js';
import { errorMessage } from '../util/errors.js';
import type { Logger } from '../util/logger.js';
import { UserError } from '../util/errors.js';

export const STATUS_HOSTS = ['github', 'bitbucket', 'none'] as const;
export type StatusHost = (typeof STATUS_HOSTS)[number];

export interface BitbucketRun {
  readonly commit: string;
  /** workspace/repo_slug (Cloud) or PROJECT/slug (Data Center), when known. */
  readonly repository: string | undefined;
  readonly branch: string | undefined;
  readonly tag: string | undefined;
}

const text = (value: string | undefined): string | undefined => value?.trim() || undefined;

/** What Bitbucket Pipelines (or a Data Center CI setting the same names) says about the run. */
export function bitbucketRun(env: NodeJS.ProcessEnv): BitbucketRun | undefined {
  const commit = text(env.BITBUCKET_COMMIT);
  const workspace = text(env.BITBUCKET_WORKSPACE);
  const slug = text(env.BITBUCKET_REPO_SLUG);
  const repository =
    text(env.BITBUCKET_REPO_FULL_NAME) ?? (workspace && slug ? `${workspace}/${slug}` : undefined);
  if (!commit || !repository) return undefined;
  return { commit, repository, branch: text(env.BITBUCKET_BRANCH), tag: text(env.BITBUCKET_TAG) };
}

/** --status-host, else bitbucket inside Bitbucket Pipelines, else github with GITHUB_*, else none. */
export function chooseStatusHost(
  given: StatusHost | undefined,
  env: NodeJS.ProcessEnv,
): StatusHost {
  if (given) return given;
  if (bitbucketRun(env) || (text(env.BITBUCKET_SERVER_URL) && text(env.BITBUCKET_COMMIT)))
    return 'bitbucket';
  if (text(env.GITHUB_TOKEN) && text(env.GITHUB_REPOSITORY)) return 'github';
  return 'none';
}

export function bitbucketAuth(env: NodeJS.ProcessEnv): BitbucketAuth | undefined {
  const access = text(env.BITBUCKET_ACCESS_TOKEN);
  if (access) return { kind: 'bearer', token: access };
  const username = text(env.BITBUCKET_USERNAME);
  const token = text(env.BITBUCKET_API_TOKEN);
  if (username && token) return { kind: 'basic', username, token };
  return undefined;
}

export interface BitbucketOptions {
  /** --bitbucket-repository KEY/slug (Data Center) or workspace/slug. */
  readonly repository: string | undefined;
  /** The build's source version, when it is a full commit id it wins over BITBUCKET_COMMIT. */
  readonly sourceVersion: string | undefined;
}

export function bitbucketTarget(
  options: BitbucketOptions,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): BitbucketTarget | undefined {
  const run = bitbucketRun(env);
  const repository = options.repository ?? run?.repository ?? fullName(env);
  const serverUrl = text(env.BITBUCKET_SERVER_URL);
  const commit =
    options.sourceVersion && COMMIT_ID.test(options.sourceVersion)
      ? options.sourceVersion
      : text(env.BITBUCKET_COMMIT);
  const [owner, slug, ...rest] = (repository ?? '').split('/');
  if (!owner || !slug || rest.length > 0) {
    logger.warn(
      serverUrl
        ? 'No Bitbucket repository to post build statuses to: pass --bitbucket-repository PROJECT_KEY/repo-slug (or set BITBUCKET_REPO_FULL_NAME). Skipping build statuses.'
        : 'No Bitbucket repository to post build statuses to: set BITBUCKET_REPO_FULL_NAME (or BITBUCKET_WORKSPACE and BITBUCKET_REPO_SLUG), or pass --bitbucket-repository workspace/repo-slug. Skipping build statuses.',
    );
    return undefined;
  }
  if (!commit) {
    logger.warn(
      'No commit to post the Bitbucket build status to (source-version is a branch or tag and BITBUCKET_COMMIT is not set); skipping build statuses.',
    );
    return undefined;
  }
  const branch = text(env.BITBUCKET_BRANCH);
  const tag = text(env.BITBUCKET_TAG);
  if (serverUrl) {
    return {
      kind: 'server',
      serverUrl,
      projectKey: owner,
      repoSlug: slug,
      commit,
      ref: branch ? `refs/heads/${branch}` : tag ? `refs/tags/${tag}` : undefined,
    };
  }
  return {
    kind: 'cloud',
    apiUrl: text(env.BITBUCKET_API_URL) ?? 'https://api.bitbucket.org',
    workspace: owner,
    repoSlug: slug,
    commit,
    refname: branch ?? tag,
  };
}

function fullName(env: NodeJS.ProcessEnv): string | undefined {
  return text(env.BITBUCKET_REPO_FULL_NAME);
}

export function bitbucketReporter(
  options: BitbucketOptions,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): StatusReporter | undefined {
  const target = bitbucketTarget(options, env, logger);
  if (!target) return undefined;
  const auth = bitbucketAuth(env);
  if (!auth) {
    logger.warn(
      `No Bitbucket credentials, so no build statuses are posted: set BITBUCKET_ACCESS_TOKEN (a repository, project or workspace access token${target.kind === 'cloud' ? ' with the repository:write scope' : ' with repository write permission'}), or BITBUCKET_USERNAME and BITBUCKET_API_TOKEN (an API token with "Repositories: Write"), as secured variables. The build runs unchanged.`,
    );
    return undefined;
  }
  logger.mask(auth.token);
  if (auth.kind === 'basic')
    logger.mask(Buffer.from(`${auth.username}:${auth.token}`).toString('base64'));
  const name =
    target.kind === 'cloud' ? 'Bitbucket Cloud build status' : 'Bitbucket Data Center build status';
  return new DeferredReporter(
    name,
    async () => {
      const { BitbucketStatusReporter } = await import('./bitbucket-status.js');
      return new BitbucketStatusReporter(target, auth, logger);
    },
    (error) => logger.warn(`Could not post build statuses to Bitbucket: ${errorMessage(error)}`),
  );
}

/** Checks --bitbucket-repository's shape, naming the flag. */
export function parseBitbucketRepository(
  value: string | undefined,
  flag: string,
): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[^/\s]+\/[^/\s]+$/.test(value)) {
    throw new UserError(
      `${flag} "${value}" is not PROJECT_KEY/repo-slug (Data Center) or workspace/repo-slug (Cloud).`,
    );
  }
  return value;
}
