import { agentLine, agentTimestamp } from '../../src/buildspec/local/agent-log.js';
import { nextStep } from '../../src/buildspec/local/phase-plan.js';
import { phaseStatuses, runBuildspec } from '../helpers/local-build.js';

/** A buildspec whose phases echo their name; `overrides` replaces whole phase blocks. */
function phases(overrides: Record<string, string[]> = {}): string {
  const blocks: Record<string, string[]> = {
    install: ['    commands:', '      - echo ran-install'],
    pre_build: ['    commands:', '      - echo ran-pre_build'],
    build: ['    commands:', '      - echo ran-build'],
    post_build: ['    commands:', '      - echo ran-post_build'],
    ...overrides,
  };
  const body = Object.entries(blocks).flatMap(([name, lines]) => [`  ${name}:`, ...lines]);
  return [
    'version: 0.2',
    'phases:',
    ...body,
    'artifacts:',
    '  files:',
    '    - marker.txt',
    '',
  ].join('\n');
}

const MARKER = { 'marker.txt': 'artifact\n' };

describe('local build phases', () => {
  it('runs INSTALL, PRE_BUILD, BUILD, POST_BUILD and UPLOAD_ARTIFACTS in order and succeeds', async () => {
    const { result, logger } = await runBuildspec(phases(), { files: MARKER });
    expect(logger.outputLines).toEqual([
      'ran-install',
      'ran-pre_build',
      'ran-build',
      'ran-post_build',
    ]);
    expect(phaseStatuses(result)).toEqual([
      'INSTALL: SUCCEEDED',
      'PRE_BUILD: SUCCEEDED',
      'BUILD: SUCCEEDED',
      'POST_BUILD: SUCCEEDED',
      'UPLOAD_ARTIFACTS: SUCCEEDED',
      'FINALIZING: SUCCEEDED',
    ]);
    expect(result.build.buildStatus).toBe('SUCCEEDED');
    expect(result.exitCode).toBe(0);
  });

  it("writes the agent's lines word for word, with CodeBuild's timestamp format", async () => {
    const { logger } = await runBuildspec(
      phases({ build: ['    commands:', '      - echo ok', '      - exit 2'] }),
      { files: MARKER },
    );
    expect(logger.plainLines).toEqual(
      expect.arrayContaining([
        'Entering phase BUILD',
        'Running command exit 2',
        'Command did not exit successfully exit 2 exit status 2',
        'Phase complete: BUILD State: FAILED',
        'Phase context status code: COMMAND_EXECUTION_ERROR Message: Error while executing command: exit 2. Reason: exit status 2',
        'Phase complete: INSTALL State: SUCCEEDED',
        'Phase context status code:  Message: ',
      ]),
    );
    const agentLines = logger.buildLines.filter((line) => line.startsWith('[Container]'));
    expect(agentLines.length).toBeGreaterThan(10);
    for (const line of agentLines)
      expect(line).toMatch(/^\[Container\] \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d\.\d{6} ./);
  });

  it('skips PRE_BUILD, BUILD, POST_BUILD and the artifacts when INSTALL fails', async () => {
    const { result, logger } = await runBuildspec(
      phases({
        install: [
          '    commands:',
          '      - echo ran-install',
          '      - false',
          '      - echo never',
        ],
      }),
      {
        files: MARKER,
      },
    );
    expect(logger.outputLines).toEqual(['ran-install']);
    expect(phaseStatuses(result)).toEqual(['INSTALL: FAILED', 'FINALIZING: SUCCEEDED']);
    expect(result.build.buildStatus).toBe('FAILED');
    expect(result.build.phases?.[0]?.contexts).toEqual([
      {
        statusCode: 'COMMAND_EXECUTION_ERROR',
        message: 'Error while executing command: false. Reason: exit status 1',
      },
    ]);
    expect(result.artifacts).toEqual([]);
    expect(result.exitCode).toBe(1);
  });

  it('skips BUILD and POST_BUILD when PRE_BUILD fails', async () => {
    const { result, logger } = await runBuildspec(
      phases({ pre_build: ['    commands:', '      - exit 3'] }),
      { files: MARKER },
    );
    expect(logger.outputLines).toEqual(['ran-install']);
    expect(phaseStatuses(result)).toEqual([
      'INSTALL: SUCCEEDED',
      'PRE_BUILD: FAILED',
      'FINALIZING: SUCCEEDED',
    ]);
  });

  it('still runs POST_BUILD and uploads artifacts when BUILD fails, with CODEBUILD_BUILD_SUCCEEDING=0', async () => {
    const { result, logger } = await runBuildspec(
      phases({
        build: [
          '    commands:',
          '      - echo "build sees $CODEBUILD_BUILD_SUCCEEDING"',
          '      - exit 2',
        ],
        post_build: ['    commands:', '      - echo "post_build sees $CODEBUILD_BUILD_SUCCEEDING"'],
      }),
      { files: MARKER },
    );
    expect(logger.outputLines).toEqual([
      'ran-install',
      'ran-pre_build',
      'build sees 1',
      'post_build sees 0',
    ]);
    expect(phaseStatuses(result)).toEqual([
      'INSTALL: SUCCEEDED',
      'PRE_BUILD: SUCCEEDED',
      'BUILD: FAILED',
      'POST_BUILD: SUCCEEDED',
      'UPLOAD_ARTIFACTS: SUCCEEDED',
      'FINALIZING: SUCCEEDED',
    ]);
    expect(result.artifacts.map((artifact) => artifact.files)).toEqual([['marker.txt']]);
    expect(result.build.buildStatus).toBe('FAILED');
  });

  it('still uploads artifacts when POST_BUILD fails', async () => {
    const { result } = await runBuildspec(
      phases({ post_build: ['    commands:', '      - false'] }),
      { files: MARKER },
    );
    expect(phaseStatuses(result)).toContain('UPLOAD_ARTIFACTS: SUCCEEDED');
    expect(phaseStatuses(result)).toContain('POST_BUILD: FAILED');
    expect(result.build.buildStatus).toBe('FAILED');
  });

  it('skips the remaining commands after a failure but runs finally, which already sees CODEBUILD_BUILD_SUCCEEDING=0', async () => {
    const { result, logger } = await runBuildspec(
      phases({
        build: [
          '    commands:',
          '      - echo first',
          '      - exit 4',
          '      - echo skipped',
          '    finally:',
          '      - echo "finally sees $CODEBUILD_BUILD_SUCCEEDING"',
          '      - echo finally-two',
        ],
      }),
      { files: MARKER },
    );
    expect(logger.outputLines).toEqual([
      'ran-install',
      'ran-pre_build',
      'first',
      'finally sees 0',
      'finally-two',
      'ran-post_build',
    ]);
    expect(
      result.build.phases?.find((phase) => phase.phaseType === 'BUILD')?.contexts?.[0]?.message,
    ).toBe('Error while executing command: exit 4. Reason: exit status 4');
  });

  it('runs finally after successful commands too, and a failing finally fails the phase', async () => {
    const { result, logger } = await runBuildspec(
      phases({
        pre_build: [
          '    commands:',
          '      - echo body',
          '    finally:',
          '      - exit 5',
          '      - echo not-reached',
        ],
      }),
      { files: MARKER },
    );
    expect(logger.outputLines).toEqual(['ran-install', 'body']);
    expect(phaseStatuses(result)).toEqual([
      'INSTALL: SUCCEEDED',
      'PRE_BUILD: FAILED',
      'FINALIZING: SUCCEEDED',
    ]);
  });

  it('with on-failure CONTINUE marks the phase failed but runs the following phases, and the build fails', async () => {
    const { result, logger } = await runBuildspec(
      phases({
        install: [
          '    on-failure: CONTINUE',
          '    commands:',
          '      - exit 1',
          '      - echo skipped',
        ],
      }),
      {
        files: MARKER,
      },
    );
    expect(logger.outputLines).toEqual(['ran-pre_build', 'ran-build', 'ran-post_build']);
    expect(phaseStatuses(result)).toEqual([
      'INSTALL: FAILED',
      'PRE_BUILD: SUCCEEDED',
      'BUILD: SUCCEEDED',
      'POST_BUILD: SUCCEEDED',
      'UPLOAD_ARTIFACTS: SUCCEEDED',
      'FINALIZING: SUCCEEDED',
    ]);
    expect(result.build.buildStatus).toBe('FAILED');
  });

  it('with on-failure ABORT behaves as without it', async () => {
    const { result } = await runBuildspec(
      phases({ pre_build: ['    on-failure: ABORT', '    commands:', '      - false'] }),
      { files: MARKER },
    );
    expect(phaseStatuses(result)).toEqual([
      'INSTALL: SUCCEEDED',
      'PRE_BUILD: FAILED',
      'FINALIZING: SUCCEEDED',
    ]);
  });

  it('does not retry on-failure RETRY locally and says so', async () => {
    const { result, logger } = await runBuildspec(
      phases({
        pre_build: [
          '    on-failure: RETRY-2',
          '    commands:',
          '      - echo attempt',
          '      - false',
        ],
      }),
      {
        files: MARKER,
      },
    );
    expect(logger.outputLines.filter((line) => line === 'attempt')).toHaveLength(1);
    expect(phaseStatuses(result)).toContain('PRE_BUILD: FAILED');
    expect(logger.warnings).toContain(
      'PRE_BUILD on-failure RETRY-2 is not retried locally: a failure ends the phase as with ABORT.',
    );
  });

  it('enters and completes phases the buildspec does not declare, as CodeBuild does', async () => {
    const { result, logger } = await runBuildspec(
      'version: 0.2\nphases:\n  build:\n    commands:\n      - echo only-build\n',
    );
    expect(logger.plainLines).toEqual(
      expect.arrayContaining([
        'Entering phase INSTALL',
        'Phase complete: INSTALL State: SUCCEEDED',
      ]),
    );
    expect(phaseStatuses(result)).toEqual([
      'INSTALL: SUCCEEDED',
      'PRE_BUILD: SUCCEEDED',
      'BUILD: SUCCEEDED',
      'POST_BUILD: SUCCEEDED',
      'UPLOAD_ARTIFACTS: SUCCEEDED',
      'FINALIZING: SUCCEEDED',
    ]);
  });

  it('returns a Build shaped like the SDK type, with times, durations and a COMPLETED phase', async () => {
    const { result } = await runBuildspec(phases(), { files: MARKER });
    const { build } = result;
    expect(build.id).toMatch(/^local:[0-9a-f-]{36}$/);
    expect(build.arn).toBe(`arn:aws:codebuild:local:000000000000:build/${build.id}`);
    expect(build.buildNumber).toBe(7);
    expect(build.buildComplete).toBe(true);
    expect(build.currentPhase).toBe('COMPLETED');
    expect(build.startTime).toBeInstanceOf(Date);
    expect(build.endTime!.getTime()).toBeGreaterThanOrEqual(build.startTime!.getTime());
    const completed = build.phases?.at(-1);
    expect(completed).toEqual({ phaseType: 'COMPLETED', startTime: build.endTime });
    for (const phase of build.phases!.slice(0, -1)) {
      expect(phase.startTime).toBeInstanceOf(Date);
      expect(phase.endTime!.getTime()).toBeGreaterThanOrEqual(phase.startTime!.getTime());
      expect(phase.durationInSeconds).toBeGreaterThanOrEqual(0);
      expect(phase.contexts).toHaveLength(1);
    }
  });
});

