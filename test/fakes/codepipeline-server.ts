/**
 * A fake AWS CodePipeline endpoint on 127.0.0.1, for wire-level tests and benchmarks. It speaks
 * the AWS JSON 1.1 protocol like the real service (POST /, `X-Amz-Target:
 * CodePipeline_20150709.<Operation>`, epoch-second timestamps, `{"__type", "message"}` errors), so
 * the unmodified SDK v3 `CodePipelineClient` (`endpoint: fake.url`, any region, any static
 * credentials) signs, sends, retries and parses against it exactly as it would against AWS.
 *
 * Pipelines are declared up front; executions progress in wall-clock time from their start: stages
 * in order, runOrder groups in order, the actions of a group in parallel. Executions are scripted
 * per pipeline (`ExecutionScript`: a failing action, durations, the commit). Manual approvals wait
 * for PutApprovalResult (or `answerApproval`) or time out. The execution modes decide who waits at
 * a stage's entry: SUPERSEDED (one waiter, an older waiter is superseded), QUEUED (waiters queue)
 * and PARALLEL (nobody waits). Stops with and without abandon, idempotent starts, variables and
 * source revision overrides behave as documented. Faults (throttling, 5xx, access denied) can be
 * injected per operation.
 *
 * The module imports only Node built-ins and uses only type-strippable syntax, so a benchmark can
 * load it directly with `node --experimental-strip-types`.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AwsCall, AwsFailure } from './aws-faults.js';

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
// Public model
// ---------------------------------------------------------------------------------------------

export type ActionCategory = 'Source' | 'Build' | 'Test' | 'Deploy' | 'Approval' | 'Invoke';

export interface FakeAction {
  name: string;
  category: ActionCategory;
  /**
   * e.g. CodeStarSourceConnection, CodeBuild, Manual, CodeDeploy, S3, ECR. Default: Manual for
   * Approval, CodeStarSourceConnection for Source, CodeBuild for Build/Test, CodeDeploy for Deploy,
   * Lambda for Invoke.
   */
  provider?: string;
  /** Default 1. Actions of a stage run in runOrder groups; same runOrder runs in parallel. */
  runOrder?: number;
  /** Default: the server's actionMs (default 100). Manual approvals wait for an answer instead. */
  durationMs?: number;
  /** configuration as in GetPipeline (e.g. { ProjectName: 'web' }, { FullRepositoryId, BranchName, ConnectionArn }). */
  configuration?: Record<string, string>;
  /** A CodeStarSourceConnection's provider type, as its revisions' summaries say; default GitHub. */
  connectionProvider?: 'GitHub' | 'GitHubEnterpriseServer' | 'Bitbucket' | 'GitLab';
}

export interface FakeStage {
  name: string;
  actions: FakeAction[];
}

export interface FakePipeline {
  name: string;
  /** Default SUPERSEDED. */
  executionMode?: 'SUPERSEDED' | 'QUEUED' | 'PARALLEL';
  /** Default V2. Variables and sourceRevisions are refused (ValidationException) on V1, as AWS does. */
  pipelineType?: 'V1' | 'V2';
  /** Declared pipeline variables; StartPipelineExecution may only set declared ones (else ValidationException naming it). */
  variables?: { name: string; defaultValue?: string; description?: string }[];
  stages: FakeStage[];
}

/** What happens in one execution, scripted per pipeline; an execution without a script succeeds. */
export interface ExecutionScript {
  /** The action that fails, with CodePipeline's wording. */
  fail?: {
    stage: string;
    action: string;
    summary?: string;
    externalUrl?: string;
    externalId?: string;
    code?: string;
  };
  /** Per action name: duration overrides for this execution. */
  durations?: Record<string, number>;
  /** The commit the source action resolves to when no COMMIT_ID override is given; default a sha derived from pipeline+execution. */
  commit?: string;
}

export interface FakeCodePipelineOptions {
  /** Default us-east-1. */
  region?: string;
  /** Default 123456789012. */
  accountId?: string;
  /**
   * Default `arn:aws:sts::<account>:assumed-role/ci/x`: named in AccessDenied messages,
   * `trigger.triggerDetail`, and `lastUpdatedBy` of approvals answered through the API.
   */
  callerArn?: string;
  pipelines: FakePipeline[];
  /** Default 100. */
  actionMs?: number;
  /** How long a manual approval waits before it fails with "Approval timed out" (real: 7 days). Default 1 hour. */
  approvalTimeoutMs?: number;
  /** Time a non-abandon stop takes for in-progress actions to finish; default 300. */
  stopDelayMs?: number;
  /** Default 0: a free port. */
  port?: number;
}

export type CodePipelineOperation =
  | 'GetPipeline'
  | 'GetPipelineState'
  | 'GetPipelineExecution'
  | 'ListPipelineExecutions'
  | 'ListActionExecutions'
  | 'StartPipelineExecution'
  | 'StopPipelineExecution'
  | 'PutApprovalResult';

/** A request to the fake, as `calls` lists it. */
export type FakeCall = AwsCall;

/** An injected error (`failNext`). */
export type PipelineFailure = AwsFailure;

export type FakeExecutionStatus =
  'InProgress' | 'Stopping' | 'Stopped' | 'Succeeded' | 'Failed' | 'Superseded' | 'Cancelled';

export interface FakeExecutionInfo {
  id: string;
  pipeline: string;
  status: FakeExecutionStatus;
  /** Epoch ms. */
  startedAt: number;
  /** The StartPipelineExecution request body, or for an external one what started it. */
  request: Record<string, unknown>;
  /** commit of the source action(s). */
  commit: string;
  stopRequest?: { abandon: boolean; reason?: string; at: number; by: string };
  /** Answers given to its approvals, in order. */
  approvals: {
    stage: string;
    action: string;
    status: 'Approved' | 'Rejected';
    summary?: string;
    by: string;
    token: string;
  }[];
  /** Epoch ms of the last status change. */
  lastUpdateTime: number;
  statusSummary?: string;
  /** Index of the stage it is in or waits for; undefined once final. */
  stageIndex?: number;
  /** Whether it waits at the entry of `stageIndex`. */
  waiting: boolean;
}

