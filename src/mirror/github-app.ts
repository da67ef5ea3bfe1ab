/**
 * GitHub App authentication, the way an organisation-wide integration should post: a JWT
 * signed with the App's private key (RS256, 10 minutes at most, iat 60 s in the past for clock
 * drift) finds the App's installation on a repository, and buys an installation token scoped
 * to that one repository and to "statuses: write". Tokens live an hour; each is kept until 5
 * minutes before it expires.
 */
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { answerMessage, CodeHostUnavailable, type HostAnswer } from './host-http.js';
import { CredentialRejected } from './credentials.js';
import { UserError } from '../util/errors.js';
import type { Clock } from '../util/clock.js';
import type { Logger } from '../util/logger.js';

/** Sends one request to the GitHub API with a bearer credential (retries are its own). */
export type GitHubSend = (
  method: 'GET' | 'POST',
  path: string,
  bearer: string,
  body?: unknown,
) => Promise<HostAnswer>;

export type InstallationToken =
  | { readonly ok: true; readonly token: string }
  | { readonly ok: false; readonly why: string; readonly status: number };

const RENEW_BEFORE_MS = 5 * 60_000;

export function appJwt(appId: string, key: KeyObject, nowMs: number): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(nowMs / 1000);
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode({ iat: now - 60, exp: now + 540, iss: appId })}`;
  return `${unsigned}.${sign('sha256', Buffer.from(unsigned), key).toString('base64url')}`;
}

export function readPrivateKey(pem: string, from: string, logger: Logger): KeyObject {
  // An environment variable holds the key with escaped \n: mask the lines it decodes to, and
  // leave the armour ("-----BEGIN … KEY-----") readable, as messages quote it.
  const text = pem.replace(/\\n/g, '\n');
  for (const line of text.split(/\r?\n/))
    if (line.trim().length >= 16 && !line.trim().startsWith('-----')) logger.mask(line.trim());
  try {
    return createPrivateKey(text);
  } catch {
    throw new UserError(
      `${from} does not hold a PEM private key: store the .pem file the GitHub App's settings page generated ("-----BEGIN RSA PRIVATE KEY-----" …), whole.`,
    );
  }
}

export class GitHubAppTokens {
  private readonly tokens = new Map<string, { token: string; renewAt: number }>();

  constructor(
    private readonly appId: string,
    private readonly key: () => Promise<KeyObject>,
    private readonly send: GitHubSend,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Forgets every token: the App's key was replaced. */
  forgetAll(): void {
    this.tokens.clear();
  }

  /** Forgets a repository's token (GitHub said it is no longer good). */
  forget(owner: string, repo: string): void {
    this.tokens.delete(`${owner}/${repo}`);
  }

  async token(owner: string, repo: string): Promise<InstallationToken> {
    const name = `${owner}/${repo}`;
    const kept = this.tokens.get(name);
    if (kept && this.clock.now() < kept.renewAt) return { ok: true, token: kept.token };
    const jwt = appJwt(this.appId, await this.key(), this.clock.now());
    const e = encodeURIComponent;
    const installation = await this.send('GET', `/repos/${e(owner)}/${e(repo)}/installation`, jwt);
    if (installation.status === 404)
      return {
        ok: false,
        status: 404,
        why: `GitHub App ${this.appId} is not installed on ${name} (or cannot see it): install it on the repository (Commit statuses: Read and write).`,
      };
    this.refuseBadAnswer(installation, `the App's installation on ${name}`);
    const id = (installation.body as { id?: unknown }).id;
    if (typeof id !== 'number')
      throw new Error(`GitHub answered the installation of ${name} without an id.`);
    const issued = await this.send('POST', `/app/installations/${id}/access_tokens`, jwt, {
      repositories: [repo],
      permissions: { statuses: 'write' },
    });
    if (issued.status === 422 || issued.status === 403 || issued.status === 404)
      return {
        ok: false,
        status: issued.status,
        why: `GitHub would not issue GitHub App ${this.appId} a token for ${name} with "statuses: write" (HTTP ${issued.status}: ${answerMessage(issued.body)}): give the App the "Commit statuses: Read and write" permission and accept it on the installation.`,
      };
    this.refuseBadAnswer(issued, `an installation token for ${name}`);
    const { token, expires_at: expiresAt } = issued.body as {
      token?: unknown;
      expires_at?: unknown;
    };
    if (typeof token !== 'string')
      throw new Error(
        `GitHub answered the installation token request for ${name} without a token.`,
      );
    this.logger.mask(token);
    const expires = typeof expiresAt === 'string' ? Date.parse(expiresAt) : NaN;
    const renewAt =
      (Number.isNaN(expires) ? this.clock.now() + 3_600_000 : expires) - RENEW_BEFORE_MS;
    this.tokens.set(name, { token, renewAt });
    return { ok: true, token };
  }

  /** 401 is the App's own configuration; 5xx and rate limits are worth another try. */
  private refuseBadAnswer(answer: HostAnswer, what: string): void {
    if (answer.status >= 200 && answer.status < 300) return;
    if (answer.status === 401)
      throw new CredentialRejected(
        `GitHub refused GitHub App ${this.appId}'s credentials asking for ${what} (HTTP 401: ${answerMessage(answer.body)}): check GITHUB_APP_ID and that the private key is the App's current one.`,
      );
    throw new CodeHostUnavailable(
      `GitHub answered HTTP ${answer.status} asking for ${what}${answerMessage(answer.body) ? ` (${answerMessage(answer.body)})` : ''}.`,
    );
  }
}
