/**
 * A fake AWS endpoint for CodeBuild and CloudWatch Logs on 127.0.0.1, for wire-level tests and
 * benchmarks. It speaks the AWS JSON 1.1 protocol like the real services, so unmodified AWS SDK v3
 * clients (`endpoint: fake.url`, any region, any static credentials) sign, send, retry and parse
 * against it exactly as they would against AWS.
 *
 * Builds are scripted (`BuildScenario`) and progress in wall-clock time from StartBuild: phases in
 * CodeBuild order, agent log lines in the log stream, failures, timeouts, stops, S3-only logging,
 * late CloudWatch flushes. Faults (throttling, 5xx, access denied) can be injected per operation.
 * Builds that something else started (a webhook, CodePipeline) come from `startExternalBuild` and
 * `seedBuilds`, and ListBuildsForProject pages through a project's builds, newest first. Test and
 * coverage reports of a build (aws-reports.ts) answer BatchGetReports, DescribeTestCases and
 * DescribeCodeCoverages.
 *
 * The module imports only Node built-ins and uses only type-strippable syntax, so a benchmark can
 * load it directly with `node --experimental-strip-types`.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BatchCore, BatchExtension, FakeBatchAccess } from './aws-batch.js';
import type { AwsCall, AwsFailure } from './aws-faults.js';
import type { FakeReport, ReportCore, ReportExtension } from './aws-reports.js';

// Loaded by URL so that this file runs under plain type stripping, which needs the `.ts` name,
// while type-checking still sees the modules' types.
const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
const { AwsError, answerJson, countCalls, faults, recordCall } = (await import(
  new URL(`./aws-faults.${ext}`, import.meta.url).href
)) as typeof import('./aws-faults.js');
const { header, listen, readBody } = (await import(
  new URL(`./http.${ext}`, import.meta.url).href
)) as typeof import('./http.js');

// ---------------------------------------------------------------------------------------------
// Scenario model
// ---------------------------------------------------------------------------------------------

/** Every CodeBuild phase, in the order CodeBuild runs them. */
export const PHASE_ORDER = [
  'SUBMITTED',
  'QUEUED',
  'PROVISIONING',
  'DOWNLOAD_SOURCE',
  'INSTALL',
  'PRE_BUILD',
  'BUILD',
  'POST_BUILD',
  'UPLOAD_ARTIFACTS',
  'FINALIZING',
  'COMPLETED',
] as const;

export type PhaseType = (typeof PHASE_ORDER)[number];
/** Phases that have a duration; COMPLETED only has a start. */
export type TimedPhase = Exclude<PhaseType, 'COMPLETED'>;
/** Phases whose buildspec commands run in the build container. */
export type CommandPhase = 'INSTALL' | 'PRE_BUILD' | 'BUILD' | 'POST_BUILD';
export type PhaseStatus = 'SUCCEEDED' | 'FAILED' | 'FAULT' | 'TIMED_OUT' | 'STOPPED';
export type BuildStatus = PhaseStatus | 'IN_PROGRESS';

export interface PhaseContext {
  statusCode: string;
  message: string;
}

/**
 * Output lines of a phase: an explicit list (spread evenly over the phase), or a generated count,
 * either spread evenly over the phase (a steady log) or all written when the phase starts (a burst).
 */
export type LogLines =
  readonly string[] | { count: number; at?: 'spread' | 'start'; line?: (index: number) => string };

export interface PhaseScript {
  durationMs: number;
  /** Default SUCCEEDED. */
  status?: PhaseStatus;
  /** Default: `{statusCode: '', message: ''}` on success, derived from `command` on failure. */
  contexts?: PhaseContext[];
  /** Shown as `Running command <command>`; a failure reports it with `exitCode`. */
  command?: string;
  /** Exit status of a failing `command`; default 1. */
  exitCode?: number;
  logs?: LogLines;
}

export interface BuildScenario {
  /** Script per phase; a phase left out takes `defaultPhaseMs` and succeeds silently. */
  phases?: Partial<Record<TimedPhase, PhaseScript>>;
  /** Default 50. */
  defaultPhaseMs?: number;
  /** Final build status; default: the first phase status other than SUCCEEDED, else SUCCEEDED. */
  buildStatus?: PhaseStatus;
  /** `exportedEnvironmentVariables` of the build, visible once it is final. */
  exportedVariables?: Record<string, string>;
  /** false = S3-only logging. Default: the project's setting (true unless configured). */
  cloudWatchLogs?: boolean;
  /**
   * CloudWatch flush delay: the lines of the last `lateLogPhases` phases that wrote lines
   * become visible only this long after the build's status became final.
   */
  lateLogMs?: number;
  /** Default 2. */
  lateLogPhases?: number;
  /** The stream is named in `build.logs` but does not exist for this long. */
  streamDelayMs?: number;
  /** Time from StopBuild until the build is STOPPED; default: the server's (1000). */
  stopDelayMs?: number;
  /** Write the CodeBuild agent's own lines (`[Container] ...`); default true. */
  agentLines?: boolean;
  /** Test and coverage reports: they exist, and `reportArns` names them, once the build is final. */
  reports?: FakeReport[];
}

/** Phase durations in ms. */
export type PhaseTimings = Record<TimedPhase, number>;

/** About 0.7 s in total: for tests. */
export const fastTimings: Readonly<PhaseTimings> = {
  SUBMITTED: 20,
  QUEUED: 30,
  PROVISIONING: 100,
  DOWNLOAD_SOURCE: 50,
  INSTALL: 50,
  PRE_BUILD: 50,
  BUILD: 200,
  POST_BUILD: 50,
  UPLOAD_ARTIFACTS: 50,
  FINALIZING: 100,
};

/** A plausible 60 s build: for benchmarks and manual runs. */
export const realisticTimings: Readonly<PhaseTimings> = {
  SUBMITTED: 500,
  QUEUED: 1_000,
  PROVISIONING: 5_000,
  DOWNLOAD_SOURCE: 2_000,
  INSTALL: 8_000,
  PRE_BUILD: 3_000,
  BUILD: 33_000,
  POST_BUILD: 2_000,
  UPLOAD_ARTIFACTS: 2_500,
  FINALIZING: 3_000,
};

// ---------------------------------------------------------------------------------------------
// Scenario helpers
// ---------------------------------------------------------------------------------------------

export interface ScenarioOptions extends Omit<BuildScenario, 'phases' | 'buildStatus'> {
  /** Merged over `fastTimings`. */
  timings?: Partial<PhaseTimings>;
  /** Output lines per phase; default five generated lines in BUILD. */
  logs?: Partial<Record<TimedPhase, LogLines>>;
  /** Commands per phase; default `make test` in BUILD. */
  commands?: Partial<Record<CommandPhase, string>>;
}

/** A build in which every phase succeeds. */
export function successScenario(options: ScenarioOptions = {}): BuildScenario {
  const { timings, logs, commands, ...rest } = options;
  const durations = { ...fastTimings, ...timings };
  const lines: Partial<Record<TimedPhase, LogLines>> = logs ?? { BUILD: { count: 5 } };
  const cmds: Partial<Record<CommandPhase, string>> = commands ?? { BUILD: 'make test' };
  const phases: Partial<Record<TimedPhase, PhaseScript>> = {};
  for (const phase of PHASE_ORDER) {
    if (phase === 'COMPLETED') continue;
    const script: PhaseScript = { durationMs: durations[phase] };
    const phaseLines = lines[phase];
    if (phaseLines) script.logs = phaseLines;
    const command = isCommandPhase(phase) ? cmds[phase] : undefined;
    if (command !== undefined) script.command = command;
    phases[phase] = script;
  }
  return { ...rest, phases };
}

