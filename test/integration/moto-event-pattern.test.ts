/**
 * Cross-checks the status mirror's rules, and test/helpers/event-pattern.ts, against moto's
 * EventBridge (moto 5.2.1, `python3 -m moto.server`): for every rule pattern (and a few probe
 * patterns using the content filters) and every sample event, moto's answer must be
 * matchesPattern's. Skipped where moto is not installed.
 *
 * moto 5.2.1 does not implement TestEventPattern (it answers 200 with an empty body), so when it
 * gives no Result the check goes through moto's event routing instead, which uses its pattern
 * matcher: one rule per pattern with an SQS queue as its target, every sample event sent with
 * PutEvents, and the events each queue received read back. moto speaks AWS JSON without checking
 * signatures; it picks the service from the Authorization header's credential scope.
 *
 * What moto cannot check: PutEvents sets the event's id, account and region itself, so patterns
 * on those are left out; and moto does not look into lists of objects for a nested pattern (real
 * EventBridge does), so no probe does that.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { eventRules, readTemplate, type Json } from '../helpers/cloudformation-yaml.js';
import { matchesPattern } from '../helpers/event-pattern.js';
import { ROOT } from '../helpers/run-bundle.js';
import { sampleEvents } from '../helpers/codebuild-events.js';

const HAVE_MOTO = spawnSync('python3', ['-c', 'import moto'], { stdio: 'ignore' }).status === 0;
const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

const events = sampleEvents();

const template = readTemplate(join(ROOT, 'templates/status-mirror.yml'));
const patterns: [string, Json][] = [
  ...eventRules(template).map((rule) => [rule.logicalId, rule.pattern] as [string, Json]),
  // Probes of the content filters, on fields the sample events have.
  ['prefix', { detail: { 'project-name': [{ prefix: 'my-' }] } }],
  ['suffix', { resources: [{ suffix: ':my-app-pipeline' }] }],
  ['prefix-ignore-case', { source: [{ prefix: { 'equals-ignore-case': 'AWS.CODE' } }] }],
  ['equals-ignore-case', { detail: { state: [{ 'equals-ignore-case': 'failed' }] } }],
  [
    'anything-but',
    { source: ['aws.codebuild'], detail: { 'build-status': [{ 'anything-but': ['SUCCEEDED'] }] } },
  ],
  ['anything-but-prefix', { 'detail-type': [{ 'anything-but': { prefix: 'CodeBuild' } }] }],
  [
    'numeric',
    {
      detail: { 'additional-information': { 'build-number': [{ numeric: ['>=', 12, '<', 13] }] } },
    },
  ],
  ['numeric-version', { detail: { version: [{ numeric: ['=', 1] }] } }],
  ['exists', { detail: { 'completed-phase': [{ exists: true }] } }],
  ['not-exists', { source: ['aws.codebuild'], detail: { 'completed-phase': [{ exists: false }] } }],
  ['wildcard', { 'detail-type': [{ wildcard: 'CodePipeline * Execution State Change' }] }],
  [
    '$or',
    { $or: [{ detail: { stage: ['Build'] } }, { detail: { 'completed-phase': ['BUILD'] } }] },
  ],
  ['null-or-value', { detail: { 'current-phase': ['COMPLETED', null] } }],
];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

(HAVE_MOTO ? describe : describe.skip)('EventBridge patterns, checked against moto', () => {
  let moto: ChildProcess;
  let endpoint: string;

  const call = async (service: 'events' | 'sqs', target: string, body: Json): Promise<Json> => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': `application/x-amz-json-${service === 'sqs' ? '1.0' : '1.1'}`,
        'x-amz-target': `${service === 'sqs' ? 'AmazonSQS' : 'AWSEvents'}.${target}`,
        authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250304/${REGION}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${target}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as Json;
  };

  beforeAll(async () => {
    const port = await freePort();
    endpoint = `http://127.0.0.1:${port}/`;
    moto = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
      stdio: 'ignore',
    });
    const end = Date.now() + 20_000;
    for (;;) {
      try {
        await call('events', 'ListRules', {});
        break;
      } catch (error) {
        if (Date.now() > end) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  });

  afterAll(() => {
    moto?.kill();
  });

  /** The sample events moto's EventBridge matches with each pattern, by name. */
  async function motoMatches(): Promise<Record<string, string[]>> {
    const probe = await call('events', 'TestEventPattern', {
      EventPattern: JSON.stringify(patterns[0]![1]),
      Event: JSON.stringify(Object.values(events)[0]),
    });
    if (typeof probe.Result === 'boolean') {
      const result: Record<string, string[]> = {};
      for (const [id, pattern] of patterns) {
        result[id] = [];
        for (const [name, event] of Object.entries(events)) {
          const answer = await call('events', 'TestEventPattern', {
            EventPattern: JSON.stringify(pattern),
            Event: JSON.stringify(event),
          });
          if (answer.Result === true) result[id].push(name);
        }
      }
      return result;
    }

    const queues: Record<string, string> = {};
    for (const [index, [id, pattern]] of patterns.entries()) {
      const queue = `pattern-${index}`;
      queues[id] = (await call('sqs', 'CreateQueue', { QueueName: queue })).QueueUrl as string;
      await call('events', 'PutRule', { Name: queue, EventPattern: JSON.stringify(pattern) });
      await call('events', 'PutTargets', {
        Rule: queue,
        Targets: [{ Id: 'queue', Arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${queue}` }],
      });
    }
    const names: Record<string, string> = {};
    for (const [name, event] of Object.entries(events)) {
      const sent = await call('events', 'PutEvents', {
        Entries: [
          {
            Source: event.source,
            DetailType: event['detail-type'],
            Detail: JSON.stringify(event.detail),
            Resources: event.resources,
            Time: Date.parse(event.time as string) / 1000,
          },
        ],
      });
      expect(sent.FailedEntryCount).toBe(0);
      names[sent.Entries[0].EventId as string] = name;
    }
    const result: Record<string, string[]> = {};
    for (const [id, url] of Object.entries(queues)) {
      result[id] = [];
      for (;;) {
        const { Messages = [] } = await call('sqs', 'ReceiveMessage', {
          QueueUrl: url,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 0,
        });
        if ((Messages as Json[]).length === 0) break;
        for (const message of Messages as Json[]) {
          const delivered = JSON.parse(message.Body as string) as Json;
          result[id].push(names[delivered.id as string]!);
          await call('sqs', 'DeleteMessage', {
            QueueUrl: url,
            ReceiptHandle: message.ReceiptHandle,
          });
        }
      }
    }
    return result;
  }

  it('matches every sample event with every pattern as matchesPattern does', async () => {
    const fromMoto = await motoMatches();
    const ours = Object.fromEntries(
      patterns.map(([id, pattern]) => [
        id,
        Object.keys(events).filter((name) => matchesPattern(pattern, events[name]!)),
      ]),
    );
    const sorted = (matches: Record<string, string[]>) =>
      Object.fromEntries(Object.entries(matches).map(([id, names]) => [id, [...names].sort()]));
    expect(sorted(fromMoto)).toEqual(sorted(ours));
    // The check is not vacuous: every rule matches something (and the probes match some events, not all).
    for (const rule of eventRules(template)) expect(ours[rule.logicalId]).not.toEqual([]);
  }, 120_000);
});
