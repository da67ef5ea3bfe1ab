/**
 * run-build's core: start a build of the commit under test, post a pending status at once,
 * print its log live, and on the end post the final status, write the summary and outputs.
 * On cancel the build is stopped within a second and the final status still goes out before the
 * runner's SIGTERM (7.5 s after SIGINT).
 *
 * Only what StartBuild needs is loaded before it: the watcher, the log client and the summary
 * are imported once the build has started, while the first poll interval runs anyway.
 */
import {
  StartBuildCommand,
  StopBuildCommand,
  type Build,
  type CodeBuildClient,
} from '@aws-sdk/client-codebuild';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { explainAwsError } from '../aws/aws-errors.js';
import type { BuildEvent } from './build-watcher.js';
import {
  buildLabel,
  commitState,
  describeBuild,
  failedPhase,
  failureReason,
} from './build-outcome.js';
import { consoleUrl, logsUrl } from './links.js';
import { LogPrinter } from './log-printer.js';
import type { RunBuildSettings } from './run-build-settings.js';
import { startBuildRequest } from './start-request.js';
import { redactStatus, type CommitStatus, type StatusReporter } from '../status/commit-status.js';
import type { Clock } from '../util/clock.js';
import { errorMessage } from '../util/errors.js';
import type { Logger } from '../util/logger.js';

export interface RunBuildPorts {
  readonly codebuild: CodeBuildClient;
  /** The CloudWatch Logs client, made when the build has started (its SDK is large). */
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
}

export interface RunBuildResult {
  readonly build: Build;
  /** True when the build succeeded, or when it was started without waiting. */
  readonly succeeded: boolean;
  /** One line for the end of the log and for the step's failure message. */
  readonly message: string;
}

/** After SIGINT the runner sends SIGTERM at 7.5 s: leave time to post the status and exit. */
const CANCEL_WATCH_MS = 5_000;
const CANCEL_REPORT_MS = 1_500;
const STOP_TIMEOUT_MS = 3_000;

export async function runBuild(
  settings: RunBuildSettings,
  ports: RunBuildPorts,
): Promise<RunBuildResult> {
  const { logger, clock } = ports;
  const started = await startBuild(settings, ports);
  const url = consoleUrl(started, settings.region);
  ports.setOutput('build-id', started.id ?? '');
  ports.setOutput('build-url', url);
  if (started.buildNumber !== undefined)
    ports.setOutput('build-number', String(started.buildNumber));
  logger.info(
    `Started ${buildLabel(started)} of ${settings.projectName} (${started.id ?? ''}): ${url}`,
  );

  const status = (build: Build, description = describeBuild(build, clock.now())): CommitStatus => ({
    state: commitState(build),
    name: settings.statusContext,
    url,
    description,
  });
  // Every way out is redacted: a failure context can quote a command line with a secret in it.
  const report = (update: CommitStatus) =>
    settings.commitStatus
      ? ports.reporter.report(redactStatus(update, (text) => logger.redact(text)))
      : Promise.resolve();
  const pending = report(status(started, `${buildLabel(started)} started`));

  if (!settings.wait) {
    await pending;
    ports.setOutput('build-status', started.buildStatus ?? 'IN_PROGRESS');
    return {
      build: started,
      succeeded: true,
      message: `${buildLabel(started)} started; not waiting for it (wait: false).`,
    };
  }

  const [{ BuildWatcher, isFinal }, logs] = await Promise.all([
    import('./build-watcher.js'),
    ports.logs(),
  ]);
  const watcher = new BuildWatcher(
    started,
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
      stopping = stopBuild(started, settings, ports);
      watcher.hurry(now + CANCEL_WATCH_MS);
    } else {
      logger.warn(`Cancelled: leaving ${buildLabel(started)} running (stop-on-cancel: false).`);
      watcher.hurry(now);
    }
  };
  if (ports.signal.aborted) onCancel();
  else ports.signal.addEventListener('abort', onCancel, { once: true });

  const printer = new LogPrinter(logger);
  let build = started;
  try {
    for await (const event of watcher.events()) {
      ports.onEvent?.(event);
      if (event.type === 'log') printer.print(event.lines);
      else if (event.type === 'status' || event.type === 'end') build = event.build;
      else if (event.type === 'notice' && event.level === 'warn') logger.warn(event.message);
      else if (event.type === 'notice') logger.info(event.message);
    }
  } catch (error) {
    printer.close();
    // The build goes on without us: the pending status must still end, and say why.
    await report({
      ...status(build),
      state: 'error',
      description: `Lost track of ${buildLabel(build)}: ${errorMessage(error)}`,
    });
    throw error;
  } finally {
    ports.signal.removeEventListener('abort', onCancel);
    printer.close();
  }
  await stopping;

  const final = isFinal(build);
  const message = final
    ? describeBuild(build, clock.now())
    : cancelled && settings.stopOnCancel
      ? `${buildLabel(build)} was stopped (run cancelled)`
      : `${buildLabel(build)} is still running; the run was cancelled before it ended`;
  const finalStatus: CommitStatus = final
    ? status(build, message)
    : {
        ...status(build),
        state: cancelled && settings.stopOnCancel ? 'stopped' : 'error',
        description: message,
      };
  const posting = report(finalStatus);
  writeOutputs(build, ports);
  const { buildSummaryMarkdown } = await import('./build-summary.js');
  await ports.writeSummary(
    buildSummaryMarkdown(
      build,
      { consoleUrl: url, logsUrl: logsUrl(build) },
      clock.now(),
      undefined,
      (text) => logger.redact(text),
    ),
  );
  await (cancelled ? Promise.race([posting, clock.sleep(CANCEL_REPORT_MS)]) : posting);

  const succeeded = build.buildStatus === 'SUCCEEDED';
  if (succeeded) {
    logger.info(`${message}. ${url}`);
  } else {
    const reason = failureReason(failedPhase(build));
    logger.error(`${message}${reason && !message.includes(reason) ? ` — ${reason}` : ''}. ${url}`);
  }
  return { build, succeeded, message };
}

async function startBuild(settings: RunBuildSettings, ports: RunBuildPorts): Promise<Build> {
  const request = startBuildRequest(settings);
  ports.logger.info(
    `Starting a build of ${settings.projectName} in ${settings.region} at ${request.sourceVersion ?? "the project's default source version"}.`,
  );
  try {
    const response = await ports.codebuild.send(new StartBuildCommand(request));
    if (!response.build?.id) throw new Error('StartBuild returned no build');
    return response.build;
  } catch (error) {
    throw explainAwsError(error, {
      action: 'codebuild:StartBuild',
      region: settings.region,
      subject: `project "${settings.projectName}"`,
    });
  }
}

async function stopBuild(
  build: Build,
  settings: RunBuildSettings,
  ports: RunBuildPorts,
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

function writeOutputs(build: Build, ports: RunBuildPorts): void {
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
