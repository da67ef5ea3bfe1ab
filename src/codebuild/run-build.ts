/**
 * run-build's core: start a build of the commit under test, then follow it to the end with its
 * status mirrored to the commit (follow-build.ts). Only what StartBuild needs is loaded before
 * it; everything else is loaded while the first poll interval runs anyway.
 */
import { StartBuildCommand, type Build } from '@aws-sdk/client-codebuild';
import { explainAwsError } from '../aws/aws-errors.js';
import { buildLabel } from './build-outcome.js';
import { followBuild, type FollowBuildPorts, type FollowResult } from './follow-build.js';
import { consoleUrl } from './links.js';
import type { RunBuildSettings } from './run-build-settings.js';
import { startBuildRequest } from './start-request.js';

export type RunBuildPorts = FollowBuildPorts;
export type RunBuildResult = FollowResult;

export async function runBuild(
  settings: RunBuildSettings,
  ports: RunBuildPorts,
): Promise<RunBuildResult> {
  const started = await startBuild(settings, ports);
  ports.logger.info(
    `Started ${buildLabel(started)} of ${settings.projectName} (${started.id ?? ''}): ${consoleUrl(started, settings.region)}`,
  );
  return followBuild(
    started,
    { ...settings, leftRunningBecause: '(stop-on-cancel: false)' },
    ports,
    `${buildLabel(started)} started`,
  );
}

async function startBuild(settings: RunBuildSettings, ports: RunBuildPorts): Promise<Build> {
  const request = startBuildRequest(settings);
  ports.logger.info(
    `Starting a build of ${settings.projectName} in ${settings.region} at ${request.sourceVersion ?? "the project's default source version"}.`,
  );
  try {
    const response = await ports.codebuild.send(new StartBuildCommand(request));
    if (!response.build?.id) throw new Error('StartBuild returned no build');
    return response.build;
  } catch (error) {
    throw explainAwsError(error, {
      action: 'codebuild:StartBuild',
      region: settings.region,
      subject: `project "${settings.projectName}"`,
    });
  }
}
