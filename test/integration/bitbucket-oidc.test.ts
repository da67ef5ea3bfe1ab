/**
 * OIDC from a Bitbucket Pipelines step (`oidc: true`) to AWS, at the wire: the CLI hands the
 * step's token to the SDK's web-identity chain through a private file, the fake STS answers
 * AssumeRoleWithWebIdentity (query protocol, XML), and CodeBuild is called with the assumed
 * role's credentials. The file is gone when the process has exited.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ASSUMED_ACCESS_KEY_ID, successScenario } from '../fakes/aws-server.js';
import { useFakeServers } from '../helpers/fake-servers.js';
import { runBundle } from '../helpers/run-bundle.js';

const fakes = useFakeServers();
const TOKEN =
  'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ7cmVwby11dWlkfTp7c3RlcC11dWlkfSJ9.c2lnbmF0dXJlLXZhbHVl';

describe('buildbridge run-build in a Bitbucket step with oidc: true', () => {
  it('assumes AWS_ROLE_ARN with the step token and calls CodeBuild with those credentials', async () => {
    fakes.aws.script('web', successScenario());
    const temp = mkdtempSync(join(tmpdir(), 'bb-oidc-test-'));
    const result = await runBundle('cli', {
      node: process.execPath,
      actionsRunner: false,
      args: ['run-build', '--project-name', 'web', '--poll-interval', '0.2'],
      env: {
        AWS_ENDPOINT_URL: fakes.aws.url,
        AWS_REGION: fakes.aws.region,
        AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/ci',
        BITBUCKET_STEP_OIDC_TOKEN: TOKEN,
        BITBUCKET_BUILD_NUMBER: '42',
        TMPDIR: temp,
      },
    });
    expect(result.code).toBe(0);
    const sts = fakes.aws.calls.filter(
      (call) => call.operation === 'STS.AssumeRoleWithWebIdentity',
    );
    // Each client (CodeBuild, CloudWatch Logs) resolves its credentials once.
    expect(sts.length).toBeGreaterThanOrEqual(1);
    for (const call of sts)
      expect(call.body).toMatchObject({
        RoleArn: 'arn:aws:iam::123456789012:role/ci',
        WebIdentityToken: TOKEN,
        RoleSessionName: 'buildbridge-42',
      });
    const start = fakes.aws.calls.find((call) => call.operation === 'CodeBuild.StartBuild');
    expect(start?.headers.authorization).toContain(`Credential=${ASSUMED_ACCESS_KEY_ID}/`);
    expect(readdirSync(temp).filter((name) => name.startsWith('buildbridge-oidc-'))).toEqual([]);
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  });

  it('leaves an AWS_WEB_IDENTITY_TOKEN_FILE the step set itself alone', async () => {
    const temp = mkdtempSync(join(tmpdir(), 'bb-oidc-test-'));
    const result = await runBundle('cli', {
      node: process.execPath,
      actionsRunner: false,
      args: ['run-build', '--project-name', 'web', '--poll-interval', '0.2'],
      env: {
        AWS_ENDPOINT_URL: fakes.aws.url,
        AWS_REGION: fakes.aws.region,
        AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/ci',
        AWS_WEB_IDENTITY_TOKEN_FILE: join(temp, 'missing-token'),
        BITBUCKET_STEP_OIDC_TOKEN: TOKEN,
        AWS_MAX_ATTEMPTS: '1',
        TMPDIR: temp,
      },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `No usable AWS credentials for codebuild:StartBuild: the SDK could not read ${join(temp, 'missing-token')} (ENOENT).`,
    );
    expect(result.stderr).not.toContain('Unexpected error');
    expect(readdirSync(temp)).toEqual([]);
  });
});
