/**
 * Runs the EC2 hook scripts of appspec/ec2 the way the CodeDeploy agent does: `sh script` with
 * the agent's variables, here in a temporary root (DEPLOY_ROOT) with a stand-in systemctl, and
 * a local HTTP target for ValidateService's health check.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse } from 'yaml';
import { temporaryDirectory } from './local-build.js';

export const EC2_REVISION = join(import.meta.dirname, '..', '..', 'appspec', 'ec2');

export interface HookRun {
  readonly code: number | null;
  /** stdout and stderr as the agent's deployment log keeps them, interleaved. */
  readonly output: string;
  readonly lines: string[];
  readonly seconds: number;
}

/** The variables the agent gives every hook script, for one deployment. */
export function deploymentVariables(deploymentId: string): Record<string, string> {
  return {
    APPLICATION_NAME: 'shop',
    DEPLOYMENT_GROUP_NAME: 'production',
    DEPLOYMENT_GROUP_ID: 'c5f1e0a2-1b2c-4d3e-9f00-1234567890ab',
    DEPLOYMENT_ID: deploymentId,
  };
}

/** Runs scripts/<script> of the revision for `event`, asynchronously (the HTTP target lives in this process). */
export function runHook(
  script: string,
  event: string,
  env: Record<string, string>,
  revision = EC2_REVISION,
): Promise<HookRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', [join(revision, 'scripts', script)], {
      env: { LIFECYCLE_EVENT: event, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        output,
        lines: output.split('\n').filter((line) => line !== ''),
        seconds: (Date.now() - started) / 1000,
      }),
    );
  });
}

/** What CodeDeploy's Install step does: copies each `files` entry of appspec.yml under root. */
export function installRevision(root: string, revision = EC2_REVISION): void {
  const appspec = parse(readFileSync(join(revision, 'appspec.yml'), 'utf8')) as {
    files: { source: string; destination: string }[];
  };
  for (const { source, destination } of appspec.files) {
    const target = join(root, destination);
    mkdirSync(target, { recursive: true });
    cpSync(join(revision, source), target, { recursive: true });
  }
}

/** A stand-in systemctl: records its calls; start, restart and stop keep an "active" file that is-active reads. */
export const SYSTEMCTL_STAND_IN = `
case "$1" in
  is-active) [ -f "$STANDIN_STATE/active-$3" ] ;;
  start | restart) touch "$STANDIN_STATE/active-$2" ;;
  stop) rm -f "$STANDIN_STATE/active-$2" ;;
  enable | daemon-reload) ;;
  *) echo "systemctl stand-in: unexpected $*" >&2; exit 2 ;;
esac
`;

/**
 * A bin folder with links to the given tools only, for a PATH without curl (or without wget):
 * the scripts' other tools stay available.
 */
export function pathWith(tools: readonly string[]): string {
  const bin = join(temporaryDirectory('bb-appspec-path-'), 'bin');
  mkdirSync(bin);
  for (const tool of tools) {
    const found = ['/usr/bin', '/bin', '/usr/sbin', '/sbin']
      .map((dir) => join(dir, tool))
      .find((path) => existsSync(path));
    if (found) symlinkSync(found, join(bin, tool));
  }
  return bin;
}

/** Tools the hook scripts call besides the HTTP clients and the service manager. */
export const SCRIPT_TOOLS = [
  'sh',
  'cat',
  'cp',
  'date',
  'dirname',
  'grep',
  'id',
  'mkdir',
  'mktemp',
  'rm',
  'sed',
  'sleep',
  'tail',
  'touch',
];

export type HealthBehaviour =
  | { readonly kind: 'healthy' }
  | { readonly kind: 'failing'; readonly status: number }
  | { readonly kind: 'slow'; readonly delayMs: number }
  | { readonly kind: 'healthy-after'; readonly failures: number };

export interface HealthTarget {
  readonly url: string;
  requests(): number;
  close(): Promise<void>;
}

/** An HTTP target on 127.0.0.1 answering /health as `behaviour` says. */
export async function startHealthTarget(behaviour: HealthBehaviour): Promise<HealthTarget> {
  let requests = 0;
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((request, response) => {
    requests += 1;
    const answer = (status: number): void => {
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.end(status === 200 ? 'ok\n' : 'unhealthy\n');
    };
    switch (behaviour.kind) {
      case 'healthy':
        return answer(200);
      case 'failing':
        return answer(behaviour.status);
      case 'healthy-after':
        return answer(requests > behaviour.failures ? 200 : 503);
      case 'slow': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!response.destroyed) answer(200);
        }, behaviour.delayMs);
        timers.add(timer);
        return;
      }
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/health`,
    requests: () => requests,
    close: () =>
      new Promise((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