export interface FakeCodePipeline {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly region: string;
  readonly accountId: string;
  /** Every request, in arrival order (faulted ones included). */
  readonly calls: readonly FakeCall[];
  /** Calls per operation, e.g. `{ 'CodePipeline.GetPipelineExecution': 12 }`. */
  counts(): Record<string, number>;
  /** Answer the next `count` calls of `operation` ('*' = any) with an error. */
  failNext(
    operation: `CodePipeline.${CodePipelineOperation}` | '*',
    failure: PipelineFailure,
  ): void;
  clearFailures(): void;
  /** Queue scripts: each later execution of `pipeline` (started by API or externally) takes the next one. */
  script(pipeline: string, ...scripts: ExecutionScript[]): void;
  /** Oldest first. */
  executions(pipeline?: string): FakeExecutionInfo[];
  execution(id: string): FakeExecutionInfo | undefined;
  /** Start an execution as a push webhook would (trigger type Webhook / CloudWatchEvent), no API call; returns it. */
  startExternalExecution(
    pipeline: string,
    options?: { commit?: string; script?: ExecutionScript },
  ): FakeExecutionInfo;
  /** Answer a pending approval as someone in the console would (by = an ARN, default arn:aws:iam::<account>:user/alice); throws if none pending. */
  answerApproval(
    executionId: string,
    stage: string,
    action: string,
    status: 'Approved' | 'Rejected',
    by?: string,
    summary?: string,
  ): void;
  /** Stop from outside (the console): StopPipelineExecution semantics, lastUpdatedBy/stop reason recorded. */
  stopExecution(executionId: string, options?: { abandon?: boolean; reason?: string }): void;
  /** The token of the pending approval of that execution/stage/action, if any. */
  pendingToken(executionId: string, stage: string, action: string): string | undefined;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Internal model
// ---------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;
type ActionStatus = 'InProgress' | 'Abandoned' | 'Succeeded' | 'Failed';
type StageStatus = 'InProgress' | 'Failed' | 'Stopped' | 'Stopping' | 'Succeeded' | 'Cancelled';
type Mode = 'SUPERSEDED' | 'QUEUED' | 'PARALLEL';

interface ActionDef {
  name: string;
  category: ActionCategory;
  provider: string;
  owner: string;
  runOrder: number;
  durationMs: number;
  configuration: Record<string, string>;
  /** Source actions: the name of the output artifact. */
  outputArtifact?: string;
  connectionProvider: string;
}

interface StageDef {
  name: string;
  /** Actions grouped by runOrder, in order. */
  groups: ActionDef[][];
  actions: ActionDef[];
  /** The execution in the stage (SUPERSEDED/QUEUED). */
  occupant?: ExecRecord;
  /** Waiting at the entry, oldest first (SUPERSEDED keeps at most one). */
  waiting: ExecRecord[];
  /** The execution that entered the stage last. */
  latest?: ExecRecord;
}

interface PipelineRecord {
  name: string;
  mode: Mode;
  type: 'V1' | 'V2';
  variables: { name: string; defaultValue?: string; description?: string }[];
  stages: StageDef[];
  created: number;
}

interface ActionRun {
  seq: number;
  id: string;
  exec: ExecRecord;
  stage: StageDef;
  action: ActionDef;
  startedAt: number;
  /** When it ends on its own (an approval: when it times out). */
  endsAt: number;
  status: ActionStatus;
  lastUpdate: number;
  fails: boolean;
  summary?: string;
  externalId?: string;
  externalUrl?: string;
  errorDetails?: { code: string; message: string };
  updatedBy?: string;
  token?: string;
  outputVariables: Record<string, string>;
  resolvedConfiguration: Record<string, string>;
}

interface SourceResolution {
  action: ActionDef;
  revisionId: string;
  revisionType: string;
}

interface ExecRecord {
  seq: number;
  id: string;
  pipeline: PipelineRecord;
  status: FakeExecutionStatus;
  statusSummary?: string;
  startedAt: number;
  lastUpdate: number;
  request: Record<string, unknown>;
  script: ExecutionScript;
  commit: string;
  sources: SourceResolution[];
  variables: { name: string; resolvedValue: string }[];
  trigger: { triggerType: string; triggerDetail: string };
  stopRequest?: { abandon: boolean; reason?: string; at: number; by: string };
  approvals: FakeExecutionInfo['approvals'];
  /** Stage it is in (or waits for); undefined once final. */
  stageIndex?: number;
  waiting: boolean;
  groupIndex: number;
  stageStatus: Map<number, StageStatus>;
  runs: ActionRun[];
}

const SERVICE_PREFIX = 'CodePipeline_20150709';
const IDEMPOTENCY_WINDOW_MS = 24 * 3_600_000;
const SOURCE_REVISION_TYPES = [
  'COMMIT_ID',
  'IMAGE_DIGEST',
  'S3_OBJECT_VERSION_ID',
  'S3_OBJECT_KEY',
];
const FINAL: ReadonlySet<FakeExecutionStatus> = new Set([
  'Stopped',
  'Succeeded',
  'Failed',
  'Superseded',
  'Cancelled',
]);

const DEFAULT_PROVIDERS: Record<ActionCategory, string> = {
  Source: 'CodeStarSourceConnection',
  Build: 'CodeBuild',
  Test: 'CodeBuild',
  Deploy: 'CodeDeploy',
  Approval: 'Manual',
  Invoke: 'Lambda',
};

export async function startFakeCodePipeline(
  options: FakeCodePipelineOptions,
): Promise<FakeCodePipeline> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const callerArn = options.callerArn ?? `arn:aws:sts::${accountId}:assumed-role/ci/x`;
  const consoleUser = `arn:aws:iam::${accountId}:user/alice`;
  const actionMs = options.actionMs ?? 100;
  const approvalTimeoutMs = options.approvalTimeoutMs ?? 3_600_000;
  const stopDelayMs = options.stopDelayMs ?? 300;
  const created = Date.now();
  const tokenKey = randomUUID();

  const pipelines = new Map<string, PipelineRecord>();
  for (const p of options.pipelines) pipelines.set(p.name, definePipeline(p));

  const calls: FakeCall[] = [];
  const injected = faults({
    callerArn,
    denied: (operation, body) => ({
      action: `codepipeline:${operation.split('.')[1] ?? ''}`,
      resource: resourceOf(operation, body),
    }),
  });
  const scripts = new Map<string, ExecutionScript[]>();
  const execs = new Map<string, ExecRecord>();
  const execList: ExecRecord[] = [];
  const runList: ActionRun[] = [];
  const active = new Set<ActionRun>();
  /** The run of each declared action that started last, across executions. */
  const latestRuns = new Map<ActionDef, ActionRun>();
  const idempotency = new Map<string, { at: number; execId: string }>();
  let seq = 0;

  function definePipeline(p: FakePipeline): PipelineRecord {
    const connectionArn = `arn:aws:codeconnections:${region}:${accountId}:connection/${uuidFrom(`conn:${p.name}`)}`;
    let sourceCount = 0;
    const stages: StageDef[] = p.stages.map((s) => {
      const actions: ActionDef[] = s.actions.map((a) => {
        const provider = a.provider ?? DEFAULT_PROVIDERS[a.category];
        const def: ActionDef = {
          name: a.name,
          category: a.category,
          provider,
          owner: provider === 'GitHub' ? 'ThirdParty' : 'AWS',
          runOrder: a.runOrder ?? 1,
          durationMs: a.durationMs ?? actionMs,
          configuration: a.configuration ?? defaultConfiguration(p.name, a.category, provider),
          connectionProvider: a.connectionProvider ?? 'GitHub',
        };
        if (a.category === 'Source') {
          def.outputArtifact = sourceCount === 0 ? 'SourceArtifact' : `${a.name}Artifact`;
          sourceCount++;
        }
        if (provider === 'CodeStarSourceConnection' && !def.configuration.ConnectionArn) {
          def.configuration = { ...def.configuration, ConnectionArn: connectionArn };
        }
        return def;
      });
      // As CreatePipeline does: every stage needs at least one action.
      if (actions.length === 0)
        throw new Error(`stage ${s.name} of pipeline ${p.name} has no actions`);
      const orders = [...new Set(actions.map((a) => a.runOrder))].sort((x, y) => x - y);
      return {
        name: s.name,
        actions,
        groups: orders.map((o) => actions.filter((a) => a.runOrder === o)),
        waiting: [],
      };
    });
    return {
      name: p.name,
      mode: p.executionMode ?? 'SUPERSEDED',
      type: p.pipelineType ?? 'V2',
      variables: p.variables ?? [],
      stages,
      created,
    };
  }

  function defaultConfiguration(
    pipeline: string,
    category: ActionCategory,
    provider: string,
  ): Record<string, string> {
    switch (provider) {
      case 'CodeStarSourceConnection':
        return {
          BranchName: 'main',
          FullRepositoryId: `example/${pipeline}`,
          OutputArtifactFormat: 'CODE_ZIP',
          DetectChanges: 'true',
        };
      case 'CodeBuild':
        return { ProjectName: pipeline };
      case 'CodeDeploy':
        return { ApplicationName: pipeline, DeploymentGroupName: `${pipeline}-${category}` };
      case 'Lambda':
        return { FunctionName: pipeline };
      case 'S3':
        return category === 'Source'
          ? { S3Bucket: `${pipeline}-source`, S3ObjectKey: 'source.zip' }
          : { BucketName: `${pipeline}-deploy`, Extract: 'true' };
      case 'ECR':
        return { RepositoryName: pipeline, ImageTag: 'latest' };
      default:
        return {};
    }
  }

