/** The outputs run-build sets, declared once for action.yml checks and the README. */
import { TEST_RESULT_OUTPUTS } from './test-results-text.js';

export const RUN_BUILD_OUTPUTS = {
  'build-id': 'ID of the build (project:uuid), set as soon as the build starts.',
  'build-number': 'Build number within the project.',
  'build-status': 'SUCCEEDED, FAILED, FAULT, TIMED_OUT, STOPPED, or IN_PROGRESS when not waiting.',
  'build-url': 'Link to the build (with batch: the batch) in the CodeBuild console.',
  'logs-url': "Link to the build's log in CloudWatch Logs.",
  'exported-variables':
    "JSON object of the build's exported variables; each is also an output of its own name.",
  'batch-id': 'With batch: ID of the batch build, set as soon as it starts.',
  'batch-status': "With batch: the batch's status (also build-status).",
  builds:
    'With batch: JSON list of the members, each with identifier, id, status, url, logsUrl and exportedVariables.',
  ...TEST_RESULT_OUTPUTS,
} as const;
