/** Every CLI command; each lives in its own file beside this one. */
import type { CliCommand } from '../command.js';
import { approveCommand } from './approve.js';
import { lintCommand } from './lint.js';
import { reportStatusCommand } from './report-status.js';
import { runBuildCommand } from './run-build.js';
import { startPipelineCommand } from './start-pipeline.js';

export const commands: readonly CliCommand[] = [
  runBuildCommand,
  reportStatusCommand,
  startPipelineCommand,
  approveCommand,
  lintCommand,
];
