/**
 * CodeBuild batch builds for the fake AWS endpoint (aws-server.ts): StartBuildBatch,
 * BatchGetBuildBatches and StopBuildBatch, answered the way CodeBuild answers them.
 *
 * A batch runs like CodeBuild's: SUBMITTED, then DOWNLOAD_BATCHSPEC (a build of its own, the
 * `DOWNLOAD_SOURCE` build group, reads the batchspec), then IN_PROGRESS while the member builds
 * run, then COMBINE_ARTIFACTS and SUCCEEDED, or straight to FAILED or STOPPED. Every member is a
 * real build of the fake (`project:uuid`, own build number, own log stream, `buildBatchArn` set),
 * so BatchGetBuilds, GetLogEvents and StopBuild work on members as on single builds.
 *
 * Quirks copied from CodeBuild's answers (the AWS CLI's documented examples):
 * - Once the batchspec is read, every build group has a `currentBuildSummary` with an ARN; groups
 *   waiting for their dependencies say `buildStatus: "PENDING"` (not a value of StatusType), and
 *   groups that never start end as `STOPPED` without artifacts. A member's build exists (for
 *   BatchGetBuilds) only from its start; before, its id is in `buildsNotFound`.
 * - A failed batch's IN_PROGRESS phase ends with phaseStatus `CLIENT_ERROR`.
 * - StopBuildBatch makes the batch STOPPED and complete at once, while its running members only
 *   become STOPPED after the stop delay: a complete batch can still have running members.
 * - `primaryArtifact` of a finished member without artifacts is `{type: "no_artifacts", identifier}`.
 *
 * Like aws-server.ts this module imports only types and uses only type-strippable syntax.
 */
import { randomUUID } from 'node:crypto';
import type { BuildScenario, BuildStatus, PhaseStatus, WireBuild } from './aws-server.js';

// ---------------------------------------------------------------------------------------------
// Scenario model
// ---------------------------------------------------------------------------------------------

export interface BatchMemberScript {
  /** The build group's identifier (`identifier` of a build-list/build-graph entry). */
  identifier: string;
  scenario: BuildScenario;
  /** Identifiers this member waits for (build-graph `depend-on`); it starts once all SUCCEEDED. */
  dependsOn?: string[];
  /** A failure of this member does not fail the batch. */
  ignoreFailure?: boolean;
  /** Time from when the member may start until its build starts; default 0. */
  startDelayMs?: number;
}

export interface BatchScenario {
  members: BatchMemberScript[];
  /**
   * The batchspec's `fast-fail`: when a member without ignoreFailure fails, running members are
   * stopped and members not started never start. Default false, as in CodeBuild.
   */
  fastFail?: boolean;
  /** Duration of SUBMITTED; default 20. */
  submittedMs?: number;
  /** Duration of DOWNLOAD_BATCHSPEC (the DOWNLOAD_SOURCE build); default 200. */
  batchspecMs?: number;
  /** Duration of COMBINE_ARTIFACTS (successful batches only); default 20. */
  combineArtifactsMs?: number;
}

/** Ten independent members `build1`..`build10`; `scenario(i)` defaults to a silent 0.5 s build. */
export function tenMemberBatch(
  options: { scenario?: (index: number) => BuildScenario; fastFail?: boolean } = {},
): BatchScenario {
  const scenario = options.scenario ?? (() => ({}));
  return {
    members: Array.from({ length: 10 }, (_, i) => ({
      identifier: `build${i + 1}`,
      scenario: scenario(i),
    })),
    ...(options.fastFail === undefined ? {} : { fastFail: options.fastFail }),
  };
}

// ---------------------------------------------------------------------------------------------
// Wire shapes
// ---------------------------------------------------------------------------------------------

export type BatchPhaseType =
  | 'SUBMITTED'
  | 'DOWNLOAD_BATCHSPEC'
  | 'IN_PROGRESS'
  | 'COMBINE_ARTIFACTS'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'STOPPED';

export interface WireBatchPhase {
  phaseType: BatchPhaseType;
  /** `CLIENT_ERROR` for the IN_PROGRESS phase of a failed batch, as CodeBuild says. */
  phaseStatus?: PhaseStatus | 'CLIENT_ERROR';
  startTime: number;
  endTime?: number;
  durationInSeconds?: number;
}