export interface FailureOptions extends ScenarioOptions {
  /** Default BUILD. */
  phase?: Exclude<TimedPhase, 'SUBMITTED' | 'COMPLETED' | 'FINALIZING'>;
  /** The failing command; default `make test` (only for command phases). */
  command?: string;
  /** Default 2. */
  exitCode?: number;
  contexts?: PhaseContext[];
}

/** A phase FAILS (default: BUILD, `make test` exit status 2). */
export function failureScenario(options: FailureOptions = {}): BuildScenario {
  return withPhaseStatus('FAILED', options, undefined);
}

/** A phase ends in FAULT (default BUILD): the build is cut short and goes to FINALIZING. */
export function faultScenario(options: FailureOptions = {}): BuildScenario {
  // Illustrative context; real faults carry whatever the service reports.
  return withPhaseStatus('FAULT', options, [
    { statusCode: 'INTERNAL_ERROR', message: 'Internal service error' },
  ]);
}

/** A phase TIMES OUT (default BUILD): the container is killed mid-phase. */
export function timeoutScenario(options: FailureOptions = {}): BuildScenario {
  return withPhaseStatus('TIMED_OUT', options, [
    { statusCode: 'BUILD_TIMED_OUT', message: 'Build has timed out. ' },
  ]);
}

/** A successful build that logs to S3 only: no CloudWatch group or stream. */
export function s3OnlyScenario(options: ScenarioOptions = {}): BuildScenario {
  return successScenario({ ...options, cloudWatchLogs: false });
}

/** A successful build whose last lines reach CloudWatch `lateLogMs` (default 1500) after it ends. */
export function lateLogScenario(options: ScenarioOptions = {}): BuildScenario {
  return successScenario({ lateLogMs: 1_500, ...options });
}

export interface SteadyLogOptions extends ScenarioOptions {
  /** Duration of the BUILD phase. */
  durationMs: number;
  linesPerSecond: number;
}

/** A successful build whose BUILD phase writes lines at a steady rate. */
export function steadyLogScenario(options: SteadyLogOptions): BuildScenario {
  const { durationMs, linesPerSecond, ...rest } = options;
  const count = Math.round((durationMs / 1000) * linesPerSecond);
  return successScenario({
    ...rest,
    timings: { ...rest.timings, BUILD: durationMs },
    logs: { ...rest.logs, BUILD: { count, at: 'spread' } },
  });
}

/** A successful build whose BUILD phase writes `lines` (default 30,000) lines at once. */
export function bigLogScenario(lines = 30_000, options: ScenarioOptions = {}): BuildScenario {
  return successScenario({
    ...options,
    logs: { ...options.logs, BUILD: { count: lines, at: 'start' } },
  });
}

function withPhaseStatus(
  status: PhaseStatus,
  options: FailureOptions,
  defaultContexts: PhaseContext[] | undefined,
): BuildScenario {
  const { phase = 'BUILD', command, exitCode = 2, contexts, ...rest } = options;
  const scenario = successScenario(rest);
  const phases = scenario.phases ?? {};
  const script: PhaseScript = { ...(phases[phase] ?? { durationMs: fastTimings[phase] }), status };
  if (isCommandPhase(phase)) {
    script.command = command ?? script.command ?? 'make test';
    script.exitCode = exitCode;
  }
  const chosen = contexts ?? defaultContexts;
  if (chosen) script.contexts = chosen;
  return { ...scenario, phases: { ...phases, [phase]: script } };
}

function isCommandPhase(phase: PhaseType): phase is CommandPhase {
  return (
    phase === 'INSTALL' || phase === 'PRE_BUILD' || phase === 'BUILD' || phase === 'POST_BUILD'
  );
}

// ---------------------------------------------------------------------------------------------
// Build timeline: where every phase and log line falls in time
// ---------------------------------------------------------------------------------------------

interface PlannedPhase {
  type: PhaseType;
  start: number;
  /** Undefined only for COMPLETED. */
  end?: number;
  status?: PhaseStatus;
  contexts?: PhaseContext[];
}

interface PlannedLine {
  /** Epoch ms the line was written (the event timestamp). */
  at: number;
  /** Epoch ms from which GetLogEvents returns it (the ingestion time). */
  visibleAt: number;
  /** The text without the agent's `[Container] <time>` prefix and without the newline. */
  text: string;
  /** Written by the CodeBuild agent, so prefixed with `[Container] <time>`. */
  agent: boolean;
  message: string;
  bytes: number;
  phase: TimedPhase;
  /** "Phase complete" lines and the like, which a stop or a kill never writes. */
  completion: boolean;
}

interface Plan {
  phases: PlannedPhase[];
  lines: PlannedLine[];
  finalAt: number;
  buildStatus: PhaseStatus;
  /** When the build's stream got its name (DOWNLOAD_SOURCE started); undefined if never. */
  streamNamedAt?: number;
  /** When the stream starts to exist in CloudWatch. */
  streamExistsAt?: number;
}

/** Lay out a scenario from `t0`; with `stop`, the phase running at `stop.at` is STOPPED. */
function planBuild(
  scenario: BuildScenario,
  t0: number,
  srcDir: string,
  stop?: { at: number; latePhases: ReadonlySet<TimedPhase> },
): Plan {
  const phases: PlannedPhase[] = [];
  const lines: PlannedLine[] = [];
  const agent = scenario.agentLines !== false;
  let cursor = t0;
  let skipToFinalizing = false;
  let stopped = false;

  for (const type of PHASE_ORDER) {
    if (type === 'COMPLETED') break;
    if (skipToFinalizing && type !== 'FINALIZING') continue;
    const script = scenario.phases?.[type] ?? { durationMs: scenario.defaultPhaseMs ?? 50 };

    const start = cursor;
    const scriptedEnd = start + Math.max(0, script.durationMs);
    const scriptedStatus: PhaseStatus = script.status ?? 'SUCCEEDED';
    // A stop cuts the phase running when it takes effect; FINALIZING cannot be stopped.
    const stopsHere = !!stop && !stopped && type !== 'FINALIZING' && stop.at < scriptedEnd;
    const end = stopsHere ? Math.max(start, stop.at) : scriptedEnd;
    const status: PhaseStatus = stopsHere ? 'STOPPED' : scriptedStatus;
    const contexts = phaseContexts(type, status, script, stopsHere);
    phases.push({ type, start, end, status, ...(contexts ? { contexts } : {}) });
    if (agent || script.logs) {
      // Lines keep the times of the unstopped plan, so lines already served never change.
      for (const line of phaseLines(
        type,
        start,
        scriptedEnd,
        scriptedStatus,
        script,
        agent,
        srcDir,
      )) {
        if (stopsHere && (line.completion || line.at > end)) continue;
        lines.push(line);
      }
    }
    cursor = end;

    if (stopsHere) {
      stopped = true;
      skipToFinalizing = true;
    } else if (status !== 'SUCCEEDED') {
      // CodeBuild's transitions: BUILD failing still runs POST_BUILD and UPLOAD_ARTIFACTS, POST_BUILD
      // failing still uploads artifacts; any other failure, and every fault or timeout, goes
      // straight to FINALIZING (so the early phases skip UPLOAD_ARTIFACTS too).
      const continues = status === 'FAILED' && (type === 'BUILD' || type === 'POST_BUILD');
      if (!continues) skipToFinalizing = true;
    }
  }

  const finalAt = cursor;
  phases.push({ type: 'COMPLETED', start: finalAt });
  const ran = phases.filter((p) => p.type !== 'COMPLETED' && p.type !== 'FINALIZING');
  const firstBad = ran.find((p) => p.status !== 'SUCCEEDED')?.status;
  const buildStatus: PhaseStatus = stopped
    ? 'STOPPED'
    : (scenario.buildStatus ?? firstBad ?? 'SUCCEEDED');

  const downloadSource = phases.find((p) => p.type === 'DOWNLOAD_SOURCE');
  const logsToCloudWatch = scenario.cloudWatchLogs !== false;
  const streamNamedAt = logsToCloudWatch && downloadSource ? downloadSource.start : undefined;
  const streamExistsAt =
    streamNamedAt === undefined ? undefined : streamNamedAt + (scenario.streamDelayMs ?? 0);

  // The flush delay hits the last phases that wrote anything. A stopped build keeps the choice made
  // for the unstopped plan, so that no line already visible disappears again.
  const latePhases = stop?.latePhases ?? chooseLatePhases(scenario, lines);
  const lateFrom = finalAt + (scenario.lateLogMs ?? 0);
  let previousAt = NaN;
  let sameMs = 0;
  for (const line of lines) {
    // Every line ends with a newline, as CodeBuild's events do. The agent prints microseconds; lines
    // written in the same millisecond count up so that the printed times never go backwards.
    sameMs = line.at === previousAt ? sameMs + 1 : 0;
    previousAt = line.at;
    line.message = `${line.agent ? containerPrefix(line.at, sameMs) : ''}${line.text}\n`;
    line.bytes = Buffer.byteLength(line.message, 'utf8') + 26;
    let visibleAt = Math.max(line.at, streamExistsAt ?? line.at);
    if (scenario.lateLogMs && latePhases.has(line.phase)) visibleAt = Math.max(visibleAt, lateFrom);
    line.visibleAt = visibleAt;
  }
  return {
    phases,
    lines: logsToCloudWatch ? lines : [],
    finalAt,
    buildStatus,
    ...(streamNamedAt === undefined ? {} : { streamNamedAt, streamExistsAt }),
  };
}

