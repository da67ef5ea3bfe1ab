/**
 * Runs a Bitbucket Pipelines file from examples/ as Bitbucket Pipelines runs it, for tests that
 * prove an example works as written: the pipeline Bitbucket would pick for a trigger (YAML merge
 * keys read, as Bitbucket reads them), then its steps in order, each in a fresh `bash -e` in the
 * clone directory, with the variables Pipelines sets on that trigger (and
 * BITBUCKET_STEP_OIDC_TOKEN only on `oidc: true` steps). A step with `trigger: manual` pauses
 * the pipeline, as in Bitbucket, until the test presses "Run" (`resume()`).
 *
 * Every script line runs as written except one: `git clone … https://github.com/…` in "Get
 * buildbridge" needs the network. It is skipped, and its artifact (buildbridge/dist/** in the
 * clone directory) is this checkout's freshly built dist/, linked in place. So the example's own
 * `export BUILDBRIDGE="node $BITBUCKET_CLONE_DIR/buildbridge/dist/cli/index.js"` line resolves
 * to that bundle, and `node` on PATH is the Node.js running the test (the oldest the CLI
 * supports).
 */
import { expect } from '@jest/globals';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { FakeBitbucket } from '../fakes/bitbucket-server.js';
import { pipelinesEnv } from './bitbucket-pipelines.js';
import { ROOT } from './run-bundle.js';

/** The one line that needs the network; see the header. */
export const NEEDS_NETWORK = /^git clone .*https:\/\/github\.com\//;

export interface Step {
  name: string;
  oidc?: boolean;
  trigger?: 'automatic' | 'manual';
  script: unknown[];
  artifacts?: string[];
}
type Pipeline = { step?: Step }[];
interface PipelinesFile {
  pipelines: {
    default?: Pipeline;
    branches?: Record<string, Pipeline>;
    'pull-requests'?: Record<string, Pipeline>;
    tags?: Record<string, Pipeline>;
  };
}

/** Bitbucket's glob for branch and tag names: `*` stops at `/`, `**` does not. */
function globMatches(pattern: string, name: string): boolean {
  const source = pattern
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((text) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*'),
    )
    .join('.*');
  return new RegExp(`^${source}$`).test(name);
}

export type Trigger = { branch: string } | { pullRequestFrom: string } | { tag: string };

/**
 * The pipeline Bitbucket starts for a trigger (an exact name before a glob), if any, from the
 * pipelines file `example` (a path relative to the checkout).
 */
export function pipelineFor(example: string, trigger: Trigger): Step[] | undefined {
  // Bitbucket reads YAML merge keys (`<<: *build`); the yaml package does so when asked.
  const { pipelines } = parse(readFileSync(join(ROOT, example), 'utf8'), {
    merge: true,
  }) as PipelinesFile;
  const pick = (section: Record<string, Pipeline> | undefined, name: string) => {
    const keys = Object.keys(section ?? {});
    const key = keys.includes(name) ? name : keys.find((glob) => globMatches(glob, name));
    return key === undefined ? undefined : section![key];
  };
  const pipeline =
    'tag' in trigger
      ? pick(pipelines.tags, trigger.tag)
      : 'pullRequestFrom' in trigger
        ? pick(pipelines['pull-requests'], trigger.pullRequestFrom)
        : (pick(pipelines.branches, trigger.branch) ?? pipelines.default);
  return pipeline?.map((entry) => {
    expect(entry.step).toBeDefined(); // no parallel or stage groups in the examples
    return entry.step!;
  });
}

export interface StepRun {
  name: string;
  code: number | null;
  output: string;
  skipped: string[];
}

/**
 * A fresh clone directory holding the user's repository: a buildspec and the example as
 * bitbucket-pipelines.yml.
 */
export function cloneDirectory(example: string): { clone: string; bin: string; temp: string } {
  const root = mkdtempSync(join(tmpdir(), 'bb-pipelines-example-'));
  const clone = join(root, 'build');
  const bin = join(root, 'bin');
  const temp = join(root, 'tmp');
  for (const dir of [clone, bin, temp]) mkdirSync(dir);
  copyFileSync(
    join(ROOT, 'test/fixtures/buildspecs/good/node-tests-reports/buildspec.yml'),
    join(clone, 'buildspec.yml'),
  );
  copyFileSync(join(ROOT, example), join(clone, 'bitbucket-pipelines.yml'));
  symlinkSync(process.execPath, join(bin, 'node'));
  return { clone, bin, temp };
}

