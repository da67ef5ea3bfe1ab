/**
 * templates/codedeploy-hook.yml: parses as YAML with CloudFormation's short tags, deploys the
 * bundled hook on nodejs24.x under the CodeDeployHook_ prefix, passes every variable the hook
 * reads (and no other), and grants only what the hook calls.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { HOOK_VARIABLES } from '../../src/codedeploy/hook-settings.js';
import { readTemplate, type Json } from '../helpers/cloudformation-yaml.js';
import { ROOT } from '../helpers/run-bundle.js';

const FILE = join(ROOT, 'templates/codedeploy-hook.yml');

const template = readTemplate(FILE);
const fn = template.Resources.HookFunction;

describe('templates/codedeploy-hook.yml', () => {
  it('is a SAM template for the bundled hook on nodejs24.x, arm64', () => {
    expect(template.Transform).toBe('AWS::Serverless-2016-10-31');
    expect(fn.Type).toBe('AWS::Serverless::Function');
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      Timeout: { Ref: 'TimeoutSeconds' },
    });
    const code = join(dirname(FILE), fn.Properties.CodeUri);
    expect(existsSync(join(code, 'index.js'))).toBe(true);
    expect(JSON.parse(readFileSync(join(code, 'package.json'), 'utf8')).type).toBe('module');
  });

  it('names the function CodeDeployHook_<suffix>', () => {
    expect(fn.Properties.FunctionName).toEqual({ 'Fn::Sub': 'CodeDeployHook_${NameSuffix}' });
    expect(template.Parameters.NameSuffix.Type).toBe('String');
  });

  it('sets exactly the variables the hook reads, each from a parameter that exists', () => {
    const variables = fn.Properties.Environment.Variables as Record<string, { Ref: string }>;
    expect(Object.keys(variables).sort()).toEqual(Object.keys(HOOK_VARIABLES).sort());
    for (const value of Object.values(variables))
      expect(template.Parameters[value.Ref]).toBeDefined();
    expect(template.Parameters.CheckInvokePayload.NoEcho).toBe(true);
  });

  it('grants the report and GetDeployment on the deployment group, and Invoke only when configured', () => {
    const [policy] = fn.Properties.Policies as Json[];
    const [codedeploy, invoke] = policy!.Statement as Json[];
    expect([...(codedeploy!.Action as string[])].sort()).toEqual([
      'codedeploy:GetDeployment',
      'codedeploy:PutLifecycleEventHookExecutionStatus',
    ]);
    expect(codedeploy!.Resource['Fn::Sub']).toContain(
      ':deploymentgroup:${ApplicationName}/${DeploymentGroupName}',
    );
    const [condition, statement, otherwise] = invoke!['Fn::If'];
    expect(condition).toBe('HasInvokeFunction');
    expect(statement.Action).toBe('lambda:InvokeFunction');
    expect((statement.Resource as Json[]).map((r) => r['Fn::Sub'] as string)).toEqual([
      expect.stringMatching(/:function:\$\{CheckInvokeFunction\}$/),
      expect.stringMatching(/:function:\$\{CheckInvokeFunction\}:\*$/),
    ]);
    expect(otherwise).toEqual({ Ref: 'AWS::NoValue' });
    expect(template.Conditions.HasInvokeFunction).toEqual({
      'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'CheckInvokeFunction' }, ''] }],
    });
  });

  it('every !Ref names a parameter, a resource or a pseudo parameter', () => {
    const known = new Set([
      ...Object.keys(template.Parameters),
      ...Object.keys(template.Resources),
      'AWS::NoValue',
      'AWS::Region',
      'AWS::AccountId',
      'AWS::Partition',
    ]);
    const refs: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object')
        for (const [key, value] of Object.entries(node)) {
          if (key === 'Ref') refs.push(value as string);
          walk(value);
        }
    };
    walk(template);
    expect(refs.filter((ref) => !known.has(ref))).toEqual([]);
  });
});
