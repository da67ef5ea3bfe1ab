/**
 * Virtual time for waiting logic: a Clock whose sleep() moves time forward at once, and AWS SDK
 * clients whose requests are answered in-process by a script of the same time. The real SDK
 * still serialises and parses every request, but no wall-clock second passes.
 */
import { Readable } from 'node:stream';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { CodeBuildClient } from '@aws-sdk/client-codebuild';
import type { Clock } from '../../src/util/clock.js';

export class VirtualClock implements Clock {
  constructor(public time = 0) {}
  now(): number {
    return this.time;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (!signal?.aborted) this.time += Math.max(0, ms);
  }
}

export interface ScriptedCall {
  readonly operation: string;
  readonly at: number;
  readonly body: Record<string, unknown>;
}

/** Answers an operation's JSON body with a JSON result (or throws an AWS-style error name). */
export type Answer = (operation: string, body: Record<string, unknown>) => unknown;

export function scriptedClients(clock: VirtualClock, answer: Answer) {
  const calls: ScriptedCall[] = [];
  const requestHandler = {
    handle: async (request: { headers: Record<string, string>; body?: string }) => {
      const operation = (request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      const body = JSON.parse(request.body ?? '{}') as Record<string, unknown>;
      calls.push({ operation, at: clock.now(), body });
      let status = 200;
      let payload: unknown;
      try {
        payload = answer(operation, body);
      } catch (error) {
        status = 400;
        payload = { __type: (error as Error).name, message: (error as Error).message };
      }
      return {
        response: {
          statusCode: status,
          headers: { 'content-type': 'application/x-amz-json-1.1' },
          body: Readable.from([Buffer.from(JSON.stringify(payload))]),
        },
      };
    },
  };
  const common = {
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    requestHandler,
    maxAttempts: 1,
  };
  return {
    calls,
    codebuild: new CodeBuildClient(common),
    logs: new CloudWatchLogsClient(common),
  };
}

/** An AWS error for `answer` to throw: the SDK maps it by name. */
export function awsError(name: string, message = name): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}
