/** What start-pipeline and approve read alike: the pipeline's name, the region, an execution id. */
import { checkedRegion, configuredRegion } from '../aws/region.js';
import { UserError } from '../util/errors.js';
import type { OptionReader } from '../util/options.js';

/** CodePipeline's pattern for pipeline names (1-100 characters). */
const PIPELINE_NAME = /^[A-Za-z0-9.@\-_]{1,100}$/;
/** Execution ids are UUIDs. */
const EXECUTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PipelineTarget {
  readonly pipelineName: string;
  readonly region: string;
}

export function readPipelineTarget(options: OptionReader, env: NodeJS.ProcessEnv): PipelineTarget {
  const pipelineName = options.requiredString('pipeline-name');
  if (!PIPELINE_NAME.test(pipelineName)) {
    throw new UserError(
      `${options.describe('pipeline-name')} "${pipelineName}" is not a CodePipeline pipeline name (1-100 letters, digits and . @ - _).`,
    );
  }
  return { pipelineName, region: checkedRegion(configuredRegion(options, env)) };
}

export function checkedExecutionId(value: string, label: string): string {
  if (!EXECUTION_ID.test(value)) {
    throw new UserError(
      `${label} "${value}" is not a pipeline execution id: expected a UUID like 4c1e4a2e-6f55-4f7a-9d4b-0b8e2c3a1d77 (start-pipeline's execution-id output, or the console's execution page).`,
    );
  }
  return value;
}

/** Seconds from an option, as milliseconds. */
export function secondsOption(
  options: OptionReader,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  return Math.round((options.number(name, min, max) ?? fallback) * 1000);
}
