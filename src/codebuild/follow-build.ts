/**
 * Follows a build to its end and mirrors it to the commit, whoever started it: run-build after
 * StartBuild, report-status for a build that CodePipeline, a webhook or the console started.
 * Posts the current status at once, prints the log live, and on the end posts the final status,
 * writes the summary and the outputs. On cancel the build is stopped within a second when ours
 * to stop, and the final status still goes out before the runner's SIGTERM (7.5 s after SIGINT).
 *
 * The watcher, the log client and the summary are loaded here, while the first poll interval
 * runs anyway, so that nothing but StartBuild's code is parsed before the first request.
 */
import { StopBuildCommand, type Build, type CodeBuildClient } from '@aws-sdk/client-codebuild';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { explainAwsError } from '../aws/aws-errors.js';
import type { BuildEvent } from './build-watcher.js';
import {
  buildLabel,
  commitState,
  describeBuild,
  failedPhase,
  failureReason,
  isFinal,
} from './build-outcome.js';
import { consoleUrl, logsUrl } from './links.js';
import { readBuildsTests } from './build-tests.js';
import { NO_TEST_RESULTS, type TestResults } from './test-results.js';
import { testOutputs, withTests } from './test-results-text.js';
import { LogPrinter } from './log-printer.js';
import { REPORTED_LOG_LINES, type RunPublisher, type RunReport } from './run-report.js';
import { redactStatus, type CommitStatus, type StatusReporter } from '../status/commit-status.js';
import type { Clock } from '../util/clock.js';
import { errorMessage } from '../util/errors.js';
import type { Logger } from '../util/logger.js';

export interface FollowBuildPorts {
  readonly codebuild: CodeBuildClient;
  /** The CloudWatch Logs client, made once the build is known (its SDK is large). */
  readonly logs: () => Promise<CloudWatchLogsClient>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly reporter: StatusReporter;
  readonly setOutput: (name: string, value: string) => void;
  readonly writeSummary: (markdown: string) => Promise<void>;
  /** Aborts when the run is cancelled (SIGINT/SIGTERM). */
  readonly signal: AbortSignal;
  /** Sees every build event, e.g. for a terminal's live status line. */
  readonly onEvent?: (event: BuildEvent) => void;
  /** Where the run is published besides the commit status: a PR comment, a check run. */
  readonly publishers?: readonly RunPublisher[];
}

export interface FollowSettings {
  readonly region: string;
  readonly statusContext: string;
  readonly commitStatus: boolean;
  readonly wait: boolean;
  readonly logs: boolean;
  readonly pollIntervalMs: number;
  /** Whether to stop the build on cancel; never for a build somebody else started. */
  readonly stopOnCancel: boolean;
  /** Why a cancel leaves the build running, e.g. "(stop-on-cancel: false)". */
  readonly leftRunningBecause: string;
}

export interface FollowResult {
  readonly build: Build;
  /**
   * True when the build succeeded, or when it was not waited for and has not ended (a build
   * that has ended counts with its result, waited for or not).
   */
  readonly succeeded: boolean;
  /** One line for the end of the log and for the step's failure message. */
  readonly message: string;
}

/** After SIGINT the runner sends SIGTERM at 7.5 s: leave time to post the status and exit. */
const CANCEL_WATCH_MS = 5_000;
const CANCEL_REPORT_MS = 1_500;
/** How long a run that lost track of its build waits for its last words to be posted. */
export const LOST_REPORT_MS = 5_000;
const STOP_TIMEOUT_MS = 3_000;
/** The shortest description limit of the hosts (GitHub's); the test counts must fit in it. */
export const STATUS_DESCRIPTION_MAX = 140;

