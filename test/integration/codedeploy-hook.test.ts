/**
 * The CodeDeploy lifecycle hook, bundled, at the wire: dist/codedeploy-hook/index.js is imported
 * under Node 24 (the nodejs24.x runtime) by a runner that calls `handler` as Lambda does, with a
 * context whose remaining time counts down from a budget, against the fake CodeDeploy/Lambda
 * endpoint and local HTTP targets (healthy, failing, slow, hanging). Whatever happens, exactly
 * one status is reported, and the log says which check failed and why.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeCodeDeploy, type FakeCodeDeploy } from '../fakes/codedeploy-server.js';
import { ROOT, actionNode } from '../helpers/run-bundle.js';
import { AWS_SECRET, SESSION_TOKEN } from '../helpers/wire.js';

const DEPLOYMENT = 'd-ABCDEFGH1';
const HOOK = 'hook-execution-1';
const EVENT = { DeploymentId: DEPLOYMENT, LifecycleEventHookExecutionId: HOOK };

const RUNNER = `
import { pathToFileURL } from 'node:url';
const [bundle, budget, event] = process.argv.slice(2);
const startedAt = Date.now();
const context = {
  functionName: 'CodeDeployHook_test',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => Math.max(0, Number(budget) - (Date.now() - startedAt)),
};
const { handler } = await import(pathToFileURL(bundle).href);
try {
  const result = await handler(JSON.parse(event), context);
  console.log('RESULT ' + JSON.stringify({ startedAt, endedAt: Date.now(), result }));
  process.exit(0);
} catch (error) {
  console.log('THROWN ' + JSON.stringify({ startedAt, endedAt: Date.now(), name: error?.name, message: error?.message }));
  process.exit(1);
}
`;
const runnerFile = join(mkdtempSync(join(tmpdir(), 'hook-runner-')), 'runner.mjs');
writeFileSync(runnerFile, RUNNER);

interface HookRun {
  code: number | null;
  stdout: string;
  stderr: string;
  log: string;
  startedAt: number;
  endedAt: number;
  result?: { status: string; reason?: string; alreadyReported?: boolean };
  thrown?: { name: string; message: string };
}

let fake: FakeCodeDeploy;
let target: Server;
let targetUrl: string;
const hits: Record<string, number> = {};

beforeAll(async () => {
  target = createServer((req, res) => {
    const path = req.url ?? '/';
    hits[path] = (hits[path] ?? 0) + 1;
    if (path === '/ok') return res.writeHead(200).end('{"status":"healthy"}');
    if (path === '/fail') return res.writeHead(500).end('oops');
    if (path === '/no-content') return res.writeHead(204).end();
    if (path === '/slow-once') {
      if (hits[path] === 1) return void setTimeout(() => res.writeHead(200).end('late'), 1500);
      return res.writeHead(200).end('{"status":"healthy"}');
    }
    if (path === '/hang') return; // never answers
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
});
afterAll(async () => {
  target.closeAllConnections();
  await new Promise<void>((resolve) => target.close(() => resolve()));
});

beforeEach(async () => {
  for (const key of Object.keys(hits)) delete hits[key];
  fake = await startFakeCodeDeploy({
    deployments: [{ deploymentId: DEPLOYMENT, computePlatform: 'Server' }],
  });
});
afterEach(async () => {
  await fake.close();
});

function runHook(
  env: Record<string, string>,
  { budgetMs = 60_000, event = EVENT }: { budgetMs?: number; event?: unknown } = {},
): Promise<HookRun> {
  const child = spawn(
    actionNode(),
    [
      runnerFile,
      join(ROOT, 'dist/codedeploy-hook/index.js'),
      String(budgetMs),
      JSON.stringify(event),
    ],
    {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: tmpdir(),
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
        AWS_SECRET_ACCESS_KEY: AWS_SECRET,
        AWS_SESSION_TOKEN: SESSION_TOKEN,
        AWS_ENDPOINT_URL_CODEDEPLOY: fake.url,
        AWS_ENDPOINT_URL_LAMBDA: fake.url,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout
        .split('\n')
        .find((l) => l.startsWith('RESULT ') || l.startsWith('THROWN '));
      if (!line) return reject(new Error(`no result line:\n${stdout}\n${stderr}`));
      const parsed = JSON.parse(line.slice(7));
      resolve({
        code,
        stdout,
        stderr,
        log: `${stdout}\n${stderr}`,
        startedAt: parsed.startedAt,
        endedAt: parsed.endedAt,
        ...(line.startsWith('RESULT ') ? { result: parsed.result } : { thrown: parsed }),
      });
    });
  });
}

const reported = () => fake.reports.map((r) => r.status);

describe('URL checks', () => {
  it('reports Succeeded once when every URL answers the expected status and body', async () => {
    const run = await runHook({
      CHECK_URLS: `${targetUrl}/ok, ${targetUrl}/no-content`,
      CHECK_EXPECT_STATUS: '200,204',
      CHECK_BODY_PATTERN: '^$|healthy',
    });
    expect(run.result?.status).toBe('Succeeded');
    expect(fake.reports).toEqual([
      expect.objectContaining({
        deploymentId: DEPLOYMENT,
        lifecycleEventHookExecutionId: HOOK,
        status: 'Succeeded',
      }),
    ]);
    expect(run.log).toContain(`check passed: GET ${targetUrl}/ok: HTTP 200`);
    expect(run.log).toContain(`check passed: GET ${targetUrl}/no-content: HTTP 204`);
  });

  it('reports Failed once after every attempt answered 500, naming the URL and the status', async () => {
    const run = await runHook({
      CHECK_URLS: `${targetUrl}/ok,${targetUrl}/fail`,
      CHECK_PAUSE_MS: '10',
    });
    expect(run.result?.status).toBe('Failed');
    expect(reported()).toEqual(['Failed']);
    expect(hits['/fail']).toBe(3);
    expect(run.log).toContain(`check failed: GET ${targetUrl}/fail: HTTP 500, expected 200`);
    expect(run.log).toContain('attempt 3/3');
    expect(run.result?.reason).toContain(`GET ${targetUrl}/fail: HTTP 500`);
    expect(run.result?.reason).not.toContain('/ok');
  });

  it('fails a URL whose body does not match CHECK_BODY_PATTERN, quoting the body', async () => {
    const run = await runHook({
      CHECK_URLS: `${targetUrl}/ok`,
      CHECK_BODY_PATTERN: '"status":"ready"',
      CHECK_ATTEMPTS: '1',
    });
    expect(reported()).toEqual(['Failed']);
    expect(run.log).toContain('the body does not match CHECK_BODY_PATTERN');
    expect(run.log).toContain('{\\"status\\":\\"healthy\\"}');
  });

  it('passes on attempt 2 when the first request times out', async () => {
    const run = await runHook({
      CHECK_URLS: `${targetUrl}/slow-once`,
      CHECK_TIMEOUT_MS: '300',
      CHECK_PAUSE_MS: '50',
    });
    expect(run.result?.status).toBe('Succeeded');
    expect(reported()).toEqual(['Succeeded']);
    expect(run.log).toContain('no answer within 300 ms (CHECK_TIMEOUT_MS) (attempt 1/3)');
    expect(run.log).toContain('HTTP 200 (attempt 2/3)');
  });

  it('says the connection was refused for a URL nobody listens on', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const run = await runHook({ CHECK_URLS: `http://127.0.0.1:${port}/`, CHECK_ATTEMPTS: '1' });
    expect(reported()).toEqual(['Failed']);
    expect(run.log).toContain('no connection: the connection was refused, ECONNREFUSED');
  });

  it('reports Failed before the remaining time runs out when a target hangs', async () => {
    const budgetMs = 7000;
    const run = await runHook(
      { CHECK_URLS: `${targetUrl}/hang`, CHECK_TIMEOUT_MS: '600000', CHECK_ATTEMPTS: '1' },
      { budgetMs },
    );
    expect(run.result?.status).toBe('Failed');
    expect(reported()).toEqual(['Failed']);
    expect(fake.reports[0]!.at - run.startedAt).toBeLessThan(budgetMs);
    expect(run.endedAt - run.startedAt).toBeLessThan(budgetMs);
    expect(run.log).toContain('the checks did not finish within');
  });
});

describe('bad configuration is reported as Failed, with the reason', () => {
  it.each([
    [
      { CHECK_URLS: 'http://127.0.0.1:9/', CHECK_ATTEMPTS: 'abc' },
      'CHECK_ATTEMPTS is "abc": it must be a whole number 1-20',
    ],
    [
      { CHECK_URLS: 'http://127.0.0.1:9/', CHECK_BODY_PATTERN: '(' },
      'CHECK_BODY_PATTERN is "(", which is not a JavaScript regular expression',
    ],
    [{}, 'No check is configured'],
  ])('%j', async (env, reason) => {
    const run = await runHook(env);
    expect(run.result?.status).toBe('Failed');
    expect(reported()).toEqual(['Failed']);
    expect(run.log).toContain(`bad configuration: ${reason}`);
  });
});

describe('the report', () => {
  it('is retried when throttled beyond the SDK retries: exactly one report is recorded', async () => {
    fake.failNext('PutLifecycleEventHookExecutionStatus', {
      error: 'ThrottlingException',
      count: 4,
    });
    const run = await runHook({ CHECK_URLS: `${targetUrl}/ok` });
    expect(run.result?.status).toBe('Succeeded');
    expect(reported()).toEqual(['Succeeded']);
    const puts = fake.calls.filter(
      (c) => c.operation === 'CodeDeploy.PutLifecycleEventHookExecutionStatus',
    );
    expect(puts.length).toBe(5);
    expect(puts.every((c) => c.signed)).toBe(true);
    expect(run.log).toContain('trying again');
  });

  it('that finally fails makes the invocation throw, and says why', async () => {
    const run = await runHook(
      { CHECK_URLS: `${targetUrl}/ok` },
      { event: { DeploymentId: 'd-NOSUCH000', LifecycleEventHookExecutionId: HOOK } },
    );
    expect(run.thrown?.message).toContain('could not be found');
    expect(run.code).toBe(1);
    expect(run.log).toContain(
      'could not report Succeeded to CodeDeploy (DeploymentDoesNotExistException)',
    );
    expect(fake.reports).toEqual([]);
  });

  it('is not sent twice when CodeDeploy says the hook execution is already complete', async () => {
    await runHook({ CHECK_URLS: `${targetUrl}/ok` });
    const second = await runHook({ CHECK_URLS: `${targetUrl}/ok` });
    expect(second.result?.alreadyReported).toBe(true);
    expect(reported()).toEqual(['Succeeded']);
  });

  it('never prints AWS credentials or the invoke payload', async () => {
    fake.addDeployment({ deploymentId: 'd-SECRET001', computePlatform: 'Server' });
    const run = await runHook(
      { CHECK_INVOKE_FUNCTION: 'absent', CHECK_INVOKE_PAYLOAD: '{"token":"tok-very-secret"' },
      { event: { DeploymentId: 'd-SECRET001', LifecycleEventHookExecutionId: HOOK } },
    );
    expect(reported()).toEqual(['Failed']);
    expect(run.log).toContain('CHECK_INVOKE_PAYLOAD');
    expect(run.log).not.toContain('tok-very-secret');
    expect(run.log).not.toContain(AWS_SECRET);
    expect(run.log).not.toContain(SESSION_TOKEN);
  });
});

describe('a Lambda deployment', () => {
  const appSpec = [
    'version: 0.0',
    'Resources:',
    '  - web:',
    '      Type: AWS::Lambda::Function',
    '      Properties:',
    '        Name: web',
    '        Alias: live',
    '        CurrentVersion: "6"',
    '        TargetVersion: "7"',
    'Hooks:',
    '  - BeforeAllowTraffic: CodeDeployHook_web',
  ].join('\n');
  const lambdaEvent = { DeploymentId: 'd-LAMBDA001', LifecycleEventHookExecutionId: HOOK };

  it('invokes the TargetVersion from the deployment and passes on an expected answer', async () => {
    await fake.close();
    fake = await startFakeCodeDeploy({
      deployments: [{ deploymentId: 'd-LAMBDA001', appSpec }],
      functions: { web: () => ({ payload: '{"ok":true}' }) },
    });
    const run = await runHook(
      {
        CHECK_INVOKE_FUNCTION: 'web',
        CHECK_INVOKE_PAYLOAD: '{"probe":1}',
        CHECK_INVOKE_EXPECT: '"ok":true',
      },
      { event: lambdaEvent },
    );
    expect(run.result?.status).toBe('Succeeded');
    expect(fake.invocations).toEqual([
      expect.objectContaining({ functionName: 'web', qualifier: '7', payload: '{"probe":1}' }),
    ]);
    expect(reported()).toEqual(['Succeeded']);
  });

  it('reports Failed with the error payload when the new version has a function error', async () => {
    await fake.close();
    fake = await startFakeCodeDeploy({
      deployments: [
        {
          deploymentId: 'd-LAMBDA001',
          appSpec: JSON.stringify({
            version: 0,
            Resources: [
              {
                web: {
                  Type: 'AWS::Lambda::Function',
                  Properties: {
                    Name: 'web',
                    Alias: 'live',
                    CurrentVersion: '6',
                    TargetVersion: '7',
                  },
                },
              },
            ],
          }),
          revisionType: 'String',
        },
      ],
      functions: {
        web: () => ({
          functionError: 'Unhandled',
          payload: '{"errorType":"TypeError","errorMessage":"boom"}',
        }),
      },
    });
    const run = await runHook({ CHECK_INVOKE_FUNCTION: 'web' }, { event: lambdaEvent });
    expect(run.result?.status).toBe('Failed');
    expect(fake.invocations[0]?.qualifier).toBe('7');
    expect(reported()).toEqual(['Failed']);
    expect(run.log).toContain('check failed: invoke web:7: function error (Unhandled)');
    expect(run.log).toContain('boom');
  });

  it('reports Failed when the deployment gives no version to invoke', async () => {
    await fake.close();
    fake = await startFakeCodeDeploy({
      deployments: [{ deploymentId: 'd-LAMBDA001' }],
      functions: { web: () => ({ payload: '{}' }) },
    });
    const run = await runHook({ CHECK_INVOKE_FUNCTION: 'web' }, { event: lambdaEvent });
    expect(reported()).toEqual(['Failed']);
    expect(fake.invocations).toEqual([]);
    expect(run.log).toContain("no version to invoke: the deployment's revision is S3");
  });
});
