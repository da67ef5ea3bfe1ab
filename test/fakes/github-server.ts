/**
 * A fake GitHub REST API on 127.0.0.1 for wire-level tests: commit statuses (create, list,
 * combined), with GitHub's validation, authentication and headers, plus scriptable failures
 * (403 from read-only tokens, 5xx outages, primary and secondary rate limits). Issue comments and
 * check runs are answered for sticky PR comments and check-run reporters (check runs with GitHub's
 * limits: 50 annotations per request, 65,535 bytes of summary; annotations append). Read-only
 * tokens (a fork pull request's GITHUB_TOKEN) may read but every write gets 403.
 *
 * GitHub Apps (`apps`): an app authenticates with an RS256 JWT signed by its private key (`iss` the
 * app id, `exp` in the future and at most 10 minutes after `iat`), verified with node:crypto
 * against the app's public key; it looks up its installation on a repository (GET
 * /repos/{owner}/{repo}/installation) and exchanges the JWT for an installation token (POST
 * /app/installations/{id}/access_tokens: `ghs_...`, valid for an hour). An installation token
 * reaches only the repositories of its installation (404 elsewhere, as GitHub hides what an
 * integration cannot see), needs the permission a write takes (403 without), and gets 401 once
 * expired; `expireInstallationTokens()` ages every issued token, for tests of token renewal.
 *
 * Only Node built-ins and type-strippable syntax, like the AWS fake, so benchmarks can load it
 * with `node --experimental-strip-types`.
 */
import { createHash, randomBytes, verify } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

