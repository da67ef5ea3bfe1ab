/**
 * run-build with batch: start a batch build (build-list, build-matrix, build-graph) of the
 * commit under test and follow every member to its end: a status per member (or one for the
 * batch), each member's log, a summary of all of them, and the batch's result. On cancel the
 * batch is stopped within a second and every member that had a status gets a final one.
 */
import {
  StartBuildBatchCommand,
  StopBuildBatchCommand,
  type BuildBatch,
  type StartBuildBatchCommandInput,
} from '@aws-sdk/client-codebuild';
import { explainAwsError } from '../aws/aws-errors.js';
import { batchLabel, batchState, describeBatch, describeMember } from './batch-outcome.js';
import { BatchWatcher, DOWNLOAD_SOURCE, isBatchFinal, type BatchMember } from './batch-watcher.js';
import { commitState, describeBuild } from './build-outcome.js';
import { readBuildsTests, type BuildsTests } from './build-tests.js';
import {
  LOST_REPORT_MS,
  STATUS_DESCRIPTION_MAX,
  type FollowBuildPorts,
  type FollowResult,
} from './follow-build.js';
import { batchConsoleUrl, consoleUrl, logsUrl } from './links.js';
import type { RunBuildSettings } from './run-build-settings.js';
import {
  REPORTED_LOG_LINES,
  type RunMember,
  type RunPublisher,
  type RunReport,
} from './run-report.js';
import { startBuildRequest } from './start-request.js';
import { NO_TEST_RESULTS, sumCounts, type TestResults } from './test-results.js';
import { testOutputs, testsSuffix, withTests } from './test-results-text.js';
import { redactStatus, type CommitState, type CommitStatus } from '../status/commit-status.js';
import { errorMessage } from '../util/errors.js';

export interface RunBatchResult extends Omit<FollowResult, 'build'> {
  readonly batch: BuildBatch;
}

const CANCEL_WATCH_MS = 4_000;
const CANCEL_REPORT_MS = 2_500;
const STOP_TIMEOUT_MS = 3_000;