function chooseLatePhases(scenario: BuildScenario, lines: PlannedLine[]): Set<TimedPhase> {
  const withLines: TimedPhase[] = [];
  for (const line of lines) if (withLines.at(-1) !== line.phase) withLines.push(line.phase);
  return new Set(withLines.slice(-(scenario.lateLogPhases ?? 2)));
}

function phaseContexts(
  type: TimedPhase,
  status: PhaseStatus,
  script: PhaseScript,
  stopped: boolean,
): PhaseContext[] | undefined {
  // SUBMITTED and QUEUED carry no contexts; later phases carry an empty one when all is well.
  if (type === 'SUBMITTED' || type === 'QUEUED') return script.contexts;
  // A stop overrides whatever the phase was scripted to end with.
  if (stopped) return [{ statusCode: '', message: '' }];
  if (status === 'SUCCEEDED') return script.contexts ?? [{ statusCode: '', message: '' }];
  if (script.contexts) return script.contexts;
  if (status === 'FAILED' && script.command !== undefined) {
    const reason = `exit status ${script.exitCode ?? 1}`;
    return [
      {
        statusCode: 'COMMAND_EXECUTION_ERROR',
        message: `Error while executing command: ${script.command}. Reason: ${reason}`,
      },
    ];
  }
  return [{ statusCode: status === 'FAULT' ? 'INTERNAL_ERROR' : 'CLIENT_ERROR', message: '' }];
}

/** The lines a phase writes, with the agent's own lines around the scripted output. */
function phaseLines(
  type: TimedPhase,
  start: number,
  end: number,
  status: PhaseStatus,
  script: PhaseScript,
  agent: boolean,
  srcDir: string,
): PlannedLine[] {
  if (
    type === 'SUBMITTED' ||
    type === 'QUEUED' ||
    type === 'PROVISIONING' ||
    type === 'FINALIZING'
  ) {
    return [];
  }
  const out: PlannedLine[] = [];
  const push = (at: number, text: string, isAgent: boolean, completion = false): void => {
    out.push({
      at,
      visibleAt: at,
      text,
      agent: isAgent,
      message: '',
      bytes: 0,
      phase: type,
      completion,
    });
  };
  if (agent) {
    if (type === 'DOWNLOAD_SOURCE') {
      for (const text of [
        'Running on CodeBuild On-demand',
        'Waiting for agent ping',
        'Waiting for DOWNLOAD_SOURCE',
        'Phase is DOWNLOAD_SOURCE',
        `CODEBUILD_SRC_DIR=${srcDir}`,
        `YAML location is ${srcDir}/buildspec.yml`,
        'Processing environment variables',
        `Moving to directory ${srcDir}`,
      ]) {
        push(start, text, true);
      }
    } else if (type !== 'UPLOAD_ARTIFACTS') {
      push(start, `Entering phase ${type}`, true);
    }
    if (script.command !== undefined) push(start, `Running command ${script.command}`, true);
  }

  const output = expandLines(script.logs);
  const burst = script.logs !== undefined && !isLineList(script.logs) && script.logs.at === 'start';
  output.forEach((text, i) => {
    const at = burst ? start : start + Math.floor(((i + 1) * (end - start)) / (output.length + 1));
    push(at, text, false);
  });

  // Only a phase that ran to its end gets the agent's summary; a stopped, timed-out or faulted
  // container is killed before it can write one.
  if (agent && (status === 'SUCCEEDED' || status === 'FAILED')) {
    if (status === 'FAILED' && script.command !== undefined) {
      push(
        end,
        `Command did not exit successfully ${script.command} exit status ${script.exitCode ?? 1}`,
        true,
        true,
      );
    }
    push(end, `Phase complete: ${type} State: ${status}`, true, true);
    const context = phaseContexts(type, status, script, false)?.[0];
    push(
      end,
      `Phase context status code: ${context?.statusCode ?? ''} Message: ${context?.message ?? ''}`,
      true,
      true,
    );
  }
  return out;
}

function expandLines(spec: LogLines | undefined): readonly string[] {
  if (!spec) return [];
  if (isLineList(spec)) return spec;
  const line = spec.line ?? ((i: number) => `output line ${i + 1} of ${spec.count}`);
  return Array.from({ length: spec.count }, (_, i) => line(i));
}

function isLineList(spec: LogLines): spec is readonly string[] {
  return Array.isArray(spec);
}

/** `[Container] 2026/11/27 12:00:01.234567 `, in UTC; `sameMs` orders lines within a millisecond. */
function containerPrefix(at: number, sameMs: number): string {
  const d = new Date(at);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const micros = d.getUTCMilliseconds() * 1000 + Math.min(sameMs, 999);
  return (
    `[Container] ${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(micros, 6)} `
  );
}

// ---------------------------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------------------------

export type CodeBuildOperation =
  | 'StartBuild'
  | 'BatchGetBuilds'
  | 'StopBuild'
  | 'ListBuildsForProject'
  | 'StartBuildBatch'
  | 'BatchGetBuildBatches'
  | 'StopBuildBatch'
  | 'BatchGetReports'
  | 'DescribeTestCases'
  | 'DescribeCodeCoverages';
export type LogsOperation = 'GetLogEvents';
export type AwsOperation = `CodeBuild.${CodeBuildOperation}` | `Logs.${LogsOperation}`;

export interface FakeProject {
  name: string;
  /** Default true; false = S3-only logging. */
  cloudWatchLogs?: boolean;
  /** Default `/aws/codebuild/<name>`. */
  logGroupName?: string;
  /** Bucket/prefix for S3 logs; default `<name>-logs/build-logs`. */
  s3LogsLocation?: string;
  /** Default a GitHub repository `https://github.com/example/<name>.git`. */
  source?: { type: string; location: string };
  /** Default `aws/codebuild/standard:7.0`. */
  image?: string;
  /** Default 60. */
  timeoutInMinutes?: number;
}