// Loaded by URL so that this file runs under plain type stripping, which needs the `.ts` name,
// while type-checking still sees the module's types.
const { header, listen, optional, readBody } = (await import(
  new URL(`./http.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url).href
)) as typeof import('./http.js');

export type CommitState = 'pending' | 'success' | 'failure' | 'error';

export interface CommitStatus {
  url: string;
  avatar_url: string | null;
  id: number;
  node_id: string;
  state: CommitState;
  description: string | null;
  target_url: string | null;
  context: string;
  created_at: string;
  updated_at: string;
  creator: GitHubUser;
}

/** A status as recorded for assertions: the API object plus who posted it. */
export interface RecordedStatus extends CommitStatus {
  owner: string;
  repo: string;
  sha: string;
  /** The Authorization header the status was posted with. */
  authorization: string;
}

export interface IssueComment {
  id: number;
  node_id: string;
  url: string;
  html_url: string;
  issue_url: string;
  body: string;
  user: GitHubUser;
  created_at: string;
  updated_at: string;
}

export interface CheckRun {
  id: number;
  head_sha: string;
  name: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: string | null;
  details_url: string | null;
  external_id: string | null;
  started_at: string | null;
  completed_at: string | null;
  output: {
    title: string | null;
    summary: string | null;
    text: string | null;
    annotations_count: number;
    annotations_url: string;
  };
  url: string;
  html_url: string;
}

/** An annotation as listed by GET .../check-runs/{id}/annotations. */
export interface CheckRunAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column: number | null;
  end_column: number | null;
  annotation_level: 'notice' | 'warning' | 'failure';
  title: string | null;
  message: string;
  raw_details: string | null;
  blob_href: string;
}

export interface GitHubUser {
  login: string;
  id: number;
  type: string;
}

export interface GitHubRequest {
  method: string;
  /** Path and query, e.g. `/repos/o/r/statuses/<sha>`. */
  path: string;
  /** Epoch ms when it arrived. */
  at: number;
  body: unknown;
  /** HTTP status answered. */
  status: number;
  headers: {
    authorization?: string;
    userAgent?: string;
    accept?: string;
    apiVersion?: string;
  };
}

/** Which requests a failure applies to; default any. */
export interface RequestMatch {
  method?: string;
  /** A path prefix, or a pattern tested against the path. */
  path?: string | RegExp;
}

export type GitHubFailure = { count?: number; match?: RequestMatch } & (
  | { status: number; body?: unknown; headers?: Record<string, string> }
  /** `primary`: 403 with `x-ratelimit-remaining: 0`; `secondary`: 403 with `retry-after`; `429`: 429 with `retry-after`. */
  | { rateLimit: 'primary' | 'secondary' | '429'; retryAfterSeconds?: number }
);

/** A GitHub App and where it is installed. */
export interface FakeGitHubApp {
  id: number;
  /** The app's public key (PEM, SPKI or PKCS#1): JWTs are verified against it. */
  publicKeyPem: string;
  /** Default `buildbridge-mirror`. */
  slug?: string;
  installations: FakeAppInstallation[];
}

export interface FakeAppInstallation {
  id: number;
  /** The login of the owner (user or organization) it is installed on. */
  account: string;
  /** Default Organization. */
  accountType?: 'Organization' | 'User';
  /** Repository names; default all of the owner's (`repository_selection: all`). */
  repositories?: string[];
  /** Default `{ statuses: 'write', metadata: 'read' }`. */
  permissions?: Record<string, string>;
}

/** An installation token the fake issued. */
export interface IssuedInstallationToken {
  token: string;
  installationId: number;
  /** The repositories it was issued for; undefined: all of the installation's. */
  repositories?: string[];
  permissions: Record<string, string>;
  /** ISO time, an hour after it was issued unless `expireInstallationTokens()` moved it. */
  expiresAt: string;
}

export interface FakeGitHubOptions {
  /**
   * Accept only these tokens (others get 401 Bad credentials); default any token. Installation
   * tokens the fake issues are accepted too.
   */
  tokens?: string[];
  /**
   * Tokens that may read but not write, like a fork pull request's GITHUB_TOKEN: every POST,
   * PATCH, PUT or DELETE gets 403 "Resource not accessible by integration".
   */
  readOnlyTokens?: string[];
  /** Rate limit reported in headers; default 5000. */
  rateLimit?: number;
  /** GitHub Apps that may authenticate with a JWT and get installation tokens. */
  apps?: FakeGitHubApp[];
  /** Default 0: a free port. */
  port?: number;
}

export interface FakeGitHub {
  /** `http://127.0.0.1:<port>`: use as GITHUB_API_URL / Octokit baseUrl. */
  readonly url: string;
  /** Every request, in arrival order (failed ones included). */
  readonly requests: readonly GitHubRequest[];
  /** Statuses posted for `sha`, oldest first (any repository). */
  statuses(sha: string): RecordedStatus[];
  /** Comments on an issue or PR, oldest first. */
  comments(owner: string, repo: string, issue: number): IssueComment[];
  /** A comment somebody else posted (a user, not the workflow's bot). */
  plantComment(
    owner: string,
    repo: string,
    issue: number,
    body: string,
    login: string,
  ): IssueComment;
  checkRuns(sha?: string): CheckRun[];
  /** Every annotation of a check run, in the order they were added (updates append). */
  checkRunAnnotations(id: number): CheckRunAnnotation[];
  /** Every installation token issued, oldest first. */
  installationTokens(): IssuedInstallationToken[];
  /** Make every installation token issued so far expired: using one gets 401. */
  expireInstallationTokens(): void;
  /** Answer the next `count` (default 1) matching requests with a failure. */
  failNext(failure: GitHubFailure): void;
  clearFailures(): void;
  close(): Promise<void>;
}

const STATES: readonly string[] = ['pending', 'success', 'failure', 'error'];
const MAX_DESCRIPTION = 140;
const MAX_STATUSES_PER_CONTEXT = 1000;
const DOCS = 'https://docs.github.com/rest';
const BOT: GitHubUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

class HttpError extends Error {
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, body: unknown) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

interface Route {
  method: string;
  pattern: RegExp;
  /** The endpoint's documentation, quoted by GitHub in its errors. */
  docs?: string;
  /** `app`: a GitHub App's JWT authenticates, not a token. */
  auth?: 'app';
  /** The installation permission the request needs (`statuses: write`...), for installation tokens. */
  permission?: [string, 'read' | 'write'];
  handle: (params: string[], body: Json, ctx: RequestContext) => [number, unknown];
}

interface RequestContext {
  authorization: string;
  query: URLSearchParams;
  /** The app whose JWT authenticated an `auth: 'app'` route. */
  app?: FakeGitHubApp;
}

interface TokenRecord extends IssuedInstallationToken {
  installation: FakeAppInstallation;
  /** Epoch ms. */
  expiresAtMs: number;
}

const APPS_DOCS = `${DOCS}/apps/apps`;
const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const DEFAULT_PERMISSIONS: Readonly<Record<string, string>> = {
  statuses: 'write',
  metadata: 'read',
};
const JWT_UNDECODABLE = 'A JSON web token could not be decoded';
const JWT_EXP_INVALID =
  "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
const JWT_EXP_TOO_FAR = "'Expiration time' claim ('exp') is too far in the future";
const JWT_IAT_INVALID =
  "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";

type Json = Record<string, unknown>;

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const limit = options.rateLimit ?? 5000;
  const requests: GitHubRequest[] = [];
  const failures: { remaining: number; failure: GitHubFailure }[] = [];
  const statuses: RecordedStatus[] = [];
  const comments = new Map<string, IssueComment[]>();

  function addComment(
    owner: string,
    repo: string,
    issue: number,
    body: string,
    user: GitHubUser,
  ): IssueComment {
    const id = nextId++;
    const created = now();
    const comment: IssueComment = {
      id,
      node_id: nodeId('IssueComment', id),
      url: `${base}/repos/${owner}/${repo}/issues/comments/${id}`,
      html_url: `https://github.com/${owner}/${repo}/pull/${issue}#issuecomment-${id}`,
      issue_url: `${base}/repos/${owner}/${repo}/issues/${issue}`,
      body,
      user,
      created_at: created,
      updated_at: created,
    };
    const key = `${owner}/${repo}#${issue}`;
    comments.set(key, [...(comments.get(key) ?? []), comment]);
    return comment;
  }
  const checkRuns: CheckRun[] = [];
  const annotations = new Map<number, CheckRunAnnotation[]>();
  const apps = options.apps ?? [];
  const issued = new Map<string, TokenRecord>();
  let nextId = 1;
  let used = 0;
  let base = '';

  const nodeId = (kind: string, id: number): string =>
    Buffer.from(`0${kind.length}:${kind}${id}`).toString('base64');
  const now = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

  // ---- Routes: method + path pattern; captured groups are the path parameters.

  const routes: Route[] = [
    {
      method: 'POST',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/statuses\/([^/]+)$/,
      docs: `${DOCS}/commits/statuses#create-a-commit-status`,
      permission: ['statuses', 'write'],
      handle: ([owner, repo, sha], body, ctx) => {
        const { state, description, target_url, context = 'default' } = body;
        if (!/^[0-9a-f]{40}$/i.test(sha!)) {
          throw new HttpError(422, {
            message: `No commit found for SHA: ${sha}`,
            documentation_url: `${DOCS}/commits/statuses#create-a-commit-status`,
            status: '422',
          });
        }
        if (typeof state !== 'string' || !STATES.includes(state)) {
          throw validationFailed('state', 'state is not included in the list');
        }
        if (typeof description === 'string' && description.length > MAX_DESCRIPTION) {
          throw validationFailed(
            'description',
            'description is too long (maximum is 140 characters)',
          );
        }
        const ctxName = String(context);
        const sameContext = statuses.filter((s) => s.sha === sha && s.context === ctxName).length;
        if (sameContext >= MAX_STATUSES_PER_CONTEXT) {
          throw new HttpError(422, {
            message: 'Validation Failed',
            errors: [
              {
                resource: 'Status',
                code: 'custom',
                message: 'This SHA and context has reached the maximum number of statuses.',
              },
            ],
            documentation_url: `${DOCS}/commits/statuses#create-a-commit-status`,
            status: '422',
          });
        }
        const id = nextId++;
        const created = now();
        const status: CommitStatus = {
          url: `${base}/repos/${owner}/${repo}/statuses/${sha}`,
          avatar_url: 'https://avatars.githubusercontent.com/in/15368?v=4',
          id,
          node_id: nodeId('StatusContext', id),
          state: state as CommitState,
          description: typeof description === 'string' ? description : null,
          target_url: typeof target_url === 'string' ? target_url : null,
          context: ctxName,
          created_at: created,
          updated_at: created,
          creator: BOT,
        };
        statuses.push({
          ...status,
          owner: owner!,
          repo: repo!,
          sha: sha!,
          authorization: ctx.authorization,
        });
        return [201, status];
      },
    },
    {
      method: 'GET',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/commits\/([^/]+)\/statuses$/,
      permission: ['statuses', 'read'],
      handle: ([owner, repo, ref], _body, ctx) => {
        const list = forRef(owner!, repo!, ref!).reverse();
        return [200, paginate(list, ctx.query).map(publicStatus)];
      },
    },
    {
      method: 'GET',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/commits\/([^/]+)\/status$/,
      permission: ['statuses', 'read'],
      handle: ([owner, repo, ref]) => {
        // Latest status per context, newest first; the combined state follows GitHub's rule.
        const latest = new Map<string, RecordedStatus>();
        for (const s of forRef(owner!, repo!, ref!).reverse())
          if (!latest.has(s.context)) latest.set(s.context, s);
        const list = [...latest.values()];
        const states = list.map((s) => s.state);
        const state =
          states.includes('error') || states.includes('failure')
            ? 'failure'
            : states.length === 0 || states.includes('pending')
              ? 'pending'
              : 'success';
        return [
          200,
          {
            state,
            statuses: list.map(publicStatus),
            sha: list[0]?.sha ?? ref,
            total_count: list.length,
            repository: { full_name: `${owner}/${repo}`, name: repo, owner: { login: owner } },
            commit_url: `${base}/repos/${owner}/${repo}/commits/${ref}`,
            url: `${base}/repos/${owner}/${repo}/commits/${ref}/status`,
          },
        ];
      },
    },
    {
      method: 'GET',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/,
      handle: ([owner, repo, issue], _body, ctx) => [
        200,
        paginate(comments.get(`${owner}/${repo}#${issue}`) ?? [], ctx.query),
      ],
    },
    {
      method: 'POST',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/,
      docs: `${DOCS}/issues/comments#create-an-issue-comment`,
      permission: ['issues', 'write'],
      handle: ([owner, repo, issue], body) => {
        const comment = addComment(owner!, repo!, Number(issue), requireCommentBody(body), BOT);
        return [201, comment];
      },
    },
    {
      method: 'PATCH',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/,
      docs: `${DOCS}/issues/comments#update-an-issue-comment`,
      permission: ['issues', 'write'],
      handle: ([owner, repo, id], body) => {
        const text = requireCommentBody(body);
        const comment = [...comments.entries()]
          .filter(([key]) => key.startsWith(`${owner}/${repo}#`))
          .flatMap(([, list]) => list)
          .find((c) => c.id === Number(id));
        if (!comment) throw notFound();
        comment.body = text;
        comment.updated_at = now();
        return [200, comment];
      },
    },
    {
      method: 'POST',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/check-runs$/,
      permission: ['checks', 'write'],
      handle: ([owner, repo], body) => {
        if (typeof body.name !== 'string' || typeof body.head_sha !== 'string') {
          throw validationFailed('name', 'name and head_sha are required', 'CheckRun');
        }
        validateCheckRun(body);
        const id = nextId++;
        const run: CheckRun = {
          id,
          head_sha: body.head_sha,
          name: body.name,
          status: 'queued',
          conclusion: null,
          details_url: null,
          external_id: null,
          started_at: now(),
          completed_at: null,
          output: {
            title: null,
            summary: null,
            text: null,
            annotations_count: 0,
            annotations_url: `${base}/repos/${owner}/${repo}/check-runs/${id}/annotations`,
          },
          url: `${base}/repos/${owner}/${repo}/check-runs/${id}`,
          html_url: `https://github.com/${owner}/${repo}/runs/${id}`,
        };
        checkRuns.push(run);
        applyCheckRun(run, body, addAnnotations);
        return [201, run];
      },
    },
    {
      method: 'PATCH',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/check-runs\/(\d+)$/,
      permission: ['checks', 'write'],
      handle: ([, , id], body) => {
        const run = checkRuns.find((r) => r.id === Number(id));
        if (!run) throw notFound();
        validateCheckRun(body);
        applyCheckRun(run, body, addAnnotations);
        return [200, run];
      },
    },
    {
      method: 'GET',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/check-runs\/(\d+)\/annotations$/,
      permission: ['checks', 'read'],
      handle: ([, , id], _body, ctx) => {
        if (!checkRuns.some((r) => r.id === Number(id))) throw notFound();
        return [200, paginate(annotations.get(Number(id)) ?? [], ctx.query)];
      },
    },
    {
      method: 'GET',
      pattern: /^\/app$/,
      auth: 'app',
      handle: (_params, _body, ctx) => {
        const app = ctx.app!;
        const slug = app.slug ?? 'buildbridge-mirror';
        return [
          200,
          {
            id: app.id,
            slug,
            node_id: nodeId('Integration', app.id),
            name: slug,
            owner: app.installations[0] ? accountOf(app.installations[0]) : null,
            html_url: `https://github.com/apps/${slug}`,
            permissions: { ...DEFAULT_PERMISSIONS },
            events: [],
            installations_count: app.installations.length,
          },
        ];
      },
    },
    {
      method: 'GET',
      pattern: /^\/repos\/([^/]+)\/([^/]+)\/installation$/,
      docs: `${APPS_DOCS}#get-a-repository-installation-for-the-authenticated-app`,
      auth: 'app',
      handle: ([owner, repo], _body, ctx) => {
        const installation = ctx.app!.installations.find((i) => reaches(i, owner!, repo!));
        if (!installation) {
          throw notFound(`${APPS_DOCS}#get-a-repository-installation-for-the-authenticated-app`);
        }
        return [200, installationObject(ctx.app!, installation)];
      },
    },
    {
      method: 'GET',
      pattern: /^\/app\/installations\/(\d+)$/,
      docs: `${APPS_DOCS}#get-an-installation-for-the-authenticated-app`,
      auth: 'app',
      handle: ([id], _body, ctx) => {
        const installation = ctx.app!.installations.find((i) => i.id === Number(id));
        if (!installation) {
          throw notFound(`${APPS_DOCS}#get-an-installation-for-the-authenticated-app`);
        }
        return [200, installationObject(ctx.app!, installation)];
      },
    },
    {
      method: 'POST',
      pattern: /^\/app\/installations\/(\d+)\/access_tokens$/,
      docs: `${APPS_DOCS}#create-an-installation-access-token-for-an-app`,
      auth: 'app',
      handle: ([id], body, ctx) => issueToken(ctx.app!, Number(id), body),
    },
  ];

  // ---- GitHub Apps

  function accountOf(installation: FakeAppInstallation): GitHubUser {
    return {
      login: installation.account,
      id: numericId(installation.account),
      type: installation.accountType ?? 'Organization',
    };
  }

  function installationObject(app: FakeGitHubApp, installation: FakeAppInstallation): Json {
    const account = accountOf(installation);
    const created = new Date(Date.UTC(2024, 0, 1)).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return {
      id: installation.id,
      account: {
        ...account,
        node_id: nodeId(account.type, account.id),
        avatar_url: `https://avatars.githubusercontent.com/u/${account.id}?v=4`,
        url: `${base}/users/${account.login}`,
        html_url: `https://github.com/${account.login}`,
        site_admin: false,
      },
      repository_selection: installation.repositories ? 'selected' : 'all',
      access_tokens_url: `${base}/app/installations/${installation.id}/access_tokens`,
      repositories_url: `${base}/installation/repositories`,
      html_url:
        account.type === 'Organization'
          ? `https://github.com/organizations/${account.login}/settings/installations/${installation.id}`
          : `https://github.com/settings/installations/${installation.id}`,
      app_id: app.id,
      app_slug: app.slug ?? 'buildbridge-mirror',
      target_id: account.id,
      target_type: account.type,
      permissions: { ...(installation.permissions ?? DEFAULT_PERMISSIONS) },
      events: [],
      created_at: created,
      updated_at: created,
      single_file_name: null,
      has_multiple_single_files: false,
      single_file_paths: [],
      suspended_by: null,
      suspended_at: null,
    };
  }

  /** POST /app/installations/{id}/access_tokens, as GitHub answers it. */
  function issueToken(app: FakeGitHubApp, id: number, body: Json): [number, unknown] {
    const docs = `${APPS_DOCS}#create-an-installation-access-token-for-an-app`;
    const installation = app.installations.find((i) => i.id === id);
    if (!installation) throw notFound(docs);
    const granted = installation.permissions ?? DEFAULT_PERMISSIONS;
    let repositories: string[] | undefined;
    if (body.repositories !== undefined) {
      const names = body.repositories;
      if (
        !Array.isArray(names) ||
        !names.every((n) => typeof n === 'string' && reaches(installation, installation.account, n))
      ) {
        throw new HttpError(422, {
          message:
            'There is at least one repository that does not exist or is not accessible to the parent installation.',
          documentation_url: docs,
          status: '422',
        });
      }
      repositories = names as string[];
    } else if (installation.repositories) {
      repositories = [...installation.repositories];
    }
    let permissions = { ...granted };
    if (body.permissions !== undefined) {
      const asked = body.permissions as Record<string, unknown>;
      const allowed =
        typeof asked === 'object' &&
        asked !== null &&
        Object.entries(asked).every(
          ([name, level]) =>
            (level === 'read' || level === 'write') &&
            granted[name] !== undefined &&
            (level === 'read' || granted[name] === 'write'),
        );
      if (!allowed) {
        throw new HttpError(422, {
          message: 'The permissions requested are not granted to this installation.',
          documentation_url: docs,
          status: '422',
        });
      }
      permissions = asked as Record<string, string>;
    }
    const expiresAtMs = Date.now() + 3600_000;
    const token = `ghs_${[...randomBytes(36)].map((b) => TOKEN_CHARS[b % TOKEN_CHARS.length]).join('')}`;
    const record: TokenRecord = {
      token,
      installationId: installation.id,
      ...(repositories ? { repositories } : {}),
      permissions,
      expiresAt: isoSeconds(expiresAtMs),
      installation,
      expiresAtMs,
    };
    issued.set(token, record);
    return [
      201,
      {
        token,
        expires_at: record.expiresAt,
        permissions,
        repository_selection: repositories ? 'selected' : 'all',
        ...(body.repositories !== undefined
          ? {
              repositories: repositories!.map((name) => ({
                id: numericId(`${installation.account}/${name}`),
                name,
                full_name: `${installation.account}/${name}`,
                owner: accountOf(installation),
                private: true,
              })),
            }
          : {}),
      },
    ];
  }

  /** The app a JWT authenticates, or GitHub's 401 for a bad, expired or foreign one. */
  function appOf(token: string): FakeGitHubApp {
    const fail = (message: string): HttpError =>
      new HttpError(401, { message, documentation_url: DOCS, status: '401' });
    const parts = token.split('.');
    if (parts.length !== 3) throw fail(JWT_UNDECODABLE);
    const [head, payload, signature] = parts as [string, string, string];
    let header: Json;
    let claims: Json;
    try {
      header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as Json;
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Json;
    } catch {
      throw fail(JWT_UNDECODABLE);
    }
    if (header.alg !== 'RS256' || (header.typ !== undefined && header.typ !== 'JWT')) {
      throw fail(JWT_UNDECODABLE);
    }
    const app = apps.find((a) => String(a.id) === String(claims.iss));
    if (!app) throw fail(JWT_UNDECODABLE);
    let valid: boolean;
    try {
      valid = verify(
        'RSA-SHA256',
        Buffer.from(`${head}.${payload}`),
        app.publicKeyPem,
        Buffer.from(signature, 'base64url'),
      );
    } catch {
      valid = false;
    }
    if (!valid) throw fail(JWT_UNDECODABLE);
    const nowSeconds = Date.now() / 1000;
    const { iat, exp } = claims;
    if (typeof iat !== 'number' || iat > nowSeconds + 60) throw fail(JWT_IAT_INVALID);
    if (typeof exp !== 'number' || exp <= nowSeconds) throw fail(JWT_EXP_INVALID);
    if (exp - iat > 600) throw fail(JWT_EXP_TOO_FAR);
    return app;
  }

  /**
   * An installation token's access to a route: 401 once expired, 404 for a repository outside its
   * installation, 403 without the permission the route needs.
   */
  function checkInstallationToken(record: TokenRecord, route: Route, params: string[]): void {
    if (Date.now() >= record.expiresAtMs) {
      throw new HttpError(401, {
        message: 'Bad credentials',
        documentation_url: DOCS,
        status: '401',
      });
    }
    if (route.auth === 'app') {
      throw new HttpError(401, {
        message: JWT_UNDECODABLE,
        documentation_url: DOCS,
        status: '401',
      });
    }
    if (route.pattern.source.startsWith('^\\/repos\\/')) {
      const [owner, repo] = params as [string, string];
      const visible =
        reaches(record.installation, owner, repo) &&
        (record.repositories === undefined || record.repositories.includes(repo));
      if (!visible) throw notFound(route.docs);
    }
    if (route.permission) {
      const [name, level] = route.permission;
      const has = record.permissions[name];
      if (has === undefined || (level === 'write' && has !== 'write')) {
        throw new HttpError(403, {
          message: 'Resource not accessible by integration',
          documentation_url: route.docs ?? DOCS,
          status: '403',
        });
      }
    }
  }

  function addAnnotations(run: CheckRun, added: Json[]): void {
    const list = annotations.get(run.id) ?? [];
    for (const a of added) {
      list.push({
        path: String(a.path),
        start_line: Number(a.start_line),
        end_line: Number(a.end_line),
        start_column: typeof a.start_column === 'number' ? a.start_column : null,
        end_column: typeof a.end_column === 'number' ? a.end_column : null,
        annotation_level: a.annotation_level as CheckRunAnnotation['annotation_level'],
        title: typeof a.title === 'string' ? a.title : null,
        message: String(a.message),
        raw_details: typeof a.raw_details === 'string' ? a.raw_details : null,
        blob_href: `https://github.com/blob/${run.head_sha}/${String(a.path)}`,
      });
    }
    annotations.set(run.id, list);
    run.output.annotations_count = list.length;
  }

  function forRef(owner: string, repo: string, ref: string): RecordedStatus[] {
    return statuses.filter((s) => s.owner === owner && s.repo === repo && s.sha === ref);
  }

  // ---- HTTP

  function takeFailure(method: string, path: string): GitHubFailure | undefined {
    const rule = failures.find((r) => r.remaining > 0 && matches(r.failure.match, method, path));
    if (!rule) return undefined;
    rule.remaining--;
    return rule.failure;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', base);
    const raw = await readBody(req);
    const authorization = header(req, 'authorization');
    const record: GitHubRequest = {
      method,
      path: url.pathname + url.search,
      at: Date.now(),
      body: undefined,
      status: 200,
      headers: {
        ...optional('authorization', authorization),
        ...optional('userAgent', header(req, 'user-agent')),
        ...optional('accept', header(req, 'accept')),
        ...optional('apiVersion', header(req, 'x-github-api-version')),
      },
    };
    requests.push(record);
    used++;
    const resetAt = Math.floor(Date.now() / 1000) + 3600;
    const headers: Record<string, string> = {
      'x-github-request-id': requestId(),
      'x-github-api-version-selected': '2022-11-28',
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - used)),
      'x-ratelimit-reset': String(resetAt),
      'x-ratelimit-used': String(used),
      'x-ratelimit-resource': 'core',
    };
    const reply = (status: number, body: unknown, extra: Record<string, string> = {}): void => {
      record.status = status;
      send(res, status, body, { ...headers, ...extra });
    };

    try {
      let body: Json = {};
      if (raw !== '') {
        try {
          body = JSON.parse(raw) as Json;
        } catch {
          throw new HttpError(400, {
            message: 'Problems parsing JSON',
            documentation_url: DOCS,
            status: '400',
          });
        }
      }
      record.body = body;
      const failure = takeFailure(method, url.pathname);
      if (failure) {
        const [status, failBody, failHeaders] = failureResponse(failure);
        reply(status, failBody, failHeaders);
        return;
      }
      const token = /^(?:token|bearer)\s+(\S+)$/i.exec(authorization ?? '')?.[1];
      if (!token) {
        throw new HttpError(401, {
          message: 'Requires authentication',
          documentation_url: DOCS,
          status: '401',
        });
      }
      let route: Route | undefined;
      let params: string[] = [];
      for (const candidate of routes) {
        if (candidate.method !== method) continue;
        const match = candidate.pattern.exec(url.pathname);
        if (!match) continue;
        route = candidate;
        params = match.slice(1).map((p) => decodeURIComponent(p));
        break;
      }
      const installationToken = issued.get(token);
      // A GitHub App's own routes take its JWT, whatever `tokens` says.
      const app = route?.auth === 'app' && !installationToken ? appOf(token) : undefined;
      const readOnly = options.readOnlyTokens?.includes(token) ?? false;
      if (
        !app &&
        !installationToken &&
        options.tokens &&
        !options.tokens.includes(token) &&
        !readOnly
      ) {
        throw new HttpError(401, {
          message: 'Bad credentials',
          documentation_url: DOCS,
          status: '401',
        });
      }
      if (!route) throw notFound();
      if (installationToken) checkInstallationToken(installationToken, route, params);
      if (readOnly && !['GET', 'HEAD'].includes(method)) {
        throw new HttpError(403, {
          message: 'Resource not accessible by integration',
          documentation_url: route.docs ?? DOCS,
          status: '403',
        });
      }
      const [status, out] = route.handle(params, body, {
        authorization: authorization!,
        query: url.searchParams,
        ...(app ? { app } : {}),
      });
      reply(status, out);
    } catch (err) {
      if (err instanceof HttpError) reply(err.status, err.body);
      else reply(500, { message: err instanceof Error ? err.message : String(err) });
    }
  }

  const server = await listen(handle, options.port);
  base = server.url;

  return {
    url: base,
    requests,
    statuses(sha) {
      return statuses.filter((s) => s.sha === sha);
    },
    comments(owner, repo, issue) {
      return comments.get(`${owner}/${repo}#${issue}`) ?? [];
    },
    plantComment(owner, repo, issue, body, login) {
      return addComment(owner, repo, issue, body, { login, id: 1000 + nextId, type: 'User' });
    },
    checkRuns(sha) {
      return sha === undefined ? [...checkRuns] : checkRuns.filter((r) => r.head_sha === sha);
    },
    checkRunAnnotations(id) {
      return [...(annotations.get(id) ?? [])];
    },
    installationTokens() {
      return [...issued.values()].map(
        ({ installation: _i, expiresAtMs: _e, repositories, permissions, ...token }) => ({
          ...token,
          ...(repositories ? { repositories: [...repositories] } : {}),
          permissions: { ...permissions },
        }),
      );
    },
    expireInstallationTokens() {
      const past = Date.now() - 1000;
      for (const record of issued.values()) {
        record.expiresAtMs = Math.min(record.expiresAtMs, past);
        record.expiresAt = isoSeconds(record.expiresAtMs);
      }
    },
    failNext(failure) {
      failures.push({ remaining: failure.count ?? 1, failure });
    },
    clearFailures() {
      failures.length = 0;
    },
    close: server.close,
  };
}

