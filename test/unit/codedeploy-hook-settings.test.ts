import { describe, expect, it } from '@jest/globals';
import {
  HOOK_VARIABLES,
  parseHookSettings,
  printableUrl,
} from '../../src/codedeploy/hook-settings.js';
import { UserError } from '../../src/util/errors.js';

const URLS = { CHECK_URLS: 'https://app.example.com/health' };

function failure(env: Record<string, string>): UserError {
  try {
    parseHookSettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return error as UserError;
  }
  throw new Error('expected a UserError');
}

describe('parseHookSettings', () => {
  it('fills in the defaults: status 200, 3 attempts 2 s apart, 5 s per request', () => {
    const settings = parseHookSettings(URLS);
    expect(settings.url?.urls.map(String)).toEqual(['https://app.example.com/health']);
    expect(settings.url?.expectStatus).toEqual([200]);
    expect(settings.url?.bodyPattern).toBeUndefined();
    expect(settings).toMatchObject({ attempts: 3, pauseMs: 2000, timeoutMs: 5000 });
    expect(settings.invoke).toBeUndefined();
  });

  it('reads a list of URLs and statuses, spaces and empty items ignored', () => {
    const settings = parseHookSettings({
      CHECK_URLS: ' https://a.example.com/ , http://b.example.com:8080/ready ,',
      CHECK_EXPECT_STATUS: '200, 204,200',
      CHECK_BODY_PATTERN: '"status":\\s*"ok"',
      CHECK_ATTEMPTS: '5',
      CHECK_PAUSE_MS: '0',
      CHECK_TIMEOUT_MS: '1500',
    });
    expect(settings.url?.urls.map(String)).toEqual([
      'https://a.example.com/',
      'http://b.example.com:8080/ready',
    ]);
    expect(settings.url?.expectStatus).toEqual([200, 204]);
    expect(settings.url?.bodyPattern?.test('{"status": "ok"}')).toBe(true);
    expect(settings).toMatchObject({ attempts: 5, pauseMs: 0, timeoutMs: 1500 });
  });

  it('reads the invoke check with its payload and expected answer', () => {
    const settings = parseHookSettings({
      CHECK_INVOKE_FUNCTION: 'web',
      CHECK_INVOKE_PAYLOAD: '{"probe": true}',
      CHECK_INVOKE_EXPECT: 'ok',
    });
    expect(settings.invoke).toMatchObject({ functionName: 'web', payload: '{"probe": true}' });
    expect(settings.invoke?.expect?.source).toBe('ok');
    expect(parseHookSettings({ CHECK_INVOKE_FUNCTION: 'web' }).invoke?.payload).toBe('{}');
  });

  it.each([
    [
      'CHECK_ATTEMPTS',
      'abc',
      'CHECK_ATTEMPTS is "abc": it must be a whole number 1-20 (default 3).',
    ],
    ['CHECK_ATTEMPTS', '0', 'CHECK_ATTEMPTS is "0"'],
    ['CHECK_ATTEMPTS', '2.5', 'CHECK_ATTEMPTS is "2.5"'],
    ['CHECK_PAUSE_MS', '-1', 'CHECK_PAUSE_MS is "-1": it must be milliseconds 0-60000'],
    ['CHECK_TIMEOUT_MS', '5s', 'CHECK_TIMEOUT_MS is "5s": it must be milliseconds 100-900000'],
    [
      'CHECK_EXPECT_STATUS',
      '200,ok',
      'CHECK_EXPECT_STATUS is "200,ok": it must be comma-separated HTTP statuses 100-599',
    ],
    ['CHECK_EXPECT_STATUS', '600', 'CHECK_EXPECT_STATUS is "600"'],
    [
      'CHECK_BODY_PATTERN',
      '(',
      'CHECK_BODY_PATTERN is "(", which is not a JavaScript regular expression',
    ],
  ])(
    'refuses %s=%s, naming the variable, the value and what is accepted',
    (name, value, message) => {
      expect(failure({ ...URLS, [name]: value }).message).toContain(message);
    },
  );

  it('refuses URLs that are not http(s) URLs', () => {
    expect(failure({ CHECK_URLS: 'app.example.com/health' }).message).toBe(
      'CHECK_URLS has "app.example.com/health", which is not a URL: it must be comma-separated http(s) URLs to GET.',
    );
    expect(failure({ CHECK_URLS: 'ftp://files.example.com/' }).message).toContain('(ftp:)');
    expect(failure({ CHECK_URLS: ' , ' }).message).toContain('CHECK_URLS is ","');
  });

  it('refuses a bad invoke expectation pattern', () => {
    expect(failure({ CHECK_INVOKE_FUNCTION: 'web', CHECK_INVOKE_EXPECT: '[a-' }).message).toContain(
      'CHECK_INVOKE_EXPECT is "[a-"',
    );
  });

  it('says where a payload is not JSON without quoting it (it may hold a token)', () => {
    const message = failure({
      CHECK_INVOKE_FUNCTION: 'web',
      CHECK_INVOKE_PAYLOAD: '{"token": "s3cr3t-value"',
    }).message;
    expect(message).toContain(
      'CHECK_INVOKE_PAYLOAD (24 characters, not shown) is not a JSON document',
    );
    expect(message).not.toContain('s3cr3t');
  });

  it('treats no check at all as bad configuration, not as a pass', () => {
    expect(failure({}).message).toContain('No check is configured: set CHECK_URLS');
    expect(failure({ CHECK_URLS: '  ', CHECK_INVOKE_FUNCTION: '' }).message).toContain(
      'No check is configured',
    );
  });

  it('refuses options of a check that is not configured', () => {
    expect(failure({ CHECK_BODY_PATTERN: 'ok' }).message).toContain('CHECK_URLS is not');
    expect(failure({ ...URLS, CHECK_INVOKE_PAYLOAD: '{}' }).message).toContain(
      'CHECK_INVOKE_FUNCTION is not',
    );
  });

  it('accepts empty values as unset (what a template leaves for a default)', () => {
    const env = Object.fromEntries(Object.keys(HOOK_VARIABLES).map((name) => [name, '']));
    expect(parseHookSettings({ ...env, ...URLS })).toMatchObject({ attempts: 3, timeoutMs: 5000 });
  });
});

describe('printableUrl', () => {
  it('hides a password in a URL', () => {
    expect(printableUrl(new URL('https://probe:hunter2@app.example.com/health'))).toBe(
      'https://probe:***@app.example.com/health',
    );
    expect(printableUrl(new URL('https://app.example.com/health'))).toBe(
      'https://app.example.com/health',
    );
  });

  it('hides the values of the query too: tokens and signatures travel there', () => {
    expect(
      printableUrl(new URL('https://app.example.com/health?token=s3cr3t&deep=1&token=again')),
    ).toBe('https://app.example.com/health?token=***&deep=***');
  });
});
