/**
 * The mirror's credentials: which value of a secret is the credential, one read per secret per
 * cold start (a failure not kept), and every value masked in the logger's output.
 */
import { describe, expect, it } from '@jest/globals';
import { Credentials, credentialIn, type SecretReader } from '../../src/mirror/credentials.js';
import type { SecretSource } from '../../src/mirror/mirror-settings.js';
import { ConsoleLogger } from '../../src/util/console-logger.js';
import { UserError } from '../../src/util/errors.js';

const FROM_SECRET: SecretSource = {
  from: 'secret',
  variable: 'GITHUB_TOKEN_SECRET',
  secretId: 'mirror/github',
};

function capturedLogger(): { logger: ConsoleLogger; output: string[] } {
  const output: string[] = [];
  const logger = new ConsoleLogger({ out: (t) => output.push(t), err: (t) => output.push(t) });
  return { logger, output };
}

/** Secrets Manager as a map; records each read; `failures` reads of an id fail first. */
function secrets(values: Record<string, string>, failures: Record<string, number> = {}) {
  const reads: string[] = [];
  const reader: SecretReader = {
    read(secretId) {
      reads.push(secretId);
      if ((failures[secretId] ?? 0) > 0) {
        failures[secretId]! -= 1;
        return Promise.reject(new UserError(`cannot read ${secretId}`));
      }
      const value = values[secretId];
      return value === undefined
        ? Promise.reject(new UserError(`no secret ${secretId}`))
        : Promise.resolve(value);
    },
  };
  return { reader, reads };
}

describe('credentialIn', () => {
  it('takes plain text as the credential, trimmed', () => {
    expect(credentialIn('  ghp_plainToken\n', FROM_SECRET)).toBe('ghp_plainToken');
  });

  it("takes a JSON object's only string value, whatever its key", () => {
    expect(credentialIn('{"GITHUB_TOKEN": " ghp_one "}', FROM_SECRET)).toBe('ghp_one');
    expect(credentialIn('{"n": 1, "value": "ghp_one"}', FROM_SECRET)).toBe('ghp_one');
  });

  it('takes the value under a credential key when there are several', () => {
    expect(credentialIn('{"user": "bot", "token": "ghp_t"}', FROM_SECRET)).toBe('ghp_t');
    expect(credentialIn('{"appId": "1", "privateKey": "PEM"}', FROM_SECRET)).toBe('PEM');
    expect(credentialIn('{"appId": "1", "private_key": "PEM"}', FROM_SECRET)).toBe('PEM');
    expect(credentialIn('{"username": "me", "password": "pw"}', FROM_SECRET)).toBe('pw');
  });

  it('refuses several unknown keys, naming the secret and the keys but no value', () => {
    const text = '{"user": "bot-user", "secret": "ghp_doNotShow", "note": "shh-value"}';
    let message = '';
    try {
      credentialIn(text, FROM_SECRET);
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      message = (error as Error).message;
    }
    expect(message).toContain('"mirror/github" (GITHUB_TOKEN_SECRET)');
    expect(message).toContain('keys user, secret, note');
    for (const value of ['bot-user', 'ghp_doNotShow', 'shh-value'])
      expect(message).not.toContain(value);
  });

  it('refuses an object without a string value, or with an empty credential', () => {
    expect(() => credentialIn('{}', FROM_SECRET)).toThrow('keys (none)');
    expect(() => credentialIn('{"id": 5}', FROM_SECRET)).toThrow('keys id');
    expect(() => credentialIn('{"token": "  "}', FROM_SECRET)).toThrow(UserError);
  });

  it('takes JSON that is not an object, or not JSON at all, as the text itself', () => {
    expect(credentialIn('["a", "b"]', FROM_SECRET)).toBe('["a", "b"]');
    expect(credentialIn('"quoted"', FROM_SECRET)).toBe('"quoted"');
    expect(credentialIn('{not json', FROM_SECRET)).toBe('{not json');
  });
});

describe('Credentials', () => {
  it('returns a variable as it is and masks it', async () => {
    const { logger, output } = capturedLogger();
    const credentials = new Credentials(secrets({}).reader, logger);
    const source: SecretSource = {
      from: 'variable',
      variable: 'GITHUB_TOKEN',
      value: 'ghp_fromEnv',
    };
    expect(await credentials.value(source)).toBe('ghp_fromEnv');
    logger.info('token ghp_fromEnv');
    expect(output).toEqual(['token ***\n']);
  });

  it('reads each secret once across calls, concurrent ones included', async () => {
    const { reader, reads } = secrets({ 'mirror/github': 'ghp_once', other: 'ghp_two' });
    const credentials = new Credentials(reader, capturedLogger().logger);
    const values = await Promise.all([
      credentials.value(FROM_SECRET),
      credentials.value(FROM_SECRET),
    ]);
    expect(values).toEqual(['ghp_once', 'ghp_once']);
    expect(await credentials.value(FROM_SECRET)).toBe('ghp_once');
    expect(await credentials.value({ ...FROM_SECRET, secretId: 'other' })).toBe('ghp_two');
    expect(reads).toEqual(['mirror/github', 'other']);
  });

  it('does not keep a failed read: the next call reads again', async () => {
    const { reader, reads } = secrets({ 'mirror/github': 'ghp_later' }, { 'mirror/github': 1 });
    const credentials = new Credentials(reader, capturedLogger().logger);
    await expect(credentials.value(FROM_SECRET)).rejects.toThrow('cannot read mirror/github');
    expect(await credentials.value(FROM_SECRET)).toBe('ghp_later');
    expect(reads).toEqual(['mirror/github', 'mirror/github']);
  });

  it('does not keep a secret whose JSON holds no credential', async () => {
    const { reader, reads } = secrets({ 'mirror/github': '{"a": "x1x1", "b": "y2y2"}' });
    const credentials = new Credentials(reader, capturedLogger().logger);
    await expect(credentials.value(FROM_SECRET)).rejects.toThrow(UserError);
    await expect(credentials.value(FROM_SECRET)).rejects.toThrow(UserError);
    expect(reads).toHaveLength(2);
  });

  it('masks the credential and the whole JSON text it came in', async () => {
    const text = '{"user": "bot", "token": "ghp_inJson"}';
    const { logger, output } = capturedLogger();
    const credentials = new Credentials(secrets({ 'mirror/github': text }).reader, logger);
    expect(await credentials.value(FROM_SECRET)).toBe('ghp_inJson');
    expect(logger.redact('Authorization: token ghp_inJson')).toBe('Authorization: token ***');
    expect(logger.redact(`secret: ${text}`)).not.toContain('ghp_inJson');
    logger.warn('GitHub refused ghp_inJson');
    expect(output.join('')).not.toContain('ghp_inJson');
  });
});