/** The status as the API shows it, without the fake's bookkeeping fields. */
function publicStatus(s: RecordedStatus): CommitStatus {
  const { owner: _o, repo: _r, sha: _s, authorization: _a, ...status } = s;
  return status;
}

function failureResponse(failure: GitHubFailure): [number, unknown, Record<string, string>] {
  if ('status' in failure) {
    return [
      failure.status,
      failure.body ?? defaultFailureBody(failure.status),
      failure.headers ?? {},
    ];
  }
  const retryAfter = String(failure.retryAfterSeconds ?? 60);
  if (failure.rateLimit === 'primary') {
    const reset = String(Math.floor(Date.now() / 1000) + Number(retryAfter));
    return [
      403,
      {
        message: 'API rate limit exceeded for installation ID 12345678.',
        documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api`,
        status: '403',
      },
      { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
    ];
  }
  return [
    failure.rateLimit === '429' ? 429 : 403,
    {
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
      documentation_url: `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
      status: failure.rateLimit === '429' ? '429' : '403',
    },
    { 'retry-after': retryAfter },
  ];
}

function defaultFailureBody(status: number): unknown {
  switch (status) {
    case 401:
      return { message: 'Bad credentials', documentation_url: DOCS, status: '401' };
    case 403:
      // What a read-only GITHUB_TOKEN (fork pull request) gets.
      return {
        message: 'Resource not accessible by integration',
        documentation_url: `${DOCS}/commits/statuses#create-a-commit-status`,
        status: '403',
      };
    case 404:
      return { message: 'Not Found', documentation_url: DOCS, status: '404' };
    default:
      return status >= 500 ? { message: 'Server Error' } : { message: `HTTP ${status}` };
  }
}

function matches(match: RequestMatch | undefined, method: string, path: string): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== method) return false;
  if (match.path === undefined) return true;
  return typeof match.path === 'string' ? path.startsWith(match.path) : match.path.test(path);
}