export async function runBatch(
  settings: RunBuildSettings,
  ports: FollowBuildPorts,
): Promise<RunBatchResult> {
  const { logger, clock } = ports;
  const started = await startBatch(settings, ports);
  const url = batchConsoleUrl(started, settings.region);
  ports.setOutput('batch-id', started.id ?? '');
  ports.setOutput('build-url', url);
  logger.info(
    `Started ${batchLabel(started)} of ${settings.projectName} (${started.id ?? ''}): ${url}`,
  );
  const statuses = new BatchStatuses(settings, ports, url);
  statuses.started(started);
  // A check run or comment started is always finished: without wait there is no finish.
  const publishers = settings.wait ? (ports.publishers ?? []) : [];
  if (publishers.length < (ports.publishers ?? []).length)
    logger.warn('The pull request comment and the check run need wait: true; skipping them.');
  const publishing = Promise.all(
    publishers.map((publisher) => publisher.start({ statusContext: settings.statusContext, url })),
  );

  if (!settings.wait) {
    await Promise.all([statuses.settled(), publishing]);
    ports.setOutput('batch-status', started.buildBatchStatus ?? 'IN_PROGRESS');
    ports.setOutput('build-status', started.buildBatchStatus ?? 'IN_PROGRESS');
    return {
      batch: started,
      succeeded: true,
      message: `${batchLabel(started)} started; not waiting for it (wait: false).`,
    };
  }

  const watcher = new BatchWatcher(
    started,
    {
      ...ports,
      logs: await ports
        .logs()
        .catch((error: unknown) =>
          endLost(error, started, [], { settings, ports, statuses, publishing, publishers }),
        ),
    },
    {
      region: settings.region,
      pollIntervalMs: settings.pollIntervalMs,
      logs: !settings.logs ? 'off' : settings.liveLogs ? 'live' : 'grouped',
    },
  );
  let cancelled = false;
  let stopping: Promise<void> = Promise.resolve();
  const onCancel = () => {
    cancelled = true;
    const now = clock.now();
    if (settings.stopOnCancel) {
      stopping = stopBatch(started, settings, ports);
      watcher.hurry(now + CANCEL_WATCH_MS);
    } else {
      logger.warn(`Cancelled: leaving ${batchLabel(started)} running (stop-on-cancel: false).`);
      watcher.hurry(now);
    }
  };
  if (ports.signal.aborted) onCancel();
  else ports.signal.addEventListener('abort', onCancel, { once: true });

  const logs = new MemberLogs(ports, watcher, settings.liveLogs);
  let batch = started;
  try {
    for await (const event of watcher.events()) {
      if (event.type === 'batch' || event.type === 'batch-end') {
        batch = event.batch;
        statuses.update(watcher.members());
      } else if (event.type === 'status') {
        statuses.update(watcher.members());
      } else if (event.type === 'log') {
        logs.add(event.buildId, event.lines);
      } else if (event.type === 'end') {
        logs.end(event.buildId);
        statuses.update(watcher.members());
      } else {
        // A member's notice says which member it is about.
        const who = watcher.members().find((m) => m.buildId === event.buildId)?.identifier;
        const text =
          who && !event.message.startsWith(`${who}:`) ? `${who}: ${event.message}` : event.message;
        if (event.level === 'warn') logger.warn(text);
        else logger.info(text);
      }
    }
  } catch (error) {
    // The batch goes on without us: every pending status, the check run and the comment must
    // still end, and say why.
    return endLost(error, batch, watcher.members(), {
      settings,
      ports,
      statuses,
      publishing,
      publishers,
    });
  } finally {
    ports.signal.removeEventListener('abort', onCancel);
  }
  await stopping;

  const members = watcher.members();
  const final = isBatchFinal(batch);
  // The batch ended: a member it never started will not start now.
  if (final) for (const member of members) if (!member.build) member.neverStarted = true;
  const message = final
    ? describeBatch(batch, reported(members), clock.now())
    : cancelled && settings.stopOnCancel
      ? `${batchLabel(batch)} was stopped (run cancelled)`
      : `${batchLabel(batch)} is still running; the run was cancelled before it ended`;
  // Reports exist only once a member has ended; a cancelled run has no time to read them.
  const tests =
    final && !cancelled
      ? await readBuildsTests(
          reported(members).map((member) => member.build),
          settings.region,
          ports,
        )
      : undefined;
  const headline = tests ? withTests(message, tests.all, Number.POSITIVE_INFINITY) : message;
  const posting = statuses.finish(
    batch,
    members,
    tests ? withTests(message, tests.all, STATUS_DESCRIPTION_MAX) : message,
    cancelled && settings.stopOnCancel,
    tests,
  );
  writeBatchOutputs(batch, members, settings.region, ports);
  if (tests)
    for (const [name, value] of Object.entries(testOutputs(tests.all)))
      ports.setOutput(name, value);
  const stoppedByFastFail = new Set(
    cancelled
      ? []
      : members
          .filter((member) => member.build?.buildStatus === 'STOPPED' || member.neverStarted)
          .map((member) => member.identifier),
  );
  const [{ batchSummaryMarkdown }, { withTestResults }] = await Promise.all([
    import('./batch-summary.js'),
    import('./test-results-markdown.js'),
  ]);
  const redact = (text: string) => logger.redact(text);
  const summary = withTestResults(
    batchSummaryMarkdown(batch, members, settings.region, clock.now(), stoppedByFastFail, redact),
    reported(members).map((member) => ({
      label: member.identifier,
      results: tests?.of(member.build) ?? NO_TEST_RESULTS,
    })),
    redact,
  );
  await ports.writeSummary(summary);
  const report: RunReport = {
    kind: 'batch',
    statusContext: settings.statusContext,
    projectName: settings.projectName,
    region: settings.region,
    batch,
    members: reported(members).map((member) =>
      runMember(member, settings.region, logs, tests?.of(member.build)),
    ),
    state: final ? batchState(batch) : cancelled && settings.stopOnCancel ? 'stopped' : 'error',
    headline,
    url,
    summaryMarkdown: logger.redact(summary),
  };
  const finishing = publishing.then(() =>
    Promise.all(publishers.map((publisher) => publisher.finish(report))),
  );
  const both = Promise.all([posting, finishing]);
  await (cancelled ? Promise.race([both, clock.sleep(CANCEL_REPORT_MS)]) : both);

  const succeeded = batch.buildBatchStatus === 'SUCCEEDED';
  if (succeeded) logger.info(`${headline}. ${url}`);
  else logger.error(`${headline}. ${url}`);
  return { batch, succeeded, message: headline };
}

