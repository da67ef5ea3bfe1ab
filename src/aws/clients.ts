/**
 * AWS SDK clients, built in one place: region, adaptive retry (ThrottlingException and 5xx are
 * retried with client-side rate limiting), time-outs so that a silent endpoint never hangs a
 * run, and our user agent. Endpoints come from the standard AWS_ENDPOINT_URL /
 * AWS_ENDPOINT_URL_<SERVICE> variables, which the SDK reads itself. Every error leaves with the
 * endpoint it was about, so a host that could not be reached can be named.
 */
import { CodeBuildClient } from '@aws-sdk/client-codebuild';
import { VERSION } from '../version.js';

export interface AwsClientOptions {
  readonly region: string;
  /** Total attempts per request, including retries. */
  readonly maxAttempts?: number;
  /** Time-out of one attempt; default 60 s (a Lambda function with a budget asks for less). */
  readonly requestTimeoutMs?: number;
}

const USER_AGENT: [string, string][] = [['buildbridge', VERSION]];

/**
 * The settings every client of this project shares. AWS_MAX_ATTEMPTS, when set, is the user's
 * choice and wins over our default (the SDK reads it only when no value is passed).
 */
export function clientSettings(options: AwsClientOptions) {
  return {
    region: options.region,
    retryMode: 'adaptive',
    ...(process.env.AWS_MAX_ATTEMPTS ? {} : { maxAttempts: options.maxAttempts ?? 4 }),
    customUserAgent: USER_AGENT,
    requestHandler: {
      connectionTimeout: Math.min(10_000, options.requestTimeoutMs ?? 10_000),
      requestTimeout: options.requestTimeoutMs ?? 60_000,
    },
  } as const;
}

/** Where an error's request went, as set by `withEndpointInErrors`. */
export function endpointOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const endpoint = (error as { $endpoint?: unknown }).$endpoint;
  return typeof endpoint === 'string' ? endpoint : undefined;
}

interface MiddlewareClient {
  middlewareStack: {
    add(
      middleware: (
        next: (args: { request: unknown }) => Promise<unknown>,
      ) => (args: { request: unknown }) => Promise<unknown>,
      options: { step: 'finalizeRequest'; priority: 'low'; name: string },
    ): void;
  };
}

/** Adds the request's endpoint (scheme, host, port) to every error a client throws. */
export function withEndpointInErrors<Client>(client: Client): Client {
  (client as unknown as MiddlewareClient).middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        const request = args.request as
          { protocol?: string; hostname?: string; port?: number } | undefined;
        if (typeof error === 'object' && error !== null && request?.hostname) {
          const port = request.port ? `:${request.port}` : '';
          Object.defineProperty(error, '$endpoint', {
            value: `${request.protocol ?? 'https:'}//${request.hostname}${port}`,
            enumerable: false,
            configurable: true,
          });
        }
        throw error;
      }
    },
    // Inside the retries, outside the deserializer: sees network errors and unreadable answers.
    { step: 'finalizeRequest', priority: 'low', name: 'buildbridgeEndpointInErrors' },
  );
  return client;
}

export function createCodeBuildClient(options: AwsClientOptions): CodeBuildClient {
  return withEndpointInErrors(new CodeBuildClient(clientSettings(options)));
}