function validationFailed(field: string, message: string, resource = 'Status'): HttpError {
  return new HttpError(422, {
    message: 'Validation Failed',
    errors: [{ resource, code: 'custom', field, message }],
    documentation_url: DOCS,
    status: '422',
  });
}

function notFound(docs = DOCS): HttpError {
  return new HttpError(404, { message: 'Not Found', documentation_url: docs, status: '404' });
}

/** Whether an installation reaches `owner/repo` (GitHub logins are case-insensitive). */
function reaches(installation: FakeAppInstallation, owner: string, repo: string): boolean {
  return (
    installation.account.toLowerCase() === owner.toLowerCase() &&
    (installation.repositories === undefined || installation.repositories.includes(repo))
  );
}

/** A stable positive id for a login or repository name. */
function numericId(name: string): number {
  return (
    1_000_000 +
    (createHash('sha256').update(name.toLowerCase()).digest().readUInt32BE(0) % 9_000_000)
  );
}

/** `2024-01-01T00:00:00Z`: GitHub's timestamps have no milliseconds. */
function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function requireCommentBody(body: Json): string {
  if (typeof body.body !== 'string' || body.body === '') {
    throw validationFailed('body', 'body is missing', 'IssueComment');
  }
  if (body.body.length > 65_536) {
    throw validationFailed(
      'body',
      'body is too long (maximum is 65536 characters)',
      'IssueComment',
    );
  }
  return body.body;
}

