/**
 * The status mirror's settings, read once per cold start from the function's environment.
 * Every bad value is a UserError naming the variable, the value and what it accepts; a
 * secret's value is never quoted, only the variable or secret id it came from.
 */
import { MIRROR_VARIABLES, type MirrorVariable } from './mirror-variables.js';
import { GITHUB_COM, type CodeHosts } from './source-repository.js';
import { UserError } from '../util/errors.js';

/** Where a credential comes from: the variable itself, or a Secrets Manager secret it names. */
export type SecretSource =
  | { readonly from: 'variable'; readonly variable: MirrorVariable; readonly value: string }
  | { readonly from: 'secret'; readonly variable: MirrorVariable; readonly secretId: string };

export type GitHubCredentials =
  | { readonly kind: 'token'; readonly token: SecretSource }
  | { readonly kind: 'app'; readonly appId: string; readonly privateKey: SecretSource };

export type BitbucketCredentials =
  | { readonly kind: 'bearer'; readonly token: SecretSource }
  | { readonly kind: 'basic'; readonly username: string; readonly token: SecretSource };

export interface MirrorSettings {
  readonly hosts: CodeHosts;
  readonly gitHubApiUrl: string;
  readonly gitHub: GitHubCredentials | undefined;
  readonly bitbucketApiUrl: string;
  readonly bitbucket: BitbucketCredentials | undefined;
  /** Whether a project's builds are mirrored. */
  readonly projects: NameFilter;
  /** Whether a pipeline's executions are mirrored. */
  readonly pipelines: NameFilter;
}

export interface NameFilter {
  /** The filter as configured, for messages; undefined when everything passes. */
  readonly text: string | undefined;
  matches(name: string): boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

function value(env: Env, name: MirrorVariable): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

function url(env: Env, name: MirrorVariable): URL | undefined {
  const raw = value(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = undefined;
  }
  if (parsed && (parsed.username || parsed.password))
    // The value itself is not quoted: it holds a credential.
    throw new UserError(
      `${name} holds a user name or password (https://user:…@host): it must be ${MIRROR_VARIABLES[name]}, without credentials. Put the credential in a Secrets Manager secret and name it in the *_SECRET variable.`,
    );
  if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.search || parsed.hash)
    throw new UserError(
      `${name} is "${raw}": it must be ${MIRROR_VARIABLES[name]}, an http(s) URL without a query.`,
    );
  return parsed;
}

const trimSlash = (text: string): string => text.replace(/\/+$/, '');

/** A token given directly or by secret id; both at once is ambiguous and refused. */
function secretSource(
  env: Env,
  plain: MirrorVariable,
  secret: MirrorVariable,
): SecretSource | undefined {
  const direct = value(env, plain);
  const secretId = value(env, secret);
  if (direct !== undefined && secretId !== undefined)
    throw new UserError(
      `Both ${plain} and ${secret} are set: set one (${secret}, a Secrets Manager secret, in production).`,
    );
  if (secretId !== undefined) return { from: 'secret', variable: secret, secretId };
  if (direct !== undefined) return { from: 'variable', variable: plain, value: direct };
  return undefined;
}

function gitHubCredentials(env: Env): GitHubCredentials | undefined {
  const token = secretSource(env, 'GITHUB_TOKEN', 'GITHUB_TOKEN_SECRET');
  const appId = value(env, 'GITHUB_APP_ID');
  const privateKey = secretSource(env, 'GITHUB_APP_PRIVATE_KEY', 'GITHUB_APP_PRIVATE_KEY_SECRET');
  if (appId !== undefined && !/^\d{1,12}$/.test(appId))
    throw new UserError(
      `GITHUB_APP_ID is "${appId}": it must be ${MIRROR_VARIABLES.GITHUB_APP_ID}.`,
    );
  if (appId !== undefined && !privateKey)
    throw new UserError(
      "GITHUB_APP_ID is set without the App's private key: set GITHUB_APP_PRIVATE_KEY_SECRET to the Secrets Manager secret holding it (PEM).",
    );
  if (appId === undefined && privateKey)
    throw new UserError(
      `${privateKey.variable} is set without GITHUB_APP_ID: set GITHUB_APP_ID to the App's numeric App ID (the App's settings page shows it).`,
    );
  if (token && appId !== undefined)
    throw new UserError(
      `Both ${token.variable} and a GitHub App (GITHUB_APP_ID) are set: use one. An App is the better choice for an organisation.`,
    );
  if (appId !== undefined && privateKey) return { kind: 'app', appId, privateKey };
  return token ? { kind: 'token', token } : undefined;
}

