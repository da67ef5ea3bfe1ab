/**
 * Posts one commit status to the repository a build came from: a GitHub commit status (with a
 * token, or a GitHub App's installation token for that repository), a Bitbucket Cloud build
 * status or a Bitbucket Data Center build status — the same names, states and limits as
 * run-build's reporters, so a commit shows one status however the build was followed.
 *
 * A refusal (403, 404, 422, 400: a repository the credential cannot see or write) is returned
 * as not posted, with the reason, and does not fail the invocation: retrying would not help.
 * A credential the host rejects outright (401) is a UserError; an outage after retries is
 * CodeHostUnavailable. Both fail the invocation, so the event is retried and then kept.
 */
import { CredentialRejected, Credentials, describeSource } from './credentials.js';
import { GitHubAppTokens, readPrivateKey } from './github-app.js';
import { answerMessage, type HostAnswer, type HostHttp } from './host-http.js';
import type { MirrorSettings } from './mirror-settings.js';
import { repositoryName, type Repository } from './source-repository.js';
import {
  authorizationHeader,
  statusBody,
  statusEndpoint,
  type BitbucketAuth,
  type BitbucketTarget,
} from '../status/bitbucket-status.js';
import type { CommitStatus } from '../status/commit-status.js';
import { gitHubStatusFields } from '../status/github-commit-status.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';

export interface PostTarget {
  readonly repository: Repository;
  readonly commit: string;
  /** The branch, for Bitbucket's refname/ref; undefined when not known. */
  readonly branch: string | undefined;
}

export type PostResult =
  | { readonly posted: true; readonly where: string }
  | { readonly posted: false; readonly why: string };

export interface StatusPoster {
  /** Whether credentials for the repository's host are configured; else the variables to set. */
  missingCredentials(repository: Repository): string | undefined;
  post(target: PostTarget, status: CommitStatus): Promise<PostResult>;
}

const GITHUB_HEADERS = { 'x-github-api-version': '2022-11-28' };

