/**
 * The test results of ended builds, read in one go: one build's for run-build and report-status,
 * every member's for a batch, whose report ARNs share BatchGetReports calls (100 per call). What
 * could not be read is a warning in the log, once; never a failure.
 */
import type { Build, CodeBuildClient } from '@aws-sdk/client-codebuild';
import { NO_TEST_RESULTS, type TestResults } from './test-results.js';
import { errorMessage } from '../util/errors.js';
import type { Logger } from '../util/logger.js';

export interface BuildsTests {
  /** Every build's reports together, for the outputs and the batch's line. */
  readonly all: TestResults;
  /** Each build's own: the reports its `reportArns` name. */
  readonly of: (build: Build | undefined) => TestResults;
}

const NONE: BuildsTests = { all: NO_TEST_RESULTS, of: () => NO_TEST_RESULTS };

export async function readBuildsTests(
  builds: readonly (Build | undefined)[],
  region: string,
  ports: {
    readonly codebuild: CodeBuildClient;
    readonly logger: Logger;
    readonly signal: AbortSignal;
  },
): Promise<BuildsTests> {
  const arns = builds.flatMap((build) => build?.reportArns ?? []);
  if (arns.length === 0) return NONE;
  const { readTestResults } = await import('./report-reader.js');
  let all: TestResults;
  try {
    all = await readTestResults(ports.codebuild, [...new Set(arns)], {
      region,
      signal: ports.signal,
    });
  } catch (error) {
    // Nothing here may keep the final status from going out.
    ports.logger.warn(`Could not read the build's test results: ${errorMessage(error)}`);
    return NONE;
  }
  for (const warning of all.warnings) ports.logger.warn(warning);
  const byArn = new Map(all.reports.map((report) => [report.arn, report]));
  return {
    all,
    of(build) {
      const reports = (build?.reportArns ?? []).flatMap((arn) => {
        const report = byArn.get(arn);
        return report ? [report] : [];
      });
      return reports.length === 0 ? NO_TEST_RESULTS : { reports, warnings: [] };
    },
  };
}
