/** Environment that points a bundled entry at the fake AWS and GitHub servers. */
import type { FakeAws } from '../fakes/aws-server.js';
import type { FakeGitHub } from '../fakes/github-server.js';

export const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
export const SESSION_TOKEN = 'FwoGZXIvYXdzEXAMPLESESSIONTOKENvalue1234567890';
export const GITHUB_TOKEN = 'ghs_exampletokenexampletoken123456';

export function wireEnv(aws: FakeAws, github?: FakeGitHub): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: aws.url,
    AWS_REGION: aws.region,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: AWS_SECRET,
    AWS_SESSION_TOKEN: SESSION_TOKEN,
    ...(github ? { GITHUB_API_URL: github.url } : {}),
  };
}

/** Every line the build wrote, minus nothing: the reference for "each line exactly once". */
export function printedBuildLines(stdout: string, expected: readonly string[]): string[] {
  const wanted = new Set(expected);
  return stdout.split('\n').filter((line) => wanted.has(line));
}