const CHECK_STATUSES: readonly string[] = ['queued', 'in_progress', 'completed'];
const CONCLUSIONS: readonly string[] = [
  'action_required',
  'cancelled',
  'failure',
  'neutral',
  'success',
  'skipped',
  'timed_out',
];
const ANNOTATION_LEVELS: readonly string[] = ['notice', 'warning', 'failure'];
const MAX_ANNOTATIONS = 50;
/** GitHub documents 65535 characters but counts bytes ("summary exceeds a maximum bytesize"). */
const MAX_OUTPUT_BYTES = 65_535;

/** GitHub's checks on a create or update body, before anything is changed. */
function validateCheckRun(body: Json): void {
  if (body.status !== undefined && !CHECK_STATUSES.includes(body.status as string))
    throw validationFailed('status', 'status is not included in the list', 'CheckRun');
  if (body.conclusion !== undefined && !CONCLUSIONS.includes(body.conclusion as string))
    throw validationFailed('conclusion', 'conclusion is not included in the list', 'CheckRun');
  if ((body.status === 'completed' || body.completed_at !== undefined) && !body.conclusion)
    throw validationFailed('conclusion', 'conclusion is required when completed', 'CheckRun');
  if (body.output === undefined) return;
  const output = body.output as Json;
  for (const field of ['title', 'summary']) {
    if (typeof output[field] !== 'string') throw invalidRequest(`"${field}" wasn't supplied.`);
  }
  for (const field of ['summary', 'text']) {
    const value = output[field];
    if (typeof value === 'string' && Buffer.byteLength(value, 'utf8') > MAX_OUTPUT_BYTES)
      throw validationFailed(field, `${field} exceeds a maximum bytesize of 65535`, 'CheckRun');
  }
  const list = output.annotations;
  if (list === undefined) return;
  if (!Array.isArray(list)) throw invalidRequest("For 'properties/annotations', is not an array.");
  if (list.length > MAX_ANNOTATIONS)
    throw invalidRequest(`No more than 50 items are allowed; ${list.length} were supplied.`);
  for (const a of list as Json[]) {
    const complete =
      typeof a.path === 'string' &&
      Number.isInteger(a.start_line) &&
      Number.isInteger(a.end_line) &&
      typeof a.message === 'string' &&
      ANNOTATION_LEVELS.includes(String(a.annotation_level));
    if (!complete)
      throw invalidRequest(
        'Each annotation needs path, start_line, end_line, annotation_level (notice, warning, failure) and message.',
      );
  }
}

