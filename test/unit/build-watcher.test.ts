/**
 * How the watcher spends its calls, in virtual time: a scripted build whose log stream appears
 * at 6.5 s and writes 5 lines a second until the agent's last phase line (57 s by default); the
 * status turns final when FINALIZING is over (3 s later by default). Tests bound the calls and
 * check what a user sees (every line once, the end seen soon), not the exact schedule.
 */
import { BuildWatcher, type BuildEvent } from '../../src/codebuild/build-watcher.js';
import { isFinal } from '../../src/codebuild/build-outcome.js';
import {
  VirtualClock,
  awsError,
  scriptedClients,
  type ScriptedCall,
} from '../helpers/virtual-time.js';

const ID = 'web:0f1e2d3c';
const STREAM_AT = 6_500;
const END_LINE_AT = 57_000;
const FINAL_AT = 60_000;
/** CodeBuild reports the end; the watcher must have seen it this soon after. */
const END_SEEN_WITHIN_MS = 3_000;

interface Script {
  /** Output lines of the build: [time written, text]. */
  readonly lines: readonly [number, string][];
}

function agent(at: number, text: string): [number, string] {
  return [at, `[Container] 2026/11/27 12:00:00.000000 ${text}`];
}

function steadyScript(endLineAt = END_LINE_AT): Script {
  const lines: [number, string][] = [agent(STREAM_AT, 'Entering phase BUILD')];
  for (let t = 10_000; t < endLineAt; t += 200) lines.push([t, `line at ${t}`]);
  lines.push(agent(endLineAt, 'Phase complete: UPLOAD_ARTIFACTS State: SUCCEEDED'));
  lines.push(agent(endLineAt, 'Phase context status code:  Message: '));
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

interface WatchOptions {
  finalAt?: number;
  pollIntervalMs?: number;
  /** Answers the status read at this time with a ThrottlingException when true. */
  throttleStatus?: (time: number) => boolean;
  /** Sees each event as the watcher yields it, e.g. to cancel at some point. */
  onEvent?: (event: BuildEvent, watcher: BuildWatcher, clock: VirtualClock) => void;
}

async function watch(script: Script, options: WatchOptions = {}) {
  const clock = new VirtualClock();
  const finalAt = options.finalAt ?? FINAL_AT;
  const { calls, codebuild, logs } = scriptedClients(clock, (operation, body) => {
    if (operation === 'BatchGetBuilds') {
      if (options.throttleStatus?.(clock.now()))
        throw awsError('ThrottlingException', 'Rate exceeded');
      return { builds: [buildAt(clock.now(), finalAt)] };
    }
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
  /** When the watcher first saw the final status (infinite if never). */
  let finalSeenAt = Number.POSITIVE_INFINITY;
  for await (const event of watcher.events()) {
    events.push(event);
    if (event.type === 'status' && isFinal(event.build))
      finalSeenAt = Math.min(finalSeenAt, clock.now());
    options.onEvent?.(event, watcher, clock);
  }
  const printed = events.flatMap((event) => (event.type === 'log' ? event.lines : []));
  return { calls, events, printed, finalSeenAt };
}

const count = (calls: readonly ScriptedCall[], operation: string) =>
  calls.filter((call) => call.operation === operation).length;

const texts = (script: Script) => script.lines.map(([, text]) => text);

/** Calls of `operation` made after the log read that found the end line (written at `endLineAt`). */
function afterEndRead(
  calls: readonly ScriptedCall[],
  endLineAt: number,
  operation: 'BatchGetBuilds' | 'GetLogEvents',
): ScriptedCall[] {
  const endRead = calls.findIndex(
    (call) => call.operation === 'GetLogEvents' && call.at >= endLineAt,
  );
  return calls.slice(endRead + 1).filter((call) => call.operation === operation);
}

const endLooks = (calls: readonly ScriptedCall[], endLineAt: number) =>
  afterEndRead(calls, endLineAt, 'BatchGetBuilds');

/** Log reads after the one that found the end line, which brought the closing line with it. */
const logReadsAfterEnd = (calls: readonly ScriptedCall[], endLineAt: number) =>
  afterEndRead(calls, endLineAt, 'GetLogEvents');

const gaps = (calls: readonly ScriptedCall[]) =>
  calls.slice(1).map((call, index) => call.at - (calls[index] as ScriptedCall).at);

/**
 * Where the end line falls between two log reads (every 5 s, the one at 60 s finding it) decides
 * how long the watcher waits before its first look: every offset from just after the read at
 * 55 s to exactly at the read at 60 s.
 */
const END_LINE_OFFSETS = Array.from({ length: 20 }, (_, i) => END_LINE_AT - 1_750 + i * 250);

describe('BuildWatcher call budget (virtual time)', () => {
  it('spends at most 15 calls on a 60-s build with a steady log and a 3-s FINALIZING', async () => {
    const { calls, printed, events, finalSeenAt } = await watch(steadyScript());
    expect(printed).toEqual(texts(steadyScript()));
    expect(events.at(-1)).toMatchObject({ type: 'end', final: true });
    expect(calls.length).toBeLessThanOrEqual(15);
    expect(finalSeenAt - FINAL_AT).toBeLessThanOrEqual(END_SEEN_WITHIN_MS);
    expect(logReadsAfterEnd(calls, END_LINE_AT)).toEqual([]);
  });

  it.each(END_LINE_OFFSETS)(
    'stays within 15 calls wherever the end line falls between two log reads (3-s FINALIZING, line at %i ms)',
    async (endLineAt) => {
      const finalAt = endLineAt + 3_000;
      const { calls, printed, finalSeenAt } = await watch(steadyScript(endLineAt), { finalAt });
      expect(printed).toEqual(texts(steadyScript(endLineAt)));
      expect(calls.length).toBeLessThanOrEqual(15);
      expect(finalSeenAt - finalAt).toBeLessThanOrEqual(END_SEEN_WITHIN_MS);
      expect(logReadsAfterEnd(calls, endLineAt)).toEqual([]);
    },
  );

  it.each(END_LINE_OFFSETS)(
    'backs off through an 11-s quiet FINALIZING after a line at %i ms: at most 19 calls, end seen within 3 s',
    async (endLineAt) => {
      const finalAt = endLineAt + 11_000;
      const { calls, printed, events, finalSeenAt } = await watch(steadyScript(endLineAt), {
        finalAt,
      });
      expect(printed).toEqual(texts(steadyScript(endLineAt)));
      expect(events.at(-1)).toMatchObject({ type: 'end', final: true });
      expect(calls.length).toBeLessThanOrEqual(19);
      expect(finalSeenAt - finalAt).toBeLessThanOrEqual(END_SEEN_WITHIN_MS);
      expect(logReadsAfterEnd(calls, endLineAt)).toEqual([]);
    },
  );

  it.each([
    [5_000, 3_000],
    [2_000, 2_000],
    [500, 500],
  ])(
    'never leaves more than min(3 s, poll interval) between looks at a long FINALIZING (poll interval %i ms)',
    async (pollIntervalMs, longestGap) => {
      const finalAt = END_LINE_AT + 40_000;
      const { calls, finalSeenAt } = await watch(steadyScript(), { finalAt, pollIntervalMs });
      const looks = endLooks(calls, END_LINE_AT);
      expect(looks.length).toBeGreaterThan(1);
      expect(Math.max(...gaps(looks))).toBeLessThanOrEqual(longestGap);
      expect(finalSeenAt - finalAt).toBeLessThanOrEqual(longestGap);
    },
  );

  it('takes the first look at the status when FINALIZING has likely passed', async () => {
    // With a 1-s interval the end line is read as it is written, at 57 s.
    const { calls } = await watch(steadyScript(), { pollIntervalMs: 1_000, finalAt: 61_500 });
    const [first] = endLooks(calls, END_LINE_AT);
    expect(first?.at).toBe(END_LINE_AT + 2_000);
  });

  it('looks at the status at once when the end line was read late', async () => {
    // Written at 57 s, read at 60 s: FINALIZING has likely passed already.
    const { calls } = await watch(steadyScript(), { finalAt: 68_000 });
    const endRead = calls.find(
      (call) => call.operation === 'GetLogEvents' && call.at >= END_LINE_AT,
    );
    const [first] = endLooks(calls, END_LINE_AT);
    expect(first?.at).toBe(endRead?.at);
  });

  it('backs off after a throttled look at the end instead of asking again at once', async () => {
    const finalAt = FINAL_AT + 8_000;
    let throttledAt: number | undefined;
    const { calls, events, finalSeenAt } = await watch(steadyScript(), {
      finalAt,
      throttleStatus: (time) => {
        if (time < END_LINE_AT || throttledAt !== undefined) return false;
        throttledAt = time;
        return true;
      },
    });
    const looks = endLooks(calls, END_LINE_AT);
    expect(looks[0]?.at).toBe(throttledAt);
    expect(Math.min(...gaps(looks))).toBeGreaterThanOrEqual(1_000);
    expect(events.filter((event) => event.type === 'notice')).toHaveLength(1);
    expect(finalSeenAt - finalAt).toBeLessThanOrEqual(END_SEEN_WITHIN_MS);
  });

  it('keeps polling every second after a cancel, even in a long FINALIZING', async () => {
    let cancelledAt: number | undefined;
    const { calls, events } = await watch(steadyScript(), {
      finalAt: 90_000,
      onEvent: (event, watcher, clock) => {
        if (cancelledAt === undefined && event.type === 'status' && clock.now() >= 63_000) {
          cancelledAt = clock.now();
          watcher.hurry(cancelledAt + 5_000);
        }
      },
    });
    expect(cancelledAt).toBeDefined();
    const afterCancel = calls.filter(
      (call) => call.operation === 'BatchGetBuilds' && call.at >= (cancelledAt as number),
    );
    expect(afterCancel.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...gaps(afterCancel))).toBeLessThanOrEqual(1_000);
    expect(events.at(-1)).toMatchObject({ type: 'end', final: false });
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

  it('checks the status while the log is quiet, but not at every read', async () => {
    const finalAt = 120_000;
    const { calls, finalSeenAt } = await watch(quietScript(), { finalAt });
    const quiet = calls.filter((call) => call.at > 30_000 && call.at <= 90_000);
    // At most one status read for every three log reads.
    expect(count(quiet, 'BatchGetBuilds')).toBeLessThanOrEqual(count(quiet, 'GetLogEvents') / 3);
    // A build that ends without a word is still seen within three poll intervals.
    expect(finalSeenAt - finalAt).toBeLessThanOrEqual(15_000);
  });

  it('waits for a log stream that does not exist yet without an error', async () => {
    const { events } = await watch(steadyScript(), { pollIntervalMs: 1_000 });
    expect(events.filter((event) => event.type === 'notice')).toEqual([]);
  });
});
