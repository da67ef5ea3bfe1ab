/**
 * Two kinds of failure: a UserError is something the user can fix (a bad input, an unknown
 * project, a missing IAM permission) and is reported as one actionable line; anything else is a
 * bug and is reported with its stack.
 */
export class UserError extends Error {
  override readonly name: string = 'UserError';
}

/** A command line the CLI cannot take (unknown command or option, stray argument): exit 2. */
export class UsageError extends UserError {
  override readonly name: string = 'UsageError';
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Error name as the AWS SDK and most libraries set it; match on this, never on message text. */
export function errorName(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'name' in error) {
    return typeof error.name === 'string' ? error.name : undefined;
  }
  return undefined;
}

/** HTTP status carried by an SDK or Octokit error, if any. */
export function httpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const record = error as { status?: unknown; $metadata?: { httpStatusCode?: unknown } };
  if (typeof record.status === 'number') return record.status;
  const code = record.$metadata?.httpStatusCode;
  return typeof code === 'number' ? code : undefined;
}