/** GitHub's schema failures: 422 "Invalid request." with the reason, no errors array. */
function invalidRequest(reason: string): HttpError {
  return new HttpError(422, {
    message: `Invalid request.\n\n${reason}`,
    documentation_url: `${DOCS}/checks/runs`,
    status: '422',
  });
}

function applyCheckRun(
  run: CheckRun,
  body: Json,
  addAnnotations: (run: CheckRun, added: Json[]) => void,
): void {
  if (typeof body.status === 'string') run.status = body.status as CheckRun['status'];
  if (typeof body.conclusion === 'string') {
    run.conclusion = body.conclusion;
    run.status = 'completed';
  }
  if (run.status === 'completed' && run.completed_at === null) {
    run.completed_at =
      typeof body.completed_at === 'string' ? body.completed_at : new Date().toISOString();
  }
  if (typeof body.details_url === 'string') run.details_url = body.details_url;
  if (typeof body.external_id === 'string') run.external_id = body.external_id;
  if (body.output && typeof body.output === 'object') {
    const o = body.output as Json;
    run.output = {
      ...run.output,
      title: typeof o.title === 'string' ? o.title : run.output.title,
      summary: typeof o.summary === 'string' ? o.summary : run.output.summary,
      text: typeof o.text === 'string' ? o.text : run.output.text,
    };
    if (Array.isArray(o.annotations)) addAnnotations(run, o.annotations as Json[]);
  }
}

function paginate<T>(list: T[], query: URLSearchParams): T[] {
  const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? 30) || 30));
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
  return list.slice((page - 1) * perPage, page * perPage);
}

/** Shaped like GitHub's `C0DE:1A2B3C:4D5E6F:7A8B9C:65F1A2B3`. */
function requestId(): string {
  const hex = (n: number): string => randomBytes(n).toString('hex').toUpperCase();
  return `${hex(2)}:${hex(3)}:${hex(3)}:${hex(3)}:${hex(4)}`;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string>,
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(payload)),
  });
  res.end(payload);
}
