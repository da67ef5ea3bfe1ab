/**
 * Turns AWS SDK errors the user can fix into UserErrors that say what to do: the IAM action
 * that is missing, the project that does not exist in that region, how to provide credentials,
 * the endpoint that could not be reached. Errors are told apart by name and by the SDK's own
 * classification, never by message text.
 */
import {
  isServerError,
  isThrottlingError,
  isTransientError,
} from '@smithy/service-error-classification';
import { endpointOf } from './clients.js';
import { UserError, errorMessage, errorName } from '../util/errors.js';
import { noAnswerReason } from '../util/network-errors.js';

export interface AwsCall {
  /** IAM action of the call, e.g. codebuild:StartBuild. */
  readonly action: string;
  readonly region: string;
  /** What the call is about, for messages: `project "x"`, `build x:uuid`. */
  readonly subject: string;
}

const CREDENTIAL_ERRORS = new Set([
  'CredentialsProviderError',
  'ExpiredTokenException',
  'ExpiredToken',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'InvalidClientTokenId',
]);

type SdkError = Parameters<typeof isTransientError>[0];

/**
 * Transient: worth another try on the next poll (the SDK has already retried): throttling, a
 * 5xx, a time-out or a dropped connection, as the SDK's retry strategy classifies them.
 */
export function isTransient(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const sdkError = error as SdkError;
  return isThrottlingError(sdkError) || isTransientError(sdkError) || isServerError(sdkError);
}

const SERVICE_NAMES: Readonly<Record<string, string>> = {
  codebuild: 'AWS CodeBuild',
  codepipeline: 'AWS CodePipeline',
  codedeploy: 'AWS CodeDeploy',
  lambda: 'AWS Lambda',
  logs: 'CloudWatch Logs',
  ssm: 'SSM Parameter Store',
  secretsmanager: 'Secrets Manager',
};

/** What the SDK knows of an HTTP answer that came back: status, content type, attempts made. */
function answerOf(
  error: unknown,
): { status: number; contentType: string | undefined; attempts: number } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const record = error as {
    $metadata?: { httpStatusCode?: number; attempts?: number };
    $response?: { headers?: Record<string, string | undefined> };
  };
  const status = record.$metadata?.httpStatusCode;
  if (status === undefined || !record.$response) return undefined;
  return {
    status,
    contentType: record.$response.headers?.['content-type'],
    attempts: record.$metadata?.attempts ?? 1,
  };
}

/** A credentials or token file the SDK was pointed at and could not read. */
function unreadableFile(error: unknown): { path: string; code: string } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, path } = error as { code?: unknown; path?: unknown };
  return (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') && typeof path === 'string'
    ? { path, code }
    : undefined;
}

export function explainAwsError(error: unknown, call: AwsCall): Error {
  const name = errorName(error) ?? '';
  const unreached = noAnswerReason(error);
  if (unreached) {
    const service = SERVICE_NAMES[call.action.split(':')[0] ?? ''] ?? 'AWS';
    const endpoint = endpointOf(error);
    return new UserError(
      `Could not reach ${service}${endpoint ? ` at ${endpoint}` : ''} for ${call.action} (${unreached}). ` +
        `Check the network (a proxy or firewall), the region (${call.region})` +
        ' and, if set, AWS_ENDPOINT_URL.',
    );
  }
  if (
    name === 'AccessDeniedException' ||
    name === 'AccessDenied' ||
    name === 'UnauthorizedOperation'
  ) {
    return new UserError(
      `AWS denied ${call.action} on ${call.subject} in ${call.region}: allow "${call.action}" in the IAM policy of the role this runs with (the job's role, or a Lambda function's execution role; see the README's IAM policy). AWS said: ${errorMessage(error)}`,
    );
  }
  const answered = answerOf(error);
  if (answered && name === 'SyntaxError') {
    const service = SERVICE_NAMES[call.action.split(':')[0] ?? ''] ?? 'AWS';
    const endpoint = endpointOf(error);
    return new UserError(
      `${service}${endpoint ? ` at ${endpoint}` : ''} answered ${call.action} with HTTP ${answered.status}${answered.contentType ? ` (${answered.contentType})` : ''}, which is not an AWS answer: a proxy, a captive portal or a wrong AWS_ENDPOINT_URL? Check the endpoint and the network.`,
    );
  }
  if (answered && (answered.status >= 500 || isThrottlingError(error as SdkError))) {
    const service = SERVICE_NAMES[call.action.split(':')[0] ?? ''] ?? 'AWS';
    const endpoint = endpointOf(error);
    return new UserError(
      `${service}${endpoint ? ` at ${endpoint}` : ''} kept failing ${call.action} on ${call.subject} (HTTP ${answered.status}, ${name || 'error'}: ${errorMessage(error)}) after ${answered.attempts} attempt(s): AWS is having trouble in ${call.region} or is limiting this account's calls. Try again later.`,
    );
  }
  const unreadable = unreadableFile(error);
  if (unreadable) {
    return new UserError(
      `No usable AWS credentials for ${call.action}: the SDK could not read ${unreadable.path} (${unreadable.code}). ` +
        'Check AWS_WEB_IDENTITY_TOKEN_FILE, AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE, or unset the one that names a file that is not there.',
    );
  }
  if (CREDENTIAL_ERRORS.has(name)) {
    return new UserError(
      `No usable AWS credentials for ${call.action} (${name || 'credentials error'}: ${errorMessage(error)}). ` +
        'In GitHub Actions, run aws-actions/configure-aws-credentials first with role-to-assume and `permissions: id-token: write` (OIDC); ' +
        'in Bitbucket Pipelines, add `oidc: true` to the step and set AWS_ROLE_ARN; elsewhere set AWS_PROFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or AWS_ROLE_ARN with AWS_WEB_IDENTITY_TOKEN_FILE.',
    );
  }
  if (
    name === 'ResourceNotFoundException' &&
    (call.action === 'codebuild:StartBuild' || call.action === 'codebuild:ListBuildsForProject')
  ) {
    return new UserError(
      `CodeBuild has no ${call.subject} in ${call.region}. Check the project name and the region (AWS_REGION, set by configure-aws-credentials' aws-region).`,
    );
  }
  if (name === 'PipelineNotFoundException') {
    return new UserError(
      `CodePipeline has no ${call.subject} in ${call.region}. Check the pipeline name and the region (AWS_REGION, set by configure-aws-credentials' aws-region).`,
    );
  }
  if (name === 'ConcurrentPipelineExecutionsLimitExceededException') {
    return new UserError(
      `CodePipeline refused ${call.action} for ${call.subject}: as many executions as the pipeline's execution mode allows are queued or running (${errorMessage(error)}). Wait for one to end and run the job again, or raise the pipeline's limit.`,
    );
  }
  if (
    name === 'ConflictException' ||
    name === 'PipelineVersionNotFoundException' ||
    name === 'InvalidInputException' ||
    name === 'ValidationException' ||
    name === 'AccountLimitExceededException' ||
    name === 'OAuthProviderException'
  ) {
    return new UserError(`AWS refused ${call.action} for ${call.subject}: ${errorMessage(error)}`);
  }
  if (name === 'IdempotentParameterMismatchException') {
    return new UserError(
      `CodeBuild refused ${call.action}: a build was started with the same idempotency token but other parameters within the last 5 minutes. Re-run the job (a new attempt gets a new token).`,
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}
