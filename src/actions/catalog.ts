/**
 * Every GitHub Action of this repository: where its action.yml lives, which bundle it runs and
 * what it declares. scripts/write-action-yml.js writes the action.yml files from this list, and
 * a test checks that each action reads exactly the inputs its action.yml declares.
 */
import { RUN_BUILD_OPTIONS } from '../codebuild/run-build-options.js';
import { REPORT_STATUS_OPTIONS } from '../codebuild/report-status-options.js';
import { RUN_BUILD_OUTPUTS } from '../codebuild/run-build-outputs.js';
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
    folders: ['actions/lint'],
    bundle: 'lint',
    name: 'buildbridge lint',
    description:
      'Lint CodeBuild buildspecs (and CodeDeploy appspecs) and annotate findings on the pull request.',
    options: LINT_OPTIONS,
    outputs: LINT_OUTPUTS,
  },
];