export async function followBuild(
  known: Build,
  settings: FollowSettings,
  ports: FollowBuildPorts,
  /** The first status's description; by default what the build is doing now. */
  firstDescription?: string,
): Promise<FollowResult> {
  const { logger, clock } = ports;
  const url = consoleUrl(known, settings.region);
  ports.setOutput('build-id', known.id ?? '');
  ports.setOutput('build-url', url);
  if (known.buildNumber !== undefined) ports.setOutput('build-number', String(known.buildNumber));

  const status = (build: Build, description?: string) =>
    statusOf(build, settings, ports, description);
  const report = (update: CommitStatus) => post(update, settings, ports);
  const ended = isFinal(known);
  // A build that has ended has its reports: its one status carries their counts.
  const endedTests = ended
    ? (await readBuildsTests([known], settings.region, ports)).all
    : undefined;
  const first = report(
    status(
      known,
      endedTests
        ? withTests(describeBuild(known, clock.now()), endedTests, STATUS_DESCRIPTION_MAX)
        : firstDescription,
    ),
  );
  // A check run or comment started is always finished: without wait there is no finish.
  const publishers = settings.wait || ended ? (ports.publishers ?? []) : [];
  if (publishers.length < (ports.publishers ?? []).length)
    logger.warn('The pull request comment and the check run need wait: true; skipping them.');
  const publishing = Promise.all(
    publishers.map((publisher) => publisher.start({ statusContext: settings.statusContext, url })),
  ).then(() => undefined);

  if (!settings.wait && !ended) {
    await Promise.all([first, publishing]);
    ports.setOutput('build-status', known.buildStatus ?? 'IN_PROGRESS');
    return {
      build: known,
      succeeded: true,
      message: `${firstDescription ?? describeBuild(known, clock.now())}; not waiting for it (wait: false).`,
    };
  }
  if (ended && !(settings.wait && settings.logs))
    return finish(known, settings, ports, {
      posted: first,
      tests: endedTests,
      published: publishing,
      publishers,
      lastLines: [],
    });

  const [{ BuildWatcher }, logs] = await Promise.all([import('./build-watcher.js'), ports.logs()]);
  const watcher = new BuildWatcher(
    known,
    { ...ports, logs },
    {
      region: settings.region,
      pollIntervalMs: settings.pollIntervalMs,
      streamLogs: settings.logs,
    },
  );
  let cancelled = false;
  let stopping: Promise<void> = Promise.resolve();
  const onCancel = () => {
    cancelled = true;
    const now = clock.now();
    if (settings.stopOnCancel) {
      stopping = stopBuild(known, settings, ports);
      watcher.hurry(now + CANCEL_WATCH_MS);
    } else {
      logger.warn(
        `Cancelled: leaving ${buildLabel(known)} running ${settings.leftRunningBecause}.`,
      );
      watcher.hurry(now);
    }
  };
  if (ports.signal.aborted) onCancel();
  else ports.signal.addEventListener('abort', onCancel, { once: true });

  const printer = new LogPrinter(logger);
  let lastLines: string[] = [];
  let build = known;
  try {
    for await (const event of watcher.events()) {
      ports.onEvent?.(event);
      if (event.type === 'log') {
        printer.print(event.lines);
        lastLines = [...lastLines, ...event.lines].slice(-REPORTED_LOG_LINES);
      } else if (event.type === 'status' || event.type === 'end') build = event.build;
      else if (event.type === 'notice' && event.level === 'warn') logger.warn(event.message);
      else if (event.type === 'notice') logger.info(event.message);
    }
  } catch (error) {
    printer.close();
    // The build goes on without us: the pending status, the check run and the comment must
    // still end, and say why.
    const lost = `Lost track of ${buildLabel(build)}: ${errorMessage(error)}`;
    await Promise.race([
      Promise.all([
        report({ ...status(build), state: 'error', description: lost }),
        publishing.then(() =>
          Promise.all(
            publishers.map((publisher) =>
              publisher.finish(lostReport(build, settings, url, lost, logger)),
            ),
          ),
        ),
      ]),
      clock.sleep(LOST_REPORT_MS),
    ]);
    throw error;
  } finally {
    ports.signal.removeEventListener('abort', onCancel);
    printer.close();
  }
  await stopping;

  return finish(build, settings, ports, {
    posted: ended ? first : undefined,
    tests: endedTests,
    published: publishing,
    publishers,
    lastLines,
    cancelled,
  });
}

interface Ending {
  /** The final status, when already posted: the first status of a build that had ended. */
  readonly posted: Promise<void> | undefined;
  /** The test results, when read before the first status (of a build that had ended). */
  readonly tests?: TestResults | undefined;
  /** The publishers' start, which their finish follows. */
  readonly published: Promise<void>;
  readonly publishers: readonly RunPublisher[];
  /** The last lines of the log as printed, for the publishers' reports. */
  readonly lastLines: readonly string[];
  readonly cancelled?: boolean;
}

