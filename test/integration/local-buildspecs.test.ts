/**
 * The shipped buildspecs, checked the way their users depend on: valid for CodeBuild, every
 * command shellcheck-clean, and run by the local runner with recording stand-ins for docker,
 * aws and npm that prove the order of calls, the waits and the teardown on failure.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_BUILDSPEC, DEMO_BUILDSPEC_NAME } from '../../src/buildspec/local/demo-buildspec.js';
import { parseBuildspec } from '../../src/buildspec/model.js';
import { shellcheckAvailable, shellcheckBuildspec } from '../helpers/buildspec-shellcheck.js';
import {
  phaseStatuses,
  runBuildspec,
  temporaryDirectory,
  type LocalRun,
} from '../helpers/local-build.js';
import { countCall, createStandIns, type StandIns } from '../helpers/stand-ins.js';

const BUILDSPECS = join(import.meta.dirname, '..', '..', 'buildspecs');
const SHIPPED = [
  'docker-compose-services.yml',
  'docker-custom-image.yml',
  'ecr-push.yml',
  'test-reports.yml',
];

function shipped(name: string): string {
  return readFileSync(join(BUILDSPECS, name), 'utf8');
}

const DOCKER = `
case "$1" in
  version) echo "Docker version 27.0.0 (stand-in)" ;;
  info)
    ${countCall('docker-info')}
    if [ "$count" -le "\${DOCKER_INFO_FAILURES:-0}" ]; then echo "Cannot connect to the Docker daemon" >&2; exit 1; fi
    echo "Server Version: 27.0.0" ;;
  login) cat > "$STANDIN_STATE/login-password"; echo "Login Succeeded" ;;
  compose)
    case "$2" in
      version) echo "Docker Compose version v2.29.0 (stand-in)" ;;
      config) test -f "$COMPOSE_FILE" || { echo "no compose file $COMPOSE_FILE" >&2; exit 14; }; printf 'postgres\\nredis\\n' ;;
      ps)
        ${countCall('compose-ps')}
        if [ "$count" -le "\${COMPOSE_UNHEALTHY_POLLS:-0}" ]; then printf 'starting\\nhealthy\\n'; else printf 'healthy\\nhealthy\\n'; fi ;;
      logs) echo "postgres-1  | database system is ready to accept connections" ;;
    esac ;;
esac`;

const AWS = `
case "$1 $2" in
  "sts get-caller-identity") echo 123456789012 ;;
  "ecr get-login-password") echo ecr-login-token ;;
  "ecr describe-repositories")
    if [ "\${ECR_REPOSITORY_EXISTS:-}" = true ]; then echo '{"repositories": []}'; exit 0; fi
    echo "An error occurred (RepositoryNotFoundException) when calling the DescribeRepositories operation" >&2
    exit 254 ;;
  "ecr create-repository") echo '{"repository": {}}' ;;
  *) echo "unexpected aws call" >&2; exit 2 ;;
esac`;

const NPM = `case "$1" in test) exit "\${NPM_TEST_EXIT:-0}" ;; esac`;

const DOCKERD = `echo "dockerd (stand-in) starting"
echo $$ > "$STANDIN_STATE/dockerd.pid"
exec sleep 30`;

const NPX_JEST = `mkdir -p reports coverage
printf '%s\\n' '<testsuites><testsuite name="cart"><testcase name="adds"/><testcase name="removes"/><testcase name="totals"><failure message="expected 3"/></testcase></testsuite></testsuites>' > "$JEST_JUNIT_OUTPUT_DIR/$JEST_JUNIT_OUTPUT_NAME"
printf '%s\\n' '<coverage lines-valid="40" lines-covered="30" line-rate="0.75"><packages/></coverage>' > coverage/cobertura-coverage.xml
exit "\${JEST_EXIT:-0}"`;

async function runShipped(
  name: string,
  standIns: StandIns,
  options: {
    envOverrides?: Record<string, string>;
    knobs?: Record<string, string>;
    sourceDir?: string;
  } = {},
): Promise<LocalRun> {
  const sourceDir = options.sourceDir ?? temporaryDirectory();
  return runBuildspec(shipped(name), {
    sourceDir,
    files: { 'buildspecs/compose.yml': shipped('compose.yml') },
    hostEnv: { ...standIns.env, ...options.knobs },
    envOverrides: options.envOverrides,
    region: 'us-east-1',
  });
}

function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('shipped buildspecs', () => {
  it('are all listed in buildspecs/README.md and covered here', () => {
    const files = readdirSync(BUILDSPECS).filter(
      (file) => file.endsWith('.yml') && file !== 'compose.yml',
    );
    expect(files.sort()).toEqual([...SHIPPED].sort());
    const readme = readFileSync(join(BUILDSPECS, 'README.md'), 'utf8');
    for (const file of SHIPPED) expect(readme).toContain(`[${file}](${file})`);
  });

  it.each([...SHIPPED, DEMO_BUILDSPEC_NAME])(
    '%s parses as a version 0.2 buildspec without warnings',
    (name) => {
      const { buildspec, warnings } = parseBuildspec(
        name === DEMO_BUILDSPEC_NAME ? DEMO_BUILDSPEC : shipped(name),
        name,
      );
      expect(warnings).toEqual([]);
      expect(buildspec.version).toBe('0.2');
    },
  );

  it.each(SHIPPED)('%s starts with a header naming privileged mode, variables and IAM', (name) => {
    const header = shipped(name).split('\nversion:')[0] ?? '';
    expect(header).toMatch(/Privileged mode/);
    expect(header).toMatch(/Environment variables/);
    expect(header).toMatch(/IAM/);
  });

  const withShellcheck = shellcheckAvailable() || process.env.CI ? describe : describe.skip;
  withShellcheck('every command is shellcheck-clean for the shell it runs in', () => {
    it.each([...SHIPPED, DEMO_BUILDSPEC_NAME])('%s', (name) => {
      const { buildspec } = parseBuildspec(
        name === DEMO_BUILDSPEC_NAME ? DEMO_BUILDSPEC : shipped(name),
        name,
      );
      expect(shellcheckBuildspec(buildspec)).toEqual([]);
    });
  });
});

describe('docker-compose-services.yml', () => {
  const fastWait = { SERVICES_WAIT_INTERVAL: '0.05' };

  it('starts the services, waits until both are healthy, runs the tests, then tears down', async () => {
    const standIns = createStandIns({ docker: DOCKER, npm: NPM });
    const { result, logger } = await runShipped('docker-compose-services.yml', standIns, {
      envOverrides: fastWait,
      knobs: { COMPOSE_UNHEALTHY_POLLS: '2' },
    });
    expect(standIns.calls()).toEqual([
      'docker version',
      'docker compose version',
      'npm ci',
      'docker compose pull --quiet',
      'docker compose up --detach',
      'docker compose config --services',
      'docker compose ps --format {{.Health}}',
      'docker compose ps --format {{.Health}}',
      'docker compose ps --format {{.Health}}',
      'npm test',
      'docker compose logs --no-color --timestamps',
      'docker compose down --volumes --remove-orphans',
    ]);
    expect(logger.outputLines).toContain('All 2 services are healthy.');
    expect(result.build.buildStatus).toBe('SUCCEEDED');
    expect(result.artifacts[0]?.files).toEqual(['compose-services.log']);
  });

  it('tears the services down when the tests fail, and the build fails in BUILD', async () => {
    const standIns = createStandIns({ docker: DOCKER, npm: NPM });
    const { result } = await runShipped('docker-compose-services.yml', standIns, {
      envOverrides: fastWait,
      knobs: { NPM_TEST_EXIT: '1' },
    });
    expect(standIns.calls().slice(-3)).toEqual([
      'npm test',
      'docker compose logs --no-color --timestamps',
      'docker compose down --volumes --remove-orphans',
    ]);
    expect(phaseStatuses(result)).toContain('BUILD: FAILED');
    expect(
      result.build.phases?.find((phase) => phase.phaseType === 'BUILD')?.contexts?.[0]?.message,
    ).toBe('Error while executing command: npm test. Reason: exit status 1');
    expect(result.build.buildStatus).toBe('FAILED');
  });

  it('gives up after SERVICES_WAIT_ATTEMPTS checks when the services never get healthy, skips the tests and tears down', async () => {
    const standIns = createStandIns({ docker: DOCKER, npm: NPM });
    const { result, logger } = await runShipped('docker-compose-services.yml', standIns, {
      envOverrides: { ...fastWait, SERVICES_WAIT_ATTEMPTS: '3' },
      knobs: { COMPOSE_UNHEALTHY_POLLS: '99' },
    });
    const calls = standIns.calls();
    expect(calls.filter((call) => call.startsWith('docker compose ps --format'))).toHaveLength(3);
    expect(calls).not.toContain('npm test');
    expect(calls.at(-1)).toBe('docker compose down --volumes --remove-orphans');
    expect(logger.outputLines).toContain('Services are not healthy after 3 checks.');
    expect(result.build.buildStatus).toBe('FAILED');
  });
});

describe('docker-custom-image.yml', () => {
  it('starts dockerd, waits until docker info answers, then builds and tests the image', async () => {
    const standIns = createStandIns({ docker: DOCKER, dockerd: DOCKERD });
    const { result, logger } = await runShipped('docker-custom-image.yml', standIns, {
      knobs: { DOCKER_INFO_FAILURES: '2' },
    });
    expect(standIns.calls()).toEqual([
      'dockerd --host=unix:///var/run/docker.sock --storage-driver=overlay2',
      'docker info',
      'docker info',
      'docker info',
      'docker build --tag app:7 .',
      'docker run --rm app:7 npm test',
    ]);
    expect(logger.outputLines.filter((line) => line === 'Waiting for dockerd')).toHaveLength(2);
    expect(result.build.buildStatus).toBe('SUCCEEDED');
    // The daemon started in the background ends with the build, as it does with CodeBuild's container.
    expect(isRunning(Number(readFileSync(join(standIns.stateDir, 'dockerd.pid'), 'utf8')))).toBe(
      false,
    );
  });

  it('fails INSTALL with the daemon log when dockerd does not answer in time, and builds nothing', async () => {
    const standIns = createStandIns({ docker: DOCKER, dockerd: DOCKERD });
    const { result, logger } = await runShipped('docker-custom-image.yml', standIns, {
      envOverrides: { DOCKERD_WAIT_SECONDS: '1' },
      knobs: { DOCKER_INFO_FAILURES: '99' },
    });
    expect(standIns.calls().filter((call) => call.startsWith('docker build'))).toEqual([]);
    expect(logger.outputLines).toContain('dockerd (stand-in) starting');
    expect(phaseStatuses(result)).toEqual(['INSTALL: FAILED', 'FINALIZING: SUCCEEDED']);
  });
});

describe('ecr-push.yml', () => {
  function gitSource(): { sourceDir: string; head: string } {
    const sourceDir = temporaryDirectory();
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], {
        cwd: sourceDir,
        encoding: 'utf8',
      });
    git('init', '-q');
    git('commit', '-q', '--allow-empty', '-m', 'release');
    return { sourceDir, head: git('rev-parse', 'HEAD').trim() };
  }

  it('logs in through stdin, creates the missing repository, pushes the commit and latest tags and writes the deploy files', async () => {
    const standIns = createStandIns({ docker: DOCKER, aws: AWS });
    const { sourceDir, head } = gitSource();
    const registry = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
    const imageUri = `${registry}/my-app:${head.slice(0, 7)}`;
    const { result } = await runShipped('ecr-push.yml', standIns, { sourceDir });
    const calls = standIns.calls();
    // The two sides of the login pipe start together: their order in the log is not fixed.
    expect(calls.slice(1, 3).sort()).toEqual([
      'aws ecr get-login-password --region us-east-1',
      `docker login --username AWS --password-stdin ${registry}`,
    ]);
    expect([...calls.slice(0, 1), ...calls.slice(3)]).toEqual([
      'aws sts get-caller-identity --query Account --output text',
      'aws ecr describe-repositories --repository-names my-app',
      'aws ecr create-repository --repository-name my-app --image-scanning-configuration scanOnPush=true',
      `docker build --tag ${imageUri} --tag ${registry}/my-app:latest .`,
      `docker push ${imageUri}`,
      `docker push ${registry}/my-app:latest`,
    ]);
    expect(readFileSync(join(standIns.stateDir, 'login-password'), 'utf8')).toBe(
      'ecr-login-token\n',
    );
    expect(JSON.parse(readFileSync(join(sourceDir, 'imagedefinitions.json'), 'utf8'))).toEqual([
      { name: 'app', imageUri },
    ]);
    expect(JSON.parse(readFileSync(join(sourceDir, 'imageDetail.json'), 'utf8'))).toEqual({
      ImageURI: imageUri,
    });
    expect(result.exportedVariables).toEqual({ IMAGE_URI: imageUri, IMAGE_TAG: head.slice(0, 7) });
    expect(result.artifacts[0]?.files).toEqual(['imageDetail.json', 'imagedefinitions.json']);
    expect(result.build.buildStatus).toBe('SUCCEEDED');
  });

  it('does not create a repository that exists', async () => {
    const standIns = createStandIns({ docker: DOCKER, aws: AWS });
    const { result } = await runShipped('ecr-push.yml', standIns, {
      sourceDir: gitSource().sourceDir,
      knobs: { ECR_REPOSITORY_EXISTS: 'true' },
    });
    expect(standIns.calls().filter((call) => call.startsWith('aws ecr create-repository'))).toEqual(
      [],
    );
    expect(result.build.buildStatus).toBe('SUCCEEDED');
  });

  it('stops before touching ECR when there is no commit to tag', async () => {
    const standIns = createStandIns({ docker: DOCKER, aws: AWS });
    const { result, logger } = await runShipped('ecr-push.yml', standIns);
    expect(standIns.calls()).toEqual([]);
    expect(logger.outputLines).toContain(
      'CODEBUILD_RESOLVED_SOURCE_VERSION is empty; build from a git source.',
    );
    expect(phaseStatuses(result)).toEqual([
      'INSTALL: SUCCEEDED',
      'PRE_BUILD: FAILED',
      'FINALIZING: SUCCEEDED',
    ]);
  });
});

describe('test-reports.yml', () => {
  it('reads the JUnit and Cobertura reports even when tests fail, and says the cache is not used locally', async () => {
    const standIns = createStandIns({ npm: NPM, npx: NPX_JEST });
    const { result, logger } = await runShipped('test-reports.yml', standIns, {
      knobs: { JEST_EXIT: '1' },
    });
    expect(standIns.calls()).toEqual([
      'npm ci --prefer-offline --no-audit --no-fund',
      'npx jest --ci --reporters=default --reporters=jest-junit --coverage --coverageReporters=cobertura --coverageReporters=text-summary',
    ]);
    expect(
      result.reports.map((report) => [
        report.name,
        report.status,
        report.testSummary ?? report.codeCoverageSummary,
      ]),
    ).toEqual([
      ['unit-tests', 'FAILED', { total: 3, succeeded: 2, failed: 1, error: 0, skipped: 0 }],
      ['coverage', 'SUCCEEDED', { lineCoveragePercentage: 75, linesCovered: 30, linesMissed: 10 }],
    ]);
    expect(logger.warnings).toContain('cache is not restored or saved by a local build.');
    expect(result.build.buildStatus).toBe('FAILED');
  });
});
