/**
 * Nothing from outside is obeyed: a hostile buildspec (keys, values and paths carrying
 * workflow commands, CR and LF) and a hostile build log go through every front end that can
 * run inside GitHub Actions — the lint Action, the run-build, report-status and start-pipeline Actions, and the CLI's
 * lint, run-build, run-build --local and start-pipeline in a `run:` step — and no line the runner would act on
 * carries any of it. Each case also checks that the hostile text did reach the output, shown.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from '@jest/globals';
import { failureScenario } from '../fakes/aws-server.js';
import { startFakeCodePipeline, type FakeCodePipeline } from '../fakes/codepipeline-server.js';
import { useFakeServers } from '../helpers/fake-servers.js';
import { runBundle, type BundleRun } from '../helpers/run-bundle.js';
import { codePipelineEnv, wireEnv } from '../helpers/wire.js';
import { injectedCommands, obeyedLines } from '../helpers/workflow-commands.js';

const MARK = 'INJECTED';
/** A directory name that, at the start of a line, is a command. */
const HOSTILE_DIR = `::warning::${MARK}-dir`;

const HOSTILE_BUILDSPEC = [
  'version: 0.2',
  `"foo\\n::warning::${MARK}-key\\r::set-output name=build-status::${MARK}": 1`,
  `"##[error]${MARK}-legacy-key": 1`,
  'env:',
  '  shell: bash',
  '  variables:',
  `    "BAD\\n::add-mask::${MARK}-var": "x"`,
  '  exported-variables:',
  '    - HOSTILE',
  'phases:',
  '  build:',
  '    commands:',
  `      - printf '::warning::${MARK}-out\\n##[error]${MARK}-legacy-out\\n'`,
  `      - export HOSTILE="$(printf 'a\\n::error::${MARK}-exported')"`,
  `      - echo done: ::notice::${MARK}-colon`,
  'reports:',
  `  "::error::${MARK}-report":`,
  '    files:',
  '      - missing.xml',
  '',
].join('\n');

/** The same, without the one line that makes it invalid YAML for CodeBuild, so that it runs. */
const RUNNABLE_BUILDSPEC = HOSTILE_BUILDSPEC.split('\n')
  .filter((line) => !line.includes('echo done:'))
  .join('\n');

function hostileWorkspace(buildspec = HOSTILE_BUILDSPEC): string {
  const root = mkdtempSync(join(tmpdir(), 'bb-hostile-'));
  const dir = join(root, HOSTILE_DIR);
  mkdirSync(dir);
  writeFileSync(join(dir, 'buildspec.yml'), buildspec);
  return root;
}

function expectNothingObeyed(run: BundleRun): void {
  const output = `${run.stdout}\n${run.stderr}`;
  expect(output).toContain(MARK);
  expect(injectedCommands(output, MARK)).toEqual([]);
  // The shields are there, not merely absent commands: our own commands still work.
  expect(obeyedLines(output).length).toBeGreaterThan(0);
}

const fakes = useFakeServers();

