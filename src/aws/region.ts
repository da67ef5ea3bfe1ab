/** The AWS region a command uses: the CLI's --region where the command has it, else the environment. */
import { UserError } from '../util/errors.js';
import type { OptionReader } from '../util/options.js';

export function configuredRegion(
  options: OptionReader,
  env: NodeJS.ProcessEnv,
): string | undefined {
  const flag = options.names().includes('region') ? options.string('region') : undefined;
  return flag ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
}

/** The region, checked: none, or one that is not a region name, is a UserError saying what to do. */
export function checkedRegion(region: string | undefined): string {
  if (!region) {
    throw new UserError(
      'No AWS region: set AWS_REGION (aws-actions/configure-aws-credentials sets it from its aws-region input) or pass --region.',
    );
  }
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    throw new UserError(`AWS region "${region}" is not a region name like us-east-1.`);
  }
  return region;
}
