import { execFileSync } from 'node:child_process';
import { UserError } from '../../src/util/errors.js';
import { runBuildspec, temporaryDirectory } from '../helpers/local-build.js';

function printing(names: string[], extra: string[] = []): string {
  return [
    'version: 0.2',
    ...extra,
    'phases:',
    '  build:',
    '    commands:',
    ...names.map((name) => `      - echo "${name}=$${name}"`),
    '',
  ].join('\n');
}

function values(lines: string[]): Record<string, string> {
  return Object.fromEntries(
    lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe('the environment of a local build', () => {
  it('sets the CODEBUILD_* variables a build sees, and the region when known', async () => {
    const names = [
      'CODEBUILD_SRC_DIR',
      'CODEBUILD_BUILD_ID',
      'CODEBUILD_BUILD_ARN',
      'CODEBUILD_BUILD_NUMBER',
      'CODEBUILD_INITIATOR',
      'CODEBUILD_START_TIME',
      'CODEBUILD_BUILD_SUCCEEDING',
      'CODEBUILD_LOCAL',
      'AWS_REGION',
      'AWS_DEFAULT_REGION',
    ];
    const before = Date.now();
    const { result, logger, sourceDir } = await runBuildspec(printing(names), {
      region: 'eu-west-1',
      hostEnv: { USER: 'dana' },
    });
    const seen = values(logger.outputLines);
    expect(seen).toMatchObject({
      CODEBUILD_SRC_DIR: sourceDir,
      CODEBUILD_BUILD_ID: result.build.id,
      CODEBUILD_BUILD_ARN: `arn:aws:codebuild:eu-west-1:000000000000:build/${result.build.id}`,
      CODEBUILD_BUILD_NUMBER: '7',
      CODEBUILD_INITIATOR: 'local/dana',
      CODEBUILD_BUILD_SUCCEEDING: '1',
      CODEBUILD_LOCAL: 'true',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
    });
    expect(Number(seen.CODEBUILD_START_TIME)).toBeGreaterThanOrEqual(before);
    expect(Number(seen.CODEBUILD_START_TIME)).toBeLessThanOrEqual(Date.now());
  });

  it('sets CODEBUILD_RESOLVED_SOURCE_VERSION and CODEBUILD_SOURCE_VERSION from git HEAD in a git work tree', async () => {
    const sourceDir = temporaryDirectory();
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], {
        cwd: sourceDir,
        encoding: 'utf8',
      });
    git('init', '-q');
    git('commit', '-q', '--allow-empty', '-m', 'first');
    const head = git('rev-parse', 'HEAD').trim();
    const { result, logger } = await runBuildspec(
      printing(['CODEBUILD_RESOLVED_SOURCE_VERSION', 'CODEBUILD_SOURCE_VERSION']),
      { sourceDir },
    );
    expect(values(logger.outputLines)).toEqual({
      CODEBUILD_RESOLVED_SOURCE_VERSION: head,
      CODEBUILD_SOURCE_VERSION: head,
    });
    expect(result.build.resolvedSourceVersion).toBe(head);
  });

  it('leaves the source version unset outside a git work tree', async () => {
    const { logger, result } = await runBuildspec(printing(['CODEBUILD_RESOLVED_SOURCE_VERSION']));
    expect(logger.outputLines).toEqual(['CODEBUILD_RESOLVED_SOURCE_VERSION=']);
    expect(result.build.resolvedSourceVersion).toBeUndefined();
  });

  it('sets env.variables, lets them override the machine environment, and lets --env override both', async () => {
    const { logger } = await runBuildspec(
      printing(
        ['STAGE', 'REGION_NAME', 'FROM_HOST'],
        ['env:', '  variables:', '    STAGE: test', '    REGION_NAME: eu'],
      ),
      {
        hostEnv: { STAGE: 'host', FROM_HOST: 'host-value' },
        envOverrides: { REGION_NAME: 'us' },
      },
    );
    expect(values(logger.outputLines)).toEqual({
      STAGE: 'test',
      REGION_NAME: 'us',
      FROM_HOST: 'host-value',
    });
  });

  it('refuses parameter-store and secrets-manager variables without credentials, naming the variable and --env', async () => {
    const spec = printing(
      ['DB_PASSWORD'],
      ['env:', '  parameter-store:', '    DB_PASSWORD: /ci/db-password'],
    );
    const run = runBuildspec(spec);
    await expect(run).rejects.toThrow(UserError);
    await expect(run).rejects.toThrow(
      'env.parameter-store.DB_PASSWORD ("/ci/db-password") is read from AWS Systems Manager Parameter Store, but no AWS credentials were found. Pass the value instead with --env DB_PASSWORD=value',
    );
    await expect(
      runBuildspec(
        printing(['TOKEN'], ['env:', '  secrets-manager:', '    TOKEN: prod/api:token']),
      ),
    ).rejects.toThrow(
      /env\.secrets-manager\.TOKEN \("prod\/api:token"\) is read from AWS Secrets Manager, but no AWS credentials were found\. Pass the value instead with --env TOKEN=value/,
    );
  });

  it('takes a parameter-store value from --env without AWS and masks it', async () => {
    const { logger } = await runBuildspec(
      printing(['DB_PASSWORD'], ['env:', '  parameter-store:', '    DB_PASSWORD: /ci/db-password']),
      {
        envOverrides: { DB_PASSWORD: 'from-the-command-line' },
      },
    );
    expect(logger.outputLines).toEqual(['DB_PASSWORD=from-the-command-line']);
    expect(logger.masked).toEqual(['from-the-command-line']);
  });

  it('fetches parameter-store and secrets-manager values through the resolvers and masks them', async () => {
    const asked: string[] = [];
    const { logger } = await runBuildspec(
      printing(
        ['DB_PASSWORD', 'API_TOKEN'],
        [
          'env:',
          '  parameter-store:',
          '    DB_PASSWORD: /ci/db',
          '  secrets-manager:',
          '    API_TOKEN: prod/api:token:AWSCURRENT',
        ],
      ),
      {
        resolvers: {
          resolveParameter: async (name) => (asked.push(`ssm ${name}`), 'parameter-secret'),
          resolveSecret: async (reference) => (asked.push(`secret ${reference}`), 'secret-value'),
        },
      },
    );
    expect(asked).toEqual(['ssm /ci/db', 'secret prod/api:token:AWSCURRENT']);
    expect(logger.outputLines).toEqual(['DB_PASSWORD=parameter-secret', 'API_TOKEN=secret-value']);
    expect(logger.masked).toEqual(['parameter-secret', 'secret-value']);
  });

  it('names the variable and the --env way out when a resolver fails', async () => {
    const run = runBuildspec(
      printing(['DB_PASSWORD'], ['env:', '  parameter-store:', '    DB_PASSWORD: /ci/missing']),
      {
        resolvers: {
          resolveParameter: async () => {
            throw new UserError('parameter "/ci/missing" does not exist in eu-west-1.');
          },
        },
      },
    );
    await expect(run).rejects.toThrow(
      'env.parameter-store.DB_PASSWORD ("/ci/missing") could not be read: parameter "/ci/missing" does not exist in eu-west-1. To run without it, pass the value with --env DB_PASSWORD=value.',
    );
  });

  it('exports the values exported-variables have after the last phase, empty with a warning when never set', async () => {
    const { result, logger } = await runBuildspec(
      [
        'version: 0.2',
        'env:',
        '  exported-variables:',
        '    - IMAGE_TAG',
        '    - NEVER_SET',
        'phases:',
        '  build:',
        '    commands:',
        '      - IMAGE_TAG=first',
        '      - exit 1',
        '  post_build:',
        '    commands:',
        '      - IMAGE_TAG=final',
      ].join('\n'),
    );
    expect(result.exportedVariables).toEqual({ IMAGE_TAG: 'final', NEVER_SET: '' });
    expect(result.build.exportedEnvironmentVariables).toEqual([
      { name: 'IMAGE_TAG', value: 'final' },
      { name: 'NEVER_SET', value: '' },
    ]);
    expect(logger.warnings).toContain(
      'exported variable NEVER_SET was never set; it is exported empty.',
    );
  });

  it('exports variables also when an early phase fails and the build ends there', async () => {
    const { result } = await runBuildspec(
      [
        'version: 0.2',
        'env:',
        '  exported-variables:',
        '    - STEP',
        'phases:',
        '  install:',
        '    commands:',
        '      - STEP=install',
        '      - false',
      ].join('\n'),
    );
    expect(result.exportedVariables).toEqual({ STEP: 'install' });
  });

  it('names the CodeBuild-only settings it does not apply locally', async () => {
    const { logger } = await runBuildspec(
      [
        'version: 0.2',
        'run-as: builder',
        'env:',
        '  git-credential-helper: yes',
        'phases:',
        '  install:',
        '    runtime-versions:',
        '      nodejs: 22',
        'cache:',
        '  paths:',
        "    - '/root/.npm/**/*'",
      ].join('\n'),
    );
    expect(logger.warnings).toEqual([
      'run-as (builder) is not applied locally: commands run as the current user.',
      "runtime-versions (nodejs 22) come with CodeBuild's images; locally the tools on PATH are used.",
      'cache is not restored or saved by a local build.',
      'git-credential-helper is ignored locally: git uses your own credentials.',
    ]);
  });
});
