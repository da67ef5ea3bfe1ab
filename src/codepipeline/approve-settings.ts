/**
 * approve's settings, parsed and validated once from Action inputs or CLI flags: which
 * pipeline, which execution (by id, or by its source revision), which approval, the answer.
 * Every bad value fails here with the option's name, the value and what is accepted.
 */
import { DECISIONS, type Decision } from './pipeline-options.js';
import {
  checkedExecutionId,
  readPipelineTarget,
  secondsOption,
  type PipelineTarget,
} from './pipeline-settings.js';
import { closestName } from '../util/closest-name.js';
import { COMMIT_ID } from '../util/commit-ids.js';
import { UsageError, UserError } from '../util/errors.js';
import type { OptionReader } from '../util/options.js';

export type ExecutionQuery =
  | { readonly kind: 'id'; readonly executionId: string }
  | { readonly kind: 'revision'; readonly revision: string };

export interface ApproveSettings extends PipelineTarget {
  readonly execution: ExecutionQuery;
  readonly stageName: string | undefined;
  readonly actionName: string | undefined;
  readonly decision: Decision;
  /** What is recorded with the answer. */
  readonly summary: string;
  readonly waitTimeoutMs: number;
  readonly pollIntervalMs: number;
}

/** PutApprovalResult's limit on result.summary. */
export const MAX_SUMMARY = 512;
/** A GitHub job runs at most 6 hours; an approval waits at most 7 days. */
const MAX_WAIT_SECONDS = 6 * 3600;
/** CodePipeline's pattern for stage and action names (1-100 characters). */
const STAGE_OR_ACTION = /^[A-Za-z0-9.@\-_]{1,100}$/;

export function parseApproveSettings(
  options: OptionReader,
  env: NodeJS.ProcessEnv,
  /** The commit the run is about: the GitHub event's, or BITBUCKET_COMMIT. */
  runCommit: string | undefined,
): ApproveSettings {
  const target = readPipelineTarget(options, env);
  const execution = readExecutionQuery(options, runCommit);
  const stageName = nameOption(options, 'stage-name', 'stage');
  const actionName = nameOption(options, 'action-name', 'action');
  const decision = readDecision(options);
  const given = options.string('summary');
  if (given !== undefined && given.length > MAX_SUMMARY) {
    throw new UserError(
      `${options.describe('summary')} is ${given.length} characters long; CodePipeline records at most ${MAX_SUMMARY} with an approval. Shorten it (a link to the run is a good summary).`,
    );
  }
  return {
    ...target,
    execution,
    stageName,
    actionName,
    decision,
    summary: given ?? defaultSummary(decision, env),
    waitTimeoutMs: secondsOption(options, 'wait-timeout', 0, MAX_WAIT_SECONDS, 600),
    pollIntervalMs: secondsOption(options, 'poll-interval', 0.1, 300, 5),
  };
}

function readExecutionQuery(options: OptionReader, runCommit: string | undefined): ExecutionQuery {
  const executionId = options.string('execution-id');
  const revision = options.string('source-revision');
  if (executionId !== undefined && revision !== undefined) {
    throw new UsageError(
      `Give ${options.describe('execution-id')} or ${options.describe('source-revision')}, not both: execution-id names one execution; source-revision finds the newest execution of a commit.`,
    );
  }
  if (executionId !== undefined) {
    return {
      kind: 'id',
      executionId: checkedExecutionId(executionId, options.describe('execution-id')),
    };
  }
  const commit = revision ?? runCommit;
  if (commit === undefined) {
    throw new UserError(
      `Which execution? Give ${options.describe('execution-id')} (e.g. start-pipeline's execution-id output) or ${options.describe('source-revision')} (the commit the execution runs): outside GitHub Actions and Bitbucket Pipelines there is no commit under test to default to.`,
    );
  }
  if (!COMMIT_ID.test(commit)) {
    throw new UserError(
      `${revision !== undefined ? options.describe('source-revision') : 'The commit under test'} "${commit}" is not a commit id: expected 7 to 40 hexadecimal digits (a full sha, or its start).`,
    );
  }
  return { kind: 'revision', revision: commit.toLowerCase() };
}

function nameOption(options: OptionReader, name: string, what: string): string | undefined {
  const value = options.string(name);
  if (value !== undefined && !STAGE_OR_ACTION.test(value)) {
    throw new UserError(
      `${options.describe(name)} "${value}" is not a CodePipeline ${what} name (1-100 letters, digits and . @ - _).`,
    );
  }
  return value;
}

function readDecision(options: OptionReader): Decision {
  const value = options.requiredString('decision');
  const lower = value.toLowerCase();
  const decision =
    DECISIONS.find((candidate) => candidate === lower) ??
    (lower === 'approved' ? 'approve' : lower === 'rejected' ? 'reject' : undefined);
  if (decision) return decision;
  const suggestion = closestName(value, DECISIONS);
  throw new UserError(
    `${options.describe('decision')} got "${value}", which is not one of: ${DECISIONS.join(', ')}.${suggestion ? ` Did you mean ${suggestion}?` : ''}`,
  );
}

/** Who answered, from where: the workflow run, the Bitbucket pipeline run, or this machine. */
export function defaultSummary(decision: Decision, env: NodeJS.ProcessEnv): string {
  const verb = decision === 'approve' ? 'Approved' : 'Rejected';
  let summary: string;
  if (env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
    const actor = env.GITHUB_ACTOR;
    summary = `${verb}${actor ? ` by @${actor}` : ''} in ${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
  } else if (env.BITBUCKET_BUILD_NUMBER) {
    const origin =
      env.BITBUCKET_GIT_HTTP_ORIGIN?.replace(/\/+$/, '') ||
      (env.BITBUCKET_REPO_FULL_NAME
        ? `https://bitbucket.org/${env.BITBUCKET_REPO_FULL_NAME}`
        : undefined);
    summary = origin
      ? `${verb} by the Bitbucket pipeline run ${origin}/pipelines/results/${env.BITBUCKET_BUILD_NUMBER}`
      : `${verb} by Bitbucket pipeline run #${env.BITBUCKET_BUILD_NUMBER}`;
  } else {
    const user = env.USER || env.USERNAME;
    summary = `${verb}${user ? ` by ${user}` : ''} with buildbridge approve`;
  }
  return summary.slice(0, MAX_SUMMARY);
}