export interface WireBuildSummary {
  arn: string;
  requestedOn: number;
  /** `PENDING` while the member waits for its dependencies. */
  buildStatus: BuildStatus | 'PENDING';
  primaryArtifact?: { type: string; identifier: string; location?: string };
  secondaryArtifacts?: unknown[];
}

export interface WireBuildGroup {
  identifier: string;
  /** Absent on the DOWNLOAD_SOURCE group. */
  dependsOn?: string[];
  ignoreFailure: boolean;
  currentBuildSummary?: WireBuildSummary;
  priorBuildSummaryList?: WireBuildSummary[];
}

/** The BuildBatch object on the wire (epoch-second timestamps). */
export interface WireBuildBatch extends Pick<
  WireBuild,
  | 'id'
  | 'arn'
  | 'startTime'
  | 'endTime'
  | 'sourceVersion'
  | 'resolvedSourceVersion'
  | 'projectName'
  | 'source'
  | 'secondarySources'
  | 'secondarySourceVersions'
  | 'artifacts'
  | 'secondaryArtifacts'
  | 'cache'
  | 'environment'
  | 'queuedTimeoutInMinutes'
  | 'initiator'
  | 'encryptionKey'
> {
  currentPhase: BatchPhaseType;
  buildBatchStatus: BuildStatus;
  phases: WireBatchPhase[];
  logConfig: Record<string, unknown>;
  buildTimeoutInMinutes: number;
  complete: boolean;
  buildBatchNumber: number;
  buildBatchConfig: Record<string, unknown>;
  buildGroups?: WireBuildGroup[];
}

// ---------------------------------------------------------------------------------------------
// What aws-server.ts gives and gets
// ---------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;

/** What the batch code needs from the server: its builds and helpers. */
export interface BatchCore {
  region: string;
  accountId: string;
  initiator: string;
  stopDelayMs: number;
  defaultScenario(): BuildScenario;
  /** Throws ResourceNotFoundException for an unknown project. */
  project(name: string): {
    name: string;
    serviceRole: string;
    timeoutInMinutes: number;
    cloudWatchLogs: boolean;
    source(request: Json): Record<string, unknown>;
    environment(request: Json): Record<string, unknown>;
  };
  /** Start a build as StartBuild would, at `at`; returns its id. */
  startBuild(
    project: string,
    request: Json,
    scenario: BuildScenario,
    at: number,
    batch: { uuid: string; buildBatchArn: string },
  ): string;
  /** StopBuild at `at`. */
  stopBuild(id: string, at: number): void;
  /** When the build is final and how it ends (changes when it is stopped). */
  outcome(id: string): { finalAt: number; status: PhaseStatus };
  snapshot(id: string, now: number): WireBuild;
  error(type: string, message: string): Error;
  validateEnvironmentVariables(value: unknown): void;
  /** A BatchGet call's `ids` (at most 100) split; `emptyMessage` set = an empty list is refused. */
  lookUpIds<T>(
    ids: unknown,
    find: (id: string) => T | undefined,
    emptyMessage: string | undefined,
  ): { found: T[]; notFound: string[] };
  resolveSourceVersion(project: string, sourceVersion: string | undefined): string;
  stableStringify(value: unknown): string;
}

export interface FakeBatchMemberInfo {
  identifier: string;
  /** The build id CodeBuild assigned (`project:uuid`); undefined before the batchspec is read. */
  buildId?: string;
  /** Epoch ms the member's build started; undefined if it has not (yet). */
  startedAt?: number;
  /** It will never start (a dependency failed, fast-fail, or the batch was stopped). */
  neverStarted: boolean;
}

export interface FakeBatchInfo {
  id: string;
  projectName: string;
  buildBatchNumber: number;
  /** Epoch ms of StartBuildBatch. */
  startedAt: number;
  /** The DOWNLOAD_SOURCE build that reads the batchspec, once it exists. */
  downloadSourceBuildId?: string;
  members: FakeBatchMemberInfo[];
  /** Build ids of the members that started so far. */
  memberBuildIds: string[];
  /** Epoch ms at which the batch became final; undefined while it runs. */
  finalAt?: number;
  isFinal: boolean;
  stopRequestedAt?: number;
  /** The StartBuildBatch request body. */
  request: Record<string, unknown>;
  /** The batch as BatchGetBuildBatches answers right now. */
  snapshot: WireBuildBatch;
}