function bitbucketCredentials(env: Env): BitbucketCredentials | undefined {
  const access = secretSource(env, 'BITBUCKET_ACCESS_TOKEN', 'BITBUCKET_ACCESS_TOKEN_SECRET');
  const username = value(env, 'BITBUCKET_USERNAME');
  const apiToken = secretSource(env, 'BITBUCKET_API_TOKEN', 'BITBUCKET_API_TOKEN_SECRET');
  if (username !== undefined && !apiToken)
    throw new UserError(
      'BITBUCKET_USERNAME is set without its API token: set BITBUCKET_API_TOKEN_SECRET to the Secrets Manager secret holding it.',
    );
  if (username === undefined && apiToken)
    throw new UserError(
      `${apiToken.variable} is set without BITBUCKET_USERNAME: set BITBUCKET_USERNAME to the Atlassian account email the API token belongs to.`,
    );
  if (access && apiToken)
    throw new UserError(
      `Both ${access.variable} and ${apiToken.variable} are set: use one Bitbucket credential.`,
    );
  if (access) return { kind: 'bearer', token: access };
  return username !== undefined && apiToken
    ? { kind: 'basic', username, token: apiToken }
    : undefined;
}

const GLOB_NAME = /^[A-Za-z0-9._@*?-]+$/;

/** Comma-separated names or globs (* any run of characters, ? one). */
export function nameFilter(env: Env, name: MirrorVariable): NameFilter {
  const raw = value(env, name);
  if (raw === undefined) return { text: undefined, matches: () => true };
  const globs = raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
  const bad = globs.find((glob) => !GLOB_NAME.test(glob));
  if (bad !== undefined || globs.length === 0)
    throw new UserError(
      `${name} is "${raw}"${bad !== undefined ? `: "${bad}" is not a name or glob` : ''}: it must be ${MIRROR_VARIABLES[name]} (letters, digits, . _ - @).`,
    );
  const patterns = globs.map(
    (glob) =>
      new RegExp(
        `^${glob
          .split('')
          .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.]/g, '\\.')))
          .join('')}$`,
      ),
  );
  return {
    text: globs.join(', '),
    matches: (candidate) => patterns.some((p) => p.test(candidate)),
  };
}

export function parseMirrorSettings(env: Env): MirrorSettings {
  const configuredServer = url(env, 'GITHUB_SERVER_URL');
  // A runner sets GITHUB_SERVER_URL=https://github.com: that is github.com, not a GHES.
  const githubServer =
    !configuredServer || /^(www\.)?github\.com$/i.test(configuredServer.hostname)
      ? GITHUB_COM
      : configuredServer;
  const apiUrl = url(env, 'GITHUB_API_URL');
  const gitHubApiUrl = trimSlash(
    apiUrl?.href ??
      (githubServer === GITHUB_COM
        ? 'https://api.github.com'
        : `${trimSlash(githubServer.href)}/api/v3`),
  );
  return {
    hosts: { githubServer, bitbucketServer: url(env, 'BITBUCKET_SERVER_URL') },
    gitHubApiUrl,
    gitHub: gitHubCredentials(env),
    bitbucketApiUrl: trimSlash(url(env, 'BITBUCKET_API_URL')?.href ?? 'https://api.bitbucket.org'),
    bitbucket: bitbucketCredentials(env),
    projects: nameFilter(env, 'PROJECTS'),
    pipelines: nameFilter(env, 'PIPELINES'),
  };
}
