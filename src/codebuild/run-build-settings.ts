/**
 * run-build's settings, parsed and validated once from Action inputs or CLI flags. Every bad
 * value fails here with the option's name, the value and what is accepted.
 */
import { ComputeType, EnvironmentType, type EnvironmentVariable } from '@aws-sdk/client-codebuild';
import { checkedRegion, configuredRegion } from '../aws/region.js';
import { refuseUntrustedHead, type UntrustedHead } from '../github/event.js';
import { parseEnvVars } from './env-vars.js';
import { parseStartBuildJson } from './start-build-json.js';
import { UserError } from '../util/errors.js';
import { runToken } from '../util/run-token.js';
import type { OptionReader } from '../util/options.js';

export const BATCH_REPORTS = ['individual', 'aggregated'] as const;
export type BatchReport = (typeof BATCH_REPORTS)[number];

export interface RunBuildSettings {
  readonly projectName: string;
  readonly region: string;
  /** Commit, branch or tag to build; undefined builds the project's default. */
  readonly sourceVersion: string | undefined;
  readonly buildspecOverride: string | undefined;
  readonly imageOverride: string | undefined;
  readonly computeTypeOverride: ComputeType | undefined;
  readonly environmentTypeOverride: EnvironmentType | undefined;
  readonly envVars: readonly EnvironmentVariable[];
  readonly startBuildJson: Readonly<Record<string, unknown>>;
  readonly wait: boolean;
  readonly logs: boolean;
  /** logs: live — a batch's members' lines as they come, prefixed with their identifier. */
  readonly liveLogs: boolean;
  /** Start a batch build (StartBuildBatch) instead of one build. */
  readonly batch: boolean;
  /** A batch's statuses: one per member, or one for the batch. */
  readonly batchReport: BatchReport;
  readonly prComment: boolean;
  readonly checkRun: boolean;
  readonly commitStatus: boolean;
  readonly statusContext: string;
  readonly pollIntervalMs: number;
  readonly stopOnCancel: boolean;
  readonly failOnBuildFailure: boolean;
  /** Same token for a retried request = same build (CodeBuild keeps it 5 minutes). */
  readonly idempotencyToken: string;
}

/** What the run around the command knows: where it runs and which commit it is about. */
export interface RunBuildEnvironment {
  readonly env: NodeJS.ProcessEnv;
  /** The commit the triggering event is about (PR head, merge group head, pushed sha). */
  readonly eventCommit: string | undefined;
  /** Set when the event's head is a fork's code on an event with this repository's secrets. */
  readonly untrustedHead: UntrustedHead | undefined;
}

export function parseRunBuildSettings(
  options: OptionReader,
  run: RunBuildEnvironment,
): RunBuildSettings {
  const projectName = options.requiredString('project-name');
  if (!/^[A-Za-z0-9][A-Za-z0-9\-_]{1,254}$/.test(projectName)) {
    throw new UserError(
      `${options.describe('project-name')} "${projectName}" is not a CodeBuild project name (2-255 letters, digits, - and _, starting with a letter or digit).`,
    );
  }
  const region = checkedRegion(configuredRegion(options, run.env));
  refuseUntrustedHead(run.untrustedHead, {
    allowForks: options.boolean('allow-forks'),
    howToAllow: options.howToEnable('allow-forks'),
    runsWith: "this workflow's AWS role",
    verb: 'build',
  });
  const pollSeconds = options.number('poll-interval', 0.1, 300) ?? 5;
  const batch = options.boolean('batch');
  const logs = readLogs(options);
  return {
    projectName,
    region,
    sourceVersion: options.string('source-version') ?? run.eventCommit,
    buildspecOverride: options.string('buildspec-override'),
    imageOverride: options.string('image-override'),
    computeTypeOverride: options.oneOf('compute-type-override', Object.values(ComputeType)),
    environmentTypeOverride: options.oneOf(
      'environment-type-override',
      Object.values(EnvironmentType),
    ),
    envVars: parseEnvVars(options.string('env-vars'), options.describe('env-vars')),
    startBuildJson: parseStartBuildJson(
      options.string('start-build-json'),
      options.describe('start-build-json'),
      batch ? 'StartBuildBatch' : 'StartBuild',
    ),
    wait: options.boolean('wait'),
    logs: logs !== 'false',
    liveLogs: logs === 'live',
    batch,
    batchReport: readBatchReport(options),
    prComment: options.boolean('pr-comment'),
    checkRun: options.boolean('check-run'),
    commitStatus: options.boolean('commit-status'),
    statusContext: options.string('status-context') ?? `AWS CodeBuild ${region} (${projectName})`,
    pollIntervalMs: Math.round(pollSeconds * 1000),
    stopOnCancel: options.boolean('stop-on-cancel'),
    failOnBuildFailure: options.boolean('fail-on-build-failure'),
    idempotencyToken: runToken(run.env, projectName),
  };
}

/** logs: true, false or live (a batch's lines as they come). */
function readLogs(options: OptionReader): 'true' | 'false' | 'live' {
  const value = options.string('logs')?.toLowerCase();
  if (value === 'live') return 'live';
  return options.boolean('logs') ? 'true' : 'false';
}

function readBatchReport(options: OptionReader): BatchReport {
  const value = options.string('batch-report') ?? 'individual';
  const match = BATCH_REPORTS.find((report) => report === value.toLowerCase());
  if (!match) {
    throw new UserError(
      `${options.describe('batch-report')} got "${value}", which is not one of: ${BATCH_REPORTS.join(', ')} (individual: a status per member; aggregated: one for the batch).`,
    );
  }
  return match;
}
