/**
 * Redriving the status mirror's dead-letter queue, with the bundle: dist/status-mirror/index.js
 * in a warm Lambda-like process under Node 24, invoked with a queue message's body as it is, for
 * both kinds of message the queue holds — the event EventBridge could not deliver, and the
 * record Lambda's OnFailure destination sends of an invocation that failed its retries, which
 * carries the event in requestPayload. Builds of the fake CodeBuild, statuses on the fake GitHub.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  failureScenario,
  startFakeAws,
  type FakeAws,
  type FakeBuildInfo,
} from '../fakes/aws-server.js';
import { startFakeGitHub, type FakeGitHub } from '../fakes/github-server.js';
import { buildStateEvent } from '../helpers/codebuild-events.js';
import { startLambda, type WarmLambda } from '../helpers/lambda-runner.js';
import { until } from '../helpers/until.js';
import { AWS_SECRET, GITHUB_TOKEN, SESSION_TOKEN } from '../helpers/wire.js';

const SHA = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b';
const OTHER_SHA = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3';
const CONTEXT = 'AWS CodeBuild us-east-1 (web)';

interface Outcome {
  outcome: 'posted' | 'skipped' | 'refused';
  message: string;
}

let aws: FakeAws;
let github: FakeGitHub;
let mirror: WarmLambda;

beforeAll(async () => {
  github = await startFakeGitHub({ tokens: [GITHUB_TOKEN] });
  aws = await startFakeAws({
    projects: [
      {
        name: 'web',
        source: { type: 'GITHUB', location: 'https://github.com/example-org/web.git' },
      },
    ],
  });
  mirror = await startLambda('status-mirror', {
    AWS_ENDPOINT_URL: aws.url,
    AWS_REGION: aws.region,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: AWS_SECRET,
    AWS_SESSION_TOKEN: SESSION_TOKEN,
    GITHUB_TOKEN,
    GITHUB_API_URL: github.url,
    PROJECTS: 'web',
  });
});

afterAll(async () => {
  await mirror?.close();
  await Promise.all([aws?.close(), github?.close()]);
});

const finished = (id: string): Promise<FakeBuildInfo> =>
  until(() => {
    const build = aws.build(id);
    return build?.isFinal ? build : undefined;
  }, `${id} to end`);

/**
 * The record of an invocation that failed its retries, as the OnFailure destination sends it
 * ("Capturing records of Lambda asynchronous invocations", AWS Lambda developer guide).
 */
const failureRecord = (event: unknown) => ({
  version: '1.0',
  timestamp: '2024-05-02T10:15:30.123Z',
  requestContext: {
    requestId: 'e4b46cbf-b738-xmpl-8880-a18cdf61200e',
    functionArn: `arn:aws:lambda:${aws.region}:123456789012:function:status-mirror-StatusMirrorFunction:$LATEST`,
    condition: 'RetriesExhausted',
    approximateInvokeCount: 3,
  },
  requestPayload: event,
  responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
  responsePayload: {
    errorType: 'UserError',
    errorMessage: 'GitHub answered 503 Service Unavailable',
  },
});

/** A queue message's body, as `aws lambda invoke --payload "$body"` passes it. */
const body = (message: unknown): unknown => JSON.parse(JSON.stringify(message));

describe('redriving the dead-letter queue', () => {
  it('posts the status of the build a failed invocation’s record carries', async () => {
    const build = await finished(
      aws.startExternalBuild('web', { sourceVersion: SHA, scenario: failureScenario() }).id,
    );
    const run = await mirror.invoke<Outcome>(
      body(failureRecord(buildStateEvent(build, aws.region))),
    );
    expect(run.thrown).toBeUndefined();
    expect(run.result?.outcome).toBe('posted');
    const statuses = github.statuses(SHA).filter((s) => s.context === CONTEXT);
    expect(statuses.map((s) => s.state)).toEqual(['failure']);
    expect(statuses[0]!.description).toMatch(new RegExp(`^Build #${build.buildNumber} failed`));
    expect(run.log).not.toContain(GITHUB_TOKEN);
  });

  it('posts the status of an event EventBridge could not deliver, the message being the event', async () => {
    const build = await finished(aws.startExternalBuild('web', { sourceVersion: OTHER_SHA }).id);
    const run = await mirror.invoke<Outcome>(body(buildStateEvent(build, aws.region)));
    expect(run.result?.outcome).toBe('posted');
    expect(github.statuses(OTHER_SHA).map((s) => [s.context, s.state])).toEqual([
      [CONTEXT, 'success'],
    ]);
  });
});
