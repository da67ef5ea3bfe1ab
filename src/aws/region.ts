/** The AWS region a command uses: the CLI's --region where the command has it, else the environment. */
import type { OptionReader } from '../util/options.js';

export function configuredRegion(
  options: OptionReader,
  env: NodeJS.ProcessEnv,
): string | undefined {
  const flag = options.names().includes('region') ? options.string('region') : undefined;
  return flag ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
}
