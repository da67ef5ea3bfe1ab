/** lint and run-build --local say the same about `DEPLOY: yes`, and the local run keeps "yes". */
import { parseBuildspec } from '../../src/buildspec/model.js';
import { findings, yaml } from './lint-test-helpers.js';

const BUILDSPEC = yaml`
  version: 0.2
  env:
    variables:
      DEPLOY: yes
      QUOTED: 'no'
  phases:
    build:
      commands:
        - echo $DEPLOY
`;

describe('an unquoted yes in env.variables', () => {
  it('gets the same warning from lint and from a local run, which keeps the text', () => {
    const [finding] = findings('buildspec/yaml-boolean', BUILDSPEC);
    const parsed = parseBuildspec(BUILDSPEC, 'buildspec.yml');
    expect(finding?.severity).toBe('warning');
    expect(parsed.warnings).toEqual([`buildspec.yml:4:13: ${finding!.message}`]);
    expect(parsed.buildspec.env.variables).toMatchObject({ DEPLOY: 'yes', QUOTED: 'no' });
    expect(finding!.message).toContain("Quote it to be sure: DEPLOY: 'yes'");
  });
});
