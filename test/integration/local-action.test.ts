/**
 * GitHub's own local runner for actions, @github/local-action, runs the run-build Action's
 * run() (src/actions/run-build/main.ts) the way GitHub documents debugging an action locally:
 * inputs from a .env file, @actions/core replaced by its own, against the fake AWS and GitHub
 * servers. What people see when they debug the action this way is what the runner would do.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { failureScenario, successScenario } from '../fakes/aws-server.js';
import { useFakeServers } from '../helpers/fake-servers.js';
import { ROOT } from '../helpers/run-bundle.js';
import { GITHUB_TOKEN, wireEnv } from '../helpers/wire.js';

const SHA = 'e'.repeat(40);
const fakes = useFakeServers();

function localAction(
  inputs: Record<string, string>,
): Promise<{ code: number | null; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'bb-local-action-'));
  const dotenv = join(dir, '.env');
  const variables: Record<string, string> = {
    ...wireEnv(fakes.aws, fakes.github),
    GITHUB_REPOSITORY: 'octo/app',
    GITHUB_SHA: SHA,
    GITHUB_EVENT_NAME: 'push',
    'INPUT_GITHUB-TOKEN': GITHUB_TOKEN,
    ...Object.fromEntries(
      Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
    ),
  };
  writeFileSync(
    dotenv,
    Object.entries(variables)
      .map(([name, value]) => `${name}="${value}"`)
      .join('\n'),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(
      join(ROOT, 'node_modules/.bin/local-action'),
      ['run', ROOT, 'src/actions/run-build/main.ts', dotenv],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          HOME: dir,
          AWS_EC2_METADATA_DISABLED: 'true',
          npm_config_update_notifier: 'false',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('the run-build Action under @github/local-action', () => {
  it('reads its inputs from the .env file, follows the build and posts both statuses', async () => {
    fakes.aws.script('web', successScenario());
    const { out } = await localAction({ 'project-name': 'web', 'poll-interval': '0.2' });
    const build = fakes.aws.builds()[0]!;
    expect(build.request).toMatchObject({ projectName: 'web', sourceVersion: SHA });
    expect(out).toContain('Phase complete: BUILD State: SUCCEEDED');
    expect(out).toMatch(
      /Build #1 succeeded in \d+s\. https:\/\/us-east-1\.console\.aws\.amazon\.com/,
    );
    // local-action shows the outputs the action set through @actions/core, in a table.
    expect(out).toMatch(new RegExp(`Action Outputs[\\s\\S]*'build-id'\\s*│\\s*'${build.id}'`));
    expect(out).toMatch(/'build-status'\s*│\s*'SUCCEEDED'/);
    expect(fakes.github.statuses(SHA).map((s) => s.state)).toEqual(['pending', 'success']);
  }, 120_000);

  it('shows a failed build as the failure the runner would report', async () => {
    fakes.aws.script('web', failureScenario({ command: 'npm test' }));
    const { out } = await localAction({ 'project-name': 'web', 'poll-interval': '0.2' });
    expect(out).toMatch(/Build #1 failed in BUILD after \d+s: npm test \(exit status 2\)/);
    expect(fakes.github.statuses(SHA).map((s) => s.state)).toEqual(['pending', 'failure']);
  }, 120_000);
});
