/**
 * The status poller at the wire, through the real SDK against the fake CodeBuild: many builds
 * in calls of 100, unknown ids reported (not thrown), throttling handed back as "try again",
 * and a batch read with BatchGetBuildBatches.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startFakeAws, type FakeAws } from '../fakes/aws-server.js';
import { sdkClients, type SdkClients } from '../helpers/sdk-clients.js';
import { StatusPoller } from '../../src/codebuild/status-poller.js';

let aws: FakeAws;
let clients: SdkClients;
beforeEach(async () => {
  aws = await startFakeAws({ projects: ['web'] });
  clients = sdkClients(aws);
});
afterEach(async () => {
  clients.destroy();
  await aws.close();
});

describe('StatusPoller', () => {
  it('reads 250 builds in three BatchGetBuilds calls of at most 100 ids', async () => {
    const seeded = aws.seedBuilds('web', 250);
    const read = await new StatusPoller(clients.codebuild, 'us-east-1').builds(
      seeded.map((build) => build.id),
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.items).toHaveLength(250);
    expect(read.notFound).toEqual([]);
    const calls = aws.calls.filter((call) => call.operation === 'CodeBuild.BatchGetBuilds');
    expect(calls.map((call) => (call.body as { ids: string[] }).ids.length)).toEqual([
      100, 100, 50,
    ]);
  });

  it('names the ids CodeBuild does not know instead of failing', async () => {
    const [known] = aws.seedBuilds('web', 1);
    const missing = 'web:00000000-0000-4000-8000-000000000000';
    const read = await new StatusPoller(clients.codebuild, 'us-east-1').builds([
      known!.id,
      missing,
    ]);
    expect(read).toMatchObject({ ok: true, notFound: [missing] });
  });

  it('hands a throttle back as "try again", and explains a denied call with its IAM action', async () => {
    const [build] = aws.seedBuilds('web', 1);
    const poller = new StatusPoller(clients.codebuild, 'us-east-1');
    aws.failNext('CodeBuild.BatchGetBuilds', { error: 'ThrottlingException', count: Infinity });
    const throttled = await poller.builds([build!.id]);
    expect(throttled.ok).toBe(false);
    aws.clearFailures();
    aws.failNext('CodeBuild.BatchGetBuilds', { error: 'AccessDeniedException' });
    await expect(poller.builds([build!.id])).rejects.toThrow(/codebuild:BatchGetBuilds/);
  });

  it('reads a batch with BatchGetBuildBatches, and gives up a call at a deadline', async () => {
    const { StartBuildBatchCommand } = await import('@aws-sdk/client-codebuild');
    const started = await clients.codebuild.send(
      new StartBuildBatchCommand({ projectName: 'web' }),
    );
    const poller = new StatusPoller(clients.codebuild, 'us-east-1');
    const read = await poller.batch(started.buildBatch!.id!);
    expect(read.ok && read.items[0]!.id).toBe(started.buildBatch!.id);
    const aborted = await poller.batch(started.buildBatch!.id!, AbortSignal.abort());
    expect(aborted.ok).toBe(false);
  });
});
