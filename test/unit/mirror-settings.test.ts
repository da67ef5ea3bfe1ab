/**
 * The status mirror's settings: the hosts and API URLs it derives, the credentials it accepts
 * and refuses (never quoting a secret), and the PROJECTS / PIPELINES name filters.
 */
import { describe, expect, it } from '@jest/globals';
import { nameFilter, parseMirrorSettings } from '../../src/mirror/mirror-settings.js';
import { UserError } from '../../src/util/errors.js';

const SECRET = 'ghp_s3cretValueNobodyShouldSee';

function failure(env: Record<string, string>): UserError {
  try {
    parseMirrorSettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a UserError');
}

describe('parseMirrorSettings: hosts and API URLs', () => {
  it('defaults to github.com, api.github.com and api.bitbucket.org, no credentials, no filters', () => {
    const settings = parseMirrorSettings({});
    expect(settings.hosts.githubServer.href).toBe('https://github.com/');
    expect(settings.hosts.bitbucketServer).toBeUndefined();
    expect(settings.gitHubApiUrl).toBe('https://api.github.com');
    expect(settings.bitbucketApiUrl).toBe('https://api.bitbucket.org');
    expect(settings.gitHub).toBeUndefined();
    expect(settings.bitbucket).toBeUndefined();
    expect(settings.projects.text).toBeUndefined();
    expect(settings.projects.matches('anything')).toBe(true);
    expect(settings.pipelines.matches('anything')).toBe(true);
  });

  it('treats empty and blank variables as unset', () => {
    const settings = parseMirrorSettings({
      GITHUB_SERVER_URL: '  ',
      GITHUB_TOKEN: '',
      PROJECTS: ' ',
    });
    expect(settings.gitHubApiUrl).toBe('https://api.github.com');
    expect(settings.gitHub).toBeUndefined();
    expect(settings.projects.text).toBeUndefined();
  });

  it('derives <server>/api/v3 from GITHUB_SERVER_URL, with or without a trailing slash or path', () => {
    expect(parseMirrorSettings({ GITHUB_SERVER_URL: 'https://ghe.example.com' }).gitHubApiUrl).toBe(
      'https://ghe.example.com/api/v3',
    );
    expect(
      parseMirrorSettings({ GITHUB_SERVER_URL: 'https://ghe.example.com/' }).gitHubApiUrl,
    ).toBe('https://ghe.example.com/api/v3');
    expect(
      parseMirrorSettings({ GITHUB_SERVER_URL: 'https://example.com/github//' }).gitHubApiUrl,
    ).toBe('https://example.com/github/api/v3');
  });

  it('keeps api.github.com when GITHUB_SERVER_URL names github.com itself, as a runner sets it', () => {
    for (const server of ['https://github.com', 'https://github.com/', 'https://GitHub.com']) {
      const settings = parseMirrorSettings({ GITHUB_SERVER_URL: server });
      expect(settings.gitHubApiUrl).toBe('https://api.github.com');
      expect(settings.hosts.githubServer.hostname).toBe('github.com');
    }
  });

  it('takes GITHUB_API_URL over the derived one, trailing slashes trimmed', () => {
    const settings = parseMirrorSettings({
      GITHUB_SERVER_URL: 'https://ghe.example.com',
      GITHUB_API_URL: 'https://api.ghe.example.com/v3///',
    });
    expect(settings.gitHubApiUrl).toBe('https://api.ghe.example.com/v3');
    expect(settings.hosts.githubServer.hostname).toBe('ghe.example.com');
    expect(parseMirrorSettings({ GITHUB_API_URL: 'http://127.0.0.1:8080/' }).gitHubApiUrl).toBe(
      'http://127.0.0.1:8080',
    );
  });

  it('reads BITBUCKET_API_URL and BITBUCKET_SERVER_URL', () => {
    const settings = parseMirrorSettings({
      BITBUCKET_API_URL: 'http://127.0.0.1:9000/',
      BITBUCKET_SERVER_URL: 'https://bitbucket.example.com/context',
    });
    expect(settings.bitbucketApiUrl).toBe('http://127.0.0.1:9000');
    expect(settings.hosts.bitbucketServer?.href).toBe('https://bitbucket.example.com/context');
  });

  it.each([
    ['GITHUB_SERVER_URL', 'https://ghe.example.com/?x=1'],
    ['GITHUB_API_URL', 'https://api.example.com/#top'],
    ['BITBUCKET_API_URL', 'ftp://bitbucket.example.com'],
    ['BITBUCKET_SERVER_URL', 'bitbucket.example.com'],
  ])('refuses %s "%s", naming the variable, the value and what it takes', (name, value) => {
    const message = failure({ [name]: value }).message;
    expect(message).toContain(`${name} is "${value}"`);
    expect(message).toContain('an http(s) URL without a query');
  });
});

describe('parseMirrorSettings: credentials', () => {
  it('reads a GitHub token from the variable or from a secret', () => {
    expect(parseMirrorSettings({ GITHUB_TOKEN: SECRET }).gitHub).toEqual({
      kind: 'token',
      token: { from: 'variable', variable: 'GITHUB_TOKEN', value: SECRET },
    });
    expect(parseMirrorSettings({ GITHUB_TOKEN_SECRET: 'mirror/github' }).gitHub).toEqual({
      kind: 'token',
      token: { from: 'secret', variable: 'GITHUB_TOKEN_SECRET', secretId: 'mirror/github' },
    });
  });

  it('reads a GitHub App from its id and private key secret', () => {
    expect(
      parseMirrorSettings({ GITHUB_APP_ID: ' 12345 ', GITHUB_APP_PRIVATE_KEY_SECRET: 'app-key' })
        .gitHub,
    ).toEqual({
      kind: 'app',
      appId: '12345',
      privateKey: {
        from: 'secret',
        variable: 'GITHUB_APP_PRIVATE_KEY_SECRET',
        secretId: 'app-key',
      },
    });
  });

  it('reads Bitbucket access tokens as bearer and username + API token as basic', () => {
    expect(parseMirrorSettings({ BITBUCKET_ACCESS_TOKEN_SECRET: 'bb' }).bitbucket).toEqual({
      kind: 'bearer',
      token: { from: 'secret', variable: 'BITBUCKET_ACCESS_TOKEN_SECRET', secretId: 'bb' },
    });
    expect(
      parseMirrorSettings({ BITBUCKET_USERNAME: 'me@example.com', BITBUCKET_API_TOKEN: SECRET })
        .bitbucket,
    ).toEqual({
      kind: 'basic',
      username: 'me@example.com',
      token: { from: 'variable', variable: 'BITBUCKET_API_TOKEN', value: SECRET },
    });
  });

  it('refuses a non-numeric GITHUB_APP_ID, quoting it', () => {
    const message = failure({
      GITHUB_APP_ID: 'my-app',
      GITHUB_APP_PRIVATE_KEY_SECRET: 'k',
    }).message;
    expect(message).toContain('GITHUB_APP_ID is "my-app"');
    expect(message).toContain('numeric App ID');
  });

  it.each<[string, Record<string, string>, string[]]>([
    [
      'an App id without its key',
      { GITHUB_APP_ID: '1' },
      ['GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY_SECRET'],
    ],
    [
      'a key without the App id',
      { GITHUB_APP_PRIVATE_KEY: SECRET },
      ['GITHUB_APP_PRIVATE_KEY', 'GITHUB_APP_ID'],
    ],
    [
      'a key secret without the App id',
      { GITHUB_APP_PRIVATE_KEY_SECRET: 'k' },
      ['GITHUB_APP_PRIVATE_KEY_SECRET', 'GITHUB_APP_ID'],
    ],
    [
      'a token and an App',
      { GITHUB_TOKEN: SECRET, GITHUB_APP_ID: '1', GITHUB_APP_PRIVATE_KEY: SECRET },
      ['GITHUB_TOKEN', 'GITHUB_APP_ID'],
    ],
    [
      'both GITHUB_TOKEN and GITHUB_TOKEN_SECRET',
      { GITHUB_TOKEN: SECRET, GITHUB_TOKEN_SECRET: 'id' },
      ['GITHUB_TOKEN', 'GITHUB_TOKEN_SECRET'],
    ],
    [
      'both App key variables',
      { GITHUB_APP_ID: '1', GITHUB_APP_PRIVATE_KEY: SECRET, GITHUB_APP_PRIVATE_KEY_SECRET: 'k' },
      ['GITHUB_APP_PRIVATE_KEY', 'GITHUB_APP_PRIVATE_KEY_SECRET'],
    ],
    [
      'BITBUCKET_USERNAME without its API token',
      { BITBUCKET_USERNAME: 'me@example.com' },
      ['BITBUCKET_USERNAME', 'BITBUCKET_API_TOKEN_SECRET'],
    ],
    [
      'an API token without BITBUCKET_USERNAME',
      { BITBUCKET_API_TOKEN: SECRET },
      ['BITBUCKET_API_TOKEN', 'BITBUCKET_USERNAME'],
    ],
    [
      'an access token and an API token',
      {
        BITBUCKET_ACCESS_TOKEN: SECRET,
        BITBUCKET_USERNAME: 'me@example.com',
        BITBUCKET_API_TOKEN: SECRET,
      },
      ['BITBUCKET_ACCESS_TOKEN', 'BITBUCKET_API_TOKEN'],
    ],
    [
      'both BITBUCKET_ACCESS_TOKEN and its secret',
      { BITBUCKET_ACCESS_TOKEN: SECRET, BITBUCKET_ACCESS_TOKEN_SECRET: 'bb' },
      ['BITBUCKET_ACCESS_TOKEN', 'BITBUCKET_ACCESS_TOKEN_SECRET'],
    ],
  ])('refuses %s, naming the variables and never the secret', (_, env, names) => {
    const message = failure(env).message;
    for (const name of names) expect(message).toContain(name);
    expect(message).not.toContain(SECRET);
  });
});

describe('nameFilter', () => {
  const filter = (value: string) => nameFilter({ PROJECTS: value }, 'PROJECTS');

  it('matches exact names only', () => {
    const projects = filter('web');
    expect(projects.text).toBe('web');
    expect(projects.matches('web')).toBe(true);
    expect(projects.matches('web-api')).toBe(false);
    expect(projects.matches('my-web')).toBe(false);
  });

  it('reads * as any run of characters and ? as one, and . literally', () => {
    const projects = filter('web-*,api-v?,a.b');
    expect(projects.matches('web-')).toBe(true);
    expect(projects.matches('web-front.end')).toBe(true);
    expect(projects.matches('api-v2')).toBe(true);
    expect(projects.matches('api-v')).toBe(false);
    expect(projects.matches('api-v10')).toBe(false);
    expect(projects.matches('a.b')).toBe(true);
    expect(projects.matches('axb')).toBe(false);
  });

  it('takes several names with spaces and empty items, and shows them tidied', () => {
    const projects = filter(' web , api ,, docs@main ,');
    expect(projects.text).toBe('web, api, docs@main');
    expect(['web', 'api', 'docs@main', 'other'].filter((n) => projects.matches(n))).toEqual([
      'web',
      'api',
      'docs@main',
    ]);
  });

  it('refuses a bad character, naming the variable, the value and the bad item', () => {
    expect(() => filter('web, my app')).toThrow(UserError);
    expect(() => filter('web, my app')).toThrow(
      'PROJECTS is "web, my app": "my app" is not a name or glob',
    );
    expect(() => nameFilter({ PIPELINES: 'deploy/*' }, 'PIPELINES')).toThrow(
      'PIPELINES is "deploy/*": "deploy/*" is not a name or glob',
    );
  });

  it('refuses a value of only commas', () => {
    expect(() => filter(' , ,')).toThrow(UserError);
    expect(() => filter(' , ,')).toThrow(
      'PROJECTS is ", ,": it must be comma-separated CodeBuild project names',
    );
  });

  it('is what parseMirrorSettings uses for PROJECTS and PIPELINES', () => {
    const settings = parseMirrorSettings({ PROJECTS: 'web-*', PIPELINES: 'release' });
    expect(settings.projects.matches('web-1')).toBe(true);
    expect(settings.projects.matches('api')).toBe(false);
    expect(settings.pipelines.text).toBe('release');
    expect(() => parseMirrorSettings({ PIPELINES: 'a b' })).toThrow('PIPELINES is "a b"');
  });
});