describe('a hostile buildspec through lint', () => {
  it.each(['github', 'text', 'json'])('the lint Action, format %s', async (format) => {
    const root = hostileWorkspace();
    const run = await runBundle('lint', { cwd: root, inputs: { paths: '.', format } });
    expect(run.outputs.files).toBe('1');
    expectNothingObeyed(run);
  });

  it.each(['github', 'text', 'json'])(
    'buildbridge lint inside an Actions step, format %s',
    async (format) => {
      const root = hostileWorkspace();
      const run = await runBundle('cli', {
        node: process.execPath,
        cwd: root,
        args: ['lint', '--format', format],
      });
      expect(run.code).toBe(1);
      expectNothingObeyed(run);
    },
  );

  it('buildbridge lint in a terminal shows control characters escaped, one finding a line', async () => {
    const root = hostileWorkspace();
    const run = await runBundle('cli', {
      node: process.execPath,
      actionsRunner: false,
      cwd: root,
      args: ['lint', '--format', 'text'],
    });
    const findings = run.stdout
      .split('\n')
      .filter((line) => / (error|warning) [a-z]+\//.test(line));
    expect(findings.length).toBeGreaterThan(2);
    for (const line of findings)
      expect(line.startsWith(`${HOSTILE_DIR}/buildspec.yml:`)).toBe(true);
    expect(run.stdout).toContain(`foo\\n::warning::${MARK}-key\\r::set-output`);
  });
});

describe('a hostile buildspec through run-build --local inside an Actions step', () => {
  it('shows its output, report names and exported values without the runner obeying them', async () => {
    const root = hostileWorkspace(RUNNABLE_BUILDSPEC);
    const run = await runBundle('cli', {
      node: process.execPath,
      cwd: join(root, HOSTILE_DIR),
      args: ['run-build', '--local'],
      env: { TMPDIR: root },
    });
    expect(run.stdout).toContain(`${MARK}-out`);
    expect(run.stdout).toContain(`${MARK}-report`);
    expect(run.stdout).toContain(`${MARK}-exported`);
    expectNothingObeyed(run);
    // The job summary is a file GitHub renders, never read for commands: shown as a table cell.
    expect(run.summary).toContain(`| ::error::${MARK}-report |`);
  });
});

describe('a hostile build log and failure context through run-build', () => {
  function hostileBuild() {
    fakes.aws.script('web', hostileScenario());
  }

  function hostileScenario() {
    return failureScenario({
      command: `make\n::warning::${MARK}-context`,
      logs: {
        BUILD: [
          `::warning::${MARK}-log`,
          `  ::error::${MARK}-indented`,
          `text ##[error]${MARK}-legacy-log`,
          `carriage\r::add-mask::${MARK}-cr`,
        ],
      },
    });
  }

  it('the run-build Action', async () => {
    hostileBuild();
    const run = await runBundle('run-build', {
      inputs: { 'project-name': 'web', 'poll-interval': '0.2', 'commit-status': 'false' },
      env: wireEnv(fakes.aws),
    });
    expect(run.code).toBe(1);
    expectNothingObeyed(run);
  });

  it('the report-status Action, following a build something else started', async () => {
    const build = fakes.aws.startExternalBuild('web', { scenario: hostileScenario() });
    const run = await runBundle('report-status', {
      inputs: { 'build-id': build.id, wait: 'true', logs: 'true', 'poll-interval': '0.2' },
      env: wireEnv(fakes.aws),
    });
    expect(run.code).toBe(1);
    expectNothingObeyed(run);
  });

  it('buildbridge run-build inside an Actions step', async () => {
    hostileBuild();
    const run = await runBundle('cli', {
      node: process.execPath,
      args: ['run-build', '--project-name', 'web', '--poll-interval', '0.2'],
      env: wireEnv(fakes.aws),
    });
    expect(run.code).toBe(1);
    expectNothingObeyed(run);
  });
});

describe("a hostile pipeline's failure summary and URL through start-pipeline", () => {
  let cp: FakeCodePipeline;
  beforeEach(async () => {
    cp = await startFakeCodePipeline({
      pipelines: [
        {
          name: 'web',
          stages: [
            { name: 'Source', actions: [{ name: 'Source', category: 'Source' }] },
            { name: 'Build', actions: [{ name: 'Build', category: 'Build' }] },
          ],
        },
      ],
      actionMs: 50,
    });
    cp.script('web', {
      fail: {
        stage: 'Build',
        action: 'Build',
        summary: `::warning::${MARK}-summary\n::error::${MARK}-line\r##[error]${MARK}-legacy`,
        externalUrl: `https://example.com/\n::set-output name=status::${MARK}-url`,
      },
    });
  });
  afterEach(async () => {
    await cp.close();
  });

  const env = () => ({ ...wireEnv(fakes.aws), ...codePipelineEnv(cp) });

  it('the start-pipeline Action', async () => {
    const run = await runBundle('start-pipeline', {
      inputs: { 'pipeline-name': 'web', 'poll-interval': '0.2', 'commit-status': 'false' },
      env: env(),
    });
    expect(run.code).toBe(1);
    expectNothingObeyed(run);
  });

  it('buildbridge start-pipeline inside an Actions step', async () => {
    const run = await runBundle('cli', {
      node: process.execPath,
      args: ['start-pipeline', '--pipeline-name', 'web', '--poll-interval', '0.2'],
      env: env(),
    });
    expect(run.code).toBe(1);
    expectNothingObeyed(run);
  });
});