/** The batch part of `FakeAws`. */
export interface FakeBatchAccess {
  /** Queue batch scenarios: each later StartBuildBatch of `project` takes the next one. */
  scriptBatch(project: string, ...scenarios: BatchScenario[]): void;
  batches(): FakeBatchInfo[];
  batch(id: string): FakeBatchInfo | undefined;
}

export interface BatchExtension {
  handlers: Record<string, (body: Json, now: number) => Json>;
  /** Bring every batch up to `now`: start members, apply fast-fail and dependencies. */
  advance(now: number): void;
  access: FakeBatchAccess;
}

// ---------------------------------------------------------------------------------------------
// Batch records and their progress
// ---------------------------------------------------------------------------------------------

interface Group {
  script: BatchMemberScript;
  uuid: string;
  buildId: string;
  /** Epoch ms the member started. */
  startedAt?: number;
  /** Settled: the member's build is final, or it will never start. */
  settledAt?: number;
  outcome?: PhaseStatus;
  /** Never starts; shown as STOPPED from `stoppedShownAt`. */
  neverStarted?: boolean;
  stoppedShownAt?: number;
}

interface BatchRecord {
  id: string;
  arn: string;
  projectName: string;
  number: number;
  startedAt: number;
  request: Json;
  /** The request the member builds get. */
  memberRequest: Json;
  scenario: BatchScenario;
  downloadSourceAt: number;
  downloadSourceId?: string;
  /** End of DOWNLOAD_BATCHSPEC = start of IN_PROGRESS. */
  inProgressAt: number;
  groups: Group[];
  groupsKnown: boolean;
  stopRequestedAt?: number;
  stopHandled: boolean;
  /** All groups settled; the IN_PROGRESS phase ended here (unless stopped earlier). */
  settledAt?: number;
  finalStatus?: 'SUCCEEDED' | 'FAILED' | 'STOPPED';
  /** Final time of the batch. */
  finalAt?: number;
}

const IDEMPOTENCY_WINDOW_MS = 5 * 60_000;