/** The end: the final status, outputs, summary, the publishers' reports and the closing line. */
async function finish(
  build: Build,
  settings: FollowSettings,
  ports: FollowBuildPorts,
  { posted, tests: preread, published, publishers, lastLines, cancelled = false }: Ending,
): Promise<FollowResult> {
  const { logger, clock } = ports;
  const url = consoleUrl(build, settings.region);
  const status = (description?: string) => statusOf(build, settings, ports, description);
  const final = isFinal(build);
  const ended = final
    ? describeBuild(build, clock.now())
    : cancelled && settings.stopOnCancel
      ? `${buildLabel(build)} was stopped (run cancelled)`
      : `${buildLabel(build)} is still running; the run was cancelled before it ended`;
  // Reports exist only once a build has ended; a cancelled run has no time to read them.
  const tests =
    preread ??
    (final && !cancelled
      ? (await readBuildsTests([build], settings.region, ports)).all
      : NO_TEST_RESULTS);
  const message = withTests(ended, tests, Number.POSITIVE_INFINITY);
  const finalStatus: CommitStatus = final
    ? status(withTests(ended, tests, STATUS_DESCRIPTION_MAX))
    : {
        ...status(),
        state: cancelled && settings.stopOnCancel ? 'stopped' : 'error',
        description: message,
      };
  const posting = posted ?? post(finalStatus, settings, ports);
  writeOutputs(build, ports);
  for (const [name, value] of Object.entries(testOutputs(tests))) ports.setOutput(name, value);
  const [{ buildSummaryMarkdown }, { withTestResults }] = await Promise.all([
    import('./build-summary.js'),
    import('./test-results-markdown.js'),
  ]);
  const redact = (text: string) => logger.redact(text);
  const summary = withTestResults(
    buildSummaryMarkdown(
      build,
      { consoleUrl: url, logsUrl: logsUrl(build) },
      clock.now(),
      undefined,
      redact,
    ),
    [{ label: undefined, results: tests }],
    redact,
  );
  await ports.writeSummary(summary);
  const report: RunReport = {
    kind: 'build',
    statusContext: settings.statusContext,
    projectName: build.projectName ?? '',
    region: settings.region,
    batch: undefined,
    members: [
      { identifier: undefined, build, url, ignoreFailure: false, lastLogLines: lastLines, tests },
    ],
    state: finalStatus.state,
    headline: message,
    url,
    summaryMarkdown: logger.redact(summary),
  };
  const done = Promise.all([
    posting,
    published.then(() => Promise.all(publishers.map((publisher) => publisher.finish(report)))),
  ]);
  await (cancelled ? Promise.race([done, clock.sleep(CANCEL_REPORT_MS)]) : done);

  const succeeded = build.buildStatus === 'SUCCEEDED';
  if (succeeded) {
    logger.info(`${message}. ${url}`);
  } else {
    const reason = failureReason(failedPhase(build));
    logger.error(`${message}${reason && !message.includes(reason) ? ` — ${reason}` : ''}. ${url}`);
  }
  return { build, succeeded, message };
}

/** What a publisher shows of a run that lost track of its build: an error that says why. */
export function lostReport(
  build: Build,
  settings: FollowSettings,
  url: string,
  headline: string,
  logger: Logger,
): RunReport {
  return {
    kind: 'build',
    statusContext: settings.statusContext,
    projectName: build.projectName ?? '',
    region: settings.region,
    batch: undefined,
    members: [{ identifier: undefined, build, url, ignoreFailure: false, lastLogLines: [] }],
    state: 'error',
    headline: logger.redact(headline),
    url,
    summaryMarkdown: logger.redact(`### ${headline}`),
  };
}

function statusOf(
  build: Build,
  settings: FollowSettings,
  ports: FollowBuildPorts,
  description = describeBuild(build, ports.clock.now()),
): CommitStatus {
  return {
    state: commitState(build),
    name: settings.statusContext,
    url: consoleUrl(build, settings.region),
    description,
  };
}

/** Every way out is redacted: a failure context can quote a command line with a secret in it. */
function post(update: CommitStatus, settings: FollowSettings, ports: FollowBuildPorts) {
  return settings.commitStatus
    ? ports.reporter.report(redactStatus(update, (text) => ports.logger.redact(text)))
    : Promise.resolve();
}

async function stopBuild(
  build: Build,
  settings: FollowSettings,
  ports: FollowBuildPorts,
): Promise<void> {
  ports.logger.warn(`Stopping ${buildLabel(build)}.`);
  try {
    await ports.codebuild.send(new StopBuildCommand({ id: build.id }), {
      abortSignal: AbortSignal.timeout(STOP_TIMEOUT_MS),
    });
  } catch (error) {
    const explained = explainAwsError(error, {
      action: 'codebuild:StopBuild',
      region: settings.region,
      subject: `build ${build.id ?? ''}`,
    });
    ports.logger.warn(`Could not stop ${buildLabel(build)}: ${explained.message}`);
  }
}

function writeOutputs(build: Build, ports: FollowBuildPorts): void {
  ports.setOutput('build-status', build.buildStatus ?? 'IN_PROGRESS');
  if (build.buildNumber !== undefined) ports.setOutput('build-number', String(build.buildNumber));
  ports.setOutput('logs-url', logsUrl(build) ?? '');
  const exported: Record<string, string> = {};
  for (const variable of build.exportedEnvironmentVariables ?? []) {
    if (!variable.name) continue;
    exported[variable.name] = variable.value ?? '';
    ports.setOutput(variable.name, variable.value ?? '');
  }
  ports.setOutput('exported-variables', JSON.stringify(exported));
}
