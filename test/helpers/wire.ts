/** Environment that points a bundled entry at the fake AWS, CodePipeline and GitHub servers. */
import type { FakeAws } from '../fakes/aws-server.js';
import type { FakeCodePipeline } from '../fakes/codepipeline-server.js';
import type { FakeGitHub } from '../fakes/github-server.js';

export const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
export const SESSION_TOKEN = 'FwoGZXIvYXdzEXAMPLESESSIONTOKENvalue1234567890';
export const GITHUB_TOKEN = 'ghs_exampletokenexampletoken123456';

/** Static credentials the SDK signs with (the fakes do not verify signatures). */
const STATIC_KEYS: Readonly<Record<string, string>> = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: AWS_SECRET,
  AWS_SESSION_TOKEN: SESSION_TOKEN,
};

export function wireEnv(aws: FakeAws, github?: FakeGitHub): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: aws.url,
    AWS_REGION: aws.region,
    ...STATIC_KEYS,
    ...(github ? { GITHUB_API_URL: github.url } : {}),
  };
}

/**
 * Environment that points the SDK's CodePipeline client at the fake CodePipeline: its endpoint, its
 * region and the static keys. With `oidc`, the endpoint only: a step that assumes its role from an
 * OIDC token has no static keys and names its region itself.
 */
export function codePipelineEnv(
  cp: FakeCodePipeline,
  { oidc = false }: { oidc?: boolean } = {},
): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_CODEPIPELINE: cp.url,
    ...(oidc ? {} : { AWS_REGION: cp.region, ...STATIC_KEYS }),
  };
}

/** Every line the build wrote, minus nothing: the reference for "each line exactly once". */
export function printedBuildLines(stdout: string, expected: readonly string[]): string[] {
  const wanted = new Set(expected);
  return stdout.split('\n').filter((line) => wanted.has(line));
}