/** Wire up batch builds on top of the server's builds. */
export function installBatches(core: BatchCore): BatchExtension {
  const scripts = new Map<string, BatchScenario[]>();
  const batches = new Map<string, BatchRecord>();
  const numbers = new Map<string, number>();
  const idempotency = new Map<string, { at: number; key: string; batchId: string }>();
  const arnOf = (id: string): string =>
    `arn:aws:codebuild:${core.region}:${core.accountId}:build-batch/${id}`;
  const buildArnOf = (id: string): string =>
    `arn:aws:codebuild:${core.region}:${core.accountId}:build/${id}`;

  // ---- Operations

  function startBuildBatch(body: Json, now: number): Json {
    const projectName = body.projectName;
    if (typeof projectName !== 'string' || projectName === '') {
      throw core.error('InvalidInputException', 'Project name is required');
    }
    core.project(projectName);
    core.validateEnvironmentVariables(body.environmentVariablesOverride);

    const token = body.idempotencyToken;
    const key = core.stableStringify({ ...body, idempotencyToken: undefined });
    if (typeof token === 'string') {
      const seen = idempotency.get(token);
      if (seen && now - seen.at < IDEMPOTENCY_WINDOW_MS) {
        if (seen.key !== key) {
          throw core.error(
            'InvalidInputException',
            `Idempotency token ${token} was already used with different parameters`,
          );
        }
        return { buildBatch: snapshot(batches.get(seen.batchId)!, now) };
      }
    }

    const scenario = scripts.get(projectName)?.shift() ?? {
      members: [{ identifier: 'build1', scenario: core.defaultScenario() }],
    };
    const number = (numbers.get(projectName) ?? 0) + 1;
    numbers.set(projectName, number);
    const id = `${projectName}:${randomUUID()}`;
    const downloadSourceAt = now + (scenario.submittedMs ?? 20);
    const record: BatchRecord = {
      id,
      arn: arnOf(id),
      projectName,
      number,
      startedAt: now,
      request: body,
      memberRequest: memberRequestOf(body),
      scenario,
      downloadSourceAt,
      inProgressAt: downloadSourceAt + (scenario.batchspecMs ?? 200),
      groups: scenario.members.map((script) => {
        const uuid = randomUUID();
        return { script, uuid, buildId: `${projectName}:${uuid}` };
      }),
      groupsKnown: false,
      stopHandled: false,
    };
    batches.set(id, record);
    if (typeof token === 'string') idempotency.set(token, { at: now, key, batchId: id });
    advanceBatch(record, now);
    return { buildBatch: snapshot(record, now) };
  }

  function batchGetBuildBatches(body: Json, now: number): Json {
    const { found, notFound } = core.lookUpIds(
      body.ids,
      (id) => {
        const record = batches.get(id);
        return record && snapshot(record, now);
      },
      undefined,
    );
    return { buildBatches: found, buildBatchesNotFound: notFound };
  }

  function stopBuildBatch(body: Json, now: number): Json {
    const id = body.id;
    if (typeof id !== 'string' || !id.includes(':')) {
      throw core.error('InvalidInputException', 'Invalid build batch ID provided');
    }
    const record = batches.get(id);
    if (!record) throw core.error('ResourceNotFoundException', `Build batch ${id} does not exist`);
    if (record.finalAt === undefined && record.stopRequestedAt === undefined) {
      record.stopRequestedAt = now;
      advanceBatch(record, now);
    }
    return { buildBatch: snapshot(record, now) };
  }

  // ---- Progress: every event up to `now`, in time order

  function advanceBatch(b: BatchRecord, now: number): void {
    for (;;) {
      if (b.settledAt !== undefined) return;
      const t = nextEvent(b);
      if (t > now) return;
      applyEvents(b, t);
    }
  }

  function nextEvent(b: BatchRecord): number {
    let t = Infinity;
    if (b.stopRequestedAt !== undefined && !b.stopHandled) t = b.stopRequestedAt;
    if (b.downloadSourceId === undefined && !b.stopHandled) t = Math.min(t, b.downloadSourceAt);
    if (b.downloadSourceId !== undefined && !b.groupsKnown && !b.stopHandled) {
      t = Math.min(t, b.inProgressAt);
    }
    if (b.groupsKnown) {
      for (const g of b.groups) {
        if (g.settledAt !== undefined) continue;
        if (g.startedAt !== undefined) t = Math.min(t, core.outcome(g.buildId).finalAt);
        else t = Math.min(t, startTimeOf(b, g) ?? Infinity);
      }
    }
    // Every group settled (or none will ever appear): the batch is settled now.
    if (t === Infinity) settle(b);
    return t;
  }

  /** When a waiting member may start; undefined while a dependency runs. */
  function startTimeOf(b: BatchRecord, g: Group): number | undefined {
    let at = b.inProgressAt;
    for (const dep of g.script.dependsOn ?? []) {
      const d = groupOf(b, dep);
      if (d.settledAt === undefined || d.outcome !== 'SUCCEEDED') return undefined;
      at = Math.max(at, d.settledAt);
    }
    return at + (g.script.startDelayMs ?? 0);
  }

  function applyEvents(b: BatchRecord, t: number): void {
    if (b.stopRequestedAt === t && !b.stopHandled) {
      b.stopHandled = true;
      stopAll(b, t, t + core.stopDelayMs);
      b.finalStatus = 'STOPPED';
      b.finalAt = t;
      return;
    }
    if (b.downloadSourceId === undefined && t === b.downloadSourceAt) {
      // The DOWNLOAD_SOURCE build spans DOWNLOAD_BATCHSPEC.
      const phaseMs = Math.max(1, Math.floor((b.inProgressAt - t) / 10));
      const uuid = randomUUID();
      b.downloadSourceId = core.startBuild(
        b.projectName,
        b.memberRequest,
        { defaultPhaseMs: phaseMs },
        t,
        { uuid, buildBatchArn: b.arn },
      );
      b.inProgressAt = Math.max(b.inProgressAt, core.outcome(b.downloadSourceId).finalAt);
      return;
    }
    if (!b.groupsKnown && t === b.inProgressAt) {
      b.groupsKnown = true;
      return;
    }
    for (const g of b.groups) {
      if (g.settledAt !== undefined) continue;
      if (g.startedAt === undefined) {
        if (startTimeOf(b, g) === t) {
          g.startedAt = t;
          core.startBuild(b.projectName, b.memberRequest, g.script.scenario, t, {
            uuid: g.uuid,
            buildBatchArn: b.arn,
          });
        }
        continue;
      }
      const { finalAt, status } = core.outcome(g.buildId);
      if (finalAt !== t) continue;
      g.settledAt = t;
      g.outcome = status;
      if (status === 'SUCCEEDED') continue;
      if (!g.script.ignoreFailure && b.scenario.fastFail) stopAll(b, t, t);
      cancelDependents(b, g, t);
    }
  }

  /** Stop running members at `at`; members not started never start (shown STOPPED at `shownAt`). */
  function stopAll(b: BatchRecord, at: number, shownAt: number): void {
    if (b.downloadSourceId !== undefined && !b.groupsKnown) core.stopBuild(b.downloadSourceId, at);
    for (const g of b.groups) {
      if (g.settledAt !== undefined) continue;
      if (g.startedAt !== undefined) core.stopBuild(g.buildId, at);
      else neverStart(g, at, shownAt);
    }
  }

  function cancelDependents(b: BatchRecord, failed: Group, at: number): void {
    for (const g of b.groups) {
      if (g.startedAt !== undefined || g.settledAt !== undefined) continue;
      if (!(g.script.dependsOn ?? []).includes(failed.script.identifier)) continue;
      neverStart(g, at, at);
      cancelDependents(b, g, at);
    }
  }

  function neverStart(g: Group, at: number, shownAt: number): void {
    g.neverStarted = true;
    g.settledAt = at;
    g.outcome = 'STOPPED';
    g.stoppedShownAt = shownAt;
  }

  function settle(b: BatchRecord): void {
    const last = Math.max(
      b.groupsKnown ? b.inProgressAt : b.startedAt,
      b.downloadSourceId ? core.outcome(b.downloadSourceId).finalAt : b.startedAt,
      b.stopRequestedAt ?? b.startedAt,
      ...b.groups.map((g) => g.settledAt ?? b.startedAt),
    );
    b.settledAt = last;
    if (b.finalStatus === 'STOPPED') return;
    const failed = b.groups.some((g) => g.outcome !== 'SUCCEEDED' && !g.script.ignoreFailure);
    b.finalStatus = failed ? 'FAILED' : 'SUCCEEDED';
    b.finalAt = failed ? last : last + (b.scenario.combineArtifactsMs ?? 20);
  }

  function groupOf(b: BatchRecord, identifier: string): Group {
    return b.groups.find((g) => g.script.identifier === identifier)!;
  }

  // ---- The BuildBatch object

  function snapshot(b: BatchRecord, now: number): WireBuildBatch {
    const project = core.project(b.projectName);
    const request = b.request;
    const final = b.finalAt !== undefined && b.finalAt <= now;
    const phases = phasesOf(b, now);
    const sourceVersion =
      typeof request.sourceVersion === 'string' ? request.sourceVersion : undefined;
    const logs = project.cloudWatchLogs;
    const batch: WireBuildBatch = {
      id: b.id,
      arn: b.arn,
      startTime: seconds(b.startedAt),
      ...(final ? { endTime: seconds(b.finalAt!) } : {}),
      currentPhase: phases.at(-1)!.phaseType,
      buildBatchStatus: final ? b.finalStatus! : 'IN_PROGRESS',
      ...(sourceVersion === undefined ? {} : { sourceVersion }),
      projectName: b.projectName,
      phases,
      source: project.source(b.memberRequest),
      secondarySources: [],
      secondarySourceVersions: [],
      artifacts: { location: '' },
      secondaryArtifacts: [],
      cache: { type: 'NO_CACHE' },
      environment: project.environment(b.memberRequest),
      logConfig: {
        cloudWatchLogs: { status: logs ? 'ENABLED' : 'DISABLED' },
        s3Logs: { status: logs ? 'DISABLED' : 'ENABLED', encryptionDisabled: false },
      },
      buildTimeoutInMinutes: numberOr(
        request.buildTimeoutInMinutesOverride,
        project.timeoutInMinutes,
      ),
      queuedTimeoutInMinutes: numberOr(request.queuedTimeoutInMinutesOverride, 480),
      complete: final,
      initiator: core.initiator,
      encryptionKey: `arn:aws:kms:${core.region}:${core.accountId}:alias/aws/s3`,
      buildBatchNumber: b.number,
      buildBatchConfig: batchConfigOf(project.serviceRole, request.buildBatchConfigOverride),
    };
    if (b.groupsKnown && now >= b.inProgressAt) {
      batch.resolvedSourceVersion = core.resolveSourceVersion(b.projectName, sourceVersion);
    }
    const groups = groupsOf(b, now);
    if (groups.length > 0) batch.buildGroups = groups;
    return batch;
  }

  function phasesOf(b: BatchRecord, now: number): WireBatchPhase[] {
    const out: WireBatchPhase[] = [];
    /** Adds the phase as far as it got by `now`; false when it has not ended by then. */
    const add = (
      phaseType: BatchPhaseType,
      start: number,
      end: number | undefined,
      phaseStatus: NonNullable<WireBatchPhase['phaseStatus']>,
    ): boolean => {
      if (start > now) return false;
      if (end === undefined || end > now) {
        out.push({ phaseType, startTime: seconds(start) });
        return false;
      }
      out.push({
        phaseType,
        phaseStatus,
        startTime: seconds(start),
        endTime: seconds(end),
        durationInSeconds: Math.floor((end - start) / 1000),
      });
      return true;
    };
    const timeline: [BatchPhaseType, number, number | undefined, WireBatchPhase['phaseStatus']][] =
      [
        ['SUBMITTED', b.startedAt, b.downloadSourceAt, 'SUCCEEDED'],
        ['DOWNLOAD_BATCHSPEC', b.downloadSourceAt, b.inProgressAt, 'SUCCEEDED'],
        [
          'IN_PROGRESS',
          b.inProgressAt,
          b.settledAt,
          b.finalStatus === 'FAILED' ? 'CLIENT_ERROR' : 'SUCCEEDED',
        ],
      ];
    if (b.finalStatus === 'SUCCEEDED') {
      timeline.push(['COMBINE_ARTIFACTS', b.settledAt!, b.finalAt, 'SUCCEEDED']);
    }
    const stopAt = b.finalStatus === 'STOPPED' ? b.finalAt : undefined;
    for (const [type, start, end, status] of timeline) {
      // A stop cuts the phase it falls in, and the batch is STOPPED from then on.
      if (stopAt !== undefined && (end === undefined || stopAt < end)) {
        add(type, start, stopAt, 'STOPPED');
        break;
      }
      if (!add(type, start, end, status!)) return out;
    }
    if (b.finalStatus !== undefined && b.finalAt !== undefined && b.finalAt <= now) {
      out.push({ phaseType: b.finalStatus, startTime: seconds(b.finalAt) });
    }
    return out;
  }

  function groupsOf(b: BatchRecord, now: number): WireBuildGroup[] {
    const out: WireBuildGroup[] = [];
    if (b.downloadSourceId !== undefined && now >= b.downloadSourceAt) {
      out.push({
        identifier: 'DOWNLOAD_SOURCE',
        ignoreFailure: false,
        currentBuildSummary: summaryOf(
          b.downloadSourceId,
          'DOWNLOAD_SOURCE',
          b.downloadSourceAt,
          now,
        ),
      });
    }
    if (!b.groupsKnown || now < b.inProgressAt) return out;
    for (const g of b.groups) {
      const identifier = g.script.identifier;
      let summary: WireBuildSummary;
      if (g.startedAt !== undefined && g.startedAt <= now) {
        summary = summaryOf(g.buildId, identifier, g.startedAt, now);
      } else {
        const stopped = g.neverStarted && now >= (g.stoppedShownAt ?? Infinity);
        summary = {
          arn: buildArnOf(g.buildId),
          requestedOn: seconds(b.inProgressAt),
          buildStatus: stopped ? 'STOPPED' : 'PENDING',
        };
      }
      out.push({
        identifier,
        dependsOn: [...(g.script.dependsOn ?? [])],
        ignoreFailure: g.script.ignoreFailure ?? false,
        currentBuildSummary: summary,
      });
    }
    return out;
  }

  function summaryOf(
    buildId: string,
    identifier: string,
    requestedAt: number,
    now: number,
  ): WireBuildSummary {
    const { buildStatus, buildComplete } = core.snapshot(buildId, now);
    return {
      arn: buildArnOf(buildId),
      requestedOn: seconds(requestedAt),
      buildStatus,
      ...(buildComplete
        ? { primaryArtifact: { type: 'no_artifacts', identifier }, secondaryArtifacts: [] }
        : {}),
    };
  }

  // ---- Accessors

  function advance(now: number): void {
    for (const b of batches.values()) advanceBatch(b, now);
  }

  function info(b: BatchRecord): FakeBatchInfo {
    const now = Date.now();
    advanceBatch(b, now);
    const started = b.groups.filter((g) => g.startedAt !== undefined);
    return {
      id: b.id,
      projectName: b.projectName,
      buildBatchNumber: b.number,
      startedAt: b.startedAt,
      ...(b.downloadSourceId ? { downloadSourceBuildId: b.downloadSourceId } : {}),
      members: b.groups.map((g) => ({
        identifier: g.script.identifier,
        ...(b.groupsKnown ? { buildId: g.buildId } : {}),
        ...(g.startedAt === undefined ? {} : { startedAt: g.startedAt }),
        neverStarted: g.neverStarted ?? false,
      })),
      memberBuildIds: started.map((g) => g.buildId),
      ...(b.finalAt === undefined ? {} : { finalAt: b.finalAt }),
      isFinal: b.finalAt !== undefined && b.finalAt <= now,
      ...(b.stopRequestedAt === undefined ? {} : { stopRequestedAt: b.stopRequestedAt }),
      request: b.request,
      snapshot: snapshot(b, now),
    };
  }

  return {
    handlers: {
      'CodeBuild.StartBuildBatch': startBuildBatch,
      'CodeBuild.BatchGetBuildBatches': batchGetBuildBatches,
      'CodeBuild.StopBuildBatch': stopBuildBatch,
    },
    advance,
    access: {
      scriptBatch(project, ...scenarios) {
        core.project(project);
        for (const scenario of scenarios) validateBatchScenario(scenario);
        const queue = scripts.get(project) ?? [];
        queue.push(...scenarios);
        scripts.set(project, queue);
      },
      batches() {
        return [...batches.values()].map(info);
      },
      batch(id) {
        const record = batches.get(id);
        return record ? info(record) : undefined;
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** Identifiers unique, dependencies known, no cycles. */
function validateBatchScenario(scenario: BatchScenario): void {
  const ids = new Set<string>();
  for (const m of scenario.members) {
    if (ids.has(m.identifier) || m.identifier === 'DOWNLOAD_SOURCE') {
      throw new Error(`batch member identifier ${m.identifier} is reserved or used twice`);
    }
    ids.add(m.identifier);
  }
  const byId = new Map(scenario.members.map((m) => [m.identifier, m]));
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (id: string): void => {
    if (done.has(id)) return;
    if (visiting.has(id)) throw new Error(`batch members depend on each other in a cycle: ${id}`);
    visiting.add(id);
    for (const dep of byId.get(id)!.dependsOn ?? []) {
      if (!byId.has(dep)) throw new Error(`batch member ${id} depends on unknown ${dep}`);
      visit(dep);
    }
    visiting.delete(id);
    done.add(id);
  };
  for (const id of ids) visit(id);
}

/** The StartBuild request each member build gets from a StartBuildBatch request. */
function memberRequestOf(body: Json): Json {
  const {
    idempotencyToken: _token,
    buildBatchConfigOverride: _config,
    buildTimeoutInMinutesOverride: timeout,
    reportBuildBatchStatusOverride: report,
    debugSessionEnabled: _debug,
    ...rest
  } = body;
  return {
    ...rest,
    ...(timeout === undefined ? {} : { timeoutInMinutesOverride: timeout }),
    ...(report === undefined ? {} : { reportBuildStatusOverride: report }),
  };
}

/** The project's batch configuration (as the CLI examples show it) under the request's override. */
function batchConfigOf(serviceRole: string, override: unknown): Record<string, unknown> {
  const base: Record<string, unknown> = {
    serviceRole,
    restrictions: { maximumBuildsAllowed: 100 },
    timeoutInMins: 480,
  };
  if (!override || typeof override !== 'object') return base;
  return { ...base, ...(override as Json) };
}

function seconds(ms: number): number {
  return ms / 1000;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}