  // ---- Engine: every transition happens at its own time, applied lazily in time order

  /** Apply every transition due by `now`, earliest first. */
  function advance(now: number): void {
    for (;;) {
      let next: ActionRun | undefined;
      let at = Infinity;
      for (const run of active) {
        if (run.endsAt <= now && run.endsAt < at) {
          at = run.endsAt;
          next = run;
        }
      }
      if (!next) return;
      finishRun(next, at);
    }
  }

  function finishRun(run: ActionRun, at: number): void {
    active.delete(run);
    run.lastUpdate = at;
    if (run.action.provider === 'Manual') {
      run.status = 'Failed';
      run.summary = 'Approval timed out';
      run.errorDetails = { code: 'JobFailed', message: 'Approval timed out' };
    } else if (run.fails) {
      const fail = run.exec.script.fail!;
      run.status = 'Failed';
      run.summary = fail.summary ?? defaultFailureSummary(run.action);
      if (fail.externalUrl !== undefined) run.externalUrl = fail.externalUrl;
      if (fail.externalId !== undefined) run.externalId = fail.externalId;
      run.errorDetails = { code: fail.code ?? 'JobFailed', message: run.summary };
    } else {
      run.status = 'Succeeded';
      run.summary = successSummary(run);
    }
    progress(run.exec, at);
  }

  /** After a run ended: start the next group or stage, or end the stage or the execution. */
  function progress(exec: ExecRecord, at: number): void {
    if (exec.stageIndex === undefined || exec.waiting) return;
    const stageIndex = exec.stageIndex;
    const stage = exec.pipeline.stages[stageIndex]!;
    const group = exec.runs.filter(
      (r) => r.stage === stage && stage.groups[exec.groupIndex]!.includes(r.action),
    );
    if (group.some((r) => r.status === 'InProgress')) return;
    if (exec.status === 'Stopping') {
      finish(exec, 'Stopped', at, stopSummary(exec), 'Stopped');
      return;
    }
    const failed = group.find((r) => r.status === 'Failed');
    if (failed) {
      finish(exec, 'Failed', at, failureSummary(failed), 'Failed');
      return;
    }
    if (exec.groupIndex + 1 < stage.groups.length) {
      exec.groupIndex++;
      startGroup(exec, at);
      return;
    }
    exec.stageStatus.set(stageIndex, 'Succeeded');
    exec.lastUpdate = at;
    release(exec, stage, at);
    if (stageIndex + 1 < exec.pipeline.stages.length) enter(exec, stageIndex + 1, at);
    else finish(exec, 'Succeeded', at, undefined, undefined);
  }

  /** End an execution: `stageStatus` is the status of the stage it is in, if it is in one. */
  function finish(
    exec: ExecRecord,
    status: FakeExecutionStatus,
    at: number,
    summary: string | undefined,
    stageStatus: StageStatus | undefined,
  ): void {
    const index = exec.stageIndex;
    exec.status = status;
    exec.lastUpdate = at;
    if (summary !== undefined) exec.statusSummary = summary;
    if (index !== undefined) {
      const stage = exec.pipeline.stages[index]!;
      if (exec.waiting) {
        stage.waiting = stage.waiting.filter((e) => e !== exec);
      } else {
        if (stageStatus) exec.stageStatus.set(index, stageStatus);
        release(exec, stage, at);
      }
    }
    exec.stageIndex = undefined;
    exec.waiting = false;
  }

  function release(exec: ExecRecord, stage: StageDef, at: number): void {
    if (stage.occupant !== exec) return;
    stage.occupant = undefined;
    const next = stage.waiting.shift();
    if (next) occupy(next, exec.pipeline.stages.indexOf(stage), at);
  }

  /** The execution arrives at the entry of a stage: it enters, waits, or supersedes a waiter. */
  function enter(exec: ExecRecord, index: number, at: number): void {
    const stage = exec.pipeline.stages[index]!;
    exec.stageIndex = index;
    exec.groupIndex = 0;
    const mode = exec.pipeline.mode;
    if (mode === 'PARALLEL' || (!stage.occupant && stage.waiting.length === 0)) {
      occupy(exec, index, at);
      return;
    }
    exec.waiting = true;
    exec.lastUpdate = at;
    if (mode === 'SUPERSEDED') {
      for (const older of stage.waiting.splice(0)) {
        older.waiting = false;
        older.stageIndex = undefined;
        older.status = 'Superseded';
        older.lastUpdate = at;
        older.statusSummary = `Superseded by pipeline execution ${exec.id} at stage ${stage.name}`;
      }
    }
    stage.waiting.push(exec);
  }

  function occupy(exec: ExecRecord, index: number, at: number): void {
    const stage = exec.pipeline.stages[index]!;
    exec.stageIndex = index;
    exec.waiting = false;
    exec.groupIndex = 0;
    exec.lastUpdate = at;
    if (exec.pipeline.mode !== 'PARALLEL') stage.occupant = exec;
    stage.latest = exec;
    exec.stageStatus.set(index, 'InProgress');
    startGroup(exec, at);
  }

  function startGroup(exec: ExecRecord, at: number): void {
    const stage = exec.pipeline.stages[exec.stageIndex!]!;
    for (const action of stage.groups[exec.groupIndex]!) startRun(exec, stage, action, at);
  }

  function startRun(exec: ExecRecord, stage: StageDef, action: ActionDef, at: number): void {
    const fail = exec.script.fail;
    const duration = exec.script.durations?.[action.name] ?? action.durationMs;
    const manual = action.provider === 'Manual';
    const run: ActionRun = {
      seq: ++seq,
      id: randomUUID(),
      exec,
      stage,
      action,
      startedAt: at,
      endsAt: manual ? at + approvalTimeoutMs : at + Math.max(0, duration),
      status: 'InProgress',
      lastUpdate: at,
      fails: !!fail && fail.stage === stage.name && fail.action === action.name,
      outputVariables: {},
      resolvedConfiguration: resolveConfiguration(exec, action.configuration),
    };
    describeRun(run);
    exec.runs.push(run);
    runList.push(run);
    latestRuns.set(action, run);
    active.add(run);
  }

  /** External ids, urls and output variables the action's provider reports. */
  function describeRun(run: ActionRun): void {
    const { action, exec } = run;
    const cfg = run.resolvedConfiguration;
    const console = 'https://console.aws.amazon.com';
    if (action.provider === 'Manual') {
      run.token = randomUUID();
      run.externalId = run.token;
      return;
    }
    if (action.category === 'Source') {
      const source = exec.sources.find((s) => s.action === action)!;
      run.externalId = source.revisionId;
      run.externalUrl = revisionUrl(action, source.revisionId);
      if (source.revisionType === 'COMMIT_ID' || isGitProvider(action.provider)) {
        run.outputVariables = {
          AuthorDate: new Date(exec.startedAt).toISOString(),
          BranchName: cfg.BranchName ?? 'main',
          CommitId: source.revisionId,
          CommitMessage: commitMessage(exec, source.revisionId),
          ConnectionArn: cfg.ConnectionArn ?? '',
          FullRepositoryName: cfg.FullRepositoryId ?? '',
          ProviderType: 'GitHub',
        };
      }
      return;
    }
    switch (action.provider) {
      case 'CodeBuild': {
        const project = cfg.ProjectName ?? exec.pipeline.name;
        const uuid = randomUUID();
        run.externalId = `${project}:${uuid}`;
        run.externalUrl = `${console}/codebuild/home?region=${region}#/builds/${project}:${uuid}/view/new`;
        return;
      }
      case 'CodeDeploy': {
        const deployment = `d-${createHash('sha1').update(run.id).digest('hex').slice(0, 9).toUpperCase()}`;
        run.externalId = deployment;
        run.externalUrl = `${console}/codedeploy/home?region=${region}#/deployments/${deployment}`;
        return;
      }
      case 'Lambda': {
        const fn = cfg.FunctionName ?? exec.pipeline.name;
        run.externalId = randomUUID();
        run.externalUrl = `${console}/lambda/home?region=${region}#/functions/${fn}`;
        return;
      }
      case 'S3': {
        const bucket = cfg.BucketName ?? exec.pipeline.name;
        run.externalUrl = `${console}/s3/buckets/${bucket}?region=${region}`;
        return;
      }
      default:
        run.externalUrl = `${console}/codesuite/codepipeline/pipelines/${exec.pipeline.name}/executions/${exec.id}/timeline?region=${region}`;
    }
  }

