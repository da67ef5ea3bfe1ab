/**
 * Runs a bundled entry (dist/<entry>/index.js) as a child process the way the Actions runner
 * does: INPUT_* variables, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, GITHUB_* context, and
 * and Node 24, the runners' runtime: BUILDBRIDGE_NODE24, else the binary scripts/node.sh 24
 * unpacks into .cache/ (npm test runs it first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder above this file with a package.json (also when compiled elsewhere). */
export const ROOT = (() => {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();
const NODE24 = join(ROOT, '.cache/node24/package/bin/node');

export function actionNode(): string {
  return process.env.BUILDBRIDGE_NODE24 || (existsSync(NODE24) ? NODE24 : process.execPath);
}

export interface BundleRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
  readonly summary: string;
  /** Milliseconds from spawn to exit. */
  readonly elapsedMs: number;
}

export interface RunningBundle {
  readonly child: ChildProcess;
  /** Resolves once `text` has appeared on stdout. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  readonly done: Promise<BundleRun>;
}

export interface ActionRunOptions {
  readonly inputs?: Record<string, string>;
  readonly env?: Record<string, string | undefined>;
  readonly event?: { name: string; payload: unknown };
  readonly node?: string;
  readonly args?: readonly string[];
  /** false: a plain shell, without the runner's GITHUB_* variables and files. Default true. */
  readonly actionsRunner?: boolean;
  readonly cwd?: string;
}

/** Parses the GITHUB_OUTPUT file format (`name<<delimiter` blocks and `name=value` lines). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc as unknown as [string, string, string];
      const value: string[] = [];
      while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i] as string);
      outputs[name] = value.join('\n');
    } else if (line.includes('=')) {
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return outputs;
}

/** Starts dist/<entry>/index.js with the runner's environment. */
export function startBundle(entry: string, options: ActionRunOptions = {}): RunningBundle {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-run-'));
  const outputFile = join(dir, 'output');
  const summaryFile = join(dir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const eventPath = join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(options.event?.payload ?? {}));
  const runner = options.actionsRunner ?? true;
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: dir,
    AWS_EC2_METADATA_DISABLED: 'true',
    ...(runner ? actionsEnvironment() : {}),
    ...options.env,
  };
  function actionsEnvironment(): Record<string, string> {
    return {
      RUNNER_TEMP: dir,
      GITHUB_ACTIONS: 'true',
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_EVENT_NAME: options.event?.name ?? 'push',
      GITHUB_REPOSITORY: 'octo/app',
      GITHUB_SHA: 'f'.repeat(40),
      GITHUB_RUN_ID: '1000',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'build',
      GITHUB_ACTION: '__buildbridge',
    };
  }
  for (const [name, value] of Object.entries(options.inputs ?? {}))
    env[`INPUT_${name.toUpperCase()}`] = value;
  const started = Date.now();
  const child = spawn(
    options.node ?? actionNode(),
    [join(ROOT, 'dist', entry, 'index.js'), ...(options.args ?? [])],
    {
      env: Object.fromEntries(
        Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
      ),
      cwd: options.cwd ?? dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: string | RegExp; resolve: () => void }[] = [];
  const matches = (pattern: string | RegExp) =>
    typeof pattern === 'string' ? stdout.includes(pattern) : pattern.test(stdout);
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const waiter of [...waiters]) {
      if (matches(waiter.pattern)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<BundleRun>((resolveRun, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolveRun({
        code,
        signal,
        stdout,
        stderr,
        outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
        summary: readFileSync(summaryFile, 'utf8'),
        elapsedMs: Date.now() - started,
      }),
    );
  });
  return {
    child,
    done,
    waitFor: (pattern, timeoutMs = 20_000) =>
      new Promise<void>((resolveWait, reject) => {
        if (matches(pattern)) return resolveWait();
        const timer = setTimeout(
          () =>
            reject(new Error(`timed out waiting for ${String(pattern)} in:\n${stdout}\n${stderr}`)),
          timeoutMs,
        );
        waiters.push({ pattern, resolve: () => (clearTimeout(timer), resolveWait()) });
      }),
  };
}

export function runBundle(entry: string, options: ActionRunOptions = {}): Promise<BundleRun> {
  return startBundle(entry, options).done;
}