export function createStatusPoster(
  settings: MirrorSettings,
  http: HostHttp,
  credentials: Credentials,
  clock: Clock,
  logger: Logger,
): StatusPoster {
  const gitHub = settings.gitHub;
  const app =
    gitHub?.kind === 'app'
      ? new GitHubAppTokens(
          gitHub.appId,
          async () =>
            readPrivateKey(
              await credentials.value(gitHub.privateKey),
              describeSource(gitHub.privateKey),
              logger,
            ),
          (method, path, bearer, body) =>
            http.send({
              method,
              url: `${settings.gitHubApiUrl}${path}`,
              authorization: `Bearer ${bearer}`,
              body,
              headers: GITHUB_HEADERS,
            }),
          clock,
          logger,
        )
      : undefined;

  async function postToGitHub(target: PostTarget, status: CommitStatus): Promise<PostResult> {
    if (target.repository.host !== 'github' || !gitHub) throw new Error('not a GitHub target');
    const { owner, repo } = target.repository;
    const name = `${owner}/${repo}@${target.commit.slice(0, 7)}`;
    const send = (token: string) =>
      http.send({
        method: 'POST',
        url: `${settings.gitHubApiUrl}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/statuses/${target.commit}`,
        authorization: `Bearer ${token}`,
        body: gitHubStatusFields(status),
        headers: GITHUB_HEADERS,
      });
    let answer: HostAnswer;
    if (app) {
      const issued = await app.token(owner, repo);
      if (!issued.ok) return { posted: false, why: issued.why };
      answer = await send(issued.token);
      if (answer.status === 401) {
        // Revoked or expired early: one fresh token.
        app.forget(owner, repo);
        const again = await app.token(owner, repo);
        if (!again.ok) return { posted: false, why: again.why };
        answer = await send(again.token);
      }
    } else if (gitHub.kind === 'token') {
      answer = await send(await credentials.value(gitHub.token));
    } else throw new Error('unknown GitHub credentials');
    if (answer.status >= 200 && answer.status < 300)
      return { posted: true, where: `GitHub ${name}` };
    const said = answerMessage(answer.body);
    if (answer.status === 401)
      throw new CredentialRejected(
        `GitHub rejected the token from ${gitHub.kind === 'token' ? describeSource(gitHub.token) : `GitHub App ${gitHub.kind === 'app' ? gitHub.appId : ''}`} (HTTP 401${said ? `: ${said}` : ''}): it is expired, revoked or mistyped. Store a valid token.`,
      );
    return {
      posted: false,
      why: `GitHub refused the status for ${name} (HTTP ${answer.status}${said ? `: ${said}` : ''}): ${
        answer.status === 422
          ? 'GitHub does not know that commit in the repository, or the commit has 1000 statuses for this context'
          : 'the credential cannot see or write the repository; it needs "Commit statuses: Read and write" on it'
      }.`,
    };
  }

  async function postToBitbucket(target: PostTarget, status: CommitStatus): Promise<PostResult> {
    const bitbucket = settings.bitbucket;
    const repository = target.repository;
    if (!bitbucket || repository.host === 'github') throw new Error('not a Bitbucket target');
    const token = await credentials.value(bitbucket.token);
    const auth: BitbucketAuth =
      bitbucket.kind === 'bearer'
        ? { kind: 'bearer', token }
        : { kind: 'basic', username: bitbucket.username, token };
    if (auth.kind === 'basic')
      logger.mask(Buffer.from(`${auth.username}:${auth.token}`).toString('base64'));
    const where: BitbucketTarget =
      repository.host === 'bitbucket-cloud'
        ? {
            kind: 'cloud',
            apiUrl: settings.bitbucketApiUrl,
            workspace: repository.workspace,
            repoSlug: repository.slug,
            commit: target.commit,
            refname: target.branch,
          }
        : {
            kind: 'server',
            serverUrl: settings.hosts.bitbucketServer?.href ?? '',
            projectKey: repository.projectKey,
            repoSlug: repository.slug,
            commit: target.commit,
            ref: target.branch === undefined ? undefined : `refs/heads/${target.branch}`,
          };
    const host =
      repository.host === 'bitbucket-cloud' ? 'Bitbucket Cloud' : 'Bitbucket Data Center';
    const name = `${repositoryName(repository)}@${target.commit.slice(0, 7)}`;
    const answer = await http.send({
      method: 'POST',
      url: statusEndpoint(where),
      authorization: authorizationHeader(auth),
      body: statusBody(where, status),
    });
    if (answer.status >= 200 && answer.status < 300)
      return { posted: true, where: `${host} ${name}` };
    const said = answerMessage(answer.body);
    if (answer.status === 401)
      throw new CredentialRejected(
        `${host} rejected the credential from ${describeSource(bitbucket.token)} (HTTP 401${said ? `: ${said}` : ''}): it is expired, revoked or mistyped. Store a valid one.`,
      );
    return {
      posted: false,
      why: `${host} refused the build status for ${name} (HTTP ${answer.status}${said ? `: ${said}` : ''}): ${
        answer.status === 403 || answer.status === 404
          ? `the credential cannot see or write the repository; it needs ${repository.host === 'bitbucket-cloud' ? 'the repository:write scope' : 'REPO_WRITE on it'}`
          : 'Bitbucket did not take the status'
      }.`,
    };
  }

  return {
    missingCredentials(repository) {
      if (repository.host === 'github')
        return gitHub
          ? undefined
          : 'GITHUB_TOKEN_SECRET, or GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY_SECRET';
      return settings.bitbucket
        ? undefined
        : 'BITBUCKET_ACCESS_TOKEN_SECRET, or BITBUCKET_USERNAME and BITBUCKET_API_TOKEN_SECRET';
    },
    async post(target, status) {
      const attempt = () =>
        target.repository.host === 'github'
          ? postToGitHub(target, status)
          : postToBitbucket(target, status);
      const source =
        target.repository.host === 'github'
          ? gitHub?.kind === 'app'
            ? gitHub.privateKey
            : gitHub?.token
          : settings.bitbucket?.token;
      try {
        return await attempt();
      } catch (error) {
        // A rotated secret: warm instances still hold the old value. Read it again, once.
        if (!(error instanceof CredentialRejected) || source?.from !== 'secret') throw error;
        logger.info(`${error.message} Reading ${describeSource(source)} again.`);
        credentials.forget(source);
        app?.forgetAll();
        return attempt();
      }
    },
  };
}
