/**
 * start-pipeline's settings, parsed and validated once from Action inputs or CLI flags. Every
 * bad value fails here with the option's name, the value and what is accepted.
 */
import {
  SourceRevisionType,
  type PipelineVariable,
  type SourceRevisionOverride,
} from '@aws-sdk/client-codepipeline';
import { WAIT_MODES, type WaitMode } from './pipeline-options.js';
import { readPipelineTarget, secondsOption, type PipelineTarget } from './pipeline-settings.js';
import { isFullSha } from '../util/commit-ids.js';
import { UserError } from '../util/errors.js';
import type { OptionReader } from '../util/options.js';
import { runToken } from '../util/run-token.js';

export type StopOnCancel = 'stop' | 'abandon' | 'leave';

export interface StartPipelineSettings extends PipelineTarget {
  readonly variables: readonly PipelineVariable[];
  readonly sourceRevisions: readonly SourceRevisionOverride[];
  /** The commit the statuses go to: source-action's commit, else the run's. */
  readonly commit: string | undefined;
  readonly wait: WaitMode;
  readonly commitStatus: boolean;
  readonly stageStatuses: boolean;
  readonly statusContext: string;
  readonly pollIntervalMs: number;
  readonly stopOnCancel: StopOnCancel;
  readonly failOnPipelineFailure: boolean;
  /** Same token for a retried request = same execution. */
  readonly clientRequestToken: string;
}

const REVISION_TYPES = Object.values(SourceRevisionType);
/** Pipeline variable names: letters, digits, @ - _ (CodePipeline's pattern), up to 128. */
const VARIABLE_NAME = /^[A-Za-z0-9@\-_]{1,128}$/;
/** Action names: letters, digits, . @ - _ (CodePipeline's pattern), up to 100. */
const ACTION_NAME = /^[A-Za-z0-9.@\-_]{1,100}$/;

export function parseStartPipelineSettings(
  options: OptionReader,
  env: NodeJS.ProcessEnv,
  /** The commit the run is about: the GitHub event's, or BITBUCKET_COMMIT. */
  runCommit: string | undefined,
): StartPipelineSettings {
  const target = readPipelineTarget(options, env);
  const sourceRevisions = parseSourceRevisions(
    options.string('source-revisions'),
    options.describe('source-revisions'),
  );
  const sourceAction = options.string('source-action');
  const sourceVersion = options.string('source-version');
  if (sourceVersion !== undefined && sourceAction === undefined) {
    throw new UserError(
      `${options.describe('source-version')} is the commit to pin ${options.describe('source-action')} to: give ${options.describe('source-action')} too (the pipeline's source action, e.g. Source), or use ${options.describe('source-revisions')}.`,
    );
  }
  let commit = runCommit;
  if (sourceAction !== undefined) {
    if (!ACTION_NAME.test(sourceAction)) {
      throw new UserError(
        `${options.describe('source-action')} "${sourceAction}" is not a CodePipeline action name (1-100 letters, digits and . @ - _).`,
      );
    }
    const pinned = sourceVersion ?? runCommit;
    if (pinned === undefined || !isFullSha(pinned)) {
      throw new UserError(
        pinned === undefined
          ? `${options.describe('source-action')} pins the pipeline's source to the commit under test, but there is none here: give ${options.describe('source-version')} as the full commit sha.`
          : `${options.describe('source-action')} pins a COMMIT_ID, which must be a full 40-character commit sha; got "${String(pinned)}". Give ${options.describe('source-version')} as the full sha, or a source-revisions line for other kinds of revision.`,
      );
    }
    if (sourceRevisions.some((revision) => revision.actionName === sourceAction)) {
      throw new UserError(
        `${options.describe('source-action')} "${sourceAction}" is also given a revision in ${options.describe('source-revisions')}: give it once.`,
      );
    }
    sourceRevisions.push({
      actionName: sourceAction,
      revisionType: SourceRevisionType.COMMIT_ID,
      revisionValue: pinned.toLowerCase(),
    });
    commit = pinned.toLowerCase();
  } else {
    const pinnedCommit = sourceRevisions.find(
      (revision) => revision.revisionType === SourceRevisionType.COMMIT_ID,
    )?.revisionValue;
    if (isFullSha(pinnedCommit)) commit = pinnedCommit;
  }
  const variables = parseVariables(options.string('variables'), options.describe('variables'));
  const wait = options.string('wait')?.toLowerCase() ?? 'completion';
  const waitMode = WAIT_MODES.find((mode) => mode === wait);
  if (!waitMode) {
    throw new UserError(
      `${options.describe('wait')} got "${options.string('wait')}", which is not one of: ${WAIT_MODES.join(', ')} (completion: to the end; approval: until a manual approval waits for this execution; none: return once started).`,
    );
  }
  const stopValue = options.string('stop-on-cancel')?.toLowerCase();
  const stopOnCancel: StopOnCancel =
    stopValue === 'abandon' ? 'abandon' : options.boolean('stop-on-cancel') ? 'stop' : 'leave';
  return {
    ...target,
    variables,
    sourceRevisions,
    commit,
    wait: waitMode,
    commitStatus: options.boolean('commit-status'),
    stageStatuses: options.boolean('stage-statuses'),
    statusContext:
      options.string('status-context') ??
      `AWS CodePipeline ${target.region} (${target.pipelineName})`,
    pollIntervalMs: secondsOption(options, 'poll-interval', 0.1, 300, 5),
    stopOnCancel,
    failOnPipelineFailure: options.boolean('fail-on-pipeline-failure'),
    // The request is part of it: two starts of the pipeline in one step with other variables or
    // revisions are two executions; the same start retried is one.
    clientRequestToken: runToken(
      env,
      JSON.stringify(['pipeline', target.region, target.pipelineName, variables, sourceRevisions]),
    ),
  };
}