  function successSummary(run: ActionRun): string | undefined {
    if (run.action.category === 'Source') {
      const source = run.exec.sources.find((s) => s.action === run.action)!;
      return commitMessage(run.exec, source.revisionId);
    }
    switch (run.action.provider) {
      case 'CodeBuild':
        return 'Build succeeded';
      case 'CodeDeploy':
        return 'Deployment Succeeded';
      case 'Lambda':
        return 'Function invocation succeeded';
      default:
        return run.action.category === 'Build' ||
          run.action.category === 'Test' ||
          run.action.category === 'Deploy'
          ? `${run.action.provider} action succeeded`
          : undefined;
    }
  }

  function defaultFailureSummary(action: ActionDef): string {
    switch (action.provider) {
      case 'CodeBuild':
        return 'Build terminated with state: FAILED';
      case 'CodeDeploy':
        return 'Deployment failed';
      default:
        return `Action ${action.name} failed`;
    }
  }

  function failureSummary(run: ActionRun): string {
    return `Action execution failed in stage ${run.stage.name}, action ${run.action.name}: ${run.summary ?? 'failed'}`;
  }

  function stopSummary(exec: ExecRecord): string {
    return exec.stopRequest?.reason
      ? `Execution stopped: ${exec.stopRequest.reason}`
      : 'Execution stopped';
  }

  function commitMessage(exec: ExecRecord, revision: string): string {
    return `Update ${exec.pipeline.name} (${revision.slice(0, 7)})`;
  }

  function revisionUrl(action: ActionDef, revision: string): string | undefined {
    const cfg = action.configuration;
    if (action.provider === 'CodeStarSourceConnection') {
      const params = new URLSearchParams({
        connectionArn: cfg.ConnectionArn ?? '',
        referenceType: 'COMMIT',
        FullRepositoryId: cfg.FullRepositoryId ?? '',
        Commit: revision,
      });
      return `https://${region}.console.aws.amazon.com/codesuite/settings/connections/redirect?${params.toString()}`;
    }
    if (action.provider === 'GitHub' && cfg.Owner && cfg.Repo) {
      return `https://github.com/${cfg.Owner}/${cfg.Repo}/commit/${revision}`;
    }
    if (action.provider === 'CodeCommit' && cfg.RepositoryName) {
      return `https://${region}.console.aws.amazon.com/codesuite/codecommit/repositories/${cfg.RepositoryName}/commit/${revision}?region=${region}`;
    }
    return undefined;
  }

  function revisionSummary(exec: ExecRecord, source: SourceResolution): string {
    const message = commitMessage(exec, source.revisionId);
    return source.action.provider === 'CodeStarSourceConnection'
      ? JSON.stringify({ ProviderType: source.action.connectionProvider, CommitMessage: message })
      : message;
  }