interface Started {
  readonly settings: RunBuildSettings;
  readonly ports: FollowBuildPorts;
  readonly statuses: BatchStatuses;
  readonly publishing: Promise<unknown>;
  readonly publishers: readonly RunPublisher[];
}

/**
 * Ends what a run that lost track of its batch had started — every pending status, the check
 * run, the comment — saying why, then throws the error.
 */
async function endLost(
  error: unknown,
  batch: BuildBatch,
  members: readonly BatchMember[],
  { settings, ports, statuses, publishing, publishers }: Started,
): Promise<never> {
  const why = `Lost track of ${batchLabel(batch)}: ${errorMessage(error)}`;
  const report: RunReport = {
    kind: 'batch',
    statusContext: settings.statusContext,
    projectName: settings.projectName,
    region: settings.region,
    batch,
    members: [],
    state: 'error',
    headline: ports.logger.redact(why),
    url: batchConsoleUrl(batch, settings.region),
    summaryMarkdown: ports.logger.redact(`### ${why}`),
  };
  const ending = Promise.all([
    statuses.abandon(members, why),
    publishing.then(() => Promise.all(publishers.map((publisher) => publisher.finish(report)))),
  ]);
  await Promise.race([ending, ports.clock.sleep(LOST_REPORT_MS)]);
  throw error;
}

/** The members people wrote: CodeBuild's own source download only when it failed. */
function reported(members: readonly BatchMember[]): BatchMember[] {
  return members.filter(
    (member) =>
      member.identifier !== DOWNLOAD_SOURCE ||
      (member.build !== undefined && member.build.buildStatus !== 'SUCCEEDED'),
  );
}

function runMember(
  member: BatchMember,
  region: string,
  logs: MemberLogs,
  tests: TestResults | undefined,
): RunMember {
  return {
    tests,
    identifier: member.identifier,
    build: member.build,
    url: member.build ? consoleUrl(member.build, region) : undefined,
    ignoreFailure: member.ignoreFailure,
    lastLogLines: member.buildId ? logs.last(member.buildId) : [],
  };
}

async function startBatch(
  settings: RunBuildSettings,
  ports: FollowBuildPorts,
): Promise<BuildBatch> {
  const request = startBuildRequest(settings) as StartBuildBatchCommandInput;
  ports.logger.info(
    `Starting a batch build of ${settings.projectName} in ${settings.region} at ${request.sourceVersion ?? "the project's default source version"}.`,
  );
  try {
    const response = await ports.codebuild.send(new StartBuildBatchCommand(request));
    if (!response.buildBatch?.id) throw new Error('StartBuildBatch returned no batch');
    return response.buildBatch;
  } catch (error) {
    throw explainAwsError(error, {
      action: 'codebuild:StartBuildBatch',
      region: settings.region,
      subject: `project "${settings.projectName}"`,
    });
  }
}

