/** Starts a fresh fake AWS and fake GitHub for each test of a file, and closes them after. */
import { startFakeAws, type FakeAws } from '../fakes/aws-server.js';
import { startFakeGitHub, type FakeGitHub } from '../fakes/github-server.js';

export interface FakeServers {
  readonly aws: FakeAws;
  readonly github: FakeGitHub;
}

export function useFakeServers(projects: string[] = ['web']): FakeServers {
  let aws: FakeAws | undefined;
  let github: FakeGitHub | undefined;
  beforeEach(async () => {
    aws = await startFakeAws({ projects });
    github = await startFakeGitHub();
  });
  afterEach(async () => {
    await aws?.close();
    await github?.close();
  });
  return {
    get aws() {
      if (!aws) throw new Error('fake AWS is only available inside a test');
      return aws;
    },
    get github() {
      if (!github) throw new Error('fake GitHub is only available inside a test');
      return github;
    },
  };
}
