import { describe, expect, it } from '@jest/globals';
import { bareFunctionName, targetVersionOf } from '../../src/codedeploy/hook-target-version.js';

const yamlAppSpec = `version: 0.0
Resources:
  - api:
      Type: AWS::Lambda::Function
      Properties: { Name: api, Alias: live, CurrentVersion: "3", TargetVersion: "4" }
  - web:
      Type: AWS::Lambda::Function
      Properties:
        Name: arn:aws:lambda:us-east-1:123456789012:function:web
        Alias: live
        CurrentVersion: 6
        TargetVersion: 7
Hooks:
  - BeforeAllowTraffic: CodeDeployHook_web
`;

describe('targetVersionOf', () => {
  it('reads TargetVersion of the resource named like the function from a YAML AppSpec', () => {
    const deployment = {
      computePlatform: 'Lambda',
      revision: { revisionType: 'AppSpecContent', appSpecContent: { content: yamlAppSpec } },
    };
    expect(targetVersionOf(deployment, 'web')).toEqual({
      kind: 'found',
      version: '7',
      resource: 'web',
    });
    expect(
      targetVersionOf(deployment, 'arn:aws:lambda:us-east-1:123456789012:function:api'),
    ).toEqual({
      kind: 'found',
      version: '4',
      resource: 'api',
    });
    // A function the AppSpec does not name: not another function's version.
    expect(targetVersionOf(deployment, 'other')).toMatchObject({
      kind: 'missing',
      reason: "the deployment's AppSpec has no AWS::Lambda::Function resource named other",
    });
  });

  it('reads a JSON AppSpec given as a String revision', () => {
    const content = JSON.stringify({
      version: 0.0,
      Resources: [
        { fn: { Type: 'AWS::Lambda::Function', Properties: { Name: 'fn', TargetVersion: '12' } } },
      ],
    });
    expect(
      targetVersionOf({ revision: { revisionType: 'String', string: { content } } }, 'fn'),
    ).toMatchObject({ kind: 'found', version: '12' });
  });

  it('says why there is no version: an S3 revision, no Lambda resource, no TargetVersion', () => {
    expect(targetVersionOf({ revision: { revisionType: 'S3' } }, 'fn')).toMatchObject({
      kind: 'missing',
      reason: expect.stringContaining('revision is S3'),
    });
    const noLambda = { revisionType: 'String', string: { content: 'Resources: []' } };
    expect(targetVersionOf({ revision: noLambda }, 'fn')).toMatchObject({
      reason: expect.stringContaining('no AWS::Lambda::Function resource'),
    });
    const noTarget = {
      revisionType: 'String',
      string: {
        content: 'Resources:\n  - fn: { Type: AWS::Lambda::Function, Properties: { Name: fn } }',
      },
    };
    expect(targetVersionOf({ revision: noTarget }, 'fn')).toMatchObject({
      reason: 'the AppSpec resource fn has no Properties.TargetVersion',
    });
    const broken = { revisionType: 'String', string: { content: 'Resources: [' } };
    expect(targetVersionOf({ revision: broken }, 'fn')).toMatchObject({
      reason: expect.stringContaining('neither JSON nor YAML'),
    });
  });
});

describe('bareFunctionName', () => {
  it.each([
    ['web', 'web'],
    ['web:7', 'web'],
    ['123456789012:function:web', 'web'],
    ['arn:aws:lambda:us-east-1:123456789012:function:web:live', 'web'],
  ])('%s is %s', (input, bare) => expect(bareFunctionName(input)).toBe(bare));
});