function lines(text: string | undefined): { line: string; number: number }[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line !== '' && !line.startsWith('#'));
}

/** `NAME=value` per line; a name given twice is an error. */
export function parseVariables(text: string | undefined, label: string): PipelineVariable[] {
  const variables: PipelineVariable[] = [];
  for (const { line, number } of lines(text)) {
    const equals = line.indexOf('=');
    const name = equals < 0 ? line : line.slice(0, equals).trim();
    if (equals < 0 || !VARIABLE_NAME.test(name)) {
      throw new UserError(
        `${label} line ${number} "${line}" is not NAME=value (a name of letters, digits, @ - and _, up to 128 characters, then =, then the value).`,
      );
    }
    if (variables.some((variable) => variable.name === name)) {
      throw new UserError(`${label} sets ${name} twice (line ${number}): give each variable once.`);
    }
    variables.push({ name, value: line.slice(equals + 1).trim() });
  }
  return variables;
}

/** `ActionName=TYPE:value` per line. */
export function parseSourceRevisions(
  text: string | undefined,
  label: string,
): SourceRevisionOverride[] {
  const revisions: SourceRevisionOverride[] = [];
  for (const { line, number } of lines(text)) {
    const match = /^([^=\s]+)\s*=\s*([A-Za-z_]+):(.+)$/.exec(line);
    const type = match
      ? REVISION_TYPES.find((candidate) => candidate === match[2]!.toUpperCase())
      : undefined;
    if (!match || !ACTION_NAME.test(match[1]!) || !type) {
      throw new UserError(
        `${label} line ${number} "${line}" is not ActionName=TYPE:value with TYPE one of ${REVISION_TYPES.join(', ')} (e.g. Source=COMMIT_ID:<full sha>).`,
      );
    }
    const [, actionName, , value] = match as unknown as [string, string, string, string];
    if (revisions.some((revision) => revision.actionName === actionName)) {
      throw new UserError(
        `${label} gives source action ${actionName} twice (line ${number}): give each action one revision.`,
      );
    }
    const revisionValue = value.trim();
    if (type === SourceRevisionType.COMMIT_ID && !isFullSha(revisionValue)) {
      throw new UserError(
        `${label} line ${number}: a COMMIT_ID must be a full 40-character commit sha, got "${String(revisionValue)}".`,
      );
    }
    revisions.push({ actionName, revisionType: type, revisionValue });
  }
  return revisions;
}
