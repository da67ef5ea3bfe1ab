/**
 * Where a pipeline execution's commit lives: the repository and host read from its source
 * revisions, for each kind of source link CodePipeline gives.
 */
import { describe, expect, it } from '@jest/globals';
import { executionSource, type SourceAction } from '../../src/mirror/pipeline-repository.js';
import { GITHUB_COM, type CodeHosts } from '../../src/mirror/source-repository.js';

const SHA = 'a'.repeat(40);
const hosts: CodeHosts = { githubServer: GITHUB_COM, bitbucketServer: undefined };
const both = { github: true, bitbucket: true };
const source = (name: string, provider: string, branch?: string): SourceAction => ({
  name,
  provider,
  outputArtifacts: [`${name}Out`],
  configuration: branch ? { BranchName: branch } : {},
});
const connection = (repository: string, summary?: string) => ({
  name: 'SrcOut',
  revisionId: SHA,
  revisionUrl: `https://us-east-1.console.aws.amazon.com/codesuite/settings/connections/redirect?connectionArn=arn%3Aaws%3Acodeconnections%3Aus-east-1%3A1%3Aconnection%2Fx&referenceType=COMMIT&FullRepositoryId=${encodeURIComponent(repository)}&Commit=${SHA}`,
  ...(summary === undefined ? {} : { revisionSummary: summary }),
});

describe('executionSource', () => {
  it('reads a GitHub (v1) commit link', () => {
    expect(
      executionSource(
        [source('Src', 'GitHub')],
        [
          {
            name: 'SrcOut',
            revisionId: SHA,
            revisionUrl: `https://github.com/octo/web/commit/${SHA}`,
          },
        ],
        hosts,
        both,
      ),
    ).toMatchObject({
      found: true,
      action: 'Src',
      commit: SHA,
      repository: { host: 'github', owner: 'octo', repo: 'web' },
    });
  });

  it("takes a connection's host from the revision summary's ProviderType", () => {
    const bitbucket = executionSource(
      [source('Src', 'CodeStarSourceConnection', 'main')],
      [connection('team/app', JSON.stringify({ ProviderType: 'Bitbucket', CommitMessage: 'x' }))],
      hosts,
      both,
    );
    expect(bitbucket).toMatchObject({
      found: true,
      branch: 'main',
      repository: { host: 'bitbucket-cloud', workspace: 'team', slug: 'app' },
    });
    const gitlab = executionSource(
      [source('Src', 'CodeStarSourceConnection')],
      [connection('team/app', JSON.stringify({ ProviderType: 'GitLab' }))],
      hosts,
      both,
    );
    expect(gitlab).toMatchObject({ found: false, why: expect.stringContaining('GitLab') });
  });

  it('uses the only host with credentials when the summary does not say, and refuses to guess otherwise', () => {
    const revisions = [connection('octo/web', 'a commit message')];
    const sources = [source('Src', 'CodeStarSourceConnection')];
    expect(
      executionSource(sources, revisions, hosts, { github: true, bitbucket: false }),
    ).toMatchObject({
      found: true,
      repository: { host: 'github', owner: 'octo', repo: 'web' },
    });
    expect(executionSource(sources, revisions, hosts, both)).toMatchObject({
      found: false,
      why: expect.stringContaining('both GitHub and Bitbucket'),
    });
  });

  it('maps a Bitbucket Data Center commit page to its repository', () => {
    const dc: CodeHosts = {
      githubServer: GITHUB_COM,
      bitbucketServer: new URL('https://bb.example.com/'),
    };
    expect(
      executionSource(
        [source('Src', 'Custom')],
        [
          {
            name: 'SrcOut',
            revisionId: SHA,
            revisionUrl: `https://bb.example.com/projects/PROJ/repos/app/commits/${SHA}`,
          },
        ],
        dc,
        both,
      ),
    ).toMatchObject({
      found: true,
      repository: { host: 'bitbucket-server', projectKey: 'PROJ', slug: 'app' },
    });
  });

  it('takes the first source action on a code host and says why the others are not', () => {
    const result = executionSource(
      [source('Assets', 'S3'), source('Code', 'GitHub')],
      [
        { name: 'AssetsOut', revisionId: 'v1' },
        {
          name: 'CodeOut',
          revisionId: SHA,
          revisionUrl: `https://github.com/octo/web/commit/${SHA}`,
        },
      ],
      hosts,
      both,
    );
    expect(result).toMatchObject({ found: true, action: 'Code' });
    expect(
      executionSource(
        [source('Assets', 'S3')],
        [{ name: 'AssetsOut', revisionId: 'v1' }],
        hosts,
        both,
      ),
    ).toEqual({
      found: false,
      why: 'source action Assets (S3): its revision has no link to a code host',
    });
  });
});