export function bash(script: string, cwd: string, env: Record<string, string | undefined>) {
  return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn('bash', ['-e', '-c', script], {
      cwd,
      env: Object.fromEntries(
        Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
      ),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

export interface PipelinesRunnerOptions {
  /** The pipelines file, relative to the checkout, e.g. examples/bitbucket-pipelines.yml. */
  example: string;
  /** The fake Bitbucket the statuses go to (BITBUCKET_API_URL). */
  bitbucket: FakeBitbucket;
  /** BITBUCKET_COMMIT. */
  commit: string;
  /** BITBUCKET_STEP_OIDC_TOKEN on `oidc: true` steps. */
  oidcToken: string;
  /**
   * Environment of every step beyond the Pipelines variables, e.g. AWS_ENDPOINT_URL (and
   * AWS_ENDPOINT_URL_CODEPIPELINE) pointing the SDK at the fakes.
   */
  env?: Record<string, string | undefined>;
}

export interface PipelineRun {
  /** The steps run so far, in order. */
  readonly runs: StepRun[];
  /** The step's TMPDIR (shared by the steps, like the clone directory). */
  readonly temp: string;
  /** The manual step the pipeline is paused at, if it is. */
  readonly paused: Step | undefined;
  /** Somebody presses "Run" on the paused manual step: it runs, and the steps after it. */
  resume(): Promise<PipelineRun>;
}

/**
 * Runs the steps in order, each in its own shell (a step is a fresh container: only artifacts
 * carry over), and stops after a failed step as Pipelines does, or before a manual step until
 * `resume()`.
 */
export async function runPipeline(
  options: PipelinesRunnerOptions,
  steps: Step[],
  variables: Record<string, string | undefined>,
): Promise<PipelineRun> {
  const { clone, bin, temp } = cloneDirectory(options.example);
  const runs: StepRun[] = [];
  let next = 0;

  async function runStep(step: Step): Promise<StepRun> {
    const lines = step.script.map((line) => {
      expect(typeof line).toBe('string'); // no pipes in the examples' scripts
      return line as string;
    });
    const skipped = lines.filter((line) => NEEDS_NETWORK.test(line));
    if (skipped.length > 0) {
      // What the skipped clone leaves behind for the next steps: buildbridge/dist/**.
      expect(step.artifacts).toEqual(['buildbridge/dist/**']);
      mkdirSync(join(clone, 'buildbridge'), { recursive: true });
      symlinkSync(join(ROOT, 'dist'), join(clone, 'buildbridge/dist'));
    }
    const script = lines.filter((line) => !NEEDS_NETWORK.test(line)).join('\n');
    const { code, output } = await bash(script, clone, {
      PATH: `${bin}:${process.env.PATH}`,
      HOME: clone,
      TMPDIR: temp,
      AWS_EC2_METADATA_DISABLED: 'true',
      ...options.env,
      ...pipelinesEnv(options.bitbucket, options.commit, {
        BITBUCKET_CLONE_DIR: clone,
        ...variables,
        ...(step.oidc ? { BITBUCKET_STEP_OIDC_TOKEN: options.oidcToken } : {}),
      }),
    });
    return { name: step.name, code, output, skipped };
  }

  /** Runs from `next`: the first step even if manual (it was pressed), then until a manual one. */
  async function advance(): Promise<void> {
    for (let first = true; next < steps.length; first = false) {
      const step = steps[next]!;
      if (step.trigger === 'manual' && !first) return;
      const run = await runStep(step);
      runs.push(run);
      next++;
      if (run.code !== 0) {
        next = steps.length;
        return;
      }
    }
  }

  const pipelineRun: PipelineRun = {
    runs,
    temp,
    get paused() {
      return next < steps.length ? steps[next] : undefined;
    },
    async resume() {
      const step = pipelineRun.paused;
      if (step?.trigger !== 'manual')
        throw new Error('the pipeline is not paused at a manual step');
      await advance();
      return pipelineRun;
    },
  };
  // Pipelines starts with the first step; a manual first step waits for "Run" like any other.
  if (steps[0]?.trigger !== 'manual') await advance();
  return pipelineRun;
}
