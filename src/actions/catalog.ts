/**
 * Every GitHub Action of this repository: where its action.yml lives, which bundle it runs and
 * what it declares. scripts/write-action-yml.js writes the action.yml files from this list, and
 * a test checks that each action reads exactly the inputs its action.yml declares.
 */
import { RUN_BUILD_OPTIONS } from '../codebuild/run-build-options.js';
import { REPORT_STATUS_OPTIONS } from '../codebuild/report-status-options.js';
import { RUN_BUILD_OUTPUTS } from '../codebuild/run-build-outputs.js';
import {
  APPROVE_OPTIONS,
  APPROVE_OUTPUTS,
  START_PIPELINE_OPTIONS,
  START_PIPELINE_OUTPUTS,
} from '../codepipeline/pipeline-options.js';
import { LINT_OPTIONS, LINT_OUTPUTS } from '../lint/lint-options.js';
import type { OptionSpec } from '../util/options.js';

export interface ActionDeclaration {
  /** Folders holding an action.yml for this action ('' = repository root). */
  readonly folders: readonly string[];
  /** dist/<bundle>/index.js */
  readonly bundle: string;
  readonly name: string;
  readonly description: string;
  readonly options: readonly OptionSpec[];
  readonly outputs: Readonly<Record<string, string>>;
}

export const ACTIONS: readonly ActionDeclaration[] = [
  {
    folders: ['', 'actions/run-build'],
    bundle: 'run-build',
    name: 'buildbridge run-build',
    description:
      'Start an AWS CodeBuild build of the commit under test, stream its log, and mirror its status to the commit.',
    options: RUN_BUILD_OPTIONS,
    outputs: RUN_BUILD_OUTPUTS,
  },
  {
    folders: ['actions/report-status'],
    bundle: 'report-status',
    name: 'buildbridge report-status',
    description:
      'Mirror the status of an AWS CodeBuild build that something else started (CodePipeline, a webhook, the console) to its commit, with a link to the build.',
    options: REPORT_STATUS_OPTIONS,
    outputs: RUN_BUILD_OUTPUTS,
  },
  {
    folders: ['actions/start-pipeline'],
    bundle: 'start-pipeline',
    name: 'buildbridge start-pipeline',
    description:
      'Start an AWS CodePipeline execution for the commit under test, follow exactly that execution, and post a commit status per stage; optionally return when its manual approval waits.',
    options: START_PIPELINE_OPTIONS,
    outputs: START_PIPELINE_OUTPUTS,
  },
  {
    folders: ['actions/approve'],
    bundle: 'approve',
    name: 'buildbridge approve',
    description:
      'Approve or reject the manual approval of exactly one AWS CodePipeline execution, e.g. behind a GitHub environment with required reviewers.',
    options: APPROVE_OPTIONS,
    outputs: APPROVE_OUTPUTS,
  },
  {
    folders: ['actions/lint'],
    bundle: 'lint',
    name: 'buildbridge lint',
    description:
      'Lint CodeBuild buildspecs (and CodeDeploy appspecs) and annotate findings on the pull request.',
    options: LINT_OPTIONS,
    outputs: LINT_OUTPUTS,
  },
];
