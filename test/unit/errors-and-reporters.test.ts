import { isTransient, explainAwsError } from '../../src/aws/aws-errors.js';
import { DeferredReporter, type CommitStatus } from '../../src/status/commit-status.js';
import { ForcedExitCleanups } from '../../src/util/cleanup.js';
import { isUserError } from '../../src/util/errors.js';
import { noAnswerReason } from '../../src/util/network-errors.js';
import { refuseUntrustedHead, untrustedHead } from '../../src/github/event.js';

function sdkError(name: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`${name} happened`), { name, $metadata: {}, ...extra });
}

describe('AWS errors', () => {
  it.each([
    ['ThrottlingException', {}, true],
    ['TooManyRequestsException', {}, true],
    ['InternalFailure', { $metadata: { httpStatusCode: 500 } }, true],
    ['ServiceUnavailableException', { $metadata: { httpStatusCode: 503 } }, true],
    ['TimeoutError', {}, true],
    ['Error', { code: 'ECONNRESET' }, true],
    ['AccessDeniedException', { $metadata: { httpStatusCode: 400 } }, false],
    ['ResourceNotFoundException', { $metadata: { httpStatusCode: 400 } }, false],
  ])(
    'classifies %s %j as transient: %s (the SDK’s own classification)',
    (name, extra, expected) => {
      expect(isTransient(sdkError(name, extra))).toBe(expected);
    },
  );

  it('names the unreachable endpoint and what to check, as a user error', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
    });
    Object.defineProperty(refused, '$endpoint', {
      value: 'https://codebuild.eu-west-1.amazonaws.com',
    });
    const explained = explainAwsError(refused, {
      action: 'codebuild:BatchGetBuilds',
      region: 'eu-west-1',
      subject: 'build web:1',
    });
    expect(isUserError(explained)).toBe(true);
    expect(explained.message).toBe(
      'Could not reach AWS CodeBuild at https://codebuild.eu-west-1.amazonaws.com for codebuild:BatchGetBuilds (the connection was refused, ECONNREFUSED). Check the network (a proxy or firewall), the region (eu-west-1) and, if set, AWS_ENDPOINT_URL.',
    );
  });

  it('finds the reason a request got no answer in the error or its causes', () => {
    const dns = new TypeError('fetch failed', {
      cause: Object.assign(new Error('getaddrinfo ENOTFOUND api.github.example'), {
        code: 'ENOTFOUND',
      }),
    });
    expect(noAnswerReason(dns)).toBe('the host name does not resolve (DNS), ENOTFOUND');
    expect(noAnswerReason(Object.assign(new Error('x'), { name: 'TimeoutError' }))).toBe(
      'no answer in time',
    );
    expect(noAnswerReason(Object.assign(new Error('x'), { status: 500 }))).toBeUndefined();
  });
});

describe('the fork guard', () => {
  const event = (name: string, payload: Record<string, unknown>) => ({ name, payload });

  it('treats a fork head on pull_request_target and workflow_run as untrusted, and a deleted fork too', () => {
    const pr = (head: unknown) =>
      event('pull_request_target', {
        pull_request: { head: { sha: 'a', repo: head }, base: { repo: { full_name: 'octo/app' } } },
      });
    expect(untrustedHead(pr({ full_name: 'evil/app' }))).toEqual({
      event: 'pull_request_target',
      fork: 'evil/app',
    });
    expect(untrustedHead(pr({ full_name: 'octo/app' }))).toBeUndefined();
    expect(untrustedHead(pr(null))?.fork).toMatch(/a fork that no longer exists/);
    const run = (head: string) =>
      event('workflow_run', {
        workflow_run: { head_sha: 'b', head_repository: { full_name: head } },
        repository: { full_name: 'octo/app' },
      });
    expect(untrustedHead(run('evil/app'))).toEqual({ event: 'workflow_run', fork: 'evil/app' });
    expect(untrustedHead(run('octo/app'))).toBeUndefined();
    expect(untrustedHead(event('pull_request', { pull_request: {} }))).toBeUndefined();
  });

  it('refuses unless allowed, saying how to allow it in the front end’s words', () => {
    const head = { event: 'workflow_run', fork: 'evil/app' } as const;
    const guard = {
      allowForks: false,
      howToAllow: 'pass --allow-forks',
      runsWith: 'this runner',
      verb: 'run',
    } as const;
    expect(() => refuseUntrustedHead(head, guard)).toThrow(
      'Refusing to run code from the fork evil/app on workflow_run: it would run untrusted code with this runner. Skip runs whose head is a fork (compare github.event.workflow_run.head_repository with the repository), or pass --allow-forks once that is safe for untrusted code.',
    );
    expect(() => refuseUntrustedHead(head, { ...guard, allowForks: true })).not.toThrow();
    expect(() => refuseUntrustedHead(undefined, guard)).not.toThrow();
  });

  it('fails closed on pull_request_target and workflow_run when the payload does not show the head', () => {
    expect(untrustedHead(event('pull_request_target', {}))?.fork).toMatch(
      /GITHUB_EVENT_PATH is missing or unreadable/,
    );
    expect(
      untrustedHead(
        event('pull_request_target', { pull_request: { head: { repo: { full_name: 'a/b' } } } }),
      )?.fork,
    ).toMatch(/does not name/);
  });
});

describe('DeferredReporter', () => {
  const status = (description: string): CommitStatus => ({
    state: 'pending',
    name: 'ctx',
    url: undefined,
    description,
  });

  it('loads the reporter once, on the first status, and keeps the order of reports', async () => {
    const posted: string[] = [];
    let loads = 0;
    const reporter = new DeferredReporter(
      'test',
      async () => {
        loads++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return { target: 'test', report: async (s) => void posted.push(s.description) };
      },
      () => undefined,
    );
    expect(loads).toBe(0);
    await Promise.all([reporter.report(status('one')), reporter.report(status('two'))]);
    await reporter.report(status('three'));
    expect(loads).toBe(1);
    expect(posted).toEqual(['one', 'two', 'three']);
  });

  it('turns a reporter that cannot load into one warning, never a thrown error', async () => {
    const warnings: unknown[] = [];
    const reporter = new DeferredReporter(
      'test',
      () => Promise.reject(new Error('no chunk')),
      (error) => warnings.push(error),
    );
    await expect(reporter.report(status('one'))).resolves.toBeUndefined();
    await expect(reporter.report(status('two'))).resolves.toBeUndefined();
    expect(warnings).toHaveLength(1);
  });
});

describe('ForcedExitCleanups', () => {
  it('runs every registered clean-up once, even after one throws, and not the ones taken back', () => {
    const cleanups = new ForcedExitCleanups();
    const ran: string[] = [];
    cleanups.register(() => {
      ran.push('a');
      throw new Error('a failed');
    });
    const unregister = cleanups.register(() => ran.push('b'));
    cleanups.register(() => ran.push('c'));
    unregister();
    cleanups.runAll();
    cleanups.runAll();
    expect(ran).toEqual(['a', 'c']);
  });
});
