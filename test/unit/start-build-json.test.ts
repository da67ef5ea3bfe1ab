import { parseStartBuildJson } from '../../src/codebuild/start-build-json.js';

describe('start-build-json', () => {
  it('returns an empty object when not given', () => {
    expect(parseStartBuildJson(undefined, 'x')).toEqual({});
  });

  it('accepts StartBuild fields', () => {
    expect(
      parseStartBuildJson('{"timeoutInMinutesOverride": 30, "privilegedModeOverride": true}', 'x'),
    ).toEqual({
      timeoutInMinutesOverride: 30,
      privilegedModeOverride: true,
    });
  });

  it("takes a batch's fields for StartBuildBatch, under their batch names", () => {
    expect(
      parseStartBuildJson(
        '{"timeoutInMinutesOverride": 30, "reportBuildStatusOverride": true, "buildBatchConfigOverride": {"combineArtifacts": true}}',
        'x',
        'StartBuildBatch',
      ),
    ).toEqual({
      buildTimeoutInMinutesOverride: 30,
      reportBuildBatchStatusOverride: true,
      buildBatchConfigOverride: { combineArtifacts: true },
    });
    expect(() => parseStartBuildJson('{"fleetOverride": {}}', 'x', 'StartBuildBatch')).toThrow(
      'x has the field "fleetOverride", which StartBuildBatch does not take (a batch build does not have it).',
    );
    expect(() => parseStartBuildJson('{"buildBatchConfigOverride": {}}', 'x')).toThrow(
      'x has the field "buildBatchConfigOverride", which StartBuild does not take.',
    );
  });

  it('says where invalid JSON breaks, by line and column', () => {
    expect(() =>
      parseStartBuildJson('{\n  "timeoutInMinutesOverride": 30,\n}', 'input "start-build-json"'),
    ).toThrow(/input "start-build-json" is not valid JSON: .* at line 3, column 1\./);
    expect(() => parseStartBuildJson('{"a": }', 'x')).toThrow(/at line 1, column 7/);
  });

  it('refuses non-objects', () => {
    expect(() => parseStartBuildJson('[1]', 'x')).toThrow('must be a JSON object');
    expect(() => parseStartBuildJson('"text"', 'x')).toThrow('must be a JSON object');
  });

  it('names an unknown field and lists the accepted ones', () => {
    expect(() => parseStartBuildJson('{"timeoutInMinutes": 5}', 'x')).toThrow(
      /field "timeoutInMinutes", which StartBuild does not take\. Fields it takes: projectName, .*timeoutInMinutesOverride/,
    );
  });
});