async function stopBatch(
  batch: BuildBatch,
  settings: RunBuildSettings,
  ports: FollowBuildPorts,
): Promise<void> {
  ports.logger.warn(`Stopping ${batchLabel(batch)}.`);
  try {
    await ports.codebuild.send(new StopBuildBatchCommand({ id: batch.id }), {
      abortSignal: AbortSignal.timeout(STOP_TIMEOUT_MS),
    });
  } catch (error) {
    const explained = explainAwsError(error, {
      action: 'codebuild:StopBuildBatch',
      region: settings.region,
      subject: `batch ${batch.id ?? ''}`,
    });
    ports.logger.warn(`Could not stop ${batchLabel(batch)}: ${explained.message}`);
  }
}

function writeBatchOutputs(
  batch: BuildBatch,
  members: readonly BatchMember[],
  region: string,
  ports: FollowBuildPorts,
): void {
  const status = batch.buildBatchStatus ?? 'IN_PROGRESS';
  ports.setOutput('batch-status', status);
  ports.setOutput('build-status', status);
  const builds = reported(members).map((member) => ({
    identifier: member.identifier,
    id: member.build?.id ?? null,
    status: member.build?.buildStatus ?? (member.neverStarted ? 'NOT_STARTED' : 'PENDING'),
    url: member.build ? consoleUrl(member.build, region) : null,
    logsUrl: member.build ? (logsUrl(member.build) ?? null) : null,
    exportedVariables: Object.fromEntries(
      (member.build?.exportedEnvironmentVariables ?? []).flatMap((variable): [string, string][] =>
        variable.name ? [[variable.name, variable.value ?? '']] : [],
      ),
    ),
  }));
  ports.setOutput('builds', JSON.stringify(builds));
}

/**
 * Members' logs as the run shows them: each member's whole log in a group of its own when it
 * ends, or with live logs every line as it comes, prefixed with the member's identifier. Keeps
 * each member's last lines for the reports.
 */
class MemberLogs {
  private readonly held = new Map<string, string[]>();
  private readonly tails = new Map<string, string[]>();

  constructor(
    private readonly ports: FollowBuildPorts,
    private readonly watcher: BatchWatcher,
    private readonly live: boolean,
  ) {}

  add(buildId: string, lines: readonly string[]): void {
    const tail = this.tails.get(buildId) ?? [];
    tail.push(...lines);
    this.tails.set(buildId, tail.slice(-REPORTED_LOG_LINES));
    if (this.live) {
      const identifier = this.identifierOf(buildId);
      this.ports.logger.buildLog(lines.map((line) => `[${identifier}] ${line}`));
    } else {
      const held = this.held.get(buildId) ?? [];
      held.push(...lines);
      this.held.set(buildId, held);
    }
  }

  end(buildId: string): void {
    const member = this.watcher.members().find((candidate) => candidate.buildId === buildId);
    const lines = this.held.get(buildId) ?? [];
    this.held.delete(buildId);
    if (this.live || !member || lines.length === 0) return;
    const { logger } = this.ports;
    logger.group(describeMember(member, this.ports.clock.now()));
    logger.buildLog(lines);
    logger.endGroup();
  }

  last(buildId: string): readonly string[] {
    return this.tails.get(buildId) ?? [];
  }

  private identifierOf(buildId: string): string {
    return (
      this.watcher.members().find((member) => member.buildId === buildId)?.identifier ?? buildId
    );
  }
}

/**
 * The batch's commit statuses: with batch-report individual one per member (context
 * "<status-context> / <identifier>", linking the member's build), each posted when it changes;
 * with aggregated one for the batch, linking the batch.
 */
