/**
 * Which repository a build's source location names: github.com, a GitHub Enterprise Server,
 * Bitbucket Cloud or a Bitbucket Data Center, and why anything else is not posted to.
 */
import { describe, expect, it } from '@jest/globals';
import {
  GITHUB_COM,
  repositoryName,
  repositoryOf,
  type CodeHosts,
  type RepositoryOrNot,
} from '../../src/mirror/source-repository.js';
import { parseMirrorSettings } from '../../src/mirror/mirror-settings.js';

const CLOUD: CodeHosts = { githubServer: GITHUB_COM, bitbucketServer: undefined };
const GHES: CodeHosts = {
  githubServer: new URL('https://ghe.example.com'),
  bitbucketServer: undefined,
};
const GHES_PATH: CodeHosts = {
  githubServer: new URL('https://code.example.com/github'),
  bitbucketServer: undefined,
};
const DC: CodeHosts = {
  githubServer: GITHUB_COM,
  bitbucketServer: new URL('https://bb.example.com'),
};
const DC_PATH: CodeHosts = {
  githubServer: GITHUB_COM,
  bitbucketServer: new URL('https://code.example.com/bitbucket'),
};

const of = (location: string | undefined, hosts = CLOUD, type = 'GITHUB'): RepositoryOrNot =>
  repositoryOf({ type, location }, hosts);

function why(result: RepositoryOrNot): string {
  if (result.found)
    throw new Error(`expected no repository, got ${repositoryName(result.repository)}`);
  return result.why;
}

const github = (owner: string, repo: string) => ({
  found: true,
  repository: { host: 'github', owner, repo },
});

describe('repositoryOf: GitHub', () => {
  it.each([
    'https://github.com/octo/web.git',
    'https://github.com/octo/web',
    'https://github.com/octo/web/',
    'https://github.com/octo/web.git/',
    'https://www.github.com/octo/web.git',
    'https://x-access-token:ghp_hidden@github.com/octo/web.git',
    'git@github.com:octo/web.git',
    'ssh://git@github.com/octo/web.git',
  ])('reads octo/web from %s', (location) => {
    expect(of(location)).toEqual(github('octo', 'web'));
  });

  it('reads a GitHub Enterprise Server repository over https and ssh', () => {
    expect(of('https://ghe.example.com/octo/web.git', GHES, 'GITHUB_ENTERPRISE')).toEqual(
      github('octo', 'web'),
    );
    expect(of('git@ghe.example.com:octo/web.git', GHES)).toEqual(github('octo', 'web'));
  });

  it('reads a GitHub Enterprise Server under a path prefix, and only under it', () => {
    expect(of('https://code.example.com/github/octo/web.git', GHES_PATH)).toEqual(
      github('octo', 'web'),
    );
    const beside = repositoryOf(
      { type: 'GITHUB_ENTERPRISE', location: 'https://code.example.com/gitlab/octo/web.git' },
      GHES_PATH,
    );
    expect(beside).toEqual({
      found: false,
      why: expect.stringContaining(
        'is not under https://code.example.com/github (GITHUB_SERVER_URL)',
      ),
    });
  });

  it('takes GITHUB_SERVER_URL=https://github.com as github.com, www. included', () => {
    const hosts = parseMirrorSettings({ GITHUB_SERVER_URL: 'https://github.com' }).hosts;
    expect(of('https://github.com/octo/web.git', hosts)).toEqual(github('octo', 'web'));
    expect(of('https://www.github.com/octo/web.git', hosts)).toEqual(github('octo', 'web'));
  });

  it('says a github.com source is not ours when a GitHub Enterprise Server is configured', () => {
    const reason = why(of('https://github.com/octo/web.git', GHES));
    expect(reason).toContain('on github.com');
    expect(reason).toContain('https://ghe.example.com (GITHUB_SERVER_URL)');
  });

  it('says an owner-only or too-long URL is not a repository URL', () => {
    expect(why(of('https://github.com/octo'))).toContain('not a repository URL (owner/repo)');
    expect(why(of('https://github.com/octo/web/tree/main'))).toContain(
      'not a repository URL (owner/repo)',
    );
    expect(why(of('https://bitbucket.org/team', CLOUD, 'BITBUCKET'))).toContain(
      'not a repository URL (workspace/repo)',
    );
  });

  it('never echoes the credentials of a URL back in its reason', () => {
    for (const location of [
      'https://x-access-token:ghp_hidden@github.com/octo',
      'https://oauth2:glpat_hidden@gitlab.com/octo/web.git',
      'https://user:pa@ss_hidden@gitlab.com/octo/web.git',
    ]) {
      const reason = why(of(location));
      expect(reason).not.toContain('hidden');
      expect(reason).not.toContain('@');
    }
    expect(
      why(of('https://x-access-token:ghp_hidden@github.com/octo/web.git', GHES)),
    ).not.toContain('hidden');
  });
});

