/**
 * How the watcher spends its calls, in virtual time: a scripted 60-s build whose log stream
 * appears at 6.5 s, writes 5 lines a second, announces its end at 57 s and turns final at 60 s.
 */
import { BuildWatcher, type BuildEvent } from '../../src/codebuild/build-watcher.js';
import { VirtualClock, awsError, scriptedClients } from '../helpers/virtual-time.js';

const ID = 'web:0f1e2d3c';
const STREAM_AT = 6_500;
const END_LINE_AT = 57_000;
const FINAL_AT = 60_000;

interface Script {
  /** Output lines of the build: [time written, text]. */
  readonly lines: readonly [number, string][];
}

function agent(at: number, text: string): [number, string] {
  return [at, `[Container] 2026/11/27 12:00:00.000000 ${text}`];
}

function steadyScript(): Script {
  const lines: [number, string][] = [agent(STREAM_AT, 'Entering phase BUILD')];
  for (let t = 10_000; t < END_LINE_AT; t += 200) lines.push([t, `line at ${t}`]);
  lines.push(agent(END_LINE_AT, 'Phase complete: UPLOAD_ARTIFACTS State: SUCCEEDED'));
  lines.push(agent(END_LINE_AT, 'Phase context status code:  Message: '));
  return { lines };
}

function quietScript(): Script {
  return { lines: [agent(STREAM_AT, 'Entering phase BUILD'), [7_000, 'compiling quietly']] };
}

function buildAt(time: number, finalAt: number): Record<string, unknown> {
  const final = time >= finalAt;
  return {
    id: ID,
    buildNumber: 3,
    startTime: 0,
    buildStatus: final ? 'SUCCEEDED' : 'IN_PROGRESS',
    currentPhase: final ? 'COMPLETED' : time < STREAM_AT ? 'PROVISIONING' : 'BUILD',
    phases: final
      ? [{ phaseType: 'UPLOAD_ARTIFACTS', phaseStatus: 'SUCCEEDED', startTime: 50, endTime: 57 }]
      : [],
    ...(time >= STREAM_AT
      ? { logs: { groupName: '/aws/codebuild/web', streamName: '0f1e2d3c' } }
      : {}),
  };
}

async function watch(script: Script, options: { finalAt?: number; pollIntervalMs?: number } = {}) {
  const clock = new VirtualClock();
  const finalAt = options.finalAt ?? FINAL_AT;
  const { calls, codebuild, logs } = scriptedClients(clock, (operation, body) => {
    if (operation === 'BatchGetBuilds') return { builds: [buildAt(clock.now(), finalAt)] };
    if (clock.now() < STREAM_AT)
      throw awsError('ResourceNotFoundException', 'The specified log stream does not exist.');
    const token = typeof body.nextToken === 'string' ? body.nextToken : 'f/0';
    const from = Number(token.slice(2));
    const visible = script.lines.filter(([at]) => at <= clock.now());
    const events = visible
      .slice(from, from + 10_000)
      .map(([at, message]) => ({ timestamp: at, message, ingestionTime: at }));
    return { events, nextForwardToken: `f/${from + events.length}`, nextBackwardToken: 'b/0' };
  });
  const watcher = new BuildWatcher(
    { id: ID, buildStatus: 'IN_PROGRESS' },
    { codebuild, logs, clock },
    {
      region: 'us-east-1',
      pollIntervalMs: options.pollIntervalMs ?? 5_000,
      streamLogs: true,
    },
  );
  const events: BuildEvent[] = [];
  for await (const event of watcher.events()) events.push(event);
  const printed = events.flatMap((event) => (event.type === 'log' ? event.lines : []));
  return { calls, events, printed, endedAt: clock.now() };
}

const count = (calls: { operation: string }[], operation: string) =>
  calls.filter((call) => call.operation === operation).length;

describe('BuildWatcher call budget (virtual time)', () => {
  it('reads only the log while it flows: 15 calls for a 60-s build, StartBuild and the end included', async () => {
    const { calls, printed, events } = await watch(steadyScript());
    expect(printed).toEqual(steadyScript().lines.map(([, text]) => text));
    expect(events.at(-1)).toMatchObject({ type: 'end', final: true });
    // Status at 5 s (no stream yet) and 10 s (stream), the log every 5 s from 10 s to 60 s,
    // where the end is read; the status at once then, since the line was written 3 s earlier.
    expect(calls.map((call) => `${call.at / 1000} ${call.operation}`)).toEqual([
      '5 BatchGetBuilds',
      '10 BatchGetBuilds',
      ...[10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60].map((t) => `${t} GetLogEvents`),
      '60 BatchGetBuilds',
    ]);
  });

  it('takes the first look at the status when FINALIZING has likely passed, then every second', async () => {
    const { calls, endedAt } = await watch(steadyScript(), {
      pollIntervalMs: 1_000,
      finalAt: 61_500,
    });
    const endLooks = calls.filter(
      (call) => call.operation === 'BatchGetBuilds' && call.at >= END_LINE_AT,
    );
    expect(endLooks.map((call) => call.at)).toEqual([59_000, 60_000, 61_000, 62_000]);
    expect(endedAt - 61_500).toBeLessThanOrEqual(1_000);
    expect(
      calls.filter((call) => call.operation === 'GetLogEvents' && call.at > END_LINE_AT),
    ).toEqual([]);
  });

  it('reads the log after the end until the agent’s closing line is in', async () => {
    const script = steadyScript();
    const late: [number, string][] = script.lines.map(([at, text]) => [
      at >= END_LINE_AT ? 61_000 : at,
      text,
    ]);
    const { printed, calls } = await watch({ lines: late }, { finalAt: 58_000 });
    expect(printed).toEqual(late.map(([, text]) => text));
    expect(
      calls.filter((call) => call.operation === 'GetLogEvents' && call.at > 58_000).length,
    ).toBeGreaterThan(0);
  });

  it('checks the status every third interval while the log is quiet, not at every read', async () => {
    const { calls } = await watch(quietScript(), { finalAt: 120_000 });
    const quiet = calls.filter((call) => call.at > 30_000 && call.at <= 90_000);
    expect(count(quiet, 'GetLogEvents')).toBe(12);
    expect(count(quiet, 'BatchGetBuilds')).toBe(4);
  });

  it('waits for a log stream that does not exist yet without an error', async () => {
    const { events } = await watch(steadyScript(), { pollIntervalMs: 1_000 });
    expect(events.filter((event) => event.type === 'notice')).toEqual([]);
  });
});
