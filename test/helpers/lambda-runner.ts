/**
 * Runs a bundled Lambda handler (dist/<entry>/index.js) as Lambda's Node.js runtime does: one
 * process — a warm execution environment — imports the bundle once, under Node 24 (the
 * nodejs24.x runtime), and calls `handler(event, context)` for one event at a time, so what a
 * handler keeps between invocations (settings, secrets, tokens, clients) is kept here too.
 * Each invocation gives its result or what it threw, and the lines it logged.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, actionNode } from './run-bundle.js';

const RUNNER = `
import { pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';
const [bundle, timeout] = process.argv.slice(2);
const startedAt = Date.now();
const { handler } = await import(pathToFileURL(bundle).href);
console.log('@@READY ' + JSON.stringify({ importMs: Date.now() - startedAt }));
let n = 0;
for await (const line of createInterface({ input: process.stdin })) {
  const id = ++n;
  const began = performance.now();
  const context = {
    functionName: 'status-mirror',
    awsRequestId: 'req-' + id,
    getRemainingTimeInMillis: () => Math.max(0, Math.floor(Number(timeout) - (performance.now() - began))),
  };
  let answer;
  try {
    answer = { result: await handler(JSON.parse(line), context) };
  } catch (error) {
    answer = { thrown: { name: error?.name, message: error?.message } };
  }
  answer.ms = performance.now() - began;
  // stderr and stdout are separate pipes: mark the end of both.
  console.error('@@END ' + id);
  console.log('@@END ' + id + ' ' + JSON.stringify(answer));
}
`;

export interface Invocation<Result = unknown> {
  readonly result?: Result;
  readonly thrown?: { readonly name: string; readonly message: string };
  /** What the handler logged during this invocation (stdout and stderr), in order per stream. */
  readonly log: string;
  /** Handler time, measured inside the process. */
  readonly ms: number;
}

export interface WarmLambda {
  /** Milliseconds the bundle took to import: the cold start's share that is ours. */
  readonly importMs: number;
  invoke<Result = unknown>(event: unknown): Promise<Invocation<Result>>;
  /** Everything logged since the process started. */
  allOutput(): string;
  close(): Promise<void>;
}

export async function startLambda(
  entry: string,
  env: Record<string, string | undefined>,
  options: {
    readonly node?: string;
    /** The function's time-out: the context's remaining time counts down from it. Default 60 s. */
    readonly timeoutMs?: number;
  } = {},
): Promise<WarmLambda> {
  const dir = mkdtempSync(join(tmpdir(), 'lambda-runner-'));
  const runner = join(dir, 'runner.mjs');
  writeFileSync(runner, RUNNER);
  const child: ChildProcess = spawn(
    options.node ?? actionNode(),
    [runner, join(ROOT, 'dist', entry, 'index.js'), String(options.timeoutMs ?? 60_000)],
    {
      cwd: dir,
      // Lambda's own variables; nothing from the test's environment leaks in.
      env: {
        PATH: process.env.PATH,
        AWS_REGION: 'us-east-1',
        AWS_LAMBDA_FUNCTION_NAME: 'status-mirror',
        TZ: 'UTC',
        ...env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  let all = '';
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    all += chunk;
    wake();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    all += chunk;
    wake();
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
    wake();
  });

  async function until(test: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!test()) {
      if (exited) throw new Error(`The Lambda runner exited while waiting for ${what}:\n${all}`);
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}:\n${all}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  await until(() => stdout.includes('@@READY '), 'the bundle to load');
  const ready = /@@READY (\{.*\})\n/.exec(stdout);
  const importMs = (JSON.parse(ready?.[1] ?? '{}') as { importMs?: number }).importMs ?? NaN;
  stdout = stdout.slice(stdout.indexOf('\n', stdout.indexOf('@@READY ')) + 1);
  let invocations = 0;
  let queue: Promise<unknown> = Promise.resolve();

  function invokeNow<Result>(event: unknown): Promise<Invocation<Result>> {
    const id = ++invocations;
    child.stdin!.write(`${JSON.stringify(event)}\n`);
    const outEnd = new RegExp(`^@@END ${id} (\\{.*\\})$`, 'm');
    const errEnd = `@@END ${id}\n`;
    return until(
      () => outEnd.test(stdout) && stderr.includes(errEnd),
      `invocation ${id} to end`,
    ).then(() => {
      const match = outEnd.exec(stdout)!;
      const out = stdout.slice(0, match.index);
      stdout = stdout.slice(match.index + match[0].length + 1);
      const errAt = stderr.indexOf(errEnd);
      const err = stderr.slice(0, errAt);
      stderr = stderr.slice(errAt + errEnd.length);
      const answer = JSON.parse(match[1]!) as Omit<Invocation<Result>, 'log'>;
      return { ...answer, log: out + err };
    });
  }

  return {
    importMs,
    invoke<Result>(event: unknown) {
      const run = queue.then(() => invokeNow<Result>(event));
      queue = run.catch(() => undefined);
      return run;
    },
    allOutput: () => all,
    async close() {
      if (exited) return;
      child.stdin!.end();
      await new Promise<void>((resolve) => {
        if (exited) resolve();
        else child.once('exit', () => resolve());
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      });
    },
  };
}