class BatchStatuses {
  /** What each context last got, and which got their final state. */
  private readonly posted = new Map<string, string>();
  private readonly finalized = new Set<string>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly settings: RunBuildSettings,
    private readonly ports: FollowBuildPorts,
    private readonly batchUrl: string,
  ) {}

  started(batch: BuildBatch): void {
    if (this.settings.batchReport === 'aggregated')
      this.post(
        this.settings.statusContext,
        'pending',
        this.batchUrl,
        `${batchLabel(batch)} started`,
      );
  }

  update(members: readonly BatchMember[]): void {
    if (this.settings.batchReport !== 'individual') return;
    for (const member of reported(members)) {
      if (member.identifier === DOWNLOAD_SOURCE && !member.ended) continue;
      const { state, url } = this.memberState(member);
      this.post(this.contextOf(member), state, url, describeMember(member, this.ports.clock.now()));
    }
  }

  /** The final statuses: the batch's, or every member's that had one (none left pending). */
  finish(
    batch: BuildBatch,
    members: readonly BatchMember[],
    message: string,
    stopped: boolean,
    tests: BuildsTests | undefined,
  ): Promise<void> {
    const endState: CommitState = stopped ? 'stopped' : 'error';
    if (this.settings.batchReport === 'aggregated') {
      const state = isBatchFinal(batch) ? batchState(batch) : endState;
      this.post(this.settings.statusContext, state, this.batchUrl, message);
    } else {
      for (const member of reported(members)) {
        const context = this.contextOf(member);
        const { state, url } = this.memberState(member);
        const results = tests?.of(member.build);
        const counted =
          member.build && results && testsSuffix(sumCounts(results.reports))
            ? `${member.identifier}: ${withTests(
                describeBuild(member.build, this.ports.clock.now()),
                results,
                Math.max(STATUS_DESCRIPTION_MAX - member.identifier.length - 2, 60),
              )}`
            : undefined;
        if (state !== 'pending' && counted) {
          // Its final status went out when it ended: amended now with its test counts.
          this.finalized.delete(context);
          this.post(context, state, url, counted);
        } else if (state !== 'pending')
          this.post(context, state, url, describeMember(member, this.ports.clock.now()));
        else if (this.posted.has(context))
          this.post(
            context,
            endState,
            url,
            `${member.identifier}: ${stopped ? 'stopped (run cancelled)' : 'still running; the run was cancelled before it ended'}`,
          );
      }
      // A batch that ended before any member was known (a bad batch section, an early cancel)
      // still tells the commit how it went.
      if (this.posted.size === 0) {
        const state = isBatchFinal(batch) ? batchState(batch) : endState;
        this.post(this.settings.statusContext, state, this.batchUrl, message);
      }
    }
    return this.settled();
  }

  abandon(members: readonly BatchMember[], why: string): Promise<void> {
    if (this.settings.batchReport === 'aggregated') {
      this.post(this.settings.statusContext, 'error', this.batchUrl, why);
    } else {
      for (const member of reported(members)) {
        const context = this.contextOf(member);
        if (this.posted.has(context))
          this.post(context, 'error', this.memberState(member).url, `${member.identifier}: ${why}`);
      }
    }
    return this.settled();
  }

  settled(): Promise<void> {
    return this.queue;
  }

  private memberState(member: BatchMember): { state: CommitState; url: string } {
    const url = member.build ? consoleUrl(member.build, this.settings.region) : this.batchUrl;
    if (member.neverStarted) return { state: 'stopped', url };
    if (!member.build || !member.ended) return { state: 'pending', url };
    return { state: commitState(member.build), url };
  }

  private contextOf(member: BatchMember): string {
    return `${this.settings.statusContext} / ${member.identifier}`;
  }

  /**
   * Posts a context's pending once and its final state once, in order, redacted: GitHub asks
   * for a second between writes, so a batch's statuses are kept to two per member (three for a
   * member whose final status is amended with its test counts).
   */
  private post(name: string, state: CommitState, url: string, description: string): void {
    if (!this.settings.commitStatus || this.finalized.has(name)) return;
    if (state === 'pending' && this.posted.has(name)) return;
    this.posted.set(name, state);
    if (state !== 'pending') this.finalized.add(name);
    const status: CommitStatus = { state, name, url, description };
    const redacted = redactStatus(status, (text) => this.ports.logger.redact(text));
    this.queue = this.queue.then(() => this.ports.reporter.report(redacted));
  }
}