describe('nextStep', () => {
  it('follows CodeBuild phase transitions', () => {
    expect(nextStep('INSTALL', 'FAILED', undefined)).toBe('FINALIZING');
    expect(nextStep('PRE_BUILD', 'FAILED', undefined)).toBe('FINALIZING');
    expect(nextStep('BUILD', 'FAILED', undefined)).toBe('POST_BUILD');
    expect(nextStep('POST_BUILD', 'FAILED', undefined)).toBe('UPLOAD_ARTIFACTS');
    expect(nextStep('UPLOAD_ARTIFACTS', 'SUCCEEDED', undefined)).toBe('FINALIZING');
    expect(nextStep('PRE_BUILD', 'FAILED', { action: 'CONTINUE', text: 'CONTINUE' })).toBe('BUILD');
    expect(nextStep('BUILD', 'STOPPED', { action: 'CONTINUE', text: 'CONTINUE' })).toBe(
      'FINALIZING',
    );
  });
});

describe('agent log format', () => {
  it('prints UTC time with microseconds like the CodeBuild agent', () => {
    const epoch = Date.UTC(2026, 10, 27, 12, 0, 1, 234);
    expect(agentTimestamp(epoch)).toBe('2026/11/27 12:00:01.234000');
    expect(agentLine(epoch, 'Running command make test')).toBe(
      '[Container] 2026/11/27 12:00:01.234000 Running command make test',
    );
  });
});
