import { parseEnvVars } from '../../src/codebuild/env-vars.js';

describe('env-vars', () => {
  it('reads NAME=value lines as plaintext variables, keeping = and spaces in values', () => {
    expect(parseEnvVars('STAGE=test\nQUERY=a=b c\n', 'input "env-vars"')).toEqual([
      { name: 'STAGE', value: 'test', type: 'PLAINTEXT' },
      { name: 'QUERY', value: 'a=b c', type: 'PLAINTEXT' },
    ]);
  });

  it('selects parameter-store and secrets-manager types from the value prefix', () => {
    expect(
      parseEnvVars('DB=parameter-store:/ci/db\nPW=secrets-manager:prod/db:password', 'x'),
    ).toEqual([
      { name: 'DB', value: '/ci/db', type: 'PARAMETER_STORE' },
      { name: 'PW', value: 'prod/db:password', type: 'SECRETS_MANAGER' },
    ]);
  });

  it('skips blank lines and comments, and a later line wins over an earlier one', () => {
    expect(parseEnvVars('\n# comment\nA=1\nA=2\n', 'x')).toEqual([
      { name: 'A', value: '2', type: 'PLAINTEXT' },
    ]);
  });

  it('quotes a line without = and says what is accepted', () => {
    expect(() => parseEnvVars('A=1\nJUSTANAME', 'input "env-vars"')).toThrow(
      'input "env-vars" line 2 "JUSTANAME" is not NAME=value. Write one variable per line, e.g. STAGE=test.',
    );
  });

  it('refuses invalid names and reserved CODEBUILD_ names', () => {
    expect(() => parseEnvVars('1BAD=x', 'x')).toThrow('"1BAD" is not a valid variable name');
    expect(() => parseEnvVars('CODEBUILD_X=1', 'x')).toThrow('reserves');
  });

  it('refuses a parameter-store reference without a name', () => {
    expect(() => parseEnvVars('DB=parameter-store:', 'x')).toThrow('needs a parameter name');
  });

  it('does not repeat a value in the error for a bad name', () => {
    expect(() => parseEnvVars('BAD-NAME=hunter2secret', 'x')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2secret') }),
    );
  });
});
