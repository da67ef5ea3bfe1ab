/** The options of run-build, declared once for action.yml, the CLI's flags and --help. */
import type { OptionSpec } from '../util/options.js';

export const RUN_BUILD_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'project-name',
    kind: 'string',
    required: true,
    description: "Name of the CodeBuild project to build (not needed with the CLI's --local).",
    cliDescription: 'Name of the CodeBuild project to build.',
  },
  {
    name: 'source-version',
    kind: 'string',
    description: 'Commit, branch or tag to build.',
    defaultDescription:
      'the pull request head sha for pull_request and pull_request_target, the head sha for merge_group and workflow_run, else GITHUB_SHA',
    cliDefaultDescription:
      "inside GitHub Actions the commit the event is about (a pull request's head, not its merge commit), else GITHUB_SHA; inside Bitbucket Pipelines BITBUCKET_COMMIT; else the project's default",
  },
  {
    name: 'buildspec-override',
    kind: 'string',
    description:
      "Buildspec file path in the source, or inline buildspec YAML, used instead of the project's.",
  },
  {
    name: 'image-override',
    kind: 'string',
    description: "Build image used instead of the project's.",
  },
  {
    name: 'compute-type-override',
    kind: 'string',
    description: "Compute type used instead of the project's, e.g. BUILD_GENERAL1_MEDIUM.",
  },
  {
    name: 'environment-type-override',
    kind: 'string',
    description: "Environment type used instead of the project's, e.g. ARM_CONTAINER.",
  },
  {
    name: 'env-vars',
    kind: 'multiline',
    description:
      'Environment variables for the build, one NAME=value per line; NAME=parameter-store:/path and NAME=secrets-manager:secret-id[:json-key...] select those types.',
    cliDescription:
      'An environment variable for the build as NAME=value, repeatable; NAME=parameter-store:/path and NAME=secrets-manager:secret-id[:json-key...] select those types.',
  },
  {
    name: 'start-build-json',
    kind: 'json',
    description:
      'JSON object merged into the StartBuild request, for any field the API takes (timeoutInMinutesOverride, secondarySourcesOverride, logsConfigOverride, ...); with batch, into the StartBuildBatch request (buildBatchConfigOverride, ...; timeoutInMinutesOverride is taken as its buildTimeoutInMinutesOverride).',
  },
  {
    name: 'wait',
    kind: 'boolean',
    default: 'true',
    description:
      'Wait for the build to end. false starts it, posts a pending status, sets build-id and returns.',
    cliDescription:
      'Wait for the build to end. --no-wait starts it, posts a pending status, prints its id and exits 0.',
  },
  {
    name: 'logs',
    kind: 'boolean',
    default: 'true',
    alsoAccepts: ['live'],
    description:
      "Print the build's CloudWatch log live, one collapsible group per phase. For a batch: each member's log in its own group when the member ends; live interleaves the members' lines as they come, each prefixed with its identifier.",
    cliDescription:
      "Print the build's CloudWatch log live, under a heading per phase. For a batch: each member's log under its own heading when the member ends; --logs=live interleaves the members' lines as they come, each prefixed with its identifier.",
  },
  {
    name: 'batch',
    kind: 'boolean',
    default: 'false',
    description:
      "Start a batch build (StartBuildBatch: the buildspec's batch section — build-list, build-matrix or build-graph) and follow every member build.",
  },
  {
    name: 'batch-report',
    kind: 'string',
    default: 'individual',
    description:
      'For a batch: individual posts one status per member (context "<status-context> / <identifier>", linking the member build); aggregated posts one status for the batch, linking the batch.',
  },
  {
    name: 'commit-status',
    kind: 'boolean',
    default: 'true',
    description: 'Post a commit status (pending, then the result) linking to the build.',
    cliDescription:
      'Post a commit status (pending, then the result) linking to the build: to GitHub when GITHUB_TOKEN and GITHUB_REPOSITORY are set, to Bitbucket inside Bitbucket Pipelines (see --status-host).',
  },
  {
    name: 'status-context',
    kind: 'string',
    description: 'Context (name) of the commit status.',
    defaultDescription: 'AWS CodeBuild <region> (<project>), the context CodeBuild itself uses',
  },
  {
    name: 'pr-comment',
    kind: 'boolean',
    default: 'false',
    description:
      'On pull_request and pull_request_target: one comment per pull request and status context, updated in place, with the result, links, the failing phase and the last log lines of failed builds (needs pull-requests: write).',
  },
  {
    name: 'check-run',
    kind: 'boolean',
    default: 'false',
    description:
      'A check run named after the status context: in progress, then completed with the job summary and one annotation per failed phase at its buildspec line (needs checks: write).',
  },
  {
    name: 'status-host',
    kind: 'string',
    cliOnly: true,
    description:
      'Where statuses go: github, bitbucket (Cloud, or Data Center when BITBUCKET_SERVER_URL is set) or none.',
    defaultDescription:
      'bitbucket when BITBUCKET_COMMIT and BITBUCKET_REPO_FULL_NAME (or BITBUCKET_WORKSPACE and BITBUCKET_REPO_SLUG) are set, else github when GITHUB_TOKEN and GITHUB_REPOSITORY are, else none',
  },
  {
    name: 'bitbucket-repository',
    kind: 'string',
    cliOnly: true,
    description:
      'Repository to post Bitbucket build statuses to: PROJECT_KEY/repo-slug for Data Center, workspace/repo-slug for Cloud.',
    defaultDescription: 'BITBUCKET_REPO_FULL_NAME, else BITBUCKET_WORKSPACE/BITBUCKET_REPO_SLUG',
  },
  {
    name: 'github-token',
    kind: 'string',
    default: '${{ github.token }}',
    actionOnly: true,
    description:
      'Token used to post commit statuses (needs statuses: write). The CLI reads GITHUB_TOKEN.',
  },
  {
    name: 'poll-interval',
    kind: 'number',
    default: '5',
    description:
      "Seconds between reads of the build's log (and of its status while it has no log). Once the log announces the end, only the status is read: about 2 s after the end line, then after 1, 2 and 3 s gaps (never longer than this), until it is final.",
  },
  {
    name: 'stop-on-cancel',
    kind: 'boolean',
    default: 'true',
    description: 'Stop the build when the workflow is cancelled.',
    cliDescription: 'Stop the build on Ctrl-C or SIGTERM.',
  },
  {
    name: 'fail-on-build-failure',
    kind: 'boolean',
    default: 'true',
    description: 'Fail the step when the build does not succeed.',
    cliDescription: 'Exit 1 when the build does not succeed (--no-fail-on-build-failure: exit 0).',
  },
  {
    name: 'allow-forks',
    kind: 'boolean',
    default: 'false',
    description:
      "On pull_request_target or workflow_run from a fork, build the untrusted head with the workflow's AWS role anyway.",
    cliDescription:
      "Inside GitHub Actions on pull_request_target or workflow_run from a fork: build (or with --local, run) the fork's code anyway, with this job's AWS role and secrets.",
  },
  {
    name: 'region',
    kind: 'string',
    cliOnly: true,
    defaultDescription: 'AWS_REGION, then AWS_DEFAULT_REGION',
    description: 'AWS region of the project.',
  },
];
