/**
 * The options of report-status, declared once for action.yml, the CLI's flags and --help. The
 * ones it shares with run-build are run-build's declarations, so they read the same everywhere.
 */
import { RUN_BUILD_OPTIONS } from './run-build-options.js';
import type { OptionSpec } from '../util/options.js';

function shared(name: string): OptionSpec {
  const spec = RUN_BUILD_OPTIONS.find((candidate) => candidate.name === name);
  if (!spec) throw new Error(`run-build declares no option "${name}"`);
  return spec;
}

/** How many builds ListBuildsForProject names per page. */
export const BUILDS_PER_PAGE = 100;

export const REPORT_STATUS_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'build-id',
    kind: 'string',
    description:
      'ID (project:uuid) or ARN of the build to report, e.g. a webhook, CodePipeline or console build. Give this, or project-name.',
  },
  {
    name: 'project-name',
    kind: 'string',
    description:
      'CodeBuild project whose newest build of source-version to report (found with ListBuildsForProject, newest first). Give this, or build-id.',
  },
  {
    name: 'source-version',
    kind: 'string',
    description:
      "With project-name: the commit (or the exact source version, e.g. pr/7) whose newest build to report. Also the commit the status is posted to, when it is a full sha; else the build's resolved commit is.",
    defaultDescription:
      'the commit the event is about: the pull request head sha for pull_request and pull_request_target, else GITHUB_SHA',
    cliDefaultDescription:
      "inside GitHub Actions the commit the event is about (a pull request's head), inside Bitbucket Pipelines BITBUCKET_COMMIT",
  },
  {
    name: 'search-pages',
    kind: 'number',
    default: '5',
    description: `With project-name: how many pages of the project's builds (${BUILDS_PER_PAGE} each, newest first) to search for the commit's build, 1 to 100.`,
  },
  {
    name: 'search-timeout',
    kind: 'number',
    default: '0',
    description:
      "With project-name: how many seconds to keep looking (every poll-interval) while the commit has no build yet, e.g. for a webhook's build that starts seconds after the push. 0 looks once.",
  },
  {
    name: 'wait',
    kind: 'boolean',
    default: 'false',
    description:
      "Follow the build to its end and post its final status. false posts the build's current status and returns.",
    cliDescription:
      "Follow the build to its end and post its final status; without it, post the build's current status and exit.",
  },
  {
    name: 'logs',
    kind: 'boolean',
    default: 'false',
    description:
      "With wait: print the build's CloudWatch log, from its start, one collapsible group per phase.",
    cliDescription: "With --wait: print the build's CloudWatch log, from its start.",
  },
  shared('status-context'),
  shared('status-host'),
  shared('bitbucket-repository'),
  shared('github-token'),
  shared('poll-interval'),
  {
    name: 'fail-on-build-failure',
    kind: 'boolean',
    default: 'true',
    description:
      'Fail the step when the build has ended without succeeding. A build still running when not waiting never fails it.',
    cliDescription:
      'Exit 1 when the build has ended without succeeding (--no-fail-on-build-failure: exit 0); a build still running without --wait exits 0.',
  },
  {
    ...shared('region'),
    defaultDescription: "the region in build-id's ARN, else AWS_REGION, then AWS_DEFAULT_REGION",
  },
];