describe('repositoryOf: Bitbucket', () => {
  it('reads Bitbucket Cloud workspace/repo', () => {
    expect(of('https://bitbucket.org/team/site.git', CLOUD, 'BITBUCKET')).toEqual({
      found: true,
      repository: { host: 'bitbucket-cloud', workspace: 'team', slug: 'site' },
    });
    expect(of('https://me@bitbucket.org/team/site', CLOUD, 'BITBUCKET')).toEqual({
      found: true,
      repository: { host: 'bitbucket-cloud', workspace: 'team', slug: 'site' },
    });
  });

  const dc = (projectKey: string, slug: string) => ({
    found: true,
    repository: { host: 'bitbucket-server', projectKey, slug },
  });

  it('reads a Data Center https clone URL', () => {
    expect(of('https://bb.example.com/scm/PROJ/repo.git', DC)).toEqual(dc('PROJ', 'repo'));
  });

  it('reads a Data Center clone URL under a context path', () => {
    expect(of('https://code.example.com/bitbucket/scm/PROJ/repo.git', DC_PATH)).toEqual(
      dc('PROJ', 'repo'),
    );
  });

  it('reads a Data Center ssh URL on its own port, upper-casing the project key', () => {
    expect(of('ssh://git@bb.example.com:7999/proj/repo.git', DC)).toEqual(dc('PROJ', 'repo'));
    expect(of('ssh://git@code.example.com:7999/proj/repo.git', DC_PATH)).toEqual(
      dc('PROJ', 'repo'),
    );
  });

  it('keeps a personal project ~user as it is', () => {
    expect(of('https://bb.example.com/scm/~jdoe/notes.git', DC)).toEqual(dc('~jdoe', 'notes'));
    expect(of('ssh://git@bb.example.com:7999/~jdoe/notes.git', DC)).toEqual(dc('~jdoe', 'notes'));
  });

  it('says a Data Center URL that is not a clone URL is not ours', () => {
    expect(why(of('https://bb.example.com/projects/PROJ/repos/repo/browse', DC))).toContain(
      'not a Bitbucket Data Center clone URL',
    );
  });

  it('says a bitbucket.org source is not ours when a Data Center is configured', () => {
    const reason = why(of('https://bitbucket.org/team/site.git', DC, 'BITBUCKET'));
    expect(reason).toContain('on Bitbucket Cloud');
    expect(reason).toContain('https://bb.example.com (BITBUCKET_SERVER_URL)');
  });
});

describe('repositoryOf: sources on no code host', () => {
  it.each([
    ['S3', 'my-bucket/sources/app.zip'],
    ['CODECOMMIT', 'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/app'],
    ['GITLAB', 'https://gitlab.com/octo/web.git'],
    ['GITHUB', 'ftp://github.com/octo/web.git'],
  ])('says a %s source %s is not a GitHub or Bitbucket repository', (type, location) => {
    expect(why(of(location, CLOUD, type))).toBe(
      `its source (${type} ${location}) is not a GitHub or Bitbucket repository`,
    );
  });

  it('says a build without a source location has none, with its type', () => {
    expect(why(of(undefined, CLOUD, 'NO_SOURCE'))).toBe(
      'the build has no source location (type NO_SOURCE)',
    );
    expect(why(repositoryOf({ type: undefined, location: '' }, CLOUD))).toBe(
      'the build has no source location (type unknown)',
    );
  });
});

describe('repositoryName', () => {
  it('names each host kind owner/repo', () => {
    expect(repositoryName({ host: 'github', owner: 'o', repo: 'r' })).toBe('o/r');
    expect(repositoryName({ host: 'bitbucket-cloud', workspace: 'w', slug: 's' })).toBe('w/s');
    expect(repositoryName({ host: 'bitbucket-server', projectKey: 'P', slug: 's' })).toBe('P/s');
  });
});