export interface FakeAwsOptions {
  /** Default us-east-1. */
  region?: string;
  /** Default 123456789012. */
  accountId?: string;
  projects: ReadonlyArray<string | FakeProject>;
  /** Used when a project has no scripted scenario left; default `successScenario()`. */
  defaultScenario?: BuildScenario;
  /** Time from StopBuild until the build is STOPPED; default 1000. */
  stopDelayMs?: number;
  /** The caller named in AccessDenied messages; its role/session becomes the build's initiator. */
  callerArn?: string;
  /** Default 0: a free port. */
  port?: number;
}

export type { AwsFailure };
export type { FakeReport, FakeTestCase } from './aws-reports.js';

/** A request to the fake, as `calls` lists it. */
export type FakeAwsCall = AwsCall;

export interface FakeBuildInfo {
  id: string;
  projectName: string;
  buildNumber: number;
  /** Epoch ms of StartBuild. */
  startedAt: number;
  /** Epoch ms at which the status is (or will be) final. */
  finalAt: number;
  isFinal: boolean;
  /** The status the build ends with. */
  finalStatus: PhaseStatus;
  stopRequestedAt?: number;
  /** The StartBuild request body; for a build started elsewhere, the equivalent one. */
  request: Record<string, unknown>;
  /** The build as BatchGetBuilds answers right now (wire JSON, epoch-second timestamps). */
  snapshot: WireBuild;
}

/** A build that something other than a StartBuild call started: a webhook, CodePipeline, the console. */
export interface ExternalBuildOptions {
  /** The build's `sourceVersion`: a commit, `pr/7`, a branch; default none (the default branch). */
  sourceVersion?: string;
  /**
   * The commit, shown once DOWNLOAD_SOURCE has ended. Default: `sourceVersion` if it is a commit,
   * else a sha derived from project and `sourceVersion`.
   */
  resolvedSourceVersion?: string;
  /** Default: the server's `defaultScenario`, else `successScenario()`; the `script()` queue is left alone. */
  scenario?: BuildScenario;
  /**
   * Default: what the project's source would put there: `GitHub-Hookshot/abc1234` (the webhook's
   * User-Agent) for GitHub and GitHub Enterprise, `Bitbucket-Webhooks/2.0` for Bitbucket,
   * `codepipeline/<project>` for any other source.
   */
  initiator?: string;
  /** Epoch ms the build started; default now. A start long enough ago gives a finished build. */
  startedAt?: number;
}

export interface SeedBuildsOptions extends Omit<ExternalBuildOptions, 'startedAt'> {
  /** Between the starts of consecutive builds, the last one this long before now; default 60 s. */
  intervalMs?: number;
}

export interface FakeAws extends FakeBatchAccess {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly region: string;
  readonly accountId: string;
  /** Every request, in arrival order (faulted ones included). */
  readonly calls: readonly FakeAwsCall[];
  /** Queue scenarios: each later StartBuild of `project` takes the next one. */
  script(project: string, ...scenarios: BuildScenario[]): void;
  /** Answer the next `count` calls of `operation` ('*' = any) with an error. */
  failNext(operation: AwsOperation | '*', failure: AwsFailure): void;
  clearFailures(): void;
  /** Calls per operation, e.g. `{ 'CodeBuild.BatchGetBuilds': 12 }`. */
  counts(): Record<string, number>;
  builds(): FakeBuildInfo[];
  build(id: string): FakeBuildInfo | undefined;
  /** Every message the build writes to its CloudWatch stream, visible yet or not. */
  logMessages(id: string): string[];
  /**
   * Start a build the way a webhook or CodePipeline does, without a StartBuild call: it is numbered,
   * planned and logged like any other, so BatchGetBuilds, GetLogEvents, StopBuild and
   * ListBuildsForProject see it.
   */
  startExternalBuild(project: string, options?: ExternalBuildOptions): FakeBuildInfo;
  /**
   * `count` builds started elsewhere, oldest (lowest build number) first, `intervalMs` apart and in
   * the past: final by now unless the scenario outlasts `intervalMs`. For pagination tests.
   */
  seedBuilds(project: string, count: number, options?: SeedBuildsOptions): FakeBuildInfo[];
  /** ARNs of the build's reports (`BuildScenario.reports`), in scenario order. */
  reportArnsOf(buildId: string): string[];
  close(): Promise<void>;
}

/** The build object on the wire (subset of CodeBuild's `Build` that this fake fills in). */
export interface WireBuild {
  id: string;
  arn: string;
  buildNumber: number;
  startTime: number;
  endTime?: number;
  currentPhase: PhaseType;
  buildStatus: BuildStatus;
  sourceVersion?: string;
  resolvedSourceVersion?: string;
  projectName: string;
  phases: WirePhase[];
  source: Record<string, unknown>;
  secondarySources: unknown[];
  secondarySourceVersions: unknown[];
  artifacts: Record<string, unknown>;
  secondaryArtifacts: unknown[];
  cache: Record<string, unknown>;
  environment: Record<string, unknown>;
  serviceRole: string;
  logs: Record<string, unknown>;
  timeoutInMinutes: number;
  queuedTimeoutInMinutes: number;
  buildComplete: boolean;
  initiator: string;
  encryptionKey: string;
  exportedEnvironmentVariables?: { name: string; value: string }[];
  /** Once final, when the scenario has reports. */
  reportArns?: string[];
  /** Set on the members of a batch build. */
  buildBatchArn?: string;
}

export interface WirePhase {
  phaseType: PhaseType;
  phaseStatus?: PhaseStatus;
  startTime: number;
  endTime?: number;
  durationInSeconds?: number;
  contexts?: PhaseContext[];
}

interface BuildRecord {
  id: string;
  uuid: string;
  project: Required<Omit<FakeProject, 'source'>> & { source: { type: string; location: string } };
  buildNumber: number;
  startedAt: number;
  request: Record<string, unknown>;
  scenario: BuildScenario;
  srcDir: string;
  plan: Plan;
  latePhases: ReadonlySet<TimedPhase>;
  stopRequestedAt?: number;
  /** `initiator` on the wire: the caller's role/session for StartBuild, else who started it. */
  initiator: string;
  /** The commit, shown once DOWNLOAD_SOURCE has ended. */
  resolvedSourceVersion: string;
  buildBatchArn?: string;
}

const SERVICES: Record<string, 'CodeBuild' | 'Logs'> = {
  CodeBuild_20161006: 'CodeBuild',
  Logs_20140328: 'Logs',
};
const IDEMPOTENCY_WINDOW_MS = 5 * 60_000;
const MAX_PAGE_EVENTS = 10_000;
/** Ids per ListBuildsForProject page. */
const MAX_PAGE_BUILD_IDS = 100;
const MAX_PAGE_BYTES = 1_048_576;
/** Tokens look like CloudWatch's (`f/3...56 digits.../s`) but simply encode an event index. */
const TOKEN_BASE = 3n * 10n ** 55n;

type Json = Record<string, unknown>;

