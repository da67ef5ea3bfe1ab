/**
 * The options of start-pipeline and approve, declared once for action.yml, the CLI's flags and
 * --help, with the outputs each sets. What they share with run-build is run-build's
 * declaration, so it reads the same everywhere.
 */
import { RUN_BUILD_OPTIONS } from '../codebuild/run-build-options.js';
import type { OptionSpec } from '../util/options.js';

function shared(name: string): OptionSpec {
  const spec = RUN_BUILD_OPTIONS.find((candidate) => candidate.name === name);
  if (!spec) throw new Error(`run-build declares no option "${name}"`);
  return spec;
}

export const WAIT_MODES = ['completion', 'approval', 'none'] as const;
export type WaitMode = (typeof WAIT_MODES)[number];

const REGION: OptionSpec = { ...shared('region'), description: 'AWS region of the pipeline.' };

export const START_PIPELINE_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'pipeline-name',
    kind: 'string',
    required: true,
    description: 'Name of the CodePipeline pipeline to start.',
  },
  {
    name: 'source-action',
    kind: 'string',
    description:
      'Source action of the pipeline to pin to the commit under test: a shortcut for a source-revisions line <source-action>=COMMIT_ID:<commit>.',
  },
  {
    name: 'source-version',
    kind: 'string',
    description: 'With source-action: the commit to pin it to (a full sha).',
    defaultDescription:
      'the commit the event is about: the pull request head sha for pull_request and pull_request_target, else GITHUB_SHA',
    cliDefaultDescription:
      "inside GitHub Actions the commit the event is about (a pull request's head), inside Bitbucket Pipelines BITBUCKET_COMMIT",
  },
  {
    name: 'source-revisions',
    kind: 'multiline',
    description:
      'Source revisions to run, one per line: ActionName=TYPE:value, TYPE one of COMMIT_ID, IMAGE_DIGEST, S3_OBJECT_VERSION_ID, S3_OBJECT_KEY (pipeline type V2).',
    cliDescription:
      'A source revision to run: ActionName=TYPE:value, TYPE one of COMMIT_ID, IMAGE_DIGEST, S3_OBJECT_VERSION_ID, S3_OBJECT_KEY (pipeline type V2); repeat the flag or put one per line.',
  },
  {
    name: 'variables',
    kind: 'multiline',
    description:
      'Pipeline variables for this execution, one NAME=value per line (pipeline type V2).',
    cliDescription:
      'A pipeline variable for this execution, NAME=value (pipeline type V2); repeat the flag or put one per line.',
  },
  {
    name: 'wait',
    kind: 'string',
    default: 'completion',
    description:
      'completion: follow the execution to its end. approval: return as soon as a manual approval is waiting for this execution, with approval-stage and approval-action set. none: return once it has started.',
  },
  {
    name: 'commit-status',
    kind: 'boolean',
    default: 'true',
    description:
      'Post commit statuses for the execution, with a link to it in the CodePipeline console.',
  },
  {
    name: 'stage-statuses',
    kind: 'boolean',
    default: 'true',
    description:
      'One commit status per stage, named "<status-context> / <stage>"; false posts one for the whole execution.',
  },
  {
    name: 'status-context',
    kind: 'string',
    description: 'Context (name) of the commit status; stages append " / <stage>".',
    defaultDescription: 'AWS CodePipeline <region> (<pipeline>)',
  },
  shared('status-host'),
  shared('bitbucket-repository'),
  shared('github-token'),
  {
    name: 'poll-interval',
    kind: 'number',
    default: '5',
    description:
      "Seconds between reads of the execution: ListActionExecutions each time; GetPipelineExecution too while no action runs, else every 4th time. Once the last stage's actions have ended, the end is read a second later.",
  },
  {
    name: 'stop-on-cancel',
    kind: 'boolean',
    default: 'true',
    alsoAccepts: ['abandon'],
    description:
      'Stop the execution when the workflow is cancelled: true lets running actions finish, abandon abandons them, false leaves the execution running.',
    cliDescription:
      'Stop the execution on Ctrl-C or SIGTERM: true lets running actions finish, --stop-on-cancel=abandon abandons them, --no-stop-on-cancel leaves it running.',
  },
  {
    name: 'fail-on-pipeline-failure',
    kind: 'boolean',
    default: 'true',
    description:
      'Fail the step when the execution ends without succeeding (Failed, Stopped, Superseded, Cancelled).',
    cliDescription:
      'Exit 1 when the execution ends without succeeding (--no-fail-on-pipeline-failure: exit 0).',
  },
  REGION,
];

export const START_PIPELINE_OUTPUTS = {
  'execution-id': 'ID of the pipeline execution, set as soon as it starts.',
  status:
    "The execution's status in CodePipeline's words: Succeeded, Failed, Stopped, Superseded, Cancelled, or InProgress when not waiting to the end.",
  'failed-stage': 'The stage that failed, when one did.',
  'failed-action': 'The action that failed, when one did.',
  url: 'Link to the execution in the CodePipeline console.',
  variables: "JSON object of the execution's resolved pipeline variables.",
  'approval-stage': 'With wait: approval, the stage whose manual approval is waiting.',
  'approval-action': 'With wait: approval, the manual approval action that is waiting.',
} as const;

export const DECISIONS = ['approve', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];

export const APPROVE_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'pipeline-name',
    kind: 'string',
    required: true,
    description: 'Name of the CodePipeline pipeline whose approval to answer.',
  },
  {
    name: 'execution-id',
    kind: 'string',
    description:
      "The pipeline execution whose approval to answer, e.g. start-pipeline's execution-id output. Give this, or source-revision.",
  },
  {
    name: 'source-revision',
    kind: 'string',
    description:
      'Without execution-id: answer the approval of the execution whose source revision is this commit (the newest such execution).',
    defaultDescription:
      'the commit the event is about: the pull request head sha for pull_request and pull_request_target, else GITHUB_SHA',
    cliDefaultDescription:
      "inside GitHub Actions the commit the event is about (a pull request's head), inside Bitbucket Pipelines BITBUCKET_COMMIT",
  },
  {
    name: 'stage-name',
    kind: 'string',
    description: 'Stage of the manual approval.',
    defaultDescription: 'the stage of the one manual approval waiting for that execution',
  },
  {
    name: 'action-name',
    kind: 'string',
    description: 'Name of the manual approval action.',
    defaultDescription: 'the one manual approval waiting for that execution',
  },
  {
    name: 'decision',
    kind: 'string',
    required: true,
    description: 'approve or reject.',
  },
  {
    name: 'summary',
    kind: 'string',
    description: 'The comment recorded with the answer (up to 512 characters).',
    defaultDescription:
      'Approved (or Rejected) by @<actor> in <server>/<repo>/actions/runs/<id>; in Bitbucket Pipelines the pipeline run',
  },
  {
    name: 'wait-timeout',
    kind: 'number',
    default: '600',
    description:
      'Seconds to wait for the approval to become pending for that execution; 0 looks once.',
  },
  {
    name: 'poll-interval',
    kind: 'number',
    default: '5',
    description: 'Seconds between looks while waiting for the approval to become pending.',
  },
  REGION,
];

export const APPROVE_OUTPUTS = {
  'execution-id': 'The pipeline execution whose approval was answered.',
  'stage-name': 'Stage of the answered approval.',
  'action-name': 'The manual approval action that was answered.',
  decision: 'approve or reject, as answered.',
} as const;