  function resolveConfiguration(
    exec: ExecRecord,
    configuration: Record<string, string>,
  ): Record<string, string> {
    const vars = new Map(exec.variables.map((v) => [v.name, v.resolvedValue]));
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(configuration)) {
      out[key] = value.replace(/#\{([A-Za-z0-9@_-]+)\.([A-Za-z0-9@_-]+)\}/g, (all, ns, name) => {
        if (ns === 'variables') return vars.get(name as string) ?? all;
        if (ns === 'codepipeline' && name === 'PipelineExecutionId') return exec.id;
        return all;
      });
    }
    return out;
  }

  // ---- Starting and stopping

  function createExecution(
    pipeline: PipelineRecord,
    request: Record<string, unknown>,
    trigger: ExecRecord['trigger'],
    overrides: Map<string, { type: string; value: string }>,
    variables: { name: string; resolvedValue: string }[],
    script: ExecutionScript | undefined,
    commit: string | undefined,
    at: number,
  ): ExecRecord {
    const id = randomUUID();
    const chosen = script ?? scripts.get(pipeline.name)?.shift() ?? {};
    const defaultCommit =
      commit ?? chosen.commit ?? createHash('sha1').update(`${pipeline.name}:${id}`).digest('hex');
    const sources: SourceResolution[] = [];
    for (const stage of pipeline.stages) {
      for (const action of stage.actions) {
        if (action.category !== 'Source') continue;
        const override = overrides.get(action.name);
        sources.push({
          action,
          revisionId: override?.value ?? defaultCommit,
          revisionType: override?.type ?? 'COMMIT_ID',
        });
      }
    }
    const exec: ExecRecord = {
      seq: ++seq,
      id,
      pipeline,
      status: 'InProgress',
      startedAt: at,
      lastUpdate: at,
      request,
      script: chosen,
      commit: sources.find((s) => s.revisionType === 'COMMIT_ID')?.revisionId ?? defaultCommit,
      sources,
      variables,
      trigger,
      approvals: [],
      waiting: false,
      groupIndex: 0,
      stageStatus: new Map(),
      runs: [],
    };
    execs.set(id, exec);
    execList.push(exec);
    if (pipeline.stages.length === 0) finish(exec, 'Succeeded', at, undefined, undefined);
    else enter(exec, 0, at);
    return exec;
  }

  function externalTrigger(pipeline: PipelineRecord): ExecRecord['trigger'] {
    const source = pipeline.stages.flatMap((s) => s.actions).find((a) => a.category === 'Source');
    if (
      source &&
      (source.provider === 'CodeStarSourceConnection' || source.provider === 'GitHub')
    ) {
      return {
        triggerType: 'Webhook',
        triggerDetail: source.configuration.ConnectionArn ?? `webhook/${pipeline.name}`,
      };
    }
    return {
      triggerType: 'CloudWatchEvent',
      triggerDetail: `arn:aws:events:${region}:${accountId}:rule/codepipeline-${pipeline.name}-source`,
    };
  }

  function defaultVariables(pipeline: PipelineRecord): { name: string; resolvedValue: string }[] {
    return pipeline.variables.map((v) => ({ name: v.name, resolvedValue: v.defaultValue ?? '' }));
  }

  function requestStop(
    exec: ExecRecord,
    abandon: boolean,
    reason: string | undefined,
    by: string,
    at: number,
  ): void {
    if (FINAL.has(exec.status)) {
      throw new AwsError(
        'PipelineExecutionNotStoppableException',
        'Unable to stop the pipeline execution. The execution might already be in a Stopped state, or it might no longer be in progress.',
      );
    }
    if (exec.status === 'Stopping' && (!abandon || exec.stopRequest?.abandon)) {
      throw new AwsError(
        'DuplicatedStopRequestException',
        'The pipeline execution is already in a Stopping state. If you already chose to stop and wait, you cannot make that request again. You can choose to stop and abandon now, but be aware that this option can lead to failed tasks or out of sequence tasks. If you already chose to stop and abandon, you cannot make that request again.',
      );
    }
    exec.stopRequest = { abandon, ...(reason === undefined ? {} : { reason }), at, by };
    exec.lastUpdate = at;
    const inProgress = exec.runs.filter((r) => r.status === 'InProgress');
    if (exec.waiting || inProgress.length === 0) {
      finish(exec, 'Stopped', at, stopSummary(exec), 'Stopped');
      return;
    }
    for (const run of inProgress) {
      if (abandon || run.action.provider === 'Manual') {
        active.delete(run);
        run.status = 'Abandoned';
        run.lastUpdate = at;
        run.updatedBy = by;
        run.summary = abandon ? 'Abandoned' : 'Stopped';
      } else {
        run.endsAt = Math.min(run.endsAt, at + stopDelayMs);
      }
    }
    exec.status = 'Stopping';
    if (exec.stageIndex !== undefined) exec.stageStatus.set(exec.stageIndex, 'Stopping');
    progress(exec, at);
  }

  function answer(
    run: ActionRun,
    status: 'Approved' | 'Rejected',
    summary: string | undefined,
    by: string,
    at: number,
  ): void {
    active.delete(run);
    run.status = status === 'Approved' ? 'Succeeded' : 'Failed';
    run.lastUpdate = at;
    run.updatedBy = by;
    if (summary !== undefined) run.summary = summary;
    else delete run.summary;
    if (status === 'Rejected') {
      run.errorDetails = { code: 'JobFailed', message: summary ?? 'Rejected' };
    }
    run.exec.approvals.push({
      stage: run.stage.name,
      action: run.action.name,
      status,
      ...(summary === undefined ? {} : { summary }),
      by,
      token: run.token!,
    });
    progress(run.exec, at);
  }

  function pendingRun(exec: ExecRecord, stage: string, action: string): ActionRun | undefined {
    return exec.runs.find(
      (r) =>
        r.stage.name === stage &&
        r.action.name === action &&
        r.action.provider === 'Manual' &&
        r.status === 'InProgress',
    );
  }

  // ---- Validation helpers

  function requireString(body: Json, field: string, path = field): string {
    const value = body[field];
    if (value === undefined || value === null) {
      throw new AwsError(
        'ValidationException',
        `1 validation error detected: Value null at '${path}' failed to satisfy constraint: Member must not be null`,
      );
    }
    if (typeof value !== 'string') {
      throw new AwsError('SerializationException', `Unexpected value type for '${path}'`);
    }
    return value;
  }

  function requirePipeline(body: Json, field: string): PipelineRecord {
    const name = requireString(body, field);
    const pipeline = pipelines.get(name);
    if (!pipeline) {
      throw new AwsError(
        'PipelineNotFoundException',
        `Account '${accountId}' does not have a pipeline with name '${name}'`,
      );
    }
    return pipeline;
  }

  function requireExecution(pipeline: PipelineRecord, id: string): ExecRecord {
    const exec = execs.get(id);
    if (!exec || exec.pipeline !== pipeline) {
      throw new AwsError(
        'PipelineExecutionNotFoundException',
        `Pipeline Execution with id '${id}' does not exist in pipeline with name '${pipeline.name}'`,
      );
    }
    return exec;
  }

  function maxResultsOf(body: Json): number {
    const value = body.maxResults;
    if (value === undefined || value === null) return 100;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new AwsError('SerializationException', "Unexpected value type for 'maxResults'");
    }
    if (value < 1 || value > 100) {
      const bound = value < 1 ? 'greater than or equal to 1' : 'less than or equal to 100';
      throw new AwsError(
        'ValidationException',
        `1 validation error detected: Value '${value}' at 'maxResults' failed to satisfy constraint: Member must have value ${bound}`,
      );
    }
    return value;
  }

  /** An opaque page token: the scope and the seq of the last item served, signed. */
  function pageToken(scope: string, before: number): string {
    const payload = Buffer.from(JSON.stringify({ scope, before })).toString('base64url');
    return `${payload}.${signature(payload)}`;
  }

  function parsePageToken(value: unknown, scope: string): number {
    if (value === undefined || value === null) return Infinity;
    const [payload = '', sig, ...rest] = typeof value === 'string' ? value.split('.') : [];
    let position: { scope?: unknown; before?: unknown } = {};
    if (rest.length === 0 && sig === signature(payload)) {
      try {
        position = JSON.parse(
          Buffer.from(payload, 'base64url').toString('utf8'),
        ) as typeof position;
      } catch {
        // refused below
      }
    }
    if (position.scope !== scope || typeof position.before !== 'number') {
      throw new AwsError(
        'InvalidNextTokenException',
        'The next token was specified in an invalid format. Make sure that the next token you provide is the token returned by a previous call.',
      );
    }
    return position.before;
  }

  function signature(payload: string): string {
    return createHash('sha256').update(`${tokenKey}:${payload}`).digest('base64url').slice(0, 22);
  }

  function page<T extends { seq: number }>(
    items: T[],
    body: Json,
    scope: string,
  ): { items: T[]; nextToken?: string } {
    const max = maxResultsOf(body);
    const before = parsePageToken(body.nextToken, scope);
    const newestFirst = items.filter((i) => i.seq < before).sort((a, b) => b.seq - a.seq);
    const chosen = newestFirst.slice(0, max);
    const last = chosen.at(-1);
    return newestFirst.length > max && last
      ? { items: chosen, nextToken: pageToken(scope, last.seq) }
      : { items: chosen };
  }

  // ---- Wire shapes

  function artifactRevisions(exec: ExecRecord): Json[] {
    return exec.sources.flatMap((source) => {
      const run = exec.runs.find((r) => r.action === source.action);
      if (!run || run.status !== 'Succeeded') return [];
      const url = revisionUrl(source.action, source.revisionId);
      return [
        {
          name: source.action.outputArtifact,
          revisionId: source.revisionId,
          revisionSummary: revisionSummary(exec, source),
          ...(url ? { revisionUrl: url } : {}),
          created: seconds(run.lastUpdate),
        },
      ];
    });
  }

  function sourceRevisions(exec: ExecRecord): Json[] {
    return exec.sources.flatMap((source) => {
      const run = exec.runs.find((r) => r.action === source.action);
      if (!run || run.status !== 'Succeeded') return [];
      const url = revisionUrl(source.action, source.revisionId);
      return [
        {
          actionName: source.action.name,
          revisionId: source.revisionId,
          revisionSummary: revisionSummary(exec, source),
          ...(url ? { revisionUrl: url } : {}),
        },
      ];
    });
  }

  function wireExecution(exec: ExecRecord): Json {
    return {
      pipelineName: exec.pipeline.name,
      pipelineVersion: 1,
      pipelineExecutionId: exec.id,
      status: exec.status,
      ...(exec.statusSummary === undefined ? {} : { statusSummary: exec.statusSummary }),
      artifactRevisions: artifactRevisions(exec),
      ...(exec.pipeline.type === 'V2' ? { variables: exec.variables } : {}),
      trigger: exec.trigger,
      executionMode: exec.pipeline.mode,
      executionType: 'STANDARD',
    };
  }

  function wireSummary(exec: ExecRecord): Json {
    return {
      pipelineExecutionId: exec.id,
      status: exec.status,
      ...(exec.statusSummary === undefined ? {} : { statusSummary: exec.statusSummary }),
      startTime: seconds(exec.startedAt),
      lastUpdateTime: seconds(exec.lastUpdate),
      sourceRevisions: sourceRevisions(exec),
      trigger: exec.trigger,
      ...(exec.stopRequest
        ? {
            stopTrigger:
              exec.stopRequest.reason === undefined ? {} : { reason: exec.stopRequest.reason },
          }
        : {}),
      executionMode: exec.pipeline.mode,
      executionType: 'STANDARD',
    };
  }

  function executionResult(run: ActionRun): Json {
    return {
      ...(run.externalId === undefined ? {} : { externalExecutionId: run.externalId }),
      ...(run.summary === undefined ? {} : { externalExecutionSummary: run.summary }),
      ...(run.externalUrl === undefined ? {} : { externalExecutionUrl: run.externalUrl }),
      ...(run.errorDetails ? { errorDetails: run.errorDetails } : {}),
    };
  }

  function actionTypeId(action: ActionDef): Json {
    return {
      category: action.category,
      owner: action.owner,
      provider: action.provider,
      version: '1',
    };
  }

  function wireActionExecution(run: ActionRun): Json {
    const { action } = run;
    const source = action.category === 'Source';
    return {
      pipelineExecutionId: run.exec.id,
      actionExecutionId: run.id,
      pipelineVersion: 1,
      stageName: run.stage.name,
      actionName: action.name,
      startTime: seconds(run.startedAt),
      lastUpdateTime: seconds(run.lastUpdate),
      ...(run.updatedBy === undefined ? {} : { updatedBy: run.updatedBy }),
      status: run.status,
      input: {
        actionTypeId: actionTypeId(action),
        configuration: action.configuration,
        resolvedConfiguration: run.resolvedConfiguration,
        roleArn: roleArn(run.exec.pipeline.name),
        region,
        inputArtifacts: source ? [] : firstArtifact(run.exec.pipeline),
        ...(source ? { namespace: 'SourceVariables' } : {}),
      },
      output: {
        outputArtifacts:
          source && run.status === 'Succeeded'
            ? [{ name: action.outputArtifact, s3location: artifactLocation(run) }]
            : [],
        executionResult: executionResult(run),
        outputVariables: run.status === 'Succeeded' || source ? run.outputVariables : {},
      },
    };
  }

  function artifactLocation(run: ActionRun): Json {
    return {
      bucket: artifactBucket(),
      key: `${run.exec.pipeline.name.slice(0, 20)}/${run.action.outputArtifact ?? 'Artifact'}/${run.id.slice(0, 7)}`,
    };
  }

  function firstArtifact(pipeline: PipelineRecord): Json[] {
    const first = pipeline.stages.flatMap((s) => s.actions).find((a) => a.outputArtifact);
    return first ? [{ name: first.outputArtifact }] : [];
  }

  function artifactBucket(): string {
    return `codepipeline-${region}-${accountId.slice(0, 12)}`;
  }

  function roleArn(pipeline: string): string {
    return `arn:aws:iam::${accountId}:role/service-role/AWSCodePipelineServiceRole-${region}-${pipeline}`;
  }

  function entityUrl(pipeline: PipelineRecord, action: ActionDef): string | undefined {
    const cfg = action.configuration;
    switch (action.provider) {
      case 'CodeStarSourceConnection': {
        const params = new URLSearchParams({
          connectionArn: cfg.ConnectionArn ?? '',
          referenceType: 'BRANCH',
          FullRepositoryId: cfg.FullRepositoryId ?? '',
          Branch: cfg.BranchName ?? 'main',
        });
        return `https://${region}.console.aws.amazon.com/codesuite/settings/connections/redirect?${params.toString()}`;
      }
      case 'CodeBuild':
        return `https://console.aws.amazon.com/codebuild/home?region=${region}#/projects/${cfg.ProjectName ?? pipeline.name}/view`;
      case 'CodeDeploy':
        return `https://console.aws.amazon.com/codedeploy/home?region=${region}#/applications/${cfg.ApplicationName ?? pipeline.name}`;
      case 'Lambda':
        return `https://console.aws.amazon.com/lambda/home?region=${region}#/functions/${cfg.FunctionName ?? pipeline.name}`;
      default:
        return undefined;
    }
  }

  function wireStageState(pipeline: PipelineRecord, stage: StageDef, index: number): Json {
    const latest = stage.latest;
    const out: Json = { stageName: stage.name };
    if (pipeline.mode === 'SUPERSEDED' && stage.waiting[0]) {
      out.inboundExecution = {
        pipelineExecutionId: stage.waiting[0].id,
        status: 'InProgress',
        type: 'STANDARD',
      };
    }
    if (pipeline.mode === 'QUEUED' && stage.waiting.length > 0) {
      out.inboundExecutions = stage.waiting.map((e) => ({
        pipelineExecutionId: e.id,
        status: 'InProgress',
        type: 'STANDARD',
      }));
    }
    out.inboundTransitionState = { enabled: true };
    out.actionStates = stage.actions.map((action) => {
      const state: Json = { actionName: action.name };
      const run = latestRuns.get(action);
      if (run) {
        state.latestExecution = {
          actionExecutionId: run.id,
          status: run.status,
          ...(run.summary === undefined ? {} : { summary: run.summary }),
          lastStatusChange: seconds(run.lastUpdate),
          ...(run.token !== undefined && run.status === 'InProgress' ? { token: run.token } : {}),
          ...(run.updatedBy === undefined ? {} : { lastUpdatedBy: run.updatedBy }),
          ...(run.externalId === undefined || action.provider === 'Manual'
            ? {}
            : { externalExecutionId: run.externalId }),
          ...(run.externalUrl === undefined ? {} : { externalExecutionUrl: run.externalUrl }),
          ...(run.errorDetails ? { errorDetails: run.errorDetails } : {}),
        };
        if (action.category === 'Source') {
          const revision = run.exec.sources.find((s) => s.action === action);
          if (revision && run.status === 'Succeeded') {
            state.currentRevision = { revisionId: revision.revisionId };
          }
        }
      }
      const url = entityUrl(pipeline, action);
      if (url) state.entityUrl = url;
      return state;
    });
    if (latest) {
      out.latestExecution = {
        pipelineExecutionId: latest.id,
        status: latest.stageStatus.get(index) ?? 'InProgress',
        type: 'STANDARD',
      };
    }
    return out;
  }

  // ---- Handlers

  function getPipeline(body: Json): Json {
    const pipeline = requirePipeline(body, 'name');
    return {
      pipeline: {
        name: pipeline.name,
        roleArn: roleArn(pipeline.name),
        artifactStore: { type: 'S3', location: artifactBucket() },
        stages: pipeline.stages.map((stage) => ({
          name: stage.name,
          actions: stage.actions.map((action) => ({
            name: action.name,
            actionTypeId: actionTypeId(action),
            runOrder: action.runOrder,
            configuration: action.configuration,
            outputArtifacts: action.outputArtifact ? [{ name: action.outputArtifact }] : [],
            inputArtifacts: action.category === 'Source' ? [] : firstArtifact(pipeline),
            region,
            ...(action.category === 'Source' ? { namespace: 'SourceVariables' } : {}),
          })),
        })),
        version: 1,
        executionMode: pipeline.mode,
        pipelineType: pipeline.type,
        ...(pipeline.type === 'V2'
          ? {
              variables: pipeline.variables.map((v) => ({
                name: v.name,
                ...(v.defaultValue === undefined ? {} : { defaultValue: v.defaultValue }),
                ...(v.description === undefined ? {} : { description: v.description }),
              })),
            }
          : {}),
      },
      metadata: {
        pipelineArn: pipelineArn(pipeline.name),
        created: seconds(pipeline.created),
        updated: seconds(pipeline.created),
      },
    };
  }

  function getPipelineState(body: Json): Json {
    const pipeline = requirePipeline(body, 'name');
    return {
      pipelineName: pipeline.name,
      pipelineVersion: 1,
      stageStates: pipeline.stages.map((stage, i) => wireStageState(pipeline, stage, i)),
      created: seconds(pipeline.created),
      updated: seconds(pipeline.created),
    };
  }

  function getPipelineExecution(body: Json): Json {
    const pipeline = requirePipeline(body, 'pipelineName');
    const exec = requireExecution(pipeline, requireString(body, 'pipelineExecutionId'));
    return { pipelineExecution: wireExecution(exec) };
  }

  function listPipelineExecutions(body: Json): Json {
    const pipeline = requirePipeline(body, 'pipelineName');
    const result = page(
      execList.filter((e) => e.pipeline === pipeline),
      body,
      `executions:${pipeline.name}`,
    );
    return {
      pipelineExecutionSummaries: result.items.map(wireSummary),
      ...(result.nextToken ? { nextToken: result.nextToken } : {}),
    };
  }

  function listActionExecutions(body: Json): Json {
    const pipeline = requirePipeline(body, 'pipelineName');
    const filter = body.filter;
    let execId: string | undefined;
    if (filter !== undefined && filter !== null) {
      if (typeof filter !== 'object' || Array.isArray(filter)) {
        throw new AwsError('SerializationException', "Unexpected value type for 'filter'");
      }
      const id = (filter as Json).pipelineExecutionId;
      if (id !== undefined && id !== null) {
        if (typeof id !== 'string') {
          throw new AwsError('SerializationException', "Unexpected value type for 'filter'");
        }
        execId = requireExecution(pipeline, id).id;
      }
    }
    const runs = runList.filter(
      (r) => r.exec.pipeline === pipeline && (execId === undefined || r.exec.id === execId),
    );
    const result = page(runs, body, `actions:${pipeline.name}:${execId ?? '*'}`);
    return {
      actionExecutionDetails: result.items.map(wireActionExecution),
      ...(result.nextToken ? { nextToken: result.nextToken } : {}),
    };
  }

  function startPipelineExecution(body: Json, now: number): Json {
    const pipeline = requirePipeline(body, 'name');
    const token = body.clientRequestToken;
    if (token !== undefined && token !== null) {
      if (typeof token !== 'string' || token.length < 1 || token.length > 128) {
        throw new AwsError(
          'ValidationException',
          `1 validation error detected: Value '${JSON.stringify(token)}' at 'clientRequestToken' failed to satisfy constraint: Member must have length less than or equal to 128`,
        );
      }
      if (!/^[a-zA-Z0-9-]+$/.test(token)) {
        throw new AwsError(
          'ValidationException',
          `1 validation error detected: Value '${token}' at 'clientRequestToken' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9-]+$`,
        );
      }
    }
    const variables = validateVariables(pipeline, body.variables);
    const overrides = validateSourceRevisions(pipeline, body.sourceRevisions);
    if (typeof token === 'string') {
      const key = `${pipeline.name}\n${token}`;
      const previous = idempotency.get(key);
      if (previous && now - previous.at < IDEMPOTENCY_WINDOW_MS) {
        return { pipelineExecutionId: previous.execId };
      }
      const exec = startFromApi(pipeline, body, variables, overrides, now);
      idempotency.set(key, { at: now, execId: exec.id });
      return { pipelineExecutionId: exec.id };
    }
    return { pipelineExecutionId: startFromApi(pipeline, body, variables, overrides, now).id };
  }

  function startFromApi(
    pipeline: PipelineRecord,
    body: Json,
    variables: { name: string; resolvedValue: string }[],
    overrides: Map<string, { type: string; value: string }>,
    now: number,
  ): ExecRecord {
    return createExecution(
      pipeline,
      body,
      { triggerType: 'StartPipelineExecution', triggerDetail: callerArn },
      overrides,
      variables,
      undefined,
      undefined,
      now,
    );
  }

  function validateVariables(
    pipeline: PipelineRecord,
    value: unknown,
  ): { name: string; resolvedValue: string }[] {
    const resolved = defaultVariables(pipeline);
    if (value === undefined || value === null) return resolved;
    if (!Array.isArray(value)) {
      throw new AwsError('SerializationException', "Unexpected value type for 'variables'");
    }
    if (value.length === 0) return resolved;
    if (pipeline.type === 'V1') {
      throw new AwsError(
        'ValidationException',
        'Pipeline variables are only supported for pipelines of type V2',
      );
    }
    if (value.length > 50) {
      throw new AwsError(
        'ValidationException',
        "1 validation error detected: Value at 'variables' failed to satisfy constraint: Member must have length less than or equal to 50",
      );
    }
    const seen = new Set<string>();
    for (const [i, entry] of (value as unknown[]).entries()) {
      const v = (typeof entry === 'object' && entry !== null ? entry : {}) as Json;
      const name = requireString(v, 'name', `variables.${i + 1}.member.name`);
      const val = requireString(v, 'value', `variables.${i + 1}.member.value`);
      if (!/^[A-Za-z0-9@\-_]{1,128}$/.test(name)) {
        throw new AwsError(
          'ValidationException',
          `1 validation error detected: Value '${name}' at 'variables.${i + 1}.member.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9@\\-_]+`,
        );
      }
      if (val.length < 1 || val.length > 1000) {
        throw new AwsError(
          'ValidationException',
          `1 validation error detected: Value at 'variables.${i + 1}.member.value' failed to satisfy constraint: Member must have length between 1 and 1000`,
        );
      }
      const declared = resolved.find((r) => r.name === name);
      if (!declared) {
        throw new AwsError(
          'ValidationException',
          `Variable '${name}' is not declared in the pipeline '${pipeline.name}'`,
        );
      }
      if (seen.has(name)) {
        throw new AwsError('ValidationException', `Variable '${name}' is specified more than once`);
      }
      seen.add(name);
      declared.resolvedValue = val;
    }
    return resolved;
  }

  function validateSourceRevisions(
    pipeline: PipelineRecord,
    value: unknown,
  ): Map<string, { type: string; value: string }> {
    const out = new Map<string, { type: string; value: string }>();
    if (value === undefined || value === null) return out;
    if (!Array.isArray(value)) {
      throw new AwsError('SerializationException', "Unexpected value type for 'sourceRevisions'");
    }
    if (value.length === 0) return out;
    if (pipeline.type === 'V1') {
      throw new AwsError(
        'ValidationException',
        'Source revision overrides are only supported for pipelines of type V2',
      );
    }
    const sources = pipeline.stages
      .flatMap((s) => s.actions)
      .filter((a) => a.category === 'Source');
    for (const [i, entry] of (value as unknown[]).entries()) {
      const r = (typeof entry === 'object' && entry !== null ? entry : {}) as Json;
      const path = `sourceRevisions.${i + 1}.member`;
      const actionName = requireString(r, 'actionName', `${path}.actionName`);
      const type = requireString(r, 'revisionType', `${path}.revisionType`);
      const revision = requireString(r, 'revisionValue', `${path}.revisionValue`);
      if (!SOURCE_REVISION_TYPES.includes(type)) {
        throw new AwsError(
          'ValidationException',
          `1 validation error detected: Value '${type}' at '${path}.revisionType' failed to satisfy constraint: Member must satisfy enum value set: [${SOURCE_REVISION_TYPES.join(', ')}]`,
        );
      }
      if (revision.length < 1 || revision.length > 1500) {
        throw new AwsError(
          'ValidationException',
          `1 validation error detected: Value at '${path}.revisionValue' failed to satisfy constraint: Member must have length between 1 and 1500`,
        );
      }
      if (!sources.some((a) => a.name === actionName)) {
        throw new AwsError(
          'ValidationException',
          `Source action with name '${actionName}' not found in pipeline '${pipeline.name}'`,
        );
      }
      if (out.has(actionName)) {
        throw new AwsError(
          'ValidationException',
          `More than one source revision override was specified for action '${actionName}'`,
        );
      }
      out.set(actionName, { type, value: revision });
    }
    return out;
  }

  function stopPipelineExecution(body: Json, now: number): Json {
    const pipeline = requirePipeline(body, 'pipelineName');
    const exec = requireExecution(pipeline, requireString(body, 'pipelineExecutionId'));
    const abandon = body.abandon === true;
    let reason: string | undefined;
    if (body.reason !== undefined && body.reason !== null) {
      reason = requireString(body, 'reason');
      if (reason.length > 200) {
        throw new AwsError(
          'ValidationException',
          "1 validation error detected: Value at 'reason' failed to satisfy constraint: Member must have length less than or equal to 200",
        );
      }
    }
    requestStop(exec, abandon, reason, callerArn, now);
    return { pipelineExecutionId: exec.id };
  }

  function putApprovalResult(body: Json, now: number): Json {
    const pipeline = requirePipeline(body, 'pipelineName');
    const stageName = requireString(body, 'stageName');
    const actionName = requireString(body, 'actionName');
    const result = body.result;
    if (result === undefined || result === null) {
      throw new AwsError(
        'ValidationException',
        "1 validation error detected: Value null at 'result' failed to satisfy constraint: Member must not be null",
      );
    }
    if (typeof result !== 'object' || Array.isArray(result)) {
      throw new AwsError('SerializationException', "Unexpected value type for 'result'");
    }
    const token = requireString(body, 'token');
    const summary = requireString(result as Json, 'summary', 'result.summary');
    const status = requireString(result as Json, 'status', 'result.status');
    if (status !== 'Approved' && status !== 'Rejected') {
      throw new AwsError(
        'ValidationException',
        `1 validation error detected: Value '${status}' at 'result.status' failed to satisfy constraint: Member must satisfy enum value set: [Approved, Rejected]`,
      );
    }
    if (summary.length > 512) {
      throw new AwsError(
        'ValidationException',
        "1 validation error detected: Value at 'result.summary' failed to satisfy constraint: Member must have length less than or equal to 512",
      );
    }
    const stage = pipeline.stages.find((s) => s.name === stageName);
    if (!stage) {
      throw new AwsError(
        'StageNotFoundException',
        `Stage '${stageName}' not found in pipeline '${pipeline.name}'`,
      );
    }
    const action = stage.actions.find((a) => a.name === actionName);
    if (!action || action.provider !== 'Manual') {
      throw new AwsError(
        'ActionNotFoundException',
        action
          ? `Action '${actionName}' in stage '${stageName}' is not a manual approval action`
          : `Action '${actionName}' not found in stage '${stageName}' of pipeline '${pipeline.name}'`,
      );
    }
    const run = runList.find((r) => r.stage === stage && r.action === action && r.token === token);
    if (!run) {
      throw new AwsError(
        'InvalidApprovalTokenException',
        'The token for the approval request is invalid',
      );
    }
    if (run.status !== 'InProgress') {
      throw new AwsError(
        'ApprovalAlreadyCompletedException',
        'The approval action has already been approved or rejected',
      );
    }
    answer(run, status, summary, callerArn, now);
    return { approvedAt: seconds(now) };
  }

  function pipelineArn(name: string): string {
    return `arn:aws:codepipeline:${region}:${accountId}:${name}`;
  }

  // ---- Faults and errors

  function resourceOf(operation: string, body: Json): string {
    const name = typeof body.name === 'string' ? body.name : body.pipelineName;
    if (typeof name !== 'string') return '*';
    if (operation === 'CodePipeline.PutApprovalResult') {
      return `${pipelineArn(name)}/${String(body.stageName)}/${String(body.actionName)}`;
    }
    return pipelineArn(name);
  }

  // ---- HTTP

  const handlers: Record<string, (body: Json, now: number) => Json> = {
    'CodePipeline.GetPipeline': getPipeline,
    'CodePipeline.GetPipelineState': getPipelineState,
    'CodePipeline.GetPipelineExecution': getPipelineExecution,
    'CodePipeline.ListPipelineExecutions': listPipelineExecutions,
    'CodePipeline.ListActionExecutions': listActionExecutions,
    'CodePipeline.StartPipelineExecution': startPipelineExecution,
    'CodePipeline.StopPipelineExecution': stopPipelineExecution,
    'CodePipeline.PutApprovalResult': putApprovalResult,
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const now = Date.now();
    const target = header(req, 'x-amz-target') ?? '';
    const dot = target.indexOf('.');
    const prefix = dot < 0 ? target : target.slice(0, dot);
    const operation =
      prefix === SERVICE_PREFIX ? `CodePipeline.${target.slice(dot + 1)}` : `Unknown.${target}`;
    const call: FakeCall = recordCall(req, operation, now);
    calls.push(call);
    answerJson(req, res, raw, call, target, { handlers, faults: injected, advance }, now);
  }

  const server = await listen(handle, options.port);

  const info = (exec: ExecRecord): FakeExecutionInfo => ({
    id: exec.id,
    pipeline: exec.pipeline.name,
    status: exec.status,
    startedAt: exec.startedAt,
    request: exec.request,
    commit: exec.commit,
    ...(exec.stopRequest ? { stopRequest: { ...exec.stopRequest } } : {}),
    approvals: exec.approvals.map((a) => ({ ...a })),
    lastUpdateTime: exec.lastUpdate,
    ...(exec.statusSummary === undefined ? {} : { statusSummary: exec.statusSummary }),
    ...(exec.stageIndex === undefined ? {} : { stageIndex: exec.stageIndex }),
    waiting: exec.waiting,
  });

  function knownPipeline(name: string): PipelineRecord {
    const pipeline = pipelines.get(name);
    if (!pipeline) throw new Error(`unknown pipeline ${name}; configure it first`);
    return pipeline;
  }

  function knownExecution(id: string): ExecRecord {
    const exec = execs.get(id);
    if (!exec) throw new Error(`unknown pipeline execution ${id}`);
    return exec;
  }

  return {
    url: server.url,
    region,
    accountId,
    calls,
    counts: () => countCalls(calls),
    failNext: injected.failNext,
    clearFailures: injected.clearFailures,
    script(pipeline, ...list) {
      knownPipeline(pipeline);
      const queue = scripts.get(pipeline) ?? [];
      queue.push(...list);
      scripts.set(pipeline, queue);
    },
    executions(pipeline) {
      advance(Date.now());
      return execList
        .filter((e) => pipeline === undefined || e.pipeline.name === pipeline)
        .map(info);
    },
    execution(id) {
      advance(Date.now());
      const exec = execs.get(id);
      return exec ? info(exec) : undefined;
    },
    startExternalExecution(name, opts = {}) {
      const pipeline = knownPipeline(name);
      const now = Date.now();
      advance(now);
      const trigger = externalTrigger(pipeline);
      const exec = createExecution(
        pipeline,
        {
          trigger: trigger.triggerType,
          triggerDetail: trigger.triggerDetail,
          ...(opts.commit ? { commit: opts.commit } : {}),
        },
        trigger,
        new Map(),
        defaultVariables(pipeline),
        opts.script,
        opts.commit,
        now,
      );
      return info(exec);
    },
    answerApproval(executionId, stage, action, status, by = consoleUser, summary) {
      const now = Date.now();
      advance(now);
      const run = pendingRun(knownExecution(executionId), stage, action);
      if (!run) {
        throw new Error(`no approval pending for ${executionId} at ${stage}/${action}`);
      }
      answer(run, status, summary, by, now);
    },
    stopExecution(executionId, opts = {}) {
      const now = Date.now();
      advance(now);
      const exec = knownExecution(executionId);
      try {
        requestStop(exec, opts.abandon === true, opts.reason, consoleUser, now);
      } catch (err) {
        if (err instanceof AwsError) throw new Error(`${err.type}: ${err.message}`, { cause: err });
        throw err;
      }
    },
    pendingToken(executionId, stage, action) {
      advance(Date.now());
      const exec = execs.get(executionId);
      return exec ? pendingRun(exec, stage, action)?.token : undefined;
    },
    close: server.close,
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function isGitProvider(provider: string): boolean {
  return (
    provider === 'CodeStarSourceConnection' ||
    provider === 'GitHub' ||
    provider === 'CodeCommit' ||
    provider === 'Bitbucket'
  );
}

/** A stable UUID-shaped id derived from `seed`. */
function uuidFrom(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function seconds(ms: number): number {
  return ms / 1000;
}
