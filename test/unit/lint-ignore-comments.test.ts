import { findings } from './lint-test-helpers.js';

const base = 'version: 0.2\nphases:\n  build:\n    commands:\n';

describe('buildbridge-lint-ignore comments', () => {
  it('silences the named rule on its own line', () => {
    expect(
      findings(
        'buildspec/bash-syntax',
        `${base}      - source env.sh  # buildbridge-lint-ignore buildspec/bash-syntax\n`,
      ),
    ).toEqual([]);
  });

  it('silences the next line when it stands alone', () => {
    expect(
      findings(
        'buildspec/bash-syntax',
        `${base}      # buildbridge-lint-ignore\n      - source env.sh\n`,
      ),
    ).toEqual([]);
  });

  it('leaves other rules and other lines alone', () => {
    const text = `${base}      - source a.sh  # buildbridge-lint-ignore buildspec/yaml-number\n    finally:\n      - source b.sh\n`;
    expect(findings('buildspec/bash-syntax', text).map((f) => f.line)).toEqual([5, 7]);
  });
});

describe('buildbridge-lint-ignore reasons', () => {
  it('reads the rule ids before a free-text reason', () => {
    const text = `${base}      - source a.sh  # buildbridge-lint-ignore buildspec/bash-syntax (sh is bash on Amazon Linux)\n`;
    expect(findings('buildspec/bash-syntax', text)).toEqual([]);
    expect(
      findings(
        'buildspec/bash-syntax',
        text.replace('buildspec/bash-syntax', 'buildspec/yaml-number'),
      ),
    ).toHaveLength(1);
  });
});
