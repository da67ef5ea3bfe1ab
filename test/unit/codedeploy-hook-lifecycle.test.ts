/**
 * runLifecycleHook in-process, with plain-object ports and a clock under the test's control:
 * exactly one report whatever happens, the deadline beats a check that never ends, and the
 * report's retries stop at what cannot succeed.
 */
import { describe, expect, it } from '@jest/globals';
import type { HttpProbe } from '../../src/codedeploy/hook-checks.js';
import { parseHookSettings } from '../../src/codedeploy/hook-settings.js';
import {
  runLifecycleHook,
  type HookReport,
  type LifecycleHookPorts,
} from '../../src/codedeploy/lifecycle-hook.js';
import type { Clock } from '../../src/util/clock.js';
import { RecordingLogger } from '../helpers/recording-logger.js';

const EVENT = { DeploymentId: 'd-ABCDEFGH1', LifecycleEventHookExecutionId: 'hook-1' };
const RESERVE = 5000;

/** Time moves only when the hook sleeps; the deadline ends only when `deadlineFires`. */
class TestClock implements Clock {
  time = 0;
  constructor(private readonly deadlineFires = false) {}
  now() {
    return this.time;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    // The deadline is the one long sleep given a signal (the report's pauses are not).
    if (signal && ms >= 1000 && !this.deadlineFires)
      return new Promise((resolve) => signal.addEventListener('abort', () => resolve()));
    this.time += ms;
    return Promise.resolve();
  }
}

function awsError(name: string, status = 400) {
  return Object.assign(new Error(`${name} happened`), {
    name,
    $metadata: { httpStatusCode: status, attempts: 1 },
    $response: { headers: {} },
  });
}

function ports(
  overrides: Partial<LifecycleHookPorts> & { budgetMs?: number; clock?: TestClock } = {},
) {
  const clock = overrides.clock ?? new TestClock();
  const logger = new RecordingLogger();
  const reports: HookReport[] = [];
  const budget = overrides.budgetMs ?? 60_000;
  const http: HttpProbe = { get: async () => ({ status: 200, body: 'ok' }) };
  const all: LifecycleHookPorts = {
    logger,
    clock,
    region: 'us-east-1',
    http,
    invoker: { invoke: async () => ({ payload: '{}' }) },
    deployments: { getDeployment: async () => ({ computePlatform: 'Server' }) },
    reporter: { report: async (report) => void reports.push(report) },
    remainingMs: () => budget - clock.now(),
    settings: () => parseHookSettings({ CHECK_URLS: 'https://app.example.com/health' }),
    ...overrides,
  };
  return { all, logger, reports, clock };
}

describe('runLifecycleHook', () => {
  it('reports Succeeded once when the checks pass', async () => {
    const { all, reports } = ports();
    const result = await runLifecycleHook(EVENT, all, { reserveMs: RESERVE });
    expect(result.status).toBe('Succeeded');
    expect(reports).toEqual([
      { deploymentId: 'd-ABCDEFGH1', lifecycleEventHookExecutionId: 'hook-1', status: 'Succeeded' },
    ]);
  });

  it('reports Failed at the deadline when a check never ends, even one that ignores its signal', async () => {
    const { all, reports, logger } = ports({
      clock: new TestClock(true),
      http: { get: () => new Promise(() => {}) },
    });
    const result = await runLifecycleHook(EVENT, all, { reserveMs: RESERVE });
    expect(result.status).toBe('Failed');
    expect(result.reason).toContain('did not finish within 55000 ms');
    expect(reports.map((r) => r.status)).toEqual(['Failed']);
    expect(logger.errors.join('\n')).toContain('Failed: the checks did not finish');
  });

  it('reports Failed without checking when less time remains than the report needs', async () => {
    let gets = 0;
    const { all, reports } = ports({
      budgetMs: 4000,
      http: { get: async () => (gets++, { status: 200, body: '' }) },
    });
    const result = await runLifecycleHook(EVENT, all, { reserveMs: RESERVE });
    expect(result.reason).toContain('raise the function');
    expect(gets).toBe(0);
    expect(reports.map((r) => r.status)).toEqual(['Failed']);
  });

  it('reports Failed when reading the settings throws something else than a UserError', async () => {
    const { all, reports } = ports({
      settings: () => {
        throw new TypeError('boom');
      },
    });
    const result = await runLifecycleHook(EVENT, all, { reserveMs: RESERVE });
    expect(result.reason).toBe('the settings could not be read: boom');
    expect(reports.map((r) => r.status)).toEqual(['Failed']);
  });

  it('reports Failed when a port throws where it should not', async () => {
    const { all, reports } = ports({
      remainingMs: (() => {
        let calls = 0;
        return () => {
          if (calls++ === 0) throw new Error('context broke');
          return 60_000;
        };
      })(),
    });
    const result = await runLifecycleHook(EVENT, all, { reserveMs: RESERVE });
    expect(result.reason).toContain('context broke');
    expect(reports.map((r) => r.status)).toEqual(['Failed']);
  });

  it('retries a throttled report with pauses of its own and reports once', async () => {
    let tries = 0;
    const { all, reports, logger, clock } = ports({
      reporter: {
        report: async (report) => {
          if (++tries <= 3) throw awsError('ThrottlingException');
          reports.push(report);
        },
      },
    });
    await runLifecycleHook(EVENT, all, { reserveMs: RESERVE });
    expect(tries).toBe(4);
    expect(reports).toHaveLength(1);
    expect(logger.warnings).toHaveLength(3);
    expect(clock.now()).toBeGreaterThan(0);
  });

  it('stops retrying when the remaining time runs short, and throws', async () => {
    const { all, logger } = ports({
      budgetMs: 9000,
      reporter: { report: async () => Promise.reject(awsError('ThrottlingException')) },
    });
    await expect(runLifecycleHook(EVENT, all, { reserveMs: RESERVE })).rejects.toThrow(
      /kept failing codedeploy:PutLifecycleEventHookExecutionStatus/,
    );
    expect(logger.errors.join('\n')).toContain('could not report Succeeded to CodeDeploy');
  });

  it('throws, without retrying, when CodeDeploy refuses the report', async () => {
    let tries = 0;
    const { all } = ports({
      reporter: {
        report: async () => {
          tries++;
          throw awsError('InvalidLifecycleEventHookExecutionIdException');
        },
      },
    });
    await expect(runLifecycleHook(EVENT, all, { reserveMs: RESERVE })).rejects.toThrow();
    expect(tries).toBe(1);
  });

  it('does not throw when the hook execution was already reported', async () => {
    const { all, logger } = ports({
      reporter: {
        report: async () => Promise.reject(awsError('LifecycleEventAlreadyCompletedException')),
      },
    });
    const result = await runLifecycleHook(EVENT, all, { reserveMs: RESERVE });
    expect(result.alreadyReported).toBe(true);
    expect(logger.warnings.join('\n')).toContain('already complete');
  });

  it('throws without reporting when the event is not a CodeDeploy hook event', async () => {
    const { all, reports } = ports();
    await expect(runLifecycleHook({ foo: 1 }, all, { reserveMs: RESERVE })).rejects.toThrow(
      /no DeploymentId/,
    );
    expect(reports).toEqual([]);
  });
});
