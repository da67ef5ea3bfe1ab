/**
 * Which repository a build's source location is, on which code host: GitHub (github.com, or
 * the configured GitHub Enterprise Server), Bitbucket Cloud (bitbucket.org) or the configured
 * Bitbucket Data Center. Anything else — S3, CodeCommit, GitLab, no source — is not a code host
 * this mirror posts to, and says so.
 */

export type Repository =
  | { readonly host: 'github'; readonly owner: string; readonly repo: string }
  | { readonly host: 'bitbucket-cloud'; readonly workspace: string; readonly slug: string }
  | { readonly host: 'bitbucket-server'; readonly projectKey: string; readonly slug: string };

export type RepositoryOrNot =
  | { readonly found: true; readonly repository: Repository }
  | { readonly found: false; readonly why: string };

export interface CodeHosts {
  /** The GitHub the function posts to: https://github.com, or a GitHub Enterprise Server. */
  readonly githubServer: URL;
  /** A Bitbucket Data Center, when configured: Bitbucket statuses then go there. */
  readonly bitbucketServer: URL | undefined;
}

export const GITHUB_COM = new URL('https://github.com');
const BITBUCKET_ORG = 'bitbucket.org';

/** "owner/repo" of a repository, for messages. */
export function repositoryName(repository: Repository): string {
  switch (repository.host) {
    case 'github':
      return `${repository.owner}/${repository.repo}`;
    case 'bitbucket-cloud':
      return `${repository.workspace}/${repository.slug}`;
    case 'bitbucket-server':
      return `${repository.projectKey}/${repository.slug}`;
  }
}

/** A location as a URL: https://…, ssh://…, or scp-like git@host:owner/repo.git. */
function asUrl(location: string): URL | undefined {
  const scp = /^[\w.-]+@([\w.-]+):(?!\/)(.+)$/.exec(location);
  try {
    return new URL(scp ? `ssh://${scp[1]}/${scp[2]}` : location);
  } catch {
    return undefined;
  }
}

function segments(path: string): string[] {
  return path
    .replace(/\/+$/, '')
    .split('/')
    .filter((part) => part !== '')
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        // A malformed escape (%E0%A4%A): kept as written, so the name matches nothing.
        return part;
      }
    });
}

const stripGit = (name: string): string => name.replace(/\.git$/, '');
const sameHost = (a: URL, b: URL): boolean =>
  a.hostname.toLowerCase() === b.hostname.toLowerCase() &&
  (a.protocol === 'ssh:' || a.port === b.port);

/**
 * The path of `url` below the server's own path (a context path such as /bitbucket), or
 * undefined when it is not below it. ssh URLs have no context path.
 */
function withinServer(url: URL, server: URL): string[] | undefined {
  const parts = segments(url.pathname);
  if (url.protocol === 'ssh:') return parts;
  const prefix = segments(server.pathname);
  return prefix.every((part, i) => parts[i]?.toLowerCase() === part.toLowerCase())
    ? parts.slice(prefix.length)
    : undefined;
}

export function repositoryOf(
  source: { readonly type: string | undefined; readonly location: string | undefined },
  hosts: CodeHosts,
): RepositoryOrNot {
  const type = source.type ?? 'unknown';
  const location = source.location;
  if (!location) return { found: false, why: `the build has no source location (type ${type})` };
  const url = asUrl(location);
  const notOurs = (detail = 'not a GitHub or Bitbucket repository') => ({
    found: false as const,
    why: `its source (${type} ${location.replace(/\/\/[^/?#]*@/, '//')}) is ${detail}`,
  });
  if (!url || !/^(https?|ssh):$/.test(url.protocol)) return notOurs();
  const host = url.hostname.toLowerCase();

  if (
    sameHost(url, hosts.githubServer) ||
    (hosts.githubServer === GITHUB_COM && host === 'www.github.com')
  ) {
    const path = withinServer(url, hosts.githubServer);
    if (!path) return notOurs(`not under ${hosts.githubServer.href} (GITHUB_SERVER_URL)`);
    const [owner, repo, ...rest] = path;
    if (!owner || !repo || rest.length > 0) return notOurs('not a repository URL (owner/repo)');
    return { found: true, repository: { host: 'github', owner, repo: stripGit(repo) } };
  }
  if (host === 'github.com' || host === 'www.github.com')
    return notOurs(
      `on github.com, and this mirror posts to ${hosts.githubServer.origin} (GITHUB_SERVER_URL)`,
    );

  if (hosts.bitbucketServer && sameHost(url, hosts.bitbucketServer)) {
    // https://host/context/scm/PROJ/repo.git, or ssh://git@host:7999/proj/repo.git
    const path = withinServer(url, hosts.bitbucketServer);
    if (!path) return notOurs(`not under ${hosts.bitbucketServer.href} (BITBUCKET_SERVER_URL)`);
    const [first, ...restAfter] = path;
    const [projectKey, slug, ...rest] = first === 'scm' ? restAfter : path;
    if (!projectKey || !slug || rest.length > 0)
      return notOurs('not a Bitbucket Data Center clone URL (…/scm/PROJECT/repo.git)');
    return {
      found: true,
      repository: {
        host: 'bitbucket-server',
        // Keys are upper case (ssh URLs write them lower); a personal project is ~user.
        projectKey: projectKey.startsWith('~') ? projectKey : projectKey.toUpperCase(),
        slug: stripGit(slug),
      },
    };
  }
  if (host === BITBUCKET_ORG || host === `www.${BITBUCKET_ORG}`) {
    if (hosts.bitbucketServer)
      return notOurs(
        `on Bitbucket Cloud, and this mirror posts to Bitbucket Data Center at ${hosts.bitbucketServer.origin} (BITBUCKET_SERVER_URL)`,
      );
    const [workspace, slug, ...rest] = segments(url.pathname);
    if (!workspace || !slug || rest.length > 0)
      return notOurs('not a repository URL (workspace/repo)');
    return {
      found: true,
      repository: { host: 'bitbucket-cloud', workspace, slug: stripGit(slug) },
    };
  }
  return notOurs();
}
