import type { Build } from '@aws-sdk/client-codebuild';
import { commitState, describeBuild } from '../../src/codebuild/build-outcome.js';

const start = new Date('2026-11-27T12:00:00Z');
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

function build(status: string, phases: Build['phases'] = []): Build {
  return {
    id: 'p:1',
    buildNumber: 12,
    buildStatus: status as Build['buildStatus'],
    startTime: start,
    endTime: at(192),
    phases,
  };
}

describe('build outcome', () => {
  it.each([
    ['SUCCEEDED', 'success'],
    ['FAILED', 'failure'],
    ['TIMED_OUT', 'failure'],
    ['FAULT', 'error'],
    ['STOPPED', 'stopped'],
    ['IN_PROGRESS', 'pending'],
  ])('maps %s to the %s state', (status, state) => {
    expect(commitState(build(status))).toBe(state);
  });

  it('says a success with its duration', () => {
    expect(describeBuild(build('SUCCEEDED'), 0)).toBe('Build #12 succeeded in 3m 12s');
  });

  it('says which phase failed, after how long, and the failing command', () => {
    const failed = build('FAILED', [
      { phaseType: 'INSTALL', phaseStatus: 'SUCCEEDED' },
      {
        phaseType: 'BUILD',
        phaseStatus: 'FAILED',
        contexts: [
          {
            statusCode: 'COMMAND_EXECUTION_ERROR',
            message: 'Error while executing command: make test. Reason: exit status 2',
          },
        ],
      },
      { phaseType: 'POST_BUILD', phaseStatus: 'SUCCEEDED' },
    ]);
    expect(describeBuild(failed, 0)).toBe(
      'Build #12 failed in BUILD after 3m 12s: make test (exit status 2)',
    );
  });

  it('says a timeout, a fault and a stop in words', () => {
    expect(
      describeBuild(build('TIMED_OUT', [{ phaseType: 'BUILD', phaseStatus: 'TIMED_OUT' }]), 0),
    ).toBe('Build #12 timed out in BUILD after 3m 12s');
    expect(
      describeBuild(
        build('FAULT', [
          {
            phaseType: 'PROVISIONING',
            phaseStatus: 'FAULT',
            contexts: [{ message: 'Insufficient capacity' }],
          },
        ]),
        0,
      ),
    ).toBe('Build #12 faulted in PROVISIONING after 3m 12s: Insufficient capacity');
    expect(
      describeBuild(build('STOPPED', [{ phaseType: 'BUILD', phaseStatus: 'STOPPED' }]), 0),
    ).toBe('Build #12 was stopped in BUILD after 3m 12s');
  });

  it('describes a running build by its phase', () => {
    expect(describeBuild({ ...build('IN_PROGRESS'), currentPhase: 'BUILD' }, 0)).toBe(
      'Build #12 is running (BUILD)',
    );
  });
});