export async function startFakeAws(options: FakeAwsOptions): Promise<FakeAws> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const callerArn = options.callerArn ?? `arn:aws:sts::${accountId}:assumed-role/ci/x`;
  const defaultStopDelayMs = options.stopDelayMs ?? 1000;
  const projects = new Map<string, BuildRecord['project']>();
  for (const entry of options.projects) {
    const p = typeof entry === 'string' ? { name: entry } : entry;
    projects.set(p.name, {
      name: p.name,
      cloudWatchLogs: p.cloudWatchLogs ?? true,
      logGroupName: p.logGroupName ?? `/aws/codebuild/${p.name}`,
      s3LogsLocation: p.s3LogsLocation ?? `${p.name}-logs/build-logs`,
      source: p.source ?? { type: 'GITHUB', location: `https://github.com/example/${p.name}.git` },
      image: p.image ?? 'aws/codebuild/standard:7.0',
      timeoutInMinutes: p.timeoutInMinutes ?? 60,
    });
  }

  const calls: FakeAwsCall[] = [];
  const injected = faults({
    callerArn,
    denied(operation, body) {
      const [service, op] = operation.split('.') as [string, string];
      return {
        action: `${service === 'Logs' ? 'logs' : 'codebuild'}:${op}`,
        resource: resourceOf(service, body),
      };
    },
    // CodeBuild and CloudWatch Logs have no InternalServerException: it is its own message.
    internalErrors: ['InternalFailure'],
  });
  const scripts = new Map<string, BuildScenario[]>();
  const builds = new Map<string, BuildRecord>();
  const buildNumbers = new Map<string, number>();
  const idempotency = new Map<string, { at: number; key: string; buildId: string }>();
  const projectArn = (name: string): string =>
    `arn:aws:codebuild:${region}:${accountId}:project/${name}`;
  const buildArn = (id: string): string => `arn:aws:codebuild:${region}:${accountId}:build/${id}`;
  const batches = await loadBatches({
    region,
    accountId,
    initiator: initiatorOf(callerArn),
    stopDelayMs: defaultStopDelayMs,
    defaultScenario: () => options.defaultScenario ?? successScenario(),
    project(name) {
      const project = projects.get(name);
      if (!project) {
        throw new AwsError(
          'ResourceNotFoundException',
          `Project cannot be found: ${projectArn(name)}`,
        );
      }
      return {
        name,
        serviceRole: `arn:aws:iam::${accountId}:role/service-role/codebuild-${name}-service-role`,
        timeoutInMinutes: project.timeoutInMinutes,
        cloudWatchLogs: project.cloudWatchLogs,
        source: (request) => sourceOf({ project, request } as BuildRecord),
        environment: (request) => environmentOf({ project, request } as BuildRecord),
      };
    },
    startBuild(name, request, scenario, at, batch) {
      return createBuild(projects.get(name)!, request, scenario, at, batch).id;
    },
    stopBuild: (id, at) => requestStop(builds.get(id)!, at),
    outcome(id) {
      const { plan } = builds.get(id)!;
      return { finalAt: plan.finalAt, status: plan.buildStatus };
    },
    snapshot: (id, now) => snapshot(builds.get(id)!, now),
    error: (type, message) => new AwsError(type, message),
    validateEnvironmentVariables,
    lookUpIds,
    resolveSourceVersion,
    stableStringify,
  });
  const reports = await loadReports({
    region,
    accountId,
    finalAt: (id) => builds.get(id)!.plan.finalAt,
    error: (type, message) => new AwsError(type, message),
  });

  // ---- CodeBuild

  /** The project a request names, or the errors CodeBuild answers for a missing or unknown one. */
  function requireProject(body: Json): BuildRecord['project'] {
    const projectName = body.projectName;
    if (typeof projectName !== 'string' || projectName === '') {
      throw new AwsError('InvalidInputException', 'Project name is required');
    }
    const project = projects.get(projectName);
    if (!project) {
      throw new AwsError(
        'ResourceNotFoundException',
        `Project cannot be found: ${projectArn(projectName)}`,
      );
    }
    return project;
  }

  function startBuild(body: Json, now: number): Json {
    const project = requireProject(body);
    const projectName = project.name;
    validateEnvironmentVariables(body.environmentVariablesOverride);

    const token = body.idempotencyToken;
    const key = stableStringify({ ...body, idempotencyToken: undefined });
    if (typeof token === 'string') {
      const seen = idempotency.get(token);
      if (seen && now - seen.at < IDEMPOTENCY_WINDOW_MS) {
        if (seen.key !== key) {
          throw new AwsError(
            'InvalidInputException',
            `Idempotency token ${token} was already used with different parameters`,
          );
        }
        return { build: snapshot(builds.get(seen.buildId)!, now) };
      }
    }

    const scenario =
      scripts.get(projectName)?.shift() ?? options.defaultScenario ?? successScenario();
    const record = createBuild(project, body, scenario, now);
    if (typeof token === 'string') idempotency.set(token, { at: now, key, buildId: record.id });
    return { build: snapshot(record, now) };
  }

  /**
   * Number, plan and store a build: the one path for StartBuild and for builds started elsewhere.
   * `origin` overrides what the caller and the source would otherwise make of the build; a
   * batch member also gets the batch's uuid and ARN.
   */
  function createBuild(
    project: BuildRecord['project'],
    request: Record<string, unknown>,
    scenario: BuildScenario,
    startedAt: number,
    origin: {
      initiator?: string;
      resolvedSourceVersion?: string;
      uuid?: string;
      buildBatchArn?: string;
    } = {},
  ): BuildRecord {
    const buildNumber = (buildNumbers.get(project.name) ?? 0) + 1;
    buildNumbers.set(project.name, buildNumber);
    const uuid = origin.uuid ?? randomUUID();
    const effective: BuildScenario = {
      ...scenario,
      cloudWatchLogs: scenario.cloudWatchLogs ?? project.cloudWatchLogs,
    };
    const srcDir = `/codebuild/output/src${1_000_000_000 + Math.floor(Math.random() * 8_999_999_999)}/src`;
    const plan = planBuild(effective, startedAt, srcDir);
    const sourceVersion =
      typeof request.sourceVersion === 'string' ? request.sourceVersion : undefined;
    const record: BuildRecord = {
      id: `${project.name}:${uuid}`,
      uuid,
      project,
      buildNumber,
      startedAt,
      request,
      scenario: effective,
      srcDir,
      plan,
      latePhases: chooseLatePhases(effective, plan.lines),
      initiator: origin.initiator ?? initiatorOf(callerArn),
      resolvedSourceVersion:
        origin.resolvedSourceVersion ?? resolveSourceVersion(project.name, sourceVersion),
      ...(origin.buildBatchArn ? { buildBatchArn: origin.buildBatchArn } : {}),
    };
    builds.set(record.id, record);
    if (effective.reports?.length) {
      reports.create(
        {
          id: record.id,
          arn: buildArn(record.id),
          projectName: project.name,
          srcDir,
        },
        effective.reports,
      );
    }
    return record;
  }

  function batchGetBuilds(body: Json): Json {
    const now = Date.now();
    const { found, notFound } = lookUpIds(
      body.ids,
      (id) => {
        const record = builds.get(id);
        return record && snapshot(record, now);
      },
      'At least one build ID is required',
    );
    return { builds: found, buildsNotFound: notFound };
  }

  function stopBuild(body: Json, now: number): Json {
    const id = body.id;
    if (typeof id !== 'string' || !id.includes(':')) {
      throw new AwsError('InvalidInputException', 'Invalid build ID provided');
    }
    const record = builds.get(id);
    if (!record) throw new AwsError('ResourceNotFoundException', `Build ${id} does not exist`);
    const answer = snapshot(record, now);
    requestStop(record, now);
    return { build: answer };
  }

  function requestStop(record: BuildRecord, now: number): void {
    if (now < record.plan.finalAt && record.stopRequestedAt === undefined) {
      record.stopRequestedAt = now;
      const stopAt = now + (record.scenario.stopDelayMs ?? defaultStopDelayMs);
      record.plan = planBuild(record.scenario, record.startedAt, record.srcDir, {
        at: stopAt,
        latePhases: record.latePhases,
      });
    }
  }

  function snapshot(record: BuildRecord, now: number): WireBuild {
    const { plan, project, request } = record;
    const phases: WirePhase[] = [];
    for (const p of plan.phases) {
      if (p.start > now) break;
      if (p.end === undefined || p.end > now) {
        phases.push({ phaseType: p.type, startTime: seconds(p.start) });
        continue;
      }
      phases.push({
        phaseType: p.type,
        phaseStatus: p.status!,
        startTime: seconds(p.start),
        endTime: seconds(p.end),
        durationInSeconds: Math.floor((p.end - p.start) / 1000),
        ...(p.contexts ? { contexts: p.contexts } : {}),
      });
    }
    const final = now >= plan.finalAt;
    const downloaded = plan.phases.find((p) => p.type === 'DOWNLOAD_SOURCE');
    const sourceVersion =
      typeof request.sourceVersion === 'string' ? request.sourceVersion : undefined;
    const build: WireBuild = {
      id: record.id,
      arn: buildArn(record.id),
      buildNumber: record.buildNumber,
      startTime: seconds(record.startedAt),
      currentPhase: phases.at(-1)?.phaseType ?? 'SUBMITTED',
      buildStatus: final ? plan.buildStatus : 'IN_PROGRESS',
      ...(sourceVersion === undefined ? {} : { sourceVersion }),
      projectName: project.name,
      phases,
      source: sourceOf(record),
      secondarySources: [],
      secondarySourceVersions: [],
      artifacts: { location: '' },
      secondaryArtifacts: [],
      cache: { type: 'NO_CACHE' },
      environment: environmentOf(record),
      serviceRole: `arn:aws:iam::${accountId}:role/service-role/codebuild-${project.name}-service-role`,
      logs: logsOf(record, now),
      timeoutInMinutes: numberOr(request.timeoutInMinutesOverride, project.timeoutInMinutes),
      queuedTimeoutInMinutes: numberOr(request.queuedTimeoutInMinutesOverride, 480),
      buildComplete: final,
      initiator: record.initiator,
      encryptionKey: `arn:aws:kms:${region}:${accountId}:alias/aws/s3`,
      ...(record.buildBatchArn ? { buildBatchArn: record.buildBatchArn } : {}),
    };
    // The commit is known once the source is downloaded.
    if (downloaded?.end !== undefined && downloaded.end <= now) {
      build.resolvedSourceVersion = record.resolvedSourceVersion;
    }
    if (final) {
      build.endTime = seconds(plan.finalAt);
      build.exportedEnvironmentVariables = Object.entries(
        record.scenario.exportedVariables ?? {},
      ).map(([name, value]) => ({ name, value }));
      if (record.scenario.reports?.length) build.reportArns = reports.arnsOf(record.id);
    }
    return build;
  }

  function logsOf(record: BuildRecord, now: number): Record<string, unknown> {
    const { project, uuid, plan } = record;
    if (record.scenario.cloudWatchLogs === false) {
      const object = `${project.s3LogsLocation}/${uuid}.gz`;
      return {
        cloudWatchLogs: { status: 'DISABLED' },
        s3Logs: { status: 'ENABLED', location: project.s3LogsLocation, encryptionDisabled: false },
        s3DeepLink: `https://s3.console.aws.amazon.com/s3/object/${object}?region=${region}`,
        s3LogsArn: `arn:aws:s3:::${object}`,
      };
    }
    const named = plan.streamNamedAt !== undefined && plan.streamNamedAt <= now;
    // Before the container starts, CodeBuild really does answer with "null" in the link and ARN.
    const group = named ? project.logGroupName : 'null';
    const stream = named ? uuid : 'null';
    return {
      ...(named ? { groupName: group, streamName: stream } : {}),
      deepLink: `https://console.aws.amazon.com/cloudwatch/home?region=${region}#logEvent:group=${group};stream=${stream}`,
      cloudWatchLogsArn: `arn:aws:logs:${region}:${accountId}:log-group:${group}:log-stream:${stream}`,
      cloudWatchLogs: { status: 'ENABLED' },
      s3Logs: { status: 'DISABLED', encryptionDisabled: false },
    };
  }

  // ---- Builds started elsewhere: ListBuildsForProject, webhook and pipeline builds

  /** Tokens are signed with this, so that a token of another server or a made-up one is refused. */
  const listTokenKey = randomUUID();

  function listBuildsForProject(body: Json): Json {
    const project = requireProject(body);
    const sortOrder = body.sortOrder;
    if (sortOrder !== undefined && sortOrder !== 'ASCENDING' && sortOrder !== 'DESCENDING') {
      throw new AwsError(
        'InvalidInputException',
        `1 validation error detected: Value '${typeof sortOrder === 'string' ? sortOrder : JSON.stringify(sortOrder)}' at 'sortOrder' failed to satisfy constraint: Member must satisfy enum value set: [ASCENDING, DESCENDING]`,
      );
    }
    let order: SortOrder = sortOrder ?? 'DESCENDING';
    let after: number | undefined;
    if (body.nextToken !== undefined) {
      // CodeBuild's own quirk: the sort order lives in the token, and naming it again is an error,
      // so a paginator that repeats `sortOrder` fails on page 2 (more than 100 builds).
      if (sortOrder !== undefined) {
        throw new AwsError(
          'InvalidInputException',
          "Sort order can't be specified when passing a nextToken",
        );
      }
      ({ order, after } = parseListToken(listTokenKey, body.nextToken, project.name));
    }
    const matching = [...builds.values()]
      .filter((b) => b.project.name === project.name)
      .filter(
        (b) =>
          after === undefined ||
          (order === 'ASCENDING' ? b.buildNumber > after : b.buildNumber < after),
      )
      .sort((a, b) =>
        order === 'ASCENDING' ? a.buildNumber - b.buildNumber : b.buildNumber - a.buildNumber,
      );
    const page = matching.slice(0, MAX_PAGE_BUILD_IDS);
    const last = page.at(-1);
    return {
      ids: page.map((b) => b.id),
      ...(matching.length > page.length && last
        ? {
            nextToken: listToken(listTokenKey, {
              project: project.name,
              order,
              after: last.buildNumber,
            }),
          }
        : {}),
    };
  }

  function startExternal(projectName: string, opts: ExternalBuildOptions): BuildRecord {
    const project = projects.get(projectName);
    if (!project) throw new Error(`unknown project ${projectName}; configure it first`);
    const request: Json = {
      projectName,
      ...(opts.sourceVersion === undefined ? {} : { sourceVersion: opts.sourceVersion }),
    };
    const scenario = opts.scenario ?? options.defaultScenario ?? successScenario();
    return createBuild(project, request, scenario, opts.startedAt ?? Date.now(), {
      initiator: opts.initiator ?? externalInitiatorOf(project),
      ...(opts.resolvedSourceVersion === undefined
        ? {}
        : { resolvedSourceVersion: opts.resolvedSourceVersion }),
    });
  }

  function seed(projectName: string, count: number, opts: SeedBuildsOptions): BuildRecord[] {
    const { intervalMs = 60_000, ...external } = opts;
    const now = Date.now();
    return Array.from({ length: count }, (_, i) =>
      startExternal(projectName, { ...external, startedAt: now - (count - i) * intervalMs }),
    );
  }

  // ---- CloudWatch Logs

  function getLogEvents(body: Json, now: number): Json {
    const group = logGroupOf(body);
    const streamName = body.logStreamName;
    if (group === undefined || typeof streamName !== 'string') {
      throw new AwsError(
        'InvalidParameterException',
        'Should provide either logGroupName or logGroupIdentifier, and logStreamName.',
      );
    }
    const limit = body.limit ?? MAX_PAGE_EVENTS;
    if (
      typeof limit !== 'number' ||
      !Number.isInteger(limit) ||
      limit < 1 ||
      limit > MAX_PAGE_EVENTS
    ) {
      throw new AwsError(
        'InvalidParameterException',
        `1 validation error detected: Value '${JSON.stringify(limit)}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000`,
      );
    }
    if (![...projects.values()].some((p) => p.logGroupName === group)) {
      throw new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');
    }
    const record = [...builds.values()].find(
      (b) => b.project.logGroupName === group && b.uuid === streamName,
    );
    const existsAt = record?.plan.streamExistsAt;
    if (!record || existsAt === undefined || now < existsAt) {
      throw new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.');
    }

    const lines = record.plan.lines;
    const visible = countVisible(lines, now);
    const startTime = typeof body.startTime === 'number' ? body.startTime : -Infinity;
    const endTime = typeof body.endTime === 'number' ? body.endTime : Infinity;
    const inRange = (line: PlannedLine): boolean => line.at >= startTime && line.at < endTime;

    let direction: 'f' | 'b';
    let position: number;
    if (typeof body.nextToken === 'string') {
      const parsed = parseToken(body.nextToken, visible);
      direction = parsed.direction;
      position = parsed.position;
    } else {
      direction = body.startFromHead === true ? 'f' : 'b';
      position = direction === 'f' ? 0 : visible;
    }

    const page: PlannedLine[] = [];
    let bytes = 0;
    let from = position;
    let to = position;
    if (direction === 'f') {
      while (to < visible && page.length < limit) {
        const line = lines[to]!;
        if (inRange(line)) {
          if (bytes + line.bytes > MAX_PAGE_BYTES) break;
          bytes += line.bytes;
          page.push(line);
        }
        to++;
      }
    } else {
      while (from > 0 && page.length < limit) {
        const line = lines[from - 1]!;
        if (inRange(line)) {
          if (bytes + line.bytes > MAX_PAGE_BYTES) break;
          bytes += line.bytes;
          page.unshift(line);
        }
        from--;
      }
    }
    return {
      events: page.map((l) => ({
        timestamp: l.at,
        message: l.message,
        ingestionTime: l.visibleAt,
      })),
      nextForwardToken: token('f', to),
      nextBackwardToken: token('b', from),
    };
  }

  function logGroupOf(body: Json): string | undefined {
    if (typeof body.logGroupName === 'string') return body.logGroupName;
    if (typeof body.logGroupIdentifier === 'string') {
      // Accepts a name or an ARN (`arn:aws:logs:R:A:log-group:NAME[:*]`).
      const match = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:([^:]+)/.exec(body.logGroupIdentifier);
      return match ? match[1] : body.logGroupIdentifier;
    }
    return undefined;
  }

  // ---- Faults and errors

  function resourceOf(service: string, body: Json): string {
    if (service === 'Logs') {
      const group = logGroupOf(body) ?? '*';
      const stream = typeof body.logStreamName === 'string' ? body.logStreamName : '*';
      return `arn:aws:logs:${region}:${accountId}:log-group:${group}:log-stream:${stream}`;
    }
    const reportGroup = reports.resourceOf(body);
    if (reportGroup !== undefined) return reportGroup;
    const id =
      typeof body.id === 'string'
        ? body.id
        : Array.isArray(body.ids)
          ? String(body.ids[0])
          : undefined;
    const project = typeof body.projectName === 'string' ? body.projectName : id?.split(':')[0];
    return project ? projectArn(project) : '*';
  }

  // ---- HTTP

  const handlers: Record<string, (body: Json, now: number) => Json> = {
    'CodeBuild.StartBuild': startBuild,
    'CodeBuild.BatchGetBuilds': batchGetBuilds,
    'CodeBuild.StopBuild': stopBuild,
    'CodeBuild.ListBuildsForProject': listBuildsForProject,
    'Logs.GetLogEvents': getLogEvents,
    ...batches.handlers,
    ...reports.handlers,
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const now = Date.now();
    const raw = await readBody(req);
    const target = header(req, 'x-amz-target') ?? '';
    const [prefix = '', opName = ''] = target.split('.');
    const service = SERVICES[prefix];
    const operation = service ? `${service}.${opName}` : `Unknown.${target}`;
    const call: FakeAwsCall = recordCall(req, operation, now);
    calls.push(call);

    // STS speaks the query protocol (form-encoded in, XML out): AssumeRoleWithWebIdentity only.
    if ((header(req, 'content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
      const params = Object.fromEntries(new URLSearchParams(raw));
      call.operation = `STS.${params.Action ?? 'Unknown'}`;
      call.body = params;
      if (
        params.Action !== 'AssumeRoleWithWebIdentity' ||
        !params.RoleArn ||
        !params.WebIdentityToken
      ) {
        call.status = 400;
        call.errorType = 'InvalidAction';
        sendXml(
          res,
          400,
          stsError('InvalidAction', `Could not find operation ${params.Action ?? ''}`),
        );
        return;
      }
      sendXml(res, 200, assumedRole(params.RoleArn, params.RoleSessionName ?? 'session', now));
      return;
    }

    const advance = (at: number): void => batches.advance(at);
    answerJson(req, res, raw, call, target, { handlers, faults: injected, advance }, now);
  }

  const server = await listen(handle, options.port);

  const info = (record: BuildRecord): FakeBuildInfo => {
    const now = Date.now();
    return {
      id: record.id,
      projectName: record.project.name,
      buildNumber: record.buildNumber,
      startedAt: record.startedAt,
      finalAt: record.plan.finalAt,
      isFinal: now >= record.plan.finalAt,
      finalStatus: record.plan.buildStatus,
      ...(record.stopRequestedAt === undefined ? {} : { stopRequestedAt: record.stopRequestedAt }),
      request: record.request,
      snapshot: snapshot(record, now),
    };
  };

  return {
    url: server.url,
    region,
    accountId,
    calls,
    script(project, ...scenarios) {
      if (!projects.has(project)) throw new Error(`unknown project ${project}; configure it first`);
      const queue = scripts.get(project) ?? [];
      queue.push(...scenarios);
      scripts.set(project, queue);
    },
    failNext: injected.failNext,
    clearFailures: injected.clearFailures,
    counts: () => countCalls(calls),
    ...batches.access,
    builds() {
      batches.advance(Date.now());
      return [...builds.values()].map(info);
    },
    build(id) {
      batches.advance(Date.now());
      const record = builds.get(id);
      return record ? info(record) : undefined;
    },
    logMessages(id) {
      return builds.get(id)?.plan.lines.map((l) => l.message) ?? [];
    },
    startExternalBuild(project, opts = {}) {
      return info(startExternal(project, opts));
    },
    seedBuilds(project, count, opts = {}) {
      return seed(project, count, opts).map(info);
    },
    reportArnsOf: (id) => reports.arnsOf(id),
    close: server.close,
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** Batch builds live in aws-batch.ts, loaded by URL like serve-aws.ts does, so plain type stripping still works. */
async function loadBatches(core: BatchCore): Promise<BatchExtension> {
  const url = new URL(`./aws-batch.${ext}`, import.meta.url).href;
  const batch = (await import(url)) as typeof import('./aws-batch.js');
  return batch.installBatches(core);
}

/** Reports live in aws-reports.ts, loaded by URL like aws-batch.ts. */
async function loadReports(core: ReportCore): Promise<ReportExtension> {
  const url = new URL(`./aws-reports.${ext}`, import.meta.url).href;
  const reports = (await import(url)) as typeof import('./aws-reports.js');
  return reports.installReports(core);
}

function sourceOf(record: BuildRecord): Record<string, unknown> {
  const r = record.request;
  const source: Record<string, unknown> = {
    type: stringOr(r.sourceTypeOverride, record.project.source.type),
    location: stringOr(r.sourceLocationOverride, record.project.source.location),
    gitCloneDepth: numberOr(r.gitCloneDepthOverride, 1),
    reportBuildStatus:
      typeof r.reportBuildStatusOverride === 'boolean' ? r.reportBuildStatusOverride : false,
    insecureSsl: false,
  };
  if (typeof r.buildspecOverride === 'string') source.buildspec = r.buildspecOverride;
  if (r.buildStatusConfigOverride && typeof r.buildStatusConfigOverride === 'object') {
    source.buildStatusConfig = r.buildStatusConfigOverride;
  }
  return source;
}

function environmentOf(record: BuildRecord): Record<string, unknown> {
  const r = record.request;
  return {
    type: stringOr(r.environmentTypeOverride, 'LINUX_CONTAINER'),
    image: stringOr(r.imageOverride, record.project.image),
    computeType: stringOr(r.computeTypeOverride, 'BUILD_GENERAL1_SMALL'),
    environmentVariables: Array.isArray(r.environmentVariablesOverride)
      ? r.environmentVariablesOverride
      : [],
    privilegedMode:
      typeof r.privilegedModeOverride === 'boolean' ? r.privilegedModeOverride : false,
    imagePullCredentialsType: 'CODEBUILD',
  };
}

/** `ids` of a BatchGet call (at most 100, distinct) split into the found and the not found. */
function lookUpIds<T>(
  ids: unknown,
  find: (id: string) => T | undefined,
  emptyMessage: string | undefined,
): { found: T[]; notFound: string[] } {
  if (!Array.isArray(ids) || (ids.length === 0 && emptyMessage !== undefined)) {
    throw new AwsError('InvalidInputException', emptyMessage ?? 'ids is required');
  }
  if (ids.length > 100) {
    throw new AwsError(
      'InvalidInputException',
      "1 validation error detected: Value at 'ids' failed to satisfy constraint: Member must have length less than or equal to 100",
    );
  }
  const found: T[] = [];
  const notFound: string[] = [];
  for (const id of new Set(ids.map(String))) {
    const item = find(id);
    if (item === undefined) notFound.push(id);
    else found.push(item);
  }
  return { found, notFound };
}

function validateEnvironmentVariables(value: unknown): void {
  if (value === undefined) return;
  const types = ['PLAINTEXT', 'PARAMETER_STORE', 'SECRETS_MANAGER'];
  const ok =
    Array.isArray(value) &&
    value.every((v: unknown) => {
      if (typeof v !== 'object' || v === null) return false;
      const { name, value: val, type } = v as Json;
      return (
        typeof name === 'string' &&
        typeof val === 'string' &&
        (type === undefined || (typeof type === 'string' && types.includes(type)))
      );
    });
  if (!ok) {
    throw new AwsError(
      'InvalidInputException',
      'Invalid environment variables: each needs name, value and type PLAINTEXT, PARAMETER_STORE or SECRETS_MANAGER',
    );
  }
}

/** `assumed-role/ROLE/SESSION` → `ROLE/SESSION`, `user/NAME` → `NAME`, as CodeBuild shows it. */
function initiatorOf(callerArn: string): string {
  const resource = callerArn.split(':').slice(5).join(':');
  const parts = resource.split('/');
  return parts[0] === 'assumed-role' ? parts.slice(1).join('/') : (parts.at(-1) ?? resource);
}

/** The initiator CodeBuild shows for a build that the project's webhook (or a pipeline) started. */
function externalInitiatorOf(project: BuildRecord['project']): string {
  switch (project.source.type) {
    case 'GITHUB':
    case 'GITHUB_ENTERPRISE':
      // The webhook's User-Agent; the suffix is GitHub's hookshot version, e.g. GitHub-Hookshot/1c6af21.
      return 'GitHub-Hookshot/abc1234';
    case 'BITBUCKET':
      return 'Bitbucket-Webhooks/2.0';
    default:
      return `codepipeline/${project.name}`;
  }
}

type SortOrder = 'ASCENDING' | 'DESCENDING';

interface ListPosition {
  project: string;
  order: SortOrder;
  /** Build number of the last id of the previous page. */
  after: number;
}

/** An opaque ListBuildsForProject token: the position, base64url, and a signature over it. */
function listToken(key: string, position: ListPosition): string {
  const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
  return `${payload}.${listTokenSignature(key, payload)}`;
}

function parseListToken(key: string, value: unknown, project: string): ListPosition {
  const [payload = '', signature, ...rest] = typeof value === 'string' ? value.split('.') : [];
  let position: Partial<ListPosition> = {};
  if (rest.length === 0 && signature === listTokenSignature(key, payload)) {
    try {
      position = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as ListPosition;
    } catch {
      // refused below
    }
  }
  if (
    position.project !== project ||
    (position.order !== 'ASCENDING' && position.order !== 'DESCENDING') ||
    typeof position.after !== 'number'
  ) {
    throw new AwsError('InvalidInputException', 'Invalid next token');
  }
  return position as ListPosition;
}

function listTokenSignature(key: string, payload: string): string {
  return createHash('sha256').update(`${key}:${payload}`).digest('base64url').slice(0, 22);
}

function resolveSourceVersion(project: string, sourceVersion: string | undefined): string {
  if (sourceVersion && /^[0-9a-f]{40}$/i.test(sourceVersion)) return sourceVersion.toLowerCase();
  return createHash('sha1')
    .update(`${project}:${sourceVersion ?? 'HEAD'}`)
    .digest('hex');
}

function countVisible(lines: readonly PlannedLine[], now: number): number {
  // visibleAt never decreases along the stream, so the visible events are a prefix.
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lines[mid]!.visibleAt <= now) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function token(direction: 'f' | 'b', position: number): string {
  return `${direction}/${(TOKEN_BASE + BigInt(position)).toString()}/s`;
}

function parseToken(value: string, visible: number): { direction: 'f' | 'b'; position: number } {
  const match = /^([fb])\/(\d{56})\/s$/.exec(value);
  const position = match ? Number(BigInt(match[2]!) - TOKEN_BASE) : -1;
  if (!match || position < 0 || position > visible) {
    throw new AwsError('InvalidParameterException', 'The specified nextToken is invalid.');
  }
  return { direction: match[1] as 'f' | 'b', position };
}

function seconds(ms: number): number {
  return ms / 1000;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Json).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** The credentials the fake STS hands out for a web identity: a test can look for them. */
export const ASSUMED_ACCESS_KEY_ID = 'ASIAFAKEASSUMEDROLE01';

function assumedRole(roleArn: string, session: string, now: number): string {
  const expiration = new Date(now + 3_600_000).toISOString();
  return `<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleWithWebIdentityResult>
    <Credentials>
      <AccessKeyId>${ASSUMED_ACCESS_KEY_ID}</AccessKeyId>
      <SecretAccessKey>fakeAssumedSecretAccessKey0000000000000</SecretAccessKey>
      <SessionToken>fakeAssumedSessionToken</SessionToken>
      <Expiration>${expiration}</Expiration>
    </Credentials>
    <AssumedRoleUser>
      <Arn>${roleArn.replace(':iam::', ':sts::').replace(':role/', ':assumed-role/')}/${session}</Arn>
      <AssumedRoleId>AROAFAKE:${session}</AssumedRoleId>
    </AssumedRoleUser>
  </AssumeRoleWithWebIdentityResult>
  <ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>`;
}

function stsError(code: string, message: string): string {
  return `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
}

function sendXml(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'text/xml',
    'content-length': Buffer.byteLength(body),
    'x-amzn-RequestId': randomUUID(),
  });
  res.end(body);
}
